import { browser } from 'wxt/browser';
import type {
  BackgroundRequestType,
  BackgroundResponses,
  OffscreenRequest,
  OffscreenResponses,
  Reply,
  RequestOf,
  TabRequest,
  TabRequestOf,
  TabResponses,
} from './protocol';

// Type-only imports: the always-injected content script uses this file and must not pull zod in.

export class MessageError extends Error {}

function unwrap<T>(reply: Reply<T> | undefined, what: string): T {
  if (!reply || typeof reply !== 'object' || !('ok' in reply)) {
    throw new MessageError(`${what}: no answer`);
  }
  if (!reply.ok) throw new MessageError(`${what}: ${reply.error}`);
  return reply.data;
}

export async function askBackground<T extends BackgroundRequestType>(
  request: RequestOf<T>,
): Promise<BackgroundResponses[T]> {
  const reply = (await browser.runtime.sendMessage(request)) as
    | Reply<BackgroundResponses[T]>
    | undefined;
  return unwrap(reply, request.type);
}

export async function askTab<T extends TabRequest['type']>(
  tabId: number,
  request: TabRequestOf<T>,
): Promise<TabResponses[T]> {
  const reply = (await browser.tabs.sendMessage(tabId, request)) as
    | Reply<TabResponses[T]>
    | undefined;
  return unwrap(reply, request.type);
}

export async function askOffscreen<T extends OffscreenRequest['type']>(
  request: Extract<OffscreenRequest, { type: T }>,
): Promise<OffscreenResponses[T]> {
  const reply = (await browser.runtime.sendMessage(request)) as
    | Reply<OffscreenResponses[T]>
    | undefined;
  return unwrap(reply, request.type);
}
