import { browser } from 'wxt/browser';
import { detectPolicyPage } from '@/lib/analysis/detect';
import { guarded } from '@/lib/content/guard';
import { startSentinel } from '@/lib/content/sentinel';
import { askBackground } from '@/lib/messaging/client';

// Injected into every page, so it stays tiny: detection only. The analyzer (model, extraction,
// highlighting) is imported on the pages this recognises as policies.
export default defineContentScript({
  matches: ['<all_urls>'],
  runAt: 'document_idle',
  // Guarded: the sentinel runs on every page, and nothing of ours may throw into one.
  main: guarded((ctx) => {
    const stop = startSentinel({
      window,
      detect: detectPolicyPage,
      announceVisit: async (url, isPolicy) => {
        await askBackground({ type: 'page/visited', url, isPolicy });
      },
      loadAnalyzer: async () => {
        await import(/* @vite-ignore */ browser.runtime.getURL('/analyzer.js'));
      },
    });
    ctx.onInvalidated(stop);
  }),
});
