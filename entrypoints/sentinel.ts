import { detectPolicyPage } from '@/lib/analysis/detect';
import { guarded } from '@/lib/content/guard';
import { PLATFORM_DOMAINS } from '@/lib/content/platform-domains';
import { createPlatformGate } from '@/lib/content/platform-gate';
import { startSentinel } from '@/lib/content/sentinel';
import { currentRuntime, requestBackground } from '@/lib/messaging/runtime';

// Injected into every page (declared in wxt.config.ts), so it stays tiny: detection only. The
// analyzer (model, extraction, highlighting) is imported on the pages this recognises as
// policies. An unlisted script rather than a WXT content script: WXT's content-script context
// (old-script messaging, extension-API checks) costs every page more than the detection itself.
// The platforms' domains are generated from the curated sources (lib/content/platform-domains.ts).
export default defineUnlistedScript(
  guarded(() => {
    const isPlatformPage = createPlatformGate(PLATFORM_DOMAINS);
    const stop = startSentinel({
      window,
      detect: detectPolicyPage,
      isPlatformPage,
      announceVisit: async (url, isPolicy) => {
        const runtime = currentRuntime();
        // The extension was updated or removed under this page: this copy has nobody to talk to.
        if (!runtime) return stop();
        await requestBackground(runtime, { type: 'page/visited', url, isPolicy });
      },
      loadAnalyzer: async () => {
        const runtime = currentRuntime();
        if (!runtime) return stop();
        await import(/* @vite-ignore */ runtime.getURL('/analyzer.js'));
      },
    });
  }),
);
