import { detectPolicyPage } from '@/lib/analysis/detect';
import { startSentinel } from '@/lib/content/sentinel';
import { askBackground } from '@/lib/messaging/client';

// Injected into every page, so it stays tiny: detection only. The analyzer is injected by the
// background into the pages this recognises as policies.
export default defineContentScript({
  matches: ['<all_urls>'],
  runAt: 'document_idle',
  main(ctx) {
    const stop = startSentinel({
      window,
      detect: detectPolicyPage,
      announcePolicy: async (url) => {
        await askBackground({ type: 'page/detected', url });
      },
      announceLeft: async (url) => {
        await askBackground({ type: 'page/left', url });
      },
    });
    ctx.onInvalidated(stop);
  },
});
