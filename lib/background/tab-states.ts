import type { TabState } from '../messaging/protocol';

/** What the background knows of each open tab; rebuilt from navigation events and reports. */
export class TabStates {
  readonly #states = new Map<number, TabState>();

  get(tabId: number): TabState | null {
    return this.#states.get(tabId) ?? null;
  }

  set(state: TabState): TabState {
    this.#states.set(state.tabId, state);
    return state;
  }

  update(tabId: number, patch: Partial<TabState>): TabState | null {
    const current = this.#states.get(tabId);
    if (!current) return null;
    const next = { ...current, ...patch };
    this.#states.set(tabId, next);
    return next;
  }

  forget(tabId: number): void {
    this.#states.delete(tabId);
  }

  tabIds(): number[] {
    return [...this.#states.keys()];
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
    changes: [],
    liveChangedSince: null,
    watched: false,
  };
}
