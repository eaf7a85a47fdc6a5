import { queryOptions } from '@tanstack/react-query';
import { browser } from 'wxt/browser';
import { askBackground } from '../messaging/client';

// Query-key factory: every cached background answer is named here, so invalidation after a
// background broadcast names the same keys the components read.
export const queryKeys = {
  all: ['fineprint'] as const,
  tabState: (tabId: number) => [...queryKeys.all, 'tab-state', tabId] as const,
  feedStatus: () => [...queryKeys.all, 'feed-status'] as const,
  settings: () => [...queryKeys.all, 'settings'] as const,
  activeTab: () => [...queryKeys.all, 'active-tab'] as const,
};

export const tabStateQuery = (tabId: number) =>
  queryOptions({
    queryKey: queryKeys.tabState(tabId),
    queryFn: () => askBackground({ type: 'tab/get-state', tabId }),
  });

export const feedStatusQuery = () =>
  queryOptions({
    queryKey: queryKeys.feedStatus(),
    queryFn: () => askBackground({ type: 'feed/get-status' }),
  });

export const settingsQuery = () =>
  queryOptions({
    queryKey: queryKeys.settings(),
    queryFn: () => askBackground({ type: 'settings/get' }),
  });

/**
 * The tab an extension page is about: `?tabId=` when given (a panel opened for a specific tab,
 * and the e2e tests), else the active tab of the page's window.
 */
export const activeTabQuery = (search: string) =>
  queryOptions({
    queryKey: [...queryKeys.activeTab(), search] as const,
    queryFn: async (): Promise<number | null> => {
      const fromUrl = Number.parseInt(new URLSearchParams(search).get('tabId') ?? '', 10);
      if (Number.isInteger(fromUrl) && fromUrl >= 0) return fromUrl;
      const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
      return tab?.id ?? null;
    },
  });

export const watchesQuery = () =>
  queryOptions({
    queryKey: [...queryKeys.all, 'watches'] as const,
    queryFn: () => askBackground({ type: 'watch/list' }),
  });

export const changesQuery = () =>
  queryOptions({
    queryKey: [...queryKeys.all, 'changes'] as const,
    queryFn: () => askBackground({ type: 'changes/list' }),
  });

export const historyQuery = () =>
  queryOptions({
    queryKey: [...queryKeys.all, 'history'] as const,
    queryFn: () => askBackground({ type: 'history/list' }),
  });
