import { mayBePolicyPage } from '@/lib/analysis/page-gate';
import { findDetector } from '@/lib/content/bridge';
import { guarded } from '@/lib/content/guard';
import { PLATFORM_DOMAINS } from '@/lib/content/platform-domains';
import { createPlatformGate } from '@/lib/content/platform-gate';
import { startSentinel } from '@/lib/content/sentinel';
import { currentRuntime, requestBackground } from '@/lib/messaging/runtime';

// Injected into every page (declared in wxt.config.ts), so it stays tiny: a first pass of string
// tests on the address, title and headings. The detector is imported on the pages that pass it,
// the analyzer (model, extraction, highlighting) on the pages the detector calls policies. An
// unlisted script rather than a WXT content script: WXT's content-script context (old-script
// messaging, extension-API checks) costs every page more than the detection itself. The
// platforms' domains are generated from the curated sources (lib/content/platform-domains.ts).
export default defineUnlistedScript(
  guarded(() => {
    const isPlatformPage = createPlatformGate(PLATFORM_DOMAINS);
    const importScript = async (path: '/detector.js' | '/analyzer.js'): Promise<boolean> => {
      const runtime = currentRuntime();
      // The extension was updated or removed under this page: this copy has nobody to talk to.
      if (!runtime) {
        stop();
        return false;
      }
      await import(/* @vite-ignore */ runtime.getURL(path));
      return true;
    };
    const stop = startSentinel({
      window,
      mayBePolicy: mayBePolicyPage,
      loadDetector: async () => ((await importScript('/detector.js')) ? findDetector() : null),
      isPlatformPage,
      announceVisit: async (url, isPolicy) => {
        const runtime = currentRuntime();
        if (!runtime) return stop();
        await requestBackground(runtime, { type: 'page/visited', url, isPolicy });
      },
      loadAnalyzer: async () => {
        await importScript('/analyzer.js');
      },
    });
  }),
);
