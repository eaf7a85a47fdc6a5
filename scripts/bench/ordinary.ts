// §1 Ordinary pages: what the always-injected content script (the sentinel) costs where most
// browsing happens. Three measures, all in Chromium on the pages of ordinary-pages.ts:
//  - the V8 CPU profiler of the page's renderer, sampling every 100 µs, summing the samples whose
//    stack contains a function of the extension's content script (isolated world, same main
//    thread as the page), from navigation until 300 ms after the content script's isolated world
//    was created (CDP `Runtime.executionContextCreated`: the script runs in the same task);
//  - the same profile on a site's first page, in a renderer of its own (see measureFirstVisit);
//  - CDP `Performance.getMetrics` ScriptDuration / TaskDuration with the extension minus without.
// A long-task observer registered in the page (main world) counts tasks over 50 ms.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { BrowserContext, Page } from '@playwright/test';
import type { FixtureServer } from '../../tests/e2e/server';
import { type CpuProfile, framesUnder, profiledTimeUnder, waitFor } from './browser';
import type { OrdinaryPage } from './ordinary-pages';
import type { MetricLog } from './report';
import { median } from './stats';

/** After the content script started: its visit message and any deferred work are done by then. */
const SETTLE_AFTER_START_MS = 300;
/** How long the live page is profiled after the content script started. */
export const LIVE_PAGE_WINDOW_MS = 4_000;
const START_TIMEOUT_MS = 5000;
const SAMPLING_INTERVAL_US = 100;

const PAGE_PROBES = `(() => {
  window.__benchLongTasks = [];
  try {
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) window.__benchLongTasks.push(entry.duration);
    }).observe({ type: 'longtask', buffered: true });
  } catch {}
})();`;

interface OrdinaryRun {
  sentinelMs: number;
  scriptMs: number;
  taskMs: number;
  longTasks: number;
  /** Sampled time per innermost frame under the content script ("function file"), in ms. */
  frames: Map<string, number>;
}

type CdpSession = Awaited<ReturnType<BrowserContext['newCDPSession']>>;

async function metricsOf(session: CdpSession) {
  const { metrics } = (await session.send('Performance.getMetrics')) as {
    metrics: { name: string; value: number }[];
  };
  const value = (name: string) => metrics.find((metric) => metric.name === name)?.value ?? 0;
  return { script: value('ScriptDuration') * 1000, task: value('TaskDuration') * 1000 };
}

/**
 * The renderer's CPU profile while `tab` navigates to `url`, until SETTLE_AFTER_START_MS after the
 * content script's isolated world appeared (after the load alone when `extensionUrlPrefix` is
 * null). Runtime must be enabled on `session` already: the world is seen by the context events it
 * sends from then on, so only worlds created by this navigation count.
 */
async function profileNavigation(
  session: CdpSession,
  tab: Page,
  url: string,
  extensionUrlPrefix: string | null,
  settleMs = SETTLE_AFTER_START_MS,
): Promise<CpuProfile> {
  let scriptStarted = false;
  session.on('Runtime.executionContextCreated', (event) => {
    const origin = (event as { context: { origin: string } }).context.origin;
    if (extensionUrlPrefix && `${origin}/` === extensionUrlPrefix) scriptStarted = true;
  });
  await session.send('Profiler.enable');
  await session.send('Profiler.setSamplingInterval', { interval: SAMPLING_INTERVAL_US });
  await session.send('Profiler.start');
  await tab.goto(url, { waitUntil: 'load' });
  if (extensionUrlPrefix) {
    await waitFor(
      async () => scriptStarted || null,
      START_TIMEOUT_MS,
      `the content script on ${url}`,
    );
  }
  await tab.waitForTimeout(settleMs);
  const { profile } = (await session.send('Profiler.stop')) as { profile: CpuProfile };
  return profile;
}

async function measureOnce(
  context: BrowserContext,
  tab: Page,
  server: FixtureServer,
  page: OrdinaryPage,
  extensionUrlPrefix: string | null,
): Promise<OrdinaryRun> {
  // Same origin first, so the measured navigation stays in the renderer being profiled.
  await tab.goto(`${server.origin}/bench/blank`);
  const session = await context.newCDPSession(tab);
  try {
    await session.send('Performance.enable');
    await session.send('Runtime.enable');
    const before = await metricsOf(session);
    const profile = await profileNavigation(
      session,
      tab,
      `${server.origin}${page.path}`,
      extensionUrlPrefix,
    );
    const after = await metricsOf(session);
    const longTasks = await tab.evaluate(
      () => (window as unknown as { __benchLongTasks: number[] }).__benchLongTasks.length,
    );
    return {
      sentinelMs: extensionUrlPrefix ? profiledTimeUnder(profile, extensionUrlPrefix) : 0,
      scriptMs: after.script - before.script,
      taskMs: after.task - before.task,
      longTasks,
      frames: extensionUrlPrefix ? framesUnder(profile, extensionUrlPrefix) : new Map(),
    };
  } finally {
    await session.detach();
  }
}

/**
 * The profile of `url` loaded in a tab of its own, closed afterwards; the tab first goes to `start`
 * when given (same origin: the measured navigation then stays in the renderer being profiled).
 */
async function profileInNewTab(
  context: BrowserContext,
  url: string,
  extensionUrlPrefix: string,
  { start, settleMs }: { start?: string; settleMs?: number } = {},
): Promise<CpuProfile> {
  const tab = await context.newPage();
  if (start) await tab.goto(start);
  const session = await context.newCDPSession(tab);
  try {
    await session.send('Runtime.enable');
    return await profileNavigation(session, tab, url, extensionUrlPrefix, settleMs);
  } finally {
    await session.detach();
    await tab.close();
  }
}

/**
 * The same profile on a first visit to a site: a new tab navigates from its initial blank page to
 * a host no earlier run used, so the page gets a renderer of its own, where V8 has compiled none of
 * the content script's functions and regular expressions yet (within one renderer they are cached
 * across navigations: the runs above measure the second and later pages of a site).
 */
async function measureFirstVisit(
  context: BrowserContext,
  server: FixtureServer,
  page: OrdinaryPage,
  host: string,
  extensionUrlPrefix: string,
): Promise<{ ms: number; frames: Map<string, number> }> {
  const url = new URL(page.path, server.origin);
  url.hostname = host;
  const profile = await profileInNewTab(context, url.href, extensionUrlPrefix);
  return {
    ms: profiledTimeUnder(profile, extensionUrlPrefix),
    frames: framesUnder(profile, extensionUrlPrefix),
  };
}

/**
 * The content script's main-thread time on a page that keeps changing, over LIVE_PAGE_WINDOW_MS
 * after it started: what watching a page costs, which the static pages above cannot show.
 */
export async function benchLivePage(
  log: MetricLog,
  options: {
    withExtension: BrowserContext;
    extensionId: string;
    server: FixtureServer;
    page: OrdinaryPage;
    runs: number;
  },
): Promise<void> {
  const { server, page } = options;
  const prefix = `chrome-extension://${options.extensionId}/`;
  server.route('/bench/blank', '<!doctype html><title>blank</title><p>start</p>');
  server.route(page.path, page.html);
  const times: number[] = [];
  for (let run = 0; run < options.runs; run += 1) {
    const profile = await profileInNewTab(
      options.withExtension,
      `${server.origin}${page.path}`,
      prefix,
      {
        start: `${server.origin}/bench/blank`,
        settleMs: LIVE_PAGE_WINDOW_MS,
      },
    );
    times.push(profiledTimeUnder(profile, prefix));
  }
  log.add(
    'ordinary.live_page_sentinel_ms',
    median(times),
    'ms',
    `content-script main-thread time on a page whose script changes its DOM every 16-50 ms (${page.path}), over the ${LIVE_PAGE_WINDOW_MS / 1000} s after the script started; median of ${options.runs} runs (${times.map((ms) => ms.toFixed(2)).join(', ')})`,
  );
}

/** The eight innermost frames with the most samples, as shares of all samples. */
function topFrames(frames: ReadonlyMap<string, number>): string {
  const sampled = [...frames.values()].reduce((sum, ms) => sum + ms, 0);
  return [...frames]
    .sort((left, right) => right[1] - left[1])
    .slice(0, 8)
    .map(([frame, ms]) => `\`${frame}\` ${((100 * ms) / Math.max(sampled, 1e-9)).toFixed(0)}%`)
    .join(', ');
}

/** Hosts the first-visit runs use, one per run; the browser must map them to 127.0.0.1. */
export const FIRST_VISIT_HOSTS = '*.first-visit.test';

export async function benchOrdinaryPages(
  log: MetricLog,
  options: {
    withExtension: BrowserContext;
    plain: BrowserContext;
    extensionId: string;
    extensionPath: string;
    server: FixtureServer;
    pages: readonly OrdinaryPage[];
    runs: number;
  },
): Promise<void> {
  const { server, pages, runs } = options;
  server.route('/bench/blank', '<!doctype html><title>blank</title><p>start</p>');
  for (const page of pages) server.route(page.path, page.html);
  const prefix = `chrome-extension://${options.extensionId}/`;

  const manifest = JSON.parse(
    readFileSync(join(options.extensionPath, 'manifest.json'), 'utf8'),
  ) as {
    content_scripts: { js: string[] }[];
  };
  const scripts = manifest.content_scripts.flatMap((entry) => entry.js);
  const content = Buffer.concat(
    scripts.map((script) => readFileSync(join(options.extensionPath, script))),
  );
  log.add(
    'ordinary.content_script_gzip_bytes',
    gzipSync(content).length,
    'B',
    `${scripts.join(' + ')} of the built extension (the manifest's content scripts), gzipped (${content.length} B raw)`,
  );

  const sentinelAll: number[] = [];
  const scriptDeltas: number[] = [];
  const taskDeltas: number[] = [];
  let longTasksWith = 0;
  let longTasksWithout = 0;
  const frames = new Map<string, number>();
  const withTab = await options.withExtension.newPage();
  const plainTab = await options.plain.newPage();
  await withTab.addInitScript(PAGE_PROBES);
  await plainTab.addInitScript(PAGE_PROBES);
  for (const page of pages) {
    const withRuns: OrdinaryRun[] = [];
    const withoutRuns: OrdinaryRun[] = [];
    // One unrecorded warm-up each, then runs alternating with and without the extension.
    await measureOnce(options.withExtension, withTab, server, page, prefix);
    await measureOnce(options.plain, plainTab, server, page, null);
    for (let run = 0; run < runs; run += 1) {
      const measured = await measureOnce(options.withExtension, withTab, server, page, prefix);
      withRuns.push(measured);
      for (const [frame, ms] of measured.frames) frames.set(frame, (frames.get(frame) ?? 0) + ms);
      withoutRuns.push(await measureOnce(options.plain, plainTab, server, page, null));
    }
    const sentinel = median(withRuns.map((run) => run.sentinelMs));
    sentinelAll.push(...withRuns.map((run) => run.sentinelMs));
    const scriptDelta =
      median(withRuns.map((run) => run.scriptMs)) - median(withoutRuns.map((run) => run.scriptMs));
    const taskDelta =
      median(withRuns.map((run) => run.taskMs)) - median(withoutRuns.map((run) => run.taskMs));
    scriptDeltas.push(scriptDelta);
    taskDeltas.push(taskDelta);
    longTasksWith += withRuns.reduce((sum, run) => sum + run.longTasks, 0);
    longTasksWithout += withoutRuns.reduce((sum, run) => sum + run.longTasks, 0);
    log.add(
      `ordinary.page.${page.id}.sentinel_ms`,
      sentinel,
      'ms',
      `content-script main-thread time (CPU profile) on ${page.path}; ScriptDuration with − without the extension: ${scriptDelta.toFixed(2)} ms`,
    );
  }
  await withTab.close();
  await plainTab.close();
  log.note(
    `Where the content script's sampled main-thread time goes on ordinary pages (innermost frame under it, share of all samples; minified names are the sentinel's bundled functions, names without a file are native extension-API or DOM bindings): ${topFrames(frames)}.`,
  );
  log.add(
    'ordinary.sentinel_main_thread_ms',
    median(sentinelAll),
    'ms',
    `median over ${pages.length} ordinary pages × ${runs} runs of the content script's sampled main-thread time`,
  );
  log.add(
    'ordinary.sentinel_main_thread_max_ms',
    Math.max(...sentinelAll),
    'ms',
    'the slowest single run of the same',
  );
  const firstVisits: number[] = [];
  const firstVisitFrames = new Map<string, number>();
  for (const page of pages) {
    for (let run = 0; run < runs; run += 1) {
      const host = `${page.id}-${run}.first-visit.test`;
      const measured = await measureFirstVisit(options.withExtension, server, page, host, prefix);
      firstVisits.push(measured.ms);
      for (const [frame, ms] of measured.frames) {
        firstVisitFrames.set(frame, (firstVisitFrames.get(frame) ?? 0) + ms);
      }
    }
  }
  log.note(`The same on first visits to a site: ${topFrames(firstVisitFrames)}.`);
  log.add(
    'ordinary.first_visit_main_thread_ms',
    median(firstVisits),
    'ms',
    `median over ${pages.length} ordinary pages × ${runs} runs of the same time on a first visit to a site (a renderer of its own: nothing of the content script compiled yet); slowest ${Math.max(...firstVisits).toFixed(2)} ms`,
  );
  log.add(
    'ordinary.script_duration_delta_ms',
    median(scriptDeltas),
    'ms',
    'median over pages of ScriptDuration (CDP Performance.getMetrics) with the extension minus without',
  );
  log.add(
    'ordinary.task_duration_delta_ms',
    median(taskDeltas),
    'ms',
    'the same for TaskDuration (all main-thread work: script, style, layout, parsing)',
  );
  log.add(
    'ordinary.long_tasks_with_extension',
    longTasksWith,
    'count',
    `long tasks (> 50 ms) seen by a main-world PerformanceObserver over all ${pages.length * runs} runs with the extension (${longTasksWithout} without)`,
  );
}
