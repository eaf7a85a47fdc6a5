import type { PageReport, TabState } from '../messaging/protocol';

/** What the background knows of each open tab; rebuilt from content-script reports. */
export class TabStates {
  readonly #states = new Map<number, TabState>();

  get(tabId: number): TabState | null {
    return this.#states.get(tabId) ?? null;
  }

  /** A tab navigated or was closed: forget what it showed. */
  forget(tabId: number): void {
    this.#states.delete(tabId);
  }

  markDetected(tabId: number, url: string, title: string): TabState {
    const state: TabState = {
      ...emptyState(tabId, url, title),
      status: 'analysing',
    };
    this.#states.set(tabId, state);
    return state;
  }

  setReport(
    tabId: number,
    report: PageReport,
    enrich: Omit<TabState, 'tabId' | 'url' | 'title' | 'status' | 'report'>,
  ): TabState {
    const state: TabState = {
      tabId,
      url: report.url,
      title: report.title,
      status: report.isPolicy ? 'analysed' : 'not-policy',
      report,
      ...enrich,
    };
    this.#states.set(tabId, state);
    return state;
  }
}

export function emptyState(tabId: number, url: string, title: string): TabState {
  return {
    tabId,
    url,
    title,
    status: 'unknown',
    report: null,
    platform: null,
    document: null,
    provisions: [],
    aiTraining: null,
    peers: {},
  };
}
