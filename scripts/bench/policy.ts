// §2 and §4 in Chromium with the built extension, on the real policy pages served at their real
// host and path (hosts mapped to 127.0.0.1; a host that the browser forces to HTTPS is served on
// 127.0.0.1 with the same path instead):
//  - navigation → first `fineprint-*` highlight registered: the page's main world watches the
//    document head for the highlight stylesheet the analyzer inserts in the same task as it
//    registers the highlights (a MutationObserver without subtree, installed at DOMContentLoaded,
//    with a requestAnimationFrame poll of `CSS.highlights` as a fallback);
//  - the same from DOMContentLoaded (the navigation timing entry): the sentinel runs at
//    document_idle, after DOMContentLoaded and at the latest at `load`, so this leaves out the
//    page's own loading;
//  - navigation → the side panel (opened on the tab beforehand) listing provisions or findings,
//    and the same from DOMContentLoaded;
//  - JS heap retained on the largest page: Runtime.getHeapUsage after a forced GC, with the
//    extension minus without (content scripts share the page's V8 heap).
import type { BrowserContext, Page } from '@playwright/test';
import type { FixtureServer } from '../../tests/e2e/server';
import { extensionWorker, tabIdOf, waitFor } from './browser';
import type { PolicyPage } from './corpus';
import type { MetricLog } from './report';
import { median } from './stats';

/**
 * Watches, from the page's main world, for the first `fineprint-*` highlight. Times are on the
 * page's clock; they are reported from DOMContentLoaded, after which the sentinel runs (at
 * document_idle), and from navigation.
 */
const HIGHLIGHT_WATCH = `(() => {
  const found = () => {
    if (window.__benchHighlightAt !== undefined || !window.CSS || !CSS.highlights) return;
    let any = false;
    CSS.highlights.forEach((_value, name) => { if (name.startsWith('fineprint-')) any = true; });
    if (any) window.__benchHighlightAt = performance.now();
  };
  const poll = () => { found(); if (window.__benchHighlightAt === undefined) requestAnimationFrame(poll); };
  requestAnimationFrame(poll);
  document.addEventListener('DOMContentLoaded', () => {
    const observer = new MutationObserver(found);
    observer.observe(document.documentElement, { childList: true });
    if (document.head) observer.observe(document.head, { childList: true });
  });
})();`;

const PANEL_WATCH = `(() => {
  window.__benchShownAt = undefined;
  const check = () => {
    if (window.__benchShownAt === undefined && document.querySelector('[data-testid="provision"], [data-testid="finding"]')) {
      window.__benchShownAt = performance.timeOrigin + performance.now();
    }
  };
  new MutationObserver(check).observe(document.body, { childList: true, subtree: true });
  check();
})();`;

export interface ServedPolicy {
  page: PolicyPage;
  url: string;
  /** Whether it is served at its real host (else 127.0.0.1, same path). */
  realHost: boolean;
}

export function mappedHostsOf(pages: readonly PolicyPage[]): string[] {
  return [...new Set(pages.map((page) => new URL(page.url).hostname))];
}

/** Routes each page at its real path and finds the address the browser can load it at. */
export async function servePolicies(
  context: BrowserContext,
  server: FixtureServer,
  pages: readonly PolicyPage[],
): Promise<ServedPolicy[]> {
  const served: ServedPolicy[] = [];
  server.route('/bench/blank', '<!doctype html><title>blank</title><p>start</p>');
  for (const page of pages) {
    const real = new URL(page.url);
    server.route(real.pathname, page.html);
    const probe = `http://${real.hostname}:${server.port}/bench/blank`;
    // A fresh tab per probe: a failed navigation leaves an error page that interrupts the next.
    const tab = await context.newPage();
    let realHost = false;
    try {
      await tab.goto(probe, { timeout: 5000 });
      realHost = tab.url() === probe;
    } catch {
      realHost = false;
    } finally {
      await tab.close();
    }
    const host = realHost ? real.hostname : '127.0.0.1';
    served.push({
      page,
      url: `http://${host}:${server.port}${real.pathname}${real.search}`,
      realHost,
    });
  }
  return served;
}

interface PolicyRun {
  highlightMs: number | null;
  highlightFromReadyMs: number | null;
  panelMs: number | null;
  panelFromReadyMs: number | null;
}

const PAGE_TIMEOUT_MS = 15_000;

async function pageTiming(tab: Page) {
  return tab.evaluate(() => {
    const win = window as unknown as { __benchHighlightAt?: number };
    const navigation = performance.getEntriesByType('navigation')[0] as
      | PerformanceNavigationTiming
      | undefined;
    return {
      highlightAt: win.__benchHighlightAt ?? null,
      readyAt:
        navigation && navigation.domContentLoadedEventEnd > 0
          ? navigation.domContentLoadedEventEnd
          : null,
      timeOrigin: performance.timeOrigin,
    };
  });
}

async function measurePolicy(
  context: BrowserContext,
  served: ServedPolicy,
  extensionId: string,
): Promise<PolicyRun> {
  const worker = await extensionWorker(context);
  const tab = await context.newPage();
  const panel = await context.newPage();
  try {
    await tab.addInitScript(HIGHLIGHT_WATCH);
    // A blank page on no platform's host, so the panel shows no provisions before the policy.
    await tab.goto(new URL('/bench/blank', `http://127.0.0.1:${new URL(served.url).port}`).href);
    const tabId = await tabIdOf(worker, tab);
    await panel.goto(`chrome-extension://${extensionId}/sidepanel.html?tabId=${tabId}`);
    // The panel shows the blank page's state: not a policy.
    await waitFor(
      () => panel.evaluate(() => (document.body.textContent ?? '').trim().length > 0 || null),
      PAGE_TIMEOUT_MS,
      'the side panel to render',
    );
    await panel.evaluate(PANEL_WATCH);
    await tab.goto(served.url, { waitUntil: 'load' });
    const timing = await waitFor(
      async () => {
        const current = await pageTiming(tab);
        return current.highlightAt === null ? null : current;
      },
      PAGE_TIMEOUT_MS,
      `highlights on ${served.page.id}`,
    ).catch(() => null);
    const shownAt = await waitFor(
      () => panel.evaluate(() => (window as unknown as { __benchShownAt?: number }).__benchShownAt),
      timing ? PAGE_TIMEOUT_MS : 2000,
      `the side panel on ${served.page.id}`,
    ).catch(() => null);
    const final = timing ?? (await pageTiming(tab));
    const ready = final.readyAt;
    const panelMs = shownAt === null ? null : shownAt - final.timeOrigin;
    return {
      highlightMs: final.highlightAt,
      highlightFromReadyMs:
        final.highlightAt !== null && ready !== null ? final.highlightAt - ready : null,
      panelMs,
      panelFromReadyMs: panelMs !== null && ready !== null ? panelMs - ready : null,
    };
  } finally {
    await panel.close();
    await tab.close();
  }
}

export async function benchPolicyPages(
  log: MetricLog,
  options: {
    context: BrowserContext;
    extensionId: string;
    served: readonly ServedPolicy[];
    runs: number;
  },
): Promise<void> {
  const { context, extensionId, served, runs } = options;
  // The first analysis of a browser session also loads the analyzer module and the model.
  if (served[0]) await measurePolicy(context, served[0], extensionId);
  const never: string[] = [];
  const startUnseen: string[] = [];
  const fromStart: number[] = [];
  const panels: number[] = [];
  const panelsFromStart: number[] = [];
  for (const entry of served) {
    const measured: PolicyRun[] = [];
    for (let run = 0; run < runs; run += 1) {
      const result = await measurePolicy(context, entry, extensionId);
      measured.push(result);
      // A page that never gets highlights will not get them on the next run either.
      if (result.highlightMs === null) break;
    }
    const highlight = measured.flatMap((run) =>
      run.highlightMs === null ? [] : [run.highlightMs],
    );
    const started = measured.flatMap((run) =>
      run.highlightFromReadyMs === null ? [] : [run.highlightFromReadyMs],
    );
    const panel = measured.flatMap((run) => (run.panelMs === null ? [] : [run.panelMs]));
    const panelStarted = measured.flatMap((run) =>
      run.panelFromReadyMs === null ? [] : [run.panelFromReadyMs],
    );
    const where = entry.realHost ? new URL(entry.url).host : `127.0.0.1 (its host is HTTPS-only)`;
    if (highlight.length === 0) {
      never.push(entry.page.id);
      continue;
    }
    const sinceNavigation = `navigation → ${median(highlight).toFixed(0)} ms; served at ${where}`;
    if (started.length === 0) startUnseen.push(`${entry.page.id} (${sinceNavigation})`);
    if (started.length > 0) {
      fromStart.push(median(started));
      log.add(
        `policy.page.${entry.page.id}.highlights_ms`,
        median(started),
        'ms',
        `DOMContentLoaded → first fineprint-* highlight (${sinceNavigation})`,
      );
    }
    if (panelStarted.length > 0) {
      panels.push(median(panel));
      panelsFromStart.push(median(panelStarted));
      log.add(
        `policy.page.${entry.page.id}.side_panel_ms`,
        median(panelStarted),
        'ms',
        `DOMContentLoaded → side panel (open on the tab) lists provisions or findings (navigation → ${median(panel).toFixed(0)} ms)`,
      );
    }
  }
  if (fromStart.length > 0) {
    log.add(
      'policy.highlights_median_ms',
      median(fromStart),
      'ms',
      `median over ${fromStart.length} policy pages of DOMContentLoaded → first highlight registered`,
    );
    log.add(
      'policy.highlights_max_ms',
      Math.max(...fromStart),
      'ms',
      'the slowest page of the same',
    );
  }
  if (panelsFromStart.length > 0) {
    log.add(
      'policy.side_panel_median_ms',
      median(panelsFromStart),
      'ms',
      `median over ${panelsFromStart.length} policy pages of DOMContentLoaded → side panel showing provisions (navigation → ${median(panels).toFixed(0)} ms)`,
    );
    log.add(
      'policy.side_panel_max_ms',
      Math.max(...panelsFromStart),
      'ms',
      'the slowest page of the same',
    );
  }
  if (startUnseen.length > 0) {
    log.note(
      `No DOMContentLoaded time on ${startUnseen.join(', ')}, so only the time from navigation is known there and it is left out of the medians.`,
    );
  }
  if (never.length > 0) {
    log.note(
      `No highlight within ${PAGE_TIMEOUT_MS / 1000} s on ${never.join(', ')} in Chromium (no policy text in the served snapshot without its scripts' network, or nothing flagged).`,
    );
  }
}

async function heapUsed(context: BrowserContext, tab: Page): Promise<number> {
  const session = await context.newCDPSession(tab);
  try {
    await session.send('HeapProfiler.enable');
    await session.send('HeapProfiler.collectGarbage');
    const usage = (await session.send('Runtime.getHeapUsage')) as { usedSize: number };
    return usage.usedSize;
  } finally {
    await session.detach();
  }
}

export async function benchHeap(
  log: MetricLog,
  options: {
    extensionId: string;
    withExtension: BrowserContext;
    plain: BrowserContext;
    largest: ServedPolicy;
    runs: number;
  },
): Promise<void> {
  const { largest } = options;
  const withHeap: number[] = [];
  const plainHeap: number[] = [];
  for (let run = 0; run < options.runs; run += 1) {
    const tab = await options.withExtension.newPage();
    await tab.addInitScript(HIGHLIGHT_WATCH);
    await tab.goto(largest.url, { waitUntil: 'load' });
    await waitFor(
      () =>
        tab.evaluate(
          () => (window as unknown as { __benchHighlightAt?: number }).__benchHighlightAt,
        ),
      PAGE_TIMEOUT_MS,
      `highlights on ${largest.page.id}`,
    );
    withHeap.push(await heapUsed(options.withExtension, tab));
    await tab.close();
    const plainTab = await options.plain.newPage();
    await plainTab.goto(largest.url, { waitUntil: 'load' });
    await plainTab.waitForTimeout(300);
    plainHeap.push(await heapUsed(options.plain, plainTab));
    await plainTab.close();
  }
  log.add(
    'memory.content_script_heap_bytes',
    median(withHeap) - median(plainHeap),
    'B',
    `JS heap retained after analysis on the largest page (${largest.page.id}), with the extension minus without (after a forced GC; ${median(withHeap)} − ${median(plainHeap)} B)`,
  );
}
