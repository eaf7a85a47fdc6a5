import type { Browser } from 'wxt/browser';
import { z } from 'zod';
import { pageReportSchema, type TabState } from '../messaging/protocol';

// Chrome stops an idle service worker after about 30 seconds, and with it every tab's state: a
// user who read a policy for a minute and then opened the side panel was told the page is not a
// policy. What a state is rebuilt from (the page's own report, not the feed's enrichment, which
// the background recomputes) is kept in session storage, one key per tab, so one huge report
// cannot crowd out the others. The browser clears session storage when it closes, and only
// extension pages and the background can read it. Chrome gives session storage 10 MB, about 15
// reports of the largest real policy: a report that does not fit is dropped and only the tab's
// address kept, so that after a restart the page can be asked to report again.

const KEY_PREFIX = 'tab:';

export const savedTabSchema = z.object({
  tabId: z.number().int().nonnegative(),
  url: z.string().max(2048),
  title: z.string().max(1000),
  status: z.enum(['unknown', 'not-policy', 'analysing', 'analysed']),
  report: pageReportSchema.nullable(),
  /** The page's report did not fit: after a restart the page is asked for it again. */
  reportDropped: z.boolean().default(false),
});
export type SavedTab = z.infer<typeof savedTabSchema>;

type SessionArea = Pick<Browser.storage.StorageArea, 'get' | 'set' | 'remove'>;

export interface TabMemory {
  /** Keeps what the change touched; enrichment-only changes (changes seen, watched) are skipped. */
  track(tabId: number, previous: TabState | null, next: TabState | null): void;
  /** The saved tabs still open; saved tabs that closed while the worker slept are dropped. */
  restore(openTabIds: readonly number[]): Promise<SavedTab[]>;
}

const keyOf = (tabId: number) => `${KEY_PREFIX}${tabId}`;

function savedPart(state: TabState): SavedTab {
  const { tabId, url, title, status, report } = state;
  return { tabId, url, title, status, report, reportDropped: false };
}

/** The tab without its report, small enough to fit when the report does not. */
function withoutReport(state: TabState): SavedTab {
  return { ...savedPart(state), report: null, reportDropped: true };
}

export function createTabMemory(
  area: SessionArea | undefined,
  warn: (message: string, error: unknown) => void = (message, error) =>
    console.warn(`[fineprint] ${message}`, error),
): TabMemory {
  if (!area) {
    return { track: () => {}, restore: async () => [] };
  }
  return {
    track(tabId, previous, next) {
      if (next === null) {
        area.remove(keyOf(tabId)).catch((error: unknown) => warn('tab memory', error));
        return;
      }
      const unchanged =
        previous !== null &&
        previous.url === next.url &&
        previous.title === next.title &&
        previous.status === next.status &&
        previous.report === next.report;
      if (unchanged) return;
      const key = keyOf(tabId);
      area
        .set({ [key]: savedPart(next) })
        .catch(async (error: unknown) => {
          if (next.report === null) throw error;
          warn(`tab ${tabId}'s report is too large to keep; it will be asked for again`, error);
          await area.set({ [key]: withoutReport(next) });
        })
        .catch((error: unknown) => {
          // Over the session quota: a stale copy would be worse than none.
          warn(`could not keep tab ${tabId} across a worker restart`, error);
          area.remove(key).catch(() => {});
        });
    },
    async restore(openTabIds) {
      const everything = await area.get(null);
      const open = new Set(openTabIds);
      const restored: SavedTab[] = [];
      const stale: string[] = [];
      for (const [key, value] of Object.entries(everything)) {
        if (!key.startsWith(KEY_PREFIX)) continue;
        const parsed = savedTabSchema.safeParse(value);
        if (parsed.success && open.has(parsed.data.tabId) && key === keyOf(parsed.data.tabId)) {
          restored.push(parsed.data);
        } else {
          stale.push(key);
        }
      }
      if (stale.length > 0) await area.remove(stale);
      return restored;
    },
  };
}
