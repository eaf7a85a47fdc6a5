import type { BackgroundRequestType, BackgroundResponses, Reply, RequestOf } from './protocol';

// Type-only imports, and no `wxt/browser`: the always-injected sentinel uses this file. Touching
// `browser`/`chrome.runtime` sets up the extension-API bindings in the page (about half a
// millisecond of its main thread), so the sentinel resolves the runtime only when it has something
// to send.

export class MessageError extends Error {}

/** The part of the extension runtime the sentinel uses. */
export interface ExtensionRuntime {
  id?: string;
  sendMessage(message: unknown): Promise<unknown>;
  getURL(path: string): string;
}

/**
 * The runtime of this extension, resolved now (not at import), the way `wxt/browser` picks it;
 * null once the extension was updated, reloaded or removed under a still-open page.
 */
export function currentRuntime(): ExtensionRuntime | null {
  const scope = globalThis as {
    browser?: { runtime?: ExtensionRuntime };
    chrome?: { runtime?: ExtensionRuntime };
  };
  const runtime = scope.browser?.runtime?.id ? scope.browser.runtime : scope.chrome?.runtime;
  return runtime?.id ? runtime : null;
}

export function unwrap<T>(reply: Reply<T> | undefined, what: string): T {
  if (!reply || typeof reply !== 'object' || !('ok' in reply)) {
    throw new MessageError(`${what}: no answer`);
  }
  if (!reply.ok) throw new MessageError(`${what}: ${reply.error}`);
  return reply.data;
}

export async function requestBackground<T extends BackgroundRequestType>(
  runtime: Pick<ExtensionRuntime, 'sendMessage'>,
  request: RequestOf<T>,
): Promise<BackgroundResponses[T]> {
  const reply = (await runtime.sendMessage(request)) as Reply<BackgroundResponses[T]> | undefined;
  return unwrap(reply, request.type);
}
