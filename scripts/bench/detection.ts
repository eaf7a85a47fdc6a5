// Policy-page detection in Node on the ordinary pages: the engine's own cost of deciding that a page
// is not a policy, apart from what the browser adds around the content script (§1 measures that).
import { detectPolicyPage } from '../../lib/analysis/detect';
import { mayBePolicyPage } from '../../lib/analysis/page-gate';
import { parseDocument } from './engine';
import type { OrdinaryPage } from './ordinary-pages';
import type { MetricLog } from './report';
import { median, sample, timed } from './stats';

// Single calls take microseconds: each sample times a batch, so the timer's resolution is not the figure.
const CALLS_PER_SAMPLE = 50;
const SAMPLES = 40;

/** Median time of one call of `decide`, after a warm-up batch, in ms; and its first, cold call's time. */
async function timeCalls(decide: () => unknown): Promise<{ warm: number; cold: number }> {
  const cold = timed(decide);
  const batch = () => {
    for (let call = 0; call < CALLS_PER_SAMPLE; call += 1) decide();
  };
  const samples = await sample(SAMPLES, () => timed(batch) / CALLS_PER_SAMPLE);
  return { warm: median(samples), cold };
}

export async function benchDetection(
  log: MetricLog,
  pages: readonly OrdinaryPage[],
): Promise<void> {
  const sentinel: number[] = [];
  const detector: number[] = [];
  let firstCall: number | null = null;
  for (const page of pages) {
    const doc = parseDocument(page.html);
    const url = `https://www.example.com${page.path}`;
    // As the sentinel decides: the first pass, and the detector only where the first pass lets it.
    const gated = await timeCalls(
      () => mayBePolicyPage(doc, url) && detectPolicyPage(doc, url).isPolicy,
    );
    const full = await timeCalls(() => detectPolicyPage(doc, url));
    firstCall ??= gated.cold;
    sentinel.push(gated.warm);
    detector.push(full.warm);
    log.add(
      `detection.ordinary.${page.id}_ms`,
      gated.warm,
      'ms',
      `Node, linkedom DOM: first pass then detector (detector alone ${full.warm.toFixed(4)} ms)`,
    );
  }
  log.add(
    'detection.ordinary_median_ms',
    median(sentinel),
    'ms',
    `median over the ${pages.length} ordinary pages of the sentinel's decision in Node (first pass, then the detector where it passes); slowest page ${Math.max(...sentinel).toFixed(4)} ms`,
  );
  log.add(
    'detection.ordinary_detector_median_ms',
    median(detector),
    'ms',
    'the same with the full detector (detectPolicyPage) on every page, as without the first pass',
  );
  log.add(
    'detection.ordinary_first_call_ms',
    firstCall ?? 0,
    'ms',
    'the first decision of the process, on the first ordinary page: nothing of the first pass compiled yet (one call, so a noisy figure)',
  );
}
