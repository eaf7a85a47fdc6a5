import { browser } from 'wxt/browser';
import { createAnalyzer } from '@/lib/content/analyzer';
import { findAnalyzer, findTermsClassifier, registerAnalyzer } from '@/lib/content/bridge';
import { guarded, settle } from '@/lib/content/guard';
import { askBackground } from '@/lib/messaging/client';
import { createMessageHandler } from '@/lib/messaging/handler';
import { type TabRequest, type TabResponses, tabRequestSchema } from '@/lib/messaging/protocol';

// Injected by the background on policy pages only, into the content script's isolated world.
// Runs beside an untrusted page: every entry point is guarded so nothing of ours throws into it.
export default defineUnlistedScript(
  guarded(() => {
    const existing = findAnalyzer();
    if (existing) {
      settle(existing.run('detected'));
      return;
    }
    const analyzer = createAnalyzer({
      window,
      report: (report) => askBackground({ type: 'page/report', report }),
      openPanel: async (clauseId) => {
        await askBackground({ type: 'panel/open', clauseId });
      },
      loadTermsClassifier: async (language) => {
        try {
          await import(/* @vite-ignore */ browser.runtime.getURL('/terms-models.js'));
        } catch {
          return null;
        }
        return findTermsClassifier()?.(language) ?? null;
      },
    });
    registerAnalyzer(analyzer);
    const handle = createMessageHandler<TabRequest, TabResponses, unknown>(tabRequestSchema, {
      'page/scroll-to-clause': ({ clauseId }) => ({ found: analyzer.scrollToClause(clauseId) }),
      'page/set-highlighting': ({ enabled }) => {
        analyzer.setHighlighting(enabled);
        return { ok: true };
      },
      'page/reanalyse': async () => {
        analyzer.clear();
        await analyzer.run('detected');
        return { ok: true };
      },
    });
    browser.runtime.onMessage.addListener((message, sender, sendResponse) => {
      if (sender.id !== browser.runtime.id) return false;
      settle(handle(message, sender).then(sendResponse));
      return true;
    });
    settle(analyzer.run('detected'));
  }),
);
