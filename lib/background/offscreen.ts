import type { Browser, WxtBrowser } from 'wxt/browser';
import type { ExtractedText } from '../analysis/extract';
import { askOffscreen } from '../messaging/client';
import { extractHtml } from './extract-html';

const OFFSCREEN_PATH = '/offscreen.html';

/**
 * HTML extraction for the background: directly where DOMParser exists (Firefox's background page),
 * else through Chrome's offscreen document, created on first use.
 */
export function createHtmlExtractor(browser: WxtBrowser) {
  let creating: Promise<void> | null = null;
  const ensureOffscreen = async () => {
    const offscreen = browser.offscreen;
    const contexts = await browser.runtime.getContexts({
      contextTypes: ['OFFSCREEN_DOCUMENT' as Browser.runtime.ContextType],
    });
    if (contexts.length > 0) return;
    creating ??= offscreen
      .createDocument({
        url: OFFSCREEN_PATH,
        reasons: ['DOM_PARSER' as Browser.offscreen.Reason],
        justification: 'Parse watched policy pages to compare them with the last version read.',
      })
      .finally(() => {
        creating = null;
      });
    await creating;
  };
  return async (html: string, url: string): Promise<ExtractedText> => {
    if (typeof DOMParser === 'function') return extractHtml(html);
    await ensureOffscreen();
    return askOffscreen({ type: 'offscreen/extract', html, url });
  };
}
