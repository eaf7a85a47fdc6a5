// Small numeric helpers of the benchmark, kept pure so they are unit-tested.

export function median(values: readonly number[]): number {
  if (values.length === 0) throw new Error('median of no values');
  const sorted = [...values].sort((left, right) => left - right);
  const middle = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

export interface LinearFit {
  slope: number;
  intercept: number;
  /** Coefficient of determination: 1 for points exactly on the line. */
  r2: number;
}

/** Ordinary least squares fit of y = slope * x + intercept. */
export function linearFit(xs: readonly number[], ys: readonly number[]): LinearFit {
  if (xs.length !== ys.length || xs.length < 2) {
    throw new Error('linearFit needs at least two (x, y) pairs');
  }
  const count = xs.length;
  const meanX = xs.reduce((sum, x) => sum + x, 0) / count;
  const meanY = ys.reduce((sum, y) => sum + y, 0) / count;
  let covariance = 0;
  let varianceX = 0;
  let varianceY = 0;
  for (let index = 0; index < count; index += 1) {
    const dx = xs[index]! - meanX;
    const dy = ys[index]! - meanY;
    covariance += dx * dy;
    varianceX += dx * dx;
    varianceY += dy * dy;
  }
  if (varianceX === 0) throw new Error('linearFit needs at least two distinct x values');
  const slope = covariance / varianceX;
  const intercept = meanY - slope * meanX;
  let residual = 0;
  for (let index = 0; index < count; index += 1) {
    const error = ys[index]! - (slope * xs[index]! + intercept);
    residual += error * error;
  }
  return { slope, intercept, r2: varianceY === 0 ? 1 : 1 - residual / varianceY };
}

/**
 * Fits log(y) = k * log(x) + c: k is the growth exponent (1 for linear growth, 2 for quadratic).
 * A straight-line fit over sizes spread on a log scale is dominated by the largest size, so the
 * exponent is the better check that small sizes do not hide super-linear growth.
 */
export function growthExponent(xs: readonly number[], ys: readonly number[]): number {
  return linearFit(
    xs.map((x) => Math.log(x)),
    ys.map((y) => Math.log(y)),
  ).slope;
}

/** Runs `measure` `warmup` times unrecorded, then `runs` times, and returns the recorded values. */
export async function sample(
  runs: number,
  measure: () => number | Promise<number>,
  warmup = 1,
): Promise<number[]> {
  for (let index = 0; index < warmup; index += 1) await measure();
  const values: number[] = [];
  for (let index = 0; index < runs; index += 1) values.push(await measure());
  return values;
}

/** Milliseconds taken by `work`. */
export function timed(work: () => void): number {
  const started = performance.now();
  work();
  return performance.now() - started;
}

/**
 * Share of `reference`'s words found in `candidate`, counting repeated words as often as they
 * occur in both (a multiset overlap), plus the share of `candidate`'s words absent from it.
 */
export function wordOverlap(
  reference: readonly string[],
  candidate: readonly string[],
): { kept: number; extra: number } {
  const counts = new Map<string, number>();
  for (const word of candidate) counts.set(word, (counts.get(word) ?? 0) + 1);
  let shared = 0;
  for (const word of reference) {
    const left = counts.get(word) ?? 0;
    if (left > 0) {
      shared += 1;
      counts.set(word, left - 1);
    }
  }
  return {
    kept: reference.length === 0 ? 0 : shared / reference.length,
    extra: candidate.length === 0 ? 0 : (candidate.length - shared) / candidate.length,
  };
}

/** Lower-cased words (letters and digits) of a text, for overlap measures. */
export function words(text: string): string[] {
  return text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
}

export interface BinaryCounts {
  truePositives: number;
  falsePositives: number;
  falseNegatives: number;
}

export function f1Score({ truePositives, falsePositives, falseNegatives }: BinaryCounts): number {
  const denominator = 2 * truePositives + falsePositives + falseNegatives;
  return denominator === 0 ? 0 : (2 * truePositives) / denominator;
}

/** A deterministic sample of `count` items (all of them when there are fewer), in input order. */
export function seededSample<T>(items: readonly T[], count: number, seed: number): T[] {
  if (items.length <= count) return [...items];
  let state = seed >>> 0 || 1;
  const random = () => {
    state ^= state << 13;
    state >>>= 0;
    state ^= state >>> 17;
    state ^= state << 5;
    state >>>= 0;
    return state / 0x100000000;
  };
  const indices = items.map((_, index) => index);
  for (let index = indices.length - 1; index > 0; index -= 1) {
    const other = Math.floor(random() * (index + 1));
    [indices[index], indices[other]] = [indices[other]!, indices[index]!];
  }
  return indices
    .slice(0, count)
    .sort((left, right) => left - right)
    .map((index) => items[index]!);
}
