// §4 Dexie footprint: a fresh browser profile with the extension reads 100 policies (the real
// policy pages, each served at 100 / n distinct addresses, so 100 distinct documents), each
// through the real content script → background → IndexedDB path. Measured from an extension
// page: navigator.storage.estimate() (the extension origin's on-disk usage, IndexedDB included)
// before and after, and the size of the JSON the options page exports (snapshots, changes,
// watch list, settings) as the logical size of what was stored.
import type { Page } from '@playwright/test';
import type { FixtureServer } from '../../tests/e2e/server';
import { extensionWorker, launchWithExtension, waitFor } from './browser';
import type { PolicyPage } from './corpus';
import type { MetricLog } from './report';

const READINGS = 100;
const PARALLEL_TABS = 2;

async function storageUsage(page: Page): Promise<number> {
  return page.evaluate(async () => (await navigator.storage.estimate()).usage ?? 0);
}

async function readOne(tab: Page, url: string): Promise<boolean> {
  try {
    await tab.goto(url, { waitUntil: 'domcontentloaded' });
    // Highlights are painted after the background replied, which it does after storing the reading.
    await waitFor(
      () =>
        tab.evaluate(() => {
          let any = false;
          CSS.highlights.forEach((_value, name) => {
            if (name.startsWith('fineprint-')) any = true;
          });
          return any || null;
        }),
      15_000,
      url,
      50,
    );
    return true;
  } catch {
    return false;
  }
}

export async function benchDexie(
  log: MetricLog,
  options: { extensionPath: string; server: FixtureServer; pages: readonly PolicyPage[] },
): Promise<void> {
  const { server, pages } = options;
  const context = await launchWithExtension(options.extensionPath);
  try {
    const worker = await extensionWorker(context);
    const extensionId = new URL(worker.url()).host;
    const probe = await context.newPage();
    await probe.goto(`chrome-extension://${extensionId}/options.html`);
    const before = await storageUsage(probe);
    const urls = Array.from({ length: READINGS }, (_, index) => {
      const page = pages[index % pages.length]!;
      const path = `/reading-${index}${new URL(page.url).pathname}`;
      server.route(path, page.html);
      return `${server.origin}${path}`;
    });
    let stored = 0;
    const tabs = await Promise.all(Array.from({ length: PARALLEL_TABS }, () => context.newPage()));
    await Promise.all(
      tabs.map(async (tab, lane) => {
        for (let index = lane; index < urls.length; index += PARALLEL_TABS) {
          if (await readOne(tab, urls[index]!)) stored += 1;
        }
      }),
    );
    const history = (await probe.evaluate(() =>
      chrome.runtime.sendMessage({ type: 'history/list' }),
    )) as { ok: boolean; data?: unknown[] };
    const documents = Array.isArray(history.data) ? history.data.length : 0;
    const exported = await probe.evaluate(() =>
      chrome.runtime.sendMessage({ type: 'data/export' }),
    );
    const exportedBytes = Buffer.byteLength(
      JSON.stringify((exported as { data?: unknown }).data ?? exported),
    );
    // IndexedDB writes reach the usage figure once LevelDB has flushed them.
    await probe.waitForTimeout(1000);
    const after = await storageUsage(probe);
    log.add(
      'memory.dexie_storage_bytes_100_policies',
      after - before,
      'B',
      `navigator.storage.estimate() usage growth of the extension origin after reading ${stored} policies (${documents} documents in the reading history)`,
    );
    log.add(
      'memory.dexie_export_bytes_100_policies',
      exportedBytes,
      'B',
      'the same data as the JSON the options page exports (logical size of the stored snapshots)',
    );
    if (stored < READINGS) {
      log.note(
        `Dexie footprint: only ${stored} of ${READINGS} page readings got highlighted in time.`,
      );
    }
  } finally {
    await context.close();
  }
}
