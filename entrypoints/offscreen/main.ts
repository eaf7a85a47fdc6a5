import { browser } from 'wxt/browser';
import { extractHtml } from '@/lib/background/extract-html';
import { createMessageHandler } from '@/lib/messaging/handler';
import {
  type OffscreenRequest,
  type OffscreenResponses,
  offscreenRequestSchema,
} from '@/lib/messaging/protocol';

// Chrome's offscreen document: the one place the extension's service worker can get a DOMParser.
const handle = createMessageHandler<OffscreenRequest, OffscreenResponses, unknown>(
  offscreenRequestSchema,
  { 'offscreen/extract': ({ html }) => extractHtml(html) },
  () => {},
);

browser.runtime.onMessage.addListener((message, _sender, sendResponse) => {
  if (!offscreenRequestSchema.safeParse(message).success) return false;
  void handle(message, _sender).then(sendResponse);
  return true;
});
