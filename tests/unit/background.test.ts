import { readFile } from 'node:fs/promises';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { WxtBrowser } from 'wxt/browser';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { startBackground } from '@/lib/background';
import { type FineprintDb, openDb } from '@/lib/db/schema';
import type { PageReport, TabState } from '@/lib/messaging/protocol';

// The background as the browser runs it: messages through runtime.onMessage, real Dexie over
// fake-indexeddb, the bundled feed as packaged, session storage of the fake browser.

const POLICY_URL = 'https://notes.example/legal/privacy';

const report: PageReport = {
  url: POLICY_URL,
  title: 'Privacy Policy',
  isPolicy: true,
  documentType: 'privacy-policy',
  language: 'en',
  notice: null,
  analysedAt: 1,
  clauses: [
    {
      id: 0,
      text: 'We share your email address with advertising partners.',
      start: 0,
      end: 55,
      heading: null,
      categories: ['data-sharing'],
      severity: 'high',
      hash: 'h0',
    },
  ],
};

let db: FineprintDb | null = null;
const browser = fakeBrowser as unknown as WxtBrowser;

beforeEach(() => {
  fakeBrowser.reset();
  vi.stubGlobal('fetch', async (input: string) => {
    const path = new URL(input).pathname;
    return new Response(await readFile(`public${path}`));
  });
});
afterEach(async () => {
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
  await db?.delete();
  db = null;
});

async function start() {
  db ??= openDb(`test-${crypto.randomUUID()}`);
  const background = startBackground({
    browser,
    db,
    extractHtml: () => Promise.reject(new Error('these tests watch nothing')),
  });
  await background.feed.current();
}

/** Sends a message as the browser delivers it: to the listener, with a sendResponse callback. */
function send(message: unknown, sender: object): Promise<{ ok: boolean; data?: unknown }> {
  return new Promise((resolve) => {
    void fakeBrowser.runtime.onMessage.trigger(message, sender, resolve);
  });
}

const fromPage = (tabId: number) => ({ tab: { id: tabId, windowId: 1 }, url: POLICY_URL });
const fromPanel = { url: fakeBrowser.runtime.getURL('/sidepanel.html') };

async function stateOf(tabId: number): Promise<TabState | null> {
  const reply = await send({ type: 'tab/get-state', tabId }, fromPanel);
  expect(reply.ok).toBe(true);
  return reply.data as TabState | null;
}

/** A stopped worker keeps nothing but session storage; `closed` tabs went while it slept. */
async function restartWorker(closed: readonly number[] = []) {
  const session = await fakeBrowser.storage.session.get(null);
  const openTabs = await fakeBrowser.tabs.query({});
  fakeBrowser.reset();
  await fakeBrowser.storage.session.set(session);
  const stillOpen = openTabs.filter((open) => !closed.includes(open.id!));
  vi.spyOn(fakeBrowser.tabs, 'query').mockImplementation(async () => stillOpen);
  await start();
}

/**
 * A started background whose session storage refuses any tab saved with its report, as a full
 * 10 MB quota does, and a tab that reported a policy: only its address is kept.
 */
async function tabWithDroppedReport() {
  vi.spyOn(console, 'warn').mockImplementation(() => {});
  await start();
  refuseReports();
  const tab = await fakeBrowser.tabs.create({ url: POLICY_URL });
  await send({ type: 'page/report', report }, fromPage(tab.id!));
  await vi.waitFor(async () =>
    expect(await fakeBrowser.storage.session.get(null)).toMatchObject({
      [`tab:${tab.id}`]: { url: POLICY_URL, report: null, reportDropped: true },
    }),
  );
  return tab;
}

/** Session storage that refuses any tab saved with its report, as a full 10 MB quota does. */
function refuseReports() {
  const set = fakeBrowser.storage.session.set.bind(fakeBrowser.storage.session);
  vi.spyOn(fakeBrowser.storage.session, 'set').mockImplementation(async (items) => {
    if (Object.values(items).some((item) => (item as { report?: unknown }).report)) {
      throw new Error('Session storage quota bytes exceeded.');
    }
    return set(items);
  });
}

describe('background tab states', () => {
  it('keeps the report when the visit it follows is handled slowly', async () => {
    await start();
    const tab = await fakeBrowser.tabs.create({ url: POLICY_URL });
    // A busy browser: the badge update of the visit takes a while.
    const setBadgeText = fakeBrowser.action.setBadgeText.bind(fakeBrowser.action);
    vi.spyOn(fakeBrowser.action, 'setBadgeText').mockImplementation(async (details) => {
      await new Promise((resolve) => setTimeout(resolve, 50));
      return setBadgeText(details);
    });
    const visit = send(
      { type: 'page/visited', url: POLICY_URL, isPolicy: true },
      fromPage(tab.id!),
    );
    const reply = await send({ type: 'page/report', report }, fromPage(tab.id!));
    await visit;
    expect(reply.ok).toBe(true);
    expect(await stateOf(tab.id!)).toMatchObject({
      status: 'analysed',
      report: { url: POLICY_URL },
    });
  });

  it('rebuilds an analysed tab after the service worker was stopped', async () => {
    await start();
    const tab = await fakeBrowser.tabs.create({ url: POLICY_URL });
    const closed = await fakeBrowser.tabs.create({ url: 'https://other.example/terms' });
    await send({ type: 'page/visited', url: POLICY_URL, isPolicy: true }, fromPage(tab.id!));
    await send({ type: 'page/report', report }, fromPage(tab.id!));
    await send(
      { type: 'page/report', report: { ...report, url: 'https://other.example/terms' } },
      {
        ...fromPage(closed.id!),
        url: 'https://other.example/terms',
      },
    );
    await vi.waitFor(async () =>
      expect(Object.keys(await fakeBrowser.storage.session.get(null))).toHaveLength(2),
    );

    await restartWorker([closed.id!]);

    const state = await stateOf(tab.id!);
    expect(state).toMatchObject({
      status: 'analysed',
      url: POLICY_URL,
      report: { clauses: [{ text: report.clauses[0]?.text }] },
    });
    expect(await stateOf(closed.id!)).toBeNull();
    expect(Object.keys(await fakeBrowser.storage.session.get(null))).toEqual([`tab:${tab.id}`]);
  });

  it('asks a page whose report did not fit in session storage to report again', async () => {
    const tab = await tabWithDroppedReport();

    await restartWorker();
    const asked: number[] = [];
    // The page's analyzer answers by analysing again, which ends in the usual report.
    vi.spyOn(fakeBrowser.tabs, 'sendMessage').mockImplementation((async (
      tabId: number,
      message: unknown,
    ) => {
      expect(message).toEqual({ type: 'page/reanalyse' });
      asked.push(tabId);
      await send({ type: 'page/report', report }, fromPage(tabId));
      return { ok: true, data: { ok: true } };
    }) as never);
    expect(await stateOf(tab.id!)).toMatchObject({ url: POLICY_URL });
    await vi.waitFor(async () =>
      expect(await stateOf(tab.id!)).toMatchObject({
        status: 'analysed',
        report: { clauses: [{ text: report.clauses[0]?.text }] },
      }),
    );
    expect(asked).toEqual([tab.id]);
  });

  it('forgets a tab whose dropped report cannot be asked for again', async () => {
    const tab = await tabWithDroppedReport();

    vi.spyOn(fakeBrowser.tabs, 'sendMessage').mockRejectedValue(
      new Error('Could not establish connection. Receiving end does not exist.'),
    );
    await restartWorker();
    await vi.waitFor(async () => expect(await stateOf(tab.id!)).toBeNull());
    expect(await fakeBrowser.storage.session.get(null)).toEqual({});
  });

  it('forgets a saved tab that navigates away or closes', async () => {
    await start();
    const tab = await fakeBrowser.tabs.create({ url: POLICY_URL });
    await send({ type: 'page/report', report }, fromPage(tab.id!));
    await vi.waitFor(async () =>
      expect(await fakeBrowser.storage.session.get(null)).toHaveProperty(`tab:${tab.id}`),
    );
    await fakeBrowser.tabs.onUpdated.trigger(tab.id!, { status: 'loading' }, tab);
    await vi.waitFor(async () => expect(await fakeBrowser.storage.session.get(null)).toEqual({}));
    expect(await stateOf(tab.id!)).toBeNull();
  });

  it('drops a damaged saved state instead of serving it', async () => {
    const tab = await fakeBrowser.tabs.create({ url: POLICY_URL });
    await fakeBrowser.storage.session.set({
      [`tab:${tab.id}`]: { tabId: tab.id, url: POLICY_URL, status: 'analysed', report: 'x' },
    });
    await start();
    expect(await stateOf(tab.id!)).toBeNull();
    expect(await fakeBrowser.storage.session.get(null)).toEqual({});
  });
});
