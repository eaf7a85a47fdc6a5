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

import { requestBackground, unwrap } from './runtime';

export async function askBackground<T extends BackgroundRequestType>(
  request: RequestOf<T>,
): Promise<BackgroundResponses[T]> {
  return requestBackground(browser.runtime, request);
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
