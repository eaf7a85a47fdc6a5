// §3 Highlighting every clause of a policy: our method (the analyzer's own code: DOM ranges from
// the extraction's text map, registered with the CSS Custom Highlight API) against mark.js
// (wrapping the same character ranges in <mark> elements), in Chromium without the extension,
// on a fresh load of each real policy page for each run. Both get the same clauses: extraction
// and segmentation run first, untimed; mark.js gets each clause as an offset range in its own
// text model (its walk of the page's text nodes), computed from our ranges before timing.
// Timed: the call, then a forced style and layout (both change what the page paints), and,
// separately, until the next animation frame.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { BrowserContext, Page } from '@playwright/test';
import type { ServedPolicy } from './policy';
import type { MetricLog } from './report';
import { median } from './stats';

interface HighlightTiming {
  syncMs: number;
  frameMs: number;
  clauses: number;
}

type Method = 'ours' | 'markjs';

const SLOW_RUN_MS = 1000;

async function prepare(page: Page, engine: string, markJs: string): Promise<number> {
  // tsx compiles the functions passed to page.evaluate with esbuild's keepNames, whose `__name`
  // helper the page does not have.
  await page.addScriptTag({ content: 'window.__name = (target) => target;' });
  await page.addScriptTag({ content: engine });
  await page.addScriptTag({ content: markJs });
  return page.evaluate(() => {
    type Bench = {
      extractMainText: (doc: Document) => { text: string; headings: unknown[]; map: unknown };
      segmentClauses: (text: string, headings: unknown[]) => { start: number; end: number }[];
      rangesFor: (map: unknown, start: number, end: number, doc: Document) => Range[];
    };
    const bench = (window as unknown as { fineprintBench: Bench }).fineprintBench;
    const extracted = bench.extractMainText(document);
    const clauses = bench.segmentClauses(extracted.text, extracted.headings);
    (window as unknown as { benchInput: unknown }).benchInput = { extracted, clauses };
    return clauses.length;
  });
}

async function timeOurs(page: Page): Promise<HighlightTiming> {
  return page.evaluate(async () => {
    type Bench = {
      rangesFor: (map: unknown, start: number, end: number, doc: Document) => Range[];
      paintHighlights: (doc: Document, groups: Map<string, Range[]>) => void;
    };
    const win = window as unknown as {
      fineprintBench: Bench;
      benchInput: { extracted: { map: unknown }; clauses: { start: number; end: number }[] };
    };
    const { extracted, clauses } = win.benchInput;
    const started = performance.now();
    const ranges: Range[] = [];
    for (const clause of clauses) {
      ranges.push(
        ...win.fineprintBench.rangesFor(extracted.map, clause.start, clause.end, document),
      );
    }
    win.fineprintBench.paintHighlights(document, new Map([['fineprint-auto-medium', ranges]]));
    document.body.getBoundingClientRect();
    const syncMs = performance.now() - started;
    await new Promise((resolve) => requestAnimationFrame(resolve));
    return { syncMs, frameMs: performance.now() - started, clauses: clauses.length };
  });
}

async function timeMarkJs(page: Page): Promise<HighlightTiming> {
  return page.evaluate(async () => {
    type Bench = {
      rangesFor: (map: unknown, start: number, end: number, doc: Document) => Range[];
    };
    type MarkInstance = {
      markRanges: (
        ranges: { start: number; length: number }[],
        options: { done: () => void },
      ) => void;
    };
    const win = window as unknown as {
      fineprintBench: Bench;
      benchInput: { extracted: { map: unknown }; clauses: { start: number; end: number }[] };
      Mark: new (context: Element) => MarkInstance;
    };
    const { extracted, clauses } = win.benchInput;
    // mark.js counts offsets over every text node under its context except those whose parent
    // is script, style, title, head or html (Mark.prototype.getTextNodes).
    const offsets = new Map<Node, number>();
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT, {
      acceptNode: (node) =>
        node.parentElement?.closest('script, style, title, head') ||
        node.parentNode === document.documentElement
          ? NodeFilter.FILTER_REJECT
          : NodeFilter.FILTER_ACCEPT,
    });
    let total = 0;
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      offsets.set(node, total);
      total += node.textContent?.length ?? 0;
    }
    const markRanges: { start: number; length: number }[] = [];
    for (const clause of clauses) {
      const ranges = win.fineprintBench.rangesFor(
        extracted.map,
        clause.start,
        clause.end,
        document,
      );
      const first = ranges[0];
      const last = ranges[ranges.length - 1];
      if (!first || !last) continue;
      const start = offsets.get(first.startContainer);
      const end = offsets.get(last.endContainer);
      if (start === undefined || end === undefined) continue;
      const from = start + first.startOffset;
      const to = end + last.endOffset;
      if (to > from) markRanges.push({ start: from, length: to - from });
    }
    const marker = new win.Mark(document.body);
    const started = performance.now();
    await new Promise<void>((resolve) => marker.markRanges(markRanges, { done: () => resolve() }));
    document.body.getBoundingClientRect();
    const syncMs = performance.now() - started;
    await new Promise((resolve) => requestAnimationFrame(resolve));
    return { syncMs, frameMs: performance.now() - started, clauses: markRanges.length };
  });
}

export async function benchMarkPeer(
  log: MetricLog,
  options: { plain: BrowserContext; served: readonly ServedPolicy[]; engine: string; runs: number },
): Promise<void> {
  const require = createRequire(import.meta.url);
  const markJs = readFileSync(require.resolve('mark.js/dist/mark.min.js'), 'utf8');
  const ratios: number[] = [];
  const frameRatios: number[] = [];
  const tab = await options.plain.newPage();
  try {
    for (const entry of options.served) {
      const times: Record<Method, HighlightTiming[]> = { ours: [], markjs: [] };
      let clauses = 0;
      for (let run = 0; run < options.runs; run += 1) {
        for (const method of ['ours', 'markjs'] as const) {
          await tab.goto(entry.url, { waitUntil: 'load' });
          clauses = await prepare(tab, options.engine, markJs);
          if (clauses === 0) break;
          times[method].push(method === 'ours' ? await timeOurs(tab) : await timeMarkJs(tab));
        }
        if (clauses === 0) break;
        // mark.js takes seconds on the largest page: one run tells enough there.
        if ((times.markjs[0]?.syncMs ?? 0) > SLOW_RUN_MS) break;
      }
      if (clauses === 0) continue;
      const ours = median(times.ours.map((time) => time.syncMs));
      const theirs = median(times.markjs.map((time) => time.syncMs));
      const oursFrame = median(times.ours.map((time) => time.frameMs));
      const theirsFrame = median(times.markjs.map((time) => time.frameMs));
      ratios.push(theirs / ours);
      frameRatios.push(theirsFrame / oursFrame);
      log.add(
        `peers.highlight.${entry.page.id}.ours_ms`,
        ours,
        'ms',
        `CSS highlights for all ${clauses} clauses (to next frame ${oursFrame.toFixed(1)} ms)`,
      );
      log.add(
        `peers.highlight.${entry.page.id}.markjs_ms`,
        theirs,
        'ms',
        `mark.js markRanges of the same clauses (to next frame ${theirsFrame.toFixed(1)} ms)`,
      );
    }
  } finally {
    await tab.close();
  }
  if (ratios.length > 0) {
    log.add(
      'peers.highlight.markjs_over_ours',
      median(ratios),
      'ratio',
      `median over ${ratios.length} pages of mark.js time / our time (call + style + layout); > 1 means ours is faster`,
    );
    log.add(
      'peers.highlight.markjs_over_ours_to_frame',
      median(frameRatios),
      'ratio',
      'the same ratio measured until the next animation frame',
    );
  }
}
