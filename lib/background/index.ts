import type { Browser, WxtBrowser } from 'wxt/browser';
import { classifierForLanguage } from '../analysis/terms-classifier';
import type { FineprintDb } from '../db/schema';
import { clauseHash } from '../diff/normalize';
import { FEED_PUBLIC_KEYS } from '../feed/feed-keys';
import { feedSignatureVerifier } from '../feed/signature';
import { syncFeed } from '../feed/sync';
import { createMessageHandler } from '../messaging/handler';
import {
  type AiPlatformSummary,
  type BackgroundRequest,
  type BackgroundResponses,
  backgroundRequestSchema,
  type FeedStatus,
  type PageReport,
  type ReportReply,
  type TabState,
  type UiNotification,
} from '../messaging/protocol';
import { isHighlightingEnabled, readSettings, updateSettings } from '../settings/settings';
import { exportUserData, importUserData } from '../tracking/export';
import {
  changedClauseHashes,
  docKeyFor,
  forgetDocument,
  markChangesSeen,
  pruneStorage,
  recordReading,
  unseenChanges,
} from '../tracking/reading-memory';
import { readStorageStatus } from '../tracking/storage-guard';
import { checkAllWatches, checkWatch, newWatch, type WatchCheckEnv } from '../tracking/watch';
import { tabDeservesAiWarning } from '../ui/ai-verdict';
import { openPanelForTab } from '../ui/open-panel';
import { badgeForTab, globalBadge } from './badge';
import { type Enrichment, enrichReport, type FeedLookup } from './enrich';
import { FeedService } from './feed-service';
import { createDexieFeedStore, feedChangeAlerts, readSyncStatus } from './feed-sync';
import { forgetEverything, listReadingHistory } from './history';
import { notifyChanges } from './notify';
import { createTabMemory, type SavedTab } from './tab-memory';
import { emptyState, PerTabQueue, TabStates } from './tab-states';

export interface BackgroundEnv {
  browser: WxtBrowser;
  db: FineprintDb;
  /** HTML → main text for watch checks (an offscreen document in Chrome, DOMParser elsewhere). */
  extractHtml: WatchCheckEnv['extract'];
}

type Sender = Browser.runtime.MessageSender;

export const WATCH_ALARM = 'fineprint-watch';
export const FEED_ALARM = 'fineprint-feed-sync';
const FEED_SYNC_MINUTES = 12 * 60;

/** Requests a web page's content script may send; everything else needs an extension page. */
const FROM_CONTENT_SCRIPTS = new Set<BackgroundRequest['type']>([
  'page/visited',
  'page/report',
  'panel/open',
]);

function safeHost(url: string): string | null {
  try {
    return new URL(url).hostname;
  } catch {
    return null;
  }
}

export function startBackground({ browser, db, extractHtml }: BackgroundEnv) {
  const tabMemory = createTabMemory(browser.storage.session);
  const tabs = new TabStates((tabId, previous, next) => tabMemory.track(tabId, previous, next));
  const pageMessages = new PerTabQueue();
  const feed = new FeedService(db, async (path) => {
    const response = await fetch(browser.runtime.getURL(`/feed/${path}` as '/'));
    if (!response.ok) throw new Error(`packaged feed/${path}: HTTP ${response.status}`);
    return response.json();
  });
  const feedStore = createDexieFeedStore(db);

  /** Fetches the configured remote feed; the last good feed stays when anything is wrong. */
  async function syncRemoteFeed(): Promise<void> {
    const { feedUrl } = await readSettings();
    if (feedUrl === '') return;
    const before = (await feed.current().catch(() => null))?.stored.shards ?? {};
    // No cookies, no referrer: the request names only the feed.
    const feedFetch = (input: string, init?: RequestInit) =>
      fetch(input, { ...init, credentials: 'omit', referrerPolicy: 'no-referrer' });
    const status = await syncFeed({
      feedUrl,
      store: feedStore,
      fetch: feedFetch,
      // The index must carry a signature by a key this build ships (the bundled feed needs none).
      verifyIndex: feedSignatureVerifier({
        feedUrl,
        fetch: feedFetch,
        publicKeys: FEED_PUBLIC_KEYS,
      }),
    });
    if (status.outcome !== 'updated') return;
    feed.invalidate();
    const { stored } = await feed.current();
    const alerts = await feedChangeAlerts(db, before, stored.shards, Date.now());
    await notifyChanges(browser, alerts, (await readSettings()).notifications);
    notifyUi({ type: 'ui/feed-updated' });
    await refreshChangeViews();
    for (const tabId of tabs.tabIds()) {
      if (tabs.get(tabId)?.report) {
        browser.tabs.sendMessage(tabId, { type: 'page/reanalyse' }).catch(() => {});
      }
    }
  }

  async function feedStatus(): Promise<FeedStatus> {
    const { feedUrl } = await readSettings();
    const [{ stored }, sync] = await Promise.all([feed.current(), readSyncStatus(db)]);
    const relevant = sync && sync.feedUrl === feedUrl ? sync : null;
    return {
      source: stored.source,
      version: stored.index.version,
      publishedAt: stored.index.publishedAt,
      platformCount: stored.index.platforms.length,
      lastSyncAt: relevant?.checkedAt ?? null,
      lastError: relevant?.error ?? null,
      feedUrl,
    };
  }
  const extensionOrigin = new URL(browser.runtime.getURL('/')).origin;
  const isExtensionPage = (sender: Sender) =>
    typeof sender.url === 'string' && new URL(sender.url).origin === extensionOrigin;
  const senderTab = (sender: Sender): number => {
    const tabId = sender.tab?.id;
    if (tabId === undefined || isExtensionPage(sender)) {
      throw new Error('only a content script in a tab may send this');
    }
    return tabId;
  };
  const notifyUi = (message: UiNotification) => {
    // No extension page may be open to receive it; that is fine.
    browser.runtime.sendMessage(message).catch(() => {});
  };

  const watchEnv: WatchCheckEnv = {
    db,
    fetch: (url) => fetch(url, { credentials: 'omit', cache: 'no-store', redirect: 'follow' }),
    extract: extractHtml,
    classifierFor: classifierForLanguage,
    now: Date.now,
  };

  // Chrome (MV3) calls the toolbar button `action`; Firefox's MV2 build calls it `browserAction`.
  const action =
    browser.action ?? (browser as unknown as { browserAction: WxtBrowser['action'] }).browserAction;

  async function showTabBadge(tabId: number) {
    const state = tabs.get(tabId);
    const look = badgeForTab({
      state,
      aiTrainsByDefault:
        state?.platform && tabDeservesAiWarning(state)
          ? { platformName: state.platform.name }
          : null,
      unseenChange: (state?.changes.length ?? 0) > 0,
    });
    try {
      if (look === null) {
        // No text of its own: the tab shows the global badge (unseen changes).
        await action.setBadgeText({ tabId, text: null as unknown as string });
        await action.setTitle({ tabId, title: null as unknown as string });
        return;
      }
      await action.setBadgeText({ tabId, text: look.text });
      await action.setBadgeBackgroundColor({ tabId, color: look.color });
      await action.setTitle({ tabId, title: look.title });
    } catch {
      // The tab closed between the event and the badge update.
    }
  }

  async function showGlobalBadge() {
    const look = globalBadge(await unseenChanges(db));
    await action.setBadgeText({ text: look.text });
    await action.setBadgeBackgroundColor({ color: look.color });
    await action.setTitle({ title: look.title });
  }

  /** Re-reads the unseen changes of every open tab's document, after they changed. */
  async function refreshChangeViews() {
    const unseen = await unseenChanges(db);
    for (const tabId of tabs.tabIds()) {
      const state = tabs.get(tabId);
      if (!state?.report) continue;
      const docKey = docKeyFor(state.url);
      tabs.update(tabId, {
        changes: unseen.filter((change) => change.docKey === docKey).reverse(),
      });
      await showTabBadge(tabId);
      notifyUi({ type: 'ui/tab-updated', tabId });
    }
    await showGlobalBadge();
    notifyUi({ type: 'ui/changes-updated' });
  }

  /** A page before its report: which platform of the feed it belongs to, and its AI card. */
  function navigatedState(tabId: number, url: string, title: string, lookup: FeedLookup): TabState {
    const match = lookup.platformFor(url);
    return {
      ...emptyState(tabId, url, title),
      platform: match?.ref ?? null,
      aiTraining: match ? (lookup.shard(match.ref.id)?.aiTraining ?? null) : null,
    };
  }

  /** Any page of a platform of the feed: name it, and warn on AI platforms that train by default. */
  async function onNavigated(tabId: number, url: string, title: string) {
    tabs.set(navigatedState(tabId, url, title, await feed.lookup()));
    notifyUi({ type: 'ui/tab-updated', tabId });
    await showTabBadge(tabId);
  }

  /** A reported page's state: the report joined with the feed and with what the user has seen. */
  async function stateForReport(
    tabId: number,
    report: PageReport,
    enrichment: Enrichment,
  ): Promise<TabState> {
    const docKey = docKeyFor(report.url);
    const changes = (await unseenChanges(db, docKey)).reverse();
    const allChanges = await db.changes.where('docKey').equals(docKey).toArray();
    const feedVersion = enrichment.document?.versionDate ?? null;
    const newest = allChanges.sort((a, b) => b.detectedAt - a.detectedAt)[0];
    const liveChangedSince =
      feedVersion && newest && newest.detectedAt > Date.parse(feedVersion)
        ? { feedVersionDate: feedVersion, changedAt: newest.detectedAt }
        : null;
    return {
      tabId,
      url: report.url,
      title: report.title,
      status: report.isPolicy ? 'analysed' : 'not-policy',
      report,
      ...enrichment,
      changes,
      liveChangedSince,
      watched: (await db.watches.get(docKey)) !== undefined,
    };
  }

  async function onReport(tabId: number, report: PageReport): Promise<ReportReply> {
    const { enrichment, reply } = enrichReport(report, await feed.lookup());
    let reported = report;
    if (report.isPolicy && report.clauses.length > 0) {
      const outcome = await recordReading(
        db,
        {
          url: report.url,
          title: report.title,
          platformId: enrichment.platform?.id ?? null,
          documentType: report.documentType,
          textHash: clauseHash(report.clauses.map((clause) => clause.text).join('\n')),
          clauses: report.clauses.map((clause) => ({
            text: clause.text,
            hash: clause.hash,
            categories: clause.categories,
            severity: clause.severity,
          })),
          via: 'visit',
        },
        Date.now(),
        classifierForLanguage(report.language ?? 'und'),
      );
      // Storage full: the side panel says what was pruned or could not be saved.
      if (outcome.notice) {
        reported = {
          ...report,
          notice: [report.notice, outcome.notice].filter(Boolean).join(' '),
        };
      }
    }
    const state = await stateForReport(tabId, reported, enrichment);
    tabs.set(state);
    notifyUi({ type: 'ui/tab-updated', tabId });
    await showTabBadge(tabId);
    await showGlobalBadge();
    const changedHashes = changedClauseHashes(state.changes, clauseHash);
    const host = safeHost(report.url);
    return {
      ...reply,
      changedClauseIds: report.clauses
        .filter((clause) => changedHashes.has(clause.hash))
        .map((clause) => clause.id),
      highlighting: host === null || isHighlightingEnabled(await readSettings(), host),
    };
  }

  /** After the worker was stopped: the open tabs' states, rebuilt from what was saved. */
  async function restoreTabs(): Promise<void> {
    const open = await browser.tabs.query({});
    const saved = await tabMemory.restore(
      open.flatMap((tab) => (tab.id === undefined ? [] : [tab.id])),
    );
    if (saved.length === 0) return;
    const lookup = await feed.lookup();
    for (const tab of saved) {
      tabs.restore(await restoredState(tab, lookup));
      await showTabBadge(tab.tabId);
      if (tab.reportDropped) askForReportAgain(tab.tabId);
    }
  }

  /**
   * A tab whose report was too large to keep: its analyzer reports again, through the usual
   * `page/report`. Not awaited, since that report waits for the restore this runs in.
   */
  function askForReportAgain(tabId: number) {
    browser.tabs
      .sendMessage(tabId, { type: 'page/reanalyse' })
      .catch(() =>
        // The page is gone or no longer analysed: nothing to show for it.
        pageMessages.run(tabId, async () => {
          if (tabs.get(tabId)?.status !== 'analysing') return;
          tabs.forget(tabId);
          notifyUi({ type: 'ui/tab-updated', tabId });
          await showTabBadge(tabId);
        }),
      )
      .catch((error: unknown) =>
        console.warn('[fineprint] could not ask for a report again', error),
      );
  }

  async function restoredState(tab: SavedTab, lookup: FeedLookup): Promise<TabState> {
    if (tab.report && tab.status !== 'analysing') {
      return stateForReport(tab.tabId, tab.report, enrichReport(tab.report, lookup).enrichment);
    }
    const status = tab.reportDropped ? 'analysing' : tab.status;
    return { ...navigatedState(tab.tabId, tab.url, tab.title, lookup), status };
  }

  async function aiPlatforms(): Promise<AiPlatformSummary[]> {
    const { stored } = await feed.current();
    const summaries: AiPlatformSummary[] = [];
    for (const entry of stored.index.platforms) {
      const shard = stored.shards[entry.id];
      if (!shard?.aiTraining) continue;
      const last = shard.changes
        .filter((change) => change.substantive)
        .sort((a, b) => b.date.localeCompare(a.date))[0];
      summaries.push({
        platformId: shard.id,
        name: shard.name,
        card: shard.aiTraining,
        documents: shard.documents.map((doc) => ({ id: doc.id, title: doc.title, url: doc.url })),
        lastChange: last
          ? { document: last.document, date: last.date, summary: last.summary }
          : null,
      });
    }
    return summaries.sort((a, b) => a.name.localeCompare(b.name));
  }

  const handle = createMessageHandler<BackgroundRequest, BackgroundResponses, Sender>(
    backgroundRequestSchema,
    {
      'page/visited': ({ url, isPolicy }, sender) => {
        const tabId = senderTab(sender);
        return pageMessages.run(tabId, async () => {
          if (tabs.get(tabId)?.url !== url || !isPolicy) {
            await onNavigated(tabId, url, sender.tab?.title ?? '');
          }
          if (isPolicy) {
            tabs.update(tabId, { status: 'analysing' });
            notifyUi({ type: 'ui/tab-updated', tabId });
          }
          return { ok: true } as const;
        });
      },
      'page/report': ({ report }, sender) => {
        const tabId = senderTab(sender);
        return pageMessages.run(tabId, () => onReport(tabId, report));
      },
      'panel/open': async ({ clauseId }, sender) => {
        const tabId = senderTab(sender);
        const opened = await openPanelForTab(tabId, sender.tab?.windowId).then(
          () => true,
          () => false,
        );
        if (clauseId !== null) {
          // The panel may take a moment to mount; tell it twice rather than racing its start.
          notifyUi({ type: 'ui/focus-clause', tabId, clauseId });
          setTimeout(() => notifyUi({ type: 'ui/focus-clause', tabId, clauseId }), 600);
        }
        return { opened, focusClauseId: clauseId };
      },
      'tab/get-state': ({ tabId }) => tabs.get(tabId),
      'feed/get-status': () => feedStatus(),
      'feed/sync-now': async () => {
        await syncRemoteFeed();
        return feedStatus();
      },
      'settings/get': () => readSettings(),
      'settings/update': async ({ patch }) => {
        const settings = await updateSettings(patch);
        if (patch.watchIntervalHours !== undefined) await scheduleWatchAlarm();
        if (patch.highlightDisabledHosts !== undefined) {
          for (const tabId of tabs.tabIds()) {
            const host = safeHost(tabs.get(tabId)?.url ?? '');
            if (host === null) continue;
            browser.tabs
              .sendMessage(tabId, {
                type: 'page/set-highlighting',
                enabled: isHighlightingEnabled(settings, host),
              })
              .catch(() => {});
          }
        }
        return settings;
      },
      'changes/list': async () =>
        await db.changes.orderBy('detectedAt').reverse().limit(500).toArray(),
      'changes/mark-seen': async ({ ids }) => {
        await markChangesSeen(db, ids);
        await refreshChangeViews();
        return { unseen: (await unseenChanges(db)).length };
      },
      'watch/list': () => db.watches.orderBy('addedAt').reverse().toArray(),
      'watch/add': async ({ url, title }) => {
        const lookup = await feed.lookup();
        const watch = newWatch(url, title, lookup.platformFor(url)?.ref.id ?? null, Date.now());
        await db.watches.put(watch);
        const result = await checkWatch(watchEnv, watch);
        await refreshChangeViews();
        for (const tabId of tabs.tabIds()) {
          if (docKeyFor(tabs.get(tabId)?.url ?? '') === watch.docKey) {
            tabs.update(tabId, { watched: true });
            notifyUi({ type: 'ui/tab-updated', tabId });
          }
        }
        return { ...watch, lastCheckStatus: result.status };
      },
      'watch/remove': async ({ docKey }) => {
        await db.watches.delete(docKey);
        for (const tabId of tabs.tabIds()) {
          if (docKeyFor(tabs.get(tabId)?.url ?? '') === docKey) {
            tabs.update(tabId, { watched: false });
            notifyUi({ type: 'ui/tab-updated', tabId });
          }
        }
        return { ok: true };
      },
      'watch/check-now': async () => {
        const results = await checkAllWatches(watchEnv);
        await refreshChangeViews();
        return results.map(({ docKey, status }) => ({ docKey, status }));
      },
      'history/list': () => listReadingHistory(db),
      'history/forget-all': async () => {
        await forgetEverything(db);
        await refreshChangeViews();
        return { ok: true };
      },
      'history/forget': async ({ docKey }) => {
        await forgetDocument(db, docKey);
        await refreshChangeViews();
        return { ok: true };
      },
      'ai/platforms': () => aiPlatforms(),
      'platform/get': async ({ platformId }) => {
        const { stored } = await feed.current();
        return stored.shards[platformId] ?? null;
      },
      'data/export': async () => exportUserData(db, await readSettings(), Date.now()),
      'storage/get-status': () => readStorageStatus(db),
      'data/import': async ({ data }) => {
        const counts = await importUserData(db, data, (settings) => updateSettings(settings));
        await scheduleWatchAlarm();
        await refreshChangeViews();
        return counts;
      },
    },
  );

  async function scheduleWatchAlarm() {
    const { watchIntervalHours } = await readSettings();
    await browser.alarms.create(WATCH_ALARM, {
      periodInMinutes: watchIntervalHours * 60,
      delayInMinutes: watchIntervalHours * 60,
    });
  }

  // Every event waits for the tabs saved before the worker was last stopped.
  const restored = restoreTabs().catch((error: unknown) =>
    console.warn('[fineprint] could not restore tab states', error),
  );

  browser.runtime.onMessage.addListener((message, sender, sendResponse) => {
    const type =
      typeof message === 'object' && message !== null && 'type' in message ? message.type : null;
    if (!isExtensionPage(sender) && !FROM_CONTENT_SCRIPTS.has(type as BackgroundRequest['type'])) {
      sendResponse({
        ok: false,
        error: `rejected message (${String(type).slice(0, 60)}): not allowed from a web page`,
      });
      return false;
    }
    // sidePanel.open() needs the user's click, which lasts only while this listener runs; opening
    // the panel reads no tab state, so it does not wait for the restore.
    const reply =
      type === 'panel/open'
        ? handle(message, sender)
        : restored.then(() => handle(message, sender));
    void reply.then(sendResponse);
    return true;
  });

  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === FEED_ALARM) {
      void syncRemoteFeed().catch((error: unknown) =>
        console.warn('[fineprint] feed sync failed', error),
      );
      return;
    }
    if (alarm.name !== WATCH_ALARM) return;
    void checkAllWatches(watchEnv)
      .then(async (results) => {
        const found = results.flatMap((result) => (result.change ? [result.change] : []));
        await notifyChanges(browser, found, (await readSettings()).notifications);
      })
      .then(() => pruneStorage(db))
      .then(() => refreshChangeViews())
      .catch((error: unknown) => console.warn('[fineprint] watch check failed', error));
  });

  browser.runtime.onInstalled.addListener(() => {
    void scheduleWatchAlarm();
    void browser.alarms.create(FEED_ALARM, { periodInMinutes: FEED_SYNC_MINUTES });
    void syncRemoteFeed().catch(() => {});
  });
  browser.runtime.onStartup.addListener(() => {
    void showGlobalBadge();
    void syncRemoteFeed().catch(() => {});
  });

  browser.tabs.onRemoved.addListener((tabId) => {
    void restored.then(() => tabs.forget(tabId));
  });
  // Without the `tabs` permission the background does not see tab URLs: a tab starting to load
  // forgets what it showed, and its content script reports the new page.
  browser.tabs.onUpdated.addListener((tabId, change) => {
    if (change.status !== 'loading') return;
    void restored.then(async () => {
      if (!tabs.get(tabId)) return;
      tabs.forget(tabId);
      notifyUi({ type: 'ui/tab-updated', tabId });
      await showTabBadge(tabId);
    });
  });

  void feed
    .current()
    .catch((error: unknown) => console.warn('[fineprint] feed unavailable', error));
  void showGlobalBadge().catch(() => {});

  return { tabs, feed };
}
