import type { BrowserContext, Page, Worker } from '@playwright/test';
import { MAX_RECHECKS_PER_URL, RECHECK_INTERVAL_MS } from '../../lib/content/sentinel';
import { MAX_ANALYSED_CLAUSES, MAX_RERENDER_RUNS_PER_URL } from '../../lib/content/slicing';
import {
  deepShadowPage,
  framedPolicyPage,
  framingPage,
  hostileGlobalsPage,
  hugePolicyPage,
  manyNodesPage,
  mutatingPage,
} from '../fixtures/hostile/pages';
import { expect, pageHighlights, tabIdOf, test } from './fixtures';
import { evaluateInExtensionWorld } from './isolated-world';
import { SidePanelPage } from './pages/side-panel';

// Hostile and huge pages: the content script stays responsive (its work is sliced and bounded),
// never throws into the page, and says so when it analysed only part of a page.

// Playwright's trace snapshotter walks the DOM from the page's main world, with the page's own
// (here sabotaged) functions: it would count as a call that we did not make.
test.use({ trace: 'off' });

interface SeenReport {
  url: string;
  texts: string[];
  notice: string | null;
}

/**
 * Records, in the service worker, every page report a content script sends: a second listener
 * beside the background's own, so the extension is observed without being changed.
 */
async function recordReports(serviceWorker: Worker) {
  await serviceWorker.evaluate(() => {
    const scope = globalThis as unknown as { seenReports?: SeenReport[] };
    if (scope.seenReports) return;
    const seen: SeenReport[] = [];
    scope.seenReports = seen;
    chrome.runtime.onMessage.addListener(
      (message: {
        type?: string;
        report?: { url: string; clauses: { text: string }[]; notice: string | null };
      }) => {
        if (message?.type === 'page/report' && message.report) {
          seen.push({
            url: message.report.url,
            texts: message.report.clauses.map((clause) => clause.text),
            notice: message.report.notice,
          });
        }
        return false;
      },
    );
  });
  return (url: string) =>
    serviceWorker.evaluate(
      (wanted) =>
        (globalThis as unknown as { seenReports: SeenReport[] }).seenReports.filter(
          (report) => report.url === wanted,
        ),
      url,
    );
}

/** Long tasks of the page's main thread (our isolated world shares it), from page start. */
async function watchLongTasks(page: Page) {
  await page.addInitScript(() => {
    const scope = window as unknown as { longTasks: { start: number; duration: number }[] };
    scope.longTasks = [];
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) {
        scope.longTasks.push({ start: entry.startTime, duration: entry.duration });
      }
    }).observe({ type: 'longtask', buffered: true });
  });
  return {
    now: () => page.evaluate(() => performance.now()),
    since: (start: number) =>
      page.evaluate(
        (from) =>
          (window as unknown as { longTasks: { start: number; duration: number }[] }).longTasks
            .filter((task) => task.start >= from)
            .map((task) => Math.round(task.duration)),
        start,
      ),
  };
}

const FRAMED_MARK = 'Framed clause';

/** The event listeners our isolated world added to `document` (DevTools sees each world's own). */
async function documentListenersOfExtensionWorld(
  context: BrowserContext,
  page: Page,
  extensionId: string,
): Promise<{ type: string }[]> {
  const session = await context.newCDPSession(page);
  const contexts: { id: number; origin: string; auxData?: { type?: string } }[] = [];
  session.on('Runtime.executionContextCreated', (event) => contexts.push(event.context));
  await session.send('Runtime.enable');
  try {
    const isolated = contexts.find(
      (candidate) =>
        candidate.auxData?.type === 'isolated' && candidate.origin.includes(extensionId),
    );
    if (!isolated) throw new Error('no isolated world of the extension in the page');
    const { result } = await session.send('Runtime.evaluate', {
      expression: 'document',
      contextId: isolated.id,
    });
    const { listeners } = await session.send('DOMDebugger.getEventListeners', {
      objectId: result.objectId!,
    });
    return listeners;
  } finally {
    await session.detach();
  }
}

function collectPageErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  return errors;
}

/**
 * The longest task, in ms, that analysing a settled page may cause. Our slices are 8 ms of work;
 * what is left above that is the structured clone of the report, garbage collection, and the
 * style and paint work the highlights cost the browser. Long tasks are wall time: on a two-core
 * machine shared with other test runs (load average 10-14 while this was written) a slice is
 * stretched several times over. Measured there: the sliced re-analyses 50-200 ms with rare
 * single spikes to 350 ms; the same code with slicing switched off 378-878 ms (10 MB) and
 * 390-1167 ms (200,000 nodes); before any of this work, at first load, 12.5 s and 990 ms.
 */
const LONG_TASK_BOUND_MS = 200;
/**
 * A spike of a loaded machine (the thread descheduled mid-slice) is not reproducible; a task our
 * code makes too long is. So the re-analysis is measured up to this many times and the best run
 * must stay within the bound.
 */
const MEASURE_ATTEMPTS = 3;

/** The longest task of the best of up to MEASURE_ATTEMPTS re-analyses, and every figure seen. */
async function longestTaskOfReanalyses(
  page: Page,
  reportsOf: () => Promise<SeenReport[]>,
  longTasks: Awaited<ReturnType<typeof watchLongTasks>>,
) {
  const runs: number[][] = [];
  let best = Number.POSITIVE_INFINITY;
  for (let attempt = 0; attempt < MEASURE_ATTEMPTS && best > LONG_TASK_BOUND_MS; attempt += 1) {
    const tasks = await longTasksOfReanalysis(page, reportsOf, longTasks, attempt);
    runs.push(tasks);
    best = Math.min(best, Math.max(0, ...tasks));
  }
  return { best, runs };
}

/**
 * Makes the page re-render its policy once it has finished loading and rendering, and returns the
 * long tasks of the re-analysis that follows (the sentinel notices the change and runs the
 * analyzer again, on its own timers, as it does for any page that renders late). Measuring on a
 * settled page keeps the page's own parsing and first layout out of the figure: those reach
 * 300+ ms on these pages without any extension. A re-analysis asked for by extension message
 * would not do: with slicing switched off, such a run showed no long task at all here, so the
 * observer does not see the task that delivers the message.
 */
async function longTasksOfReanalysis(
  page: Page,
  reportsOf: () => Promise<SeenReport[]>,
  longTasks: Awaited<ReturnType<typeof watchLongTasks>>,
  attempt: number,
) {
  const before = (await reportsOf()).length;
  await page.waitForTimeout(1500);
  const start = await longTasks.now();
  await page.evaluate((count) => {
    const main = document.querySelector('main')!;
    const paragraph = document.createElement('p');
    paragraph.textContent = `We may update this policy at any time (revision ${count}).`;
    main.insertBefore(paragraph, main.children[1] ?? null);
  }, attempt);
  await expect.poll(async () => (await reportsOf()).length, { timeout: 30_000 }).toBe(before + 1);
  // Let the browser render the new highlights: that work is ours too.
  await page.waitForTimeout(1000);
  return longTasks.since(start);
}

function note(type: string, description: string) {
  test.info().annotations.push({ type, description });
  console.log(`${type}: ${description}`);
}

test('a 10 MB policy is analysed up to a bound, says so, and keeps the tab responsive', async ({
  context,
  server,
  serviceWorker,
  extensionId,
}) => {
  test.setTimeout(120_000);
  const reports = await recordReports(serviceWorker);
  const html = hugePolicyPage(10 * 1024 * 1024);
  expect(Buffer.byteLength(html)).toBeGreaterThanOrEqual(10 * 1024 * 1024);
  server.route('/huge/privacy-policy', html);
  const url = `${server.origin}/huge/privacy-policy`;
  const page = await context.newPage();
  const errors = collectPageErrors(page);
  const longTasks = await watchLongTasks(page);
  await page.goto(url, { timeout: 60_000 });

  await expect.poll(async () => (await reports(url)).length, { timeout: 60_000 }).toBe(1);
  const [report] = await reports(url);
  expect(report!.texts.length).toBeGreaterThan(1000);
  expect(report!.texts.length).toBeLessThanOrEqual(MAX_ANALYSED_CLAUSES);
  expect(report!.notice).toBe(
    `This page is very large: Fineprint analysed the first ${report!.texts.length.toLocaleString('en-US')} clauses.`,
  );
  await expect.poll(async () => Object.keys(await pageHighlights(page)).length).toBeGreaterThan(0);

  const panel = await SidePanelPage.open(context, extensionId, await tabIdOf(serviceWorker, page));
  await expect(panel.page.getByText(report!.notice!)).toBeVisible();
  await panel.page.close();

  const { best, runs } = await longestTaskOfReanalyses(page, () => reports(url), longTasks);
  note('10 MB: long tasks of each re-analysis (ms)', JSON.stringify(runs));
  expect(best).toBeLessThanOrEqual(LONG_TASK_BOUND_MS);
  expect(errors).toEqual([]);
});

test('a policy of 200,000 DOM nodes is analysed whole in slices', async ({
  context,
  server,
  serviceWorker,
}) => {
  test.setTimeout(120_000);
  const reports = await recordReports(serviceWorker);
  server.route('/nodes/privacy-policy', manyNodesPage(200_000));
  const url = `${server.origin}/nodes/privacy-policy`;
  const page = await context.newPage();
  const errors = collectPageErrors(page);
  const longTasks = await watchLongTasks(page);
  await page.goto(url, { timeout: 60_000 });
  const nodes = await page.evaluate(() => {
    const walker = document.createTreeWalker(document.body);
    let count = 0;
    while (walker.nextNode()) count += 1;
    return count;
  });
  expect(nodes).toBeGreaterThanOrEqual(200_000);

  await expect.poll(async () => (await reports(url)).length, { timeout: 60_000 }).toBe(1);
  const [report] = await reports(url);
  expect(report!.notice).toBeNull();
  expect(report!.texts.length).toBeGreaterThan(1000);
  await expect.poll(async () => Object.keys(await pageHighlights(page)).length).toBeGreaterThan(0);

  const { best, runs } = await longestTaskOfReanalyses(page, () => reports(url), longTasks);
  note('200k nodes: long tasks of each re-analysis (ms)', JSON.stringify(runs));
  expect(best).toBeLessThanOrEqual(LONG_TASK_BOUND_MS);
  expect(errors).toEqual([]);
});

test('policy text 200 open shadow roots deep is analysed and highlighted', async ({
  context,
  server,
  serviceWorker,
  extensionId,
}) => {
  const reports = await recordReports(serviceWorker);
  server.route('/shadow/privacy-policy', deepShadowPage(200));
  const url = `${server.origin}/shadow/privacy-policy`;
  const page = await context.newPage();
  const errors = collectPageErrors(page);
  await page.goto(url);
  await expect.poll(async () => (await reports(url)).length).toBe(1);
  const [report] = await reports(url);
  expect(report!.texts.length).toBeGreaterThan(200);
  expect(report!.texts).toContain('We may use your conversations to train our models.');
  // A highlight range sits inside the innermost shadow root, 200 roots down.
  await expect
    .poll(() =>
      evaluateInExtensionWorld(
        context,
        page,
        extensionId,
        `(() => {
          for (const [name, highlight] of CSS.highlights) {
            if (!name.startsWith('fineprint-')) continue;
            for (const range of highlight) {
              let depth = 0;
              for (let root = range.startContainer.getRootNode(); root.host; root = root.host.getRootNode()) depth += 1;
              if (depth === 200) return true;
            }
          }
          return false;
        })()`,
      ),
    )
    .toBe(true);
  expect(errors).toEqual([]);
});

test.describe('frames', () => {
  test.use({ mappedHosts: ['policies.example'] });

  test('only the top frame is analysed; policies in same- and cross-origin frames break nothing', async ({
    context,
    server,
    serviceWorker,
  }) => {
    const reports = await recordReports(serviceWorker);
    server.route('/framed/privacy', framedPolicyPage());
    const sameOrigin = `${server.origin}/framed/privacy`;
    const crossOrigin = `http://policies.example:${server.port}/framed/privacy`;
    server.route('/frames/privacy-policy', framingPage([sameOrigin, crossOrigin]));
    const url = `${server.origin}/frames/privacy-policy`;
    const page = await context.newPage();
    const errors = collectPageErrors(page);
    await page.goto(url);
    await expect.poll(async () => (await reports(url)).length).toBe(1);
    expect(page.frames()).toHaveLength(3);
    for (const frame of page.frames()) await frame.waitForLoadState();

    const [report] = await reports(url);
    expect(report!.texts.some((text) => text.includes(FRAMED_MARK))).toBe(false);
    await expect
      .poll(async () => Object.keys(await pageHighlights(page)).length)
      .toBeGreaterThan(0);
    // The content script runs in the top frame only: nothing reported or painted from frames.
    await page.waitForTimeout(1000);
    expect((await reports(sameOrigin)).length + (await reports(crossOrigin)).length).toBe(0);
    for (const frame of page.frames().slice(1)) {
      const painted = await frame.evaluate(() => {
        let count = 0;
        CSS.highlights.forEach((_highlight, name) => {
          if (name.startsWith('fineprint-')) count += 1;
        });
        return count;
      });
      expect(painted).toBe(0);
    }
    expect(errors).toEqual([]);
  });
});

test('a page that mutates forever gets a bounded number of analyses and no extra listeners', async ({
  context,
  server,
  serviceWorker,
  extensionId,
}) => {
  test.setTimeout(90_000);
  const reports = await recordReports(serviceWorker);
  server.route('/live/privacy-policy', mutatingPage(4));
  const url = `${server.origin}/live/privacy-policy`;
  const page = await context.newPage();
  const errors = collectPageErrors(page);
  await page.goto(url);
  await expect.poll(async () => (await reports(url)).length).toBeGreaterThan(0);

  // Long enough for the sentinel to spend all its re-checks on this address.
  await page.waitForTimeout(RECHECK_INTERVAL_MS * (MAX_RECHECKS_PER_URL + 3));
  const settled = (await reports(url)).length;
  await page.waitForTimeout(RECHECK_INTERVAL_MS * 5);
  const later = (await reports(url)).length;
  note('analyses of the mutating page', `${settled} after the re-checks, ${later} later`);
  // The page's text changes all the time, so every re-check that ran re-analysed it.
  expect(settled).toBeGreaterThan(1);
  // The sentinel alone would re-run the analysis after each of its re-checks; the analyzer caps
  // its own re-runs below that.
  expect(settled).toBeLessThan(1 + MAX_RECHECKS_PER_URL);
  expect(settled).toBeLessThanOrEqual(1 + MAX_RERENDER_RUNS_PER_URL);
  expect(later).toBe(settled);

  const listeners = await documentListenersOfExtensionWorld(context, page, extensionId);
  const count = (type: string) => listeners.filter((listener) => listener.type === type).length;
  expect([count('click'), count('mousemove'), count('keydown')]).toEqual([1, 1, 1]);
  expect(errors).toEqual([]);
});

test.describe('a page that sabotages its own JavaScript', () => {
  const ISOLATED_HIGHLIGHTS = `(() => {
    const counts = {};
    for (const [name, highlight] of CSS.highlights) if (name.startsWith('fineprint-')) counts[name] = highlight.size;
    return counts;
  })()`;

  test('does not reach the isolated world: the same highlights as without the sabotage', async ({
    context,
    server,
    serviceWorker,
    extensionId,
  }) => {
    const reports = await recordReports(serviceWorker);
    server.route('/clean/privacy-policy', hostileGlobalsPage(false));
    server.route('/sabotaged/privacy-policy', hostileGlobalsPage(true));
    const highlightsOf = async (path: string) => {
      const url = `${server.origin}${path}`;
      const page = await context.newPage();
      const errors = collectPageErrors(page);
      await page.goto(url);
      await expect.poll(async () => (await reports(url)).length).toBe(1);
      await expect
        .poll(async () =>
          Object.keys(
            ((await evaluateInExtensionWorld(context, page, extensionId, ISOLATED_HIGHLIGHTS)) ??
              {}) as object,
          ),
        )
        .not.toHaveLength(0);
      const highlights = await evaluateInExtensionWorld(
        context,
        page,
        extensionId,
        ISOLATED_HIGHLIGHTS,
      );
      return { page, errors, highlights, report: (await reports(url))[0]! };
    };
    const clean = await highlightsOf('/clean/privacy-policy');
    const sabotaged = await highlightsOf('/sabotaged/privacy-policy');
    expect(sabotaged.highlights).toEqual(clean.highlights);
    expect(sabotaged.report.texts).toEqual(clean.report.texts);

    // The card still opens from the keyboard, though the page defined <fineprint-card> itself.
    await sabotaged.page.bringToFront();
    await sabotaged.page.keyboard.press('Alt+Shift+ArrowDown');
    await expect
      .poll(() =>
        evaluateInExtensionWorld(
          context,
          sabotaged.page,
          extensionId,
          `document.activeElement?.getAttribute('data-fineprint')`,
        ),
      )
      .toBe('card');

    // None of the sabotaged functions was ever called, by us or anyone.
    expect(
      await evaluateInExtensionWorld(
        context,
        sabotaged.page,
        extensionId,
        `['calls', 'last', 'stack'].map((name) => document.documentElement.getAttribute('data-hostile-' + name))`,
      ),
    ).toEqual(['0', null, null]);
    expect(sabotaged.errors).toEqual([]);
    expect(clean.errors).toEqual([]);
  });

  test('a page that takes our highlights down gets them back when the reader turns to them', async ({
    context,
    server,
  }) => {
    server.route('/takedown/privacy-policy', hostileGlobalsPage(false));
    const page = await context.newPage();
    const errors = collectPageErrors(page);
    await page.goto(`${server.origin}/takedown/privacy-policy`);
    await expect
      .poll(async () => Object.keys(await pageHighlights(page)).length)
      .toBeGreaterThan(0);
    const before = await pageHighlights(page);

    // The registry is shared with the page: it can empty it without touching the DOM.
    await page.evaluate(() => CSS.highlights.clear());
    expect(await pageHighlights(page)).toEqual({});
    await page.keyboard.press('Alt+Shift+ArrowDown');
    await expect.poll(() => pageHighlights(page)).toMatchObject(before);

    // Our style sheet removed, an impostor planted under its id: ours comes back all the same
    // (here the sentinel's re-check after the page's mutation is what restores it).
    await page.evaluate(() => {
      CSS.highlights.clear();
      document.getElementById('fineprint-highlight-style')?.remove();
      const impostor = document.createElement('div');
      impostor.id = 'fineprint-highlight-style';
      document.body.append(impostor);
    });
    await page.keyboard.press('Alt+Shift+ArrowDown');
    await expect.poll(() => pageHighlights(page)).toMatchObject(before);
    expect(
      await page.evaluate(() => document.querySelectorAll('style[data-fineprint]').length),
    ).toBe(1);

    // A page that clears the registry forever is not fought forever, and nothing throws.
    await page.evaluate(() => setInterval(() => CSS.highlights.clear(), 5));
    for (let press = 0; press < 10; press += 1) await page.keyboard.press('Alt+Shift+ArrowDown');
    await page.waitForTimeout(500);
    expect(errors).toEqual([]);
  });
});
