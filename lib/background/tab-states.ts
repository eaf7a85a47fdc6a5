import type { TabState } from '../messaging/protocol';

type StateListener = (tabId: number, previous: TabState | null, next: TabState | null) => void;

/** What the background knows of each open tab; rebuilt from navigation events and reports. */
export class TabStates {
  readonly #states = new Map<number, TabState>();

  /** `onChange` hears every change, so the states can outlive a stopped service worker. */
  constructor(private readonly onChange: StateListener = () => {}) {}

  get(tabId: number): TabState | null {
    return this.#states.get(tabId) ?? null;
  }

  set(state: TabState): TabState {
    const previous = this.get(state.tabId);
    this.#states.set(state.tabId, state);
    this.onChange(state.tabId, previous, state);
    return state;
  }

  /** A state rebuilt from what `onChange` saved: nothing new to hear. */
  restore(state: TabState): void {
    this.#states.set(state.tabId, state);
  }

  update(tabId: number, patch: Partial<TabState>): TabState | null {
    const current = this.#states.get(tabId);
    if (!current) return null;
    return this.set({ ...current, ...patch });
  }

  forget(tabId: number): void {
    const previous = this.get(tabId);
    if (!previous) return;
    this.#states.delete(tabId);
    this.onChange(tabId, previous, null);
  }

  tabIds(): number[] {
    return [...this.#states.keys()];
  }
}

/**
 * Runs each tab's tasks one after another, in the order they were asked for. A page announces
 * its visit and then, without waiting, reports its analysis: handled side by side, a slow visit
 * could land after the report and leave the tab "analysing" for good.
 */
export class PerTabQueue {
  readonly #tails = new Map<number, Promise<unknown>>();

  run<T>(tabId: number, task: () => Promise<T>): Promise<T> {
    const previous = this.#tails.get(tabId) ?? Promise.resolve();
    const result = previous.then(task, task);
    const tail = result.catch(() => {});
    this.#tails.set(tabId, tail);
    void tail.then(() => {
      if (this.#tails.get(tabId) === tail) this.#tails.delete(tabId);
    });
    return result;
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
