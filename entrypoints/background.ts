import { browser } from 'wxt/browser';
import { startBackground } from '@/lib/background';
import { createHtmlExtractor } from '@/lib/background/offscreen';
import { openDb } from '@/lib/db/schema';

export default defineBackground(() => {
  startBackground({ browser, db: openDb(), extractHtml: createHtmlExtractor(browser) });
});
