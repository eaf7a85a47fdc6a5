import { describe, expect, it } from 'vitest';
import { type CpuProfile, framesUnder, profiledTimeUnder } from '../../scripts/bench/browser';
import { judge, MetricLog, roundForReport } from '../../scripts/bench/report';
import {
  f1Score,
  growthExponent,
  linearFit,
  median,
  seededSample,
  wordOverlap,
  words,
} from '../../scripts/bench/stats';

describe('median', () => {
  it('takes the middle value, or the mean of the two middle ones', () => {
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });
  it('refuses an empty list', () => {
    expect(() => median([])).toThrow();
  });
});

describe('linearFit', () => {
  it('recovers an exact line with R² = 1', () => {
    const fit = linearFit([1, 2, 3, 4], [5, 7, 9, 11]);
    expect(fit.slope).toBeCloseTo(2);
    expect(fit.intercept).toBeCloseTo(3);
    expect(fit.r2).toBeCloseTo(1);
  });
  it('gives a lower R² to points off the line', () => {
    expect(linearFit([1, 2, 3, 4], [1, 4, 2, 5]).r2).toBeLessThan(0.8);
  });
  it('tells linear from quadratic growth through the exponent', () => {
    const sizes = [0.01, 0.1, 1, 10];
    expect(
      growthExponent(
        sizes,
        sizes.map((x) => 3 * x),
      ),
    ).toBeCloseTo(1);
    expect(
      growthExponent(
        sizes,
        sizes.map((x) => x * x),
      ),
    ).toBeCloseTo(2);
  });
});

describe('wordOverlap', () => {
  it('counts repeated words only as often as both texts have them', () => {
    const overlap = wordOverlap(
      words('We may share your data, your data.'),
      words('share your data'),
    );
    expect(overlap.kept).toBeCloseTo(3 / 7);
    expect(overlap.extra).toBe(0);
  });
  it('counts words absent from the reference as extra', () => {
    expect(wordOverlap(['a', 'b'], ['a', 'menu', 'login', 'b']).extra).toBeCloseTo(0.5);
  });
});

describe('f1Score and seededSample', () => {
  it('computes F1 from counts', () => {
    expect(f1Score({ truePositives: 2, falsePositives: 1, falseNegatives: 1 })).toBeCloseTo(2 / 3);
    expect(f1Score({ truePositives: 0, falsePositives: 0, falseNegatives: 0 })).toBe(0);
  });
  it('samples deterministically, in input order, without repeats', () => {
    const items = Array.from({ length: 100 }, (_, index) => index);
    const first = seededSample(items, 10, 7);
    expect(first).toEqual(seededSample(items, 10, 7));
    expect(new Set(first).size).toBe(10);
    expect([...first].sort((a, b) => a - b)).toEqual(first);
    expect(seededSample(items, 10, 8)).not.toEqual(first);
    expect(seededSample([1, 2], 10, 7)).toEqual([1, 2]);
  });
});

describe('CPU profile attribution', () => {
  // root → page() → dom(native); root → ext() → native(); samples every 100 µs.
  const profile: CpuProfile = {
    nodes: [
      { id: 1, callFrame: { url: '', functionName: '(root)' }, children: [2, 4] },
      { id: 2, callFrame: { url: 'http://page/app.js', functionName: 'page' }, children: [3] },
      { id: 3, callFrame: { url: '', functionName: 'querySelectorAll' } },
      {
        id: 4,
        callFrame: { url: 'chrome-extension://abc/content.js', functionName: 'ext' },
        children: [5],
      },
      { id: 5, callFrame: { url: '', functionName: 'sendMessage' } },
    ],
    samples: [2, 4, 5, 5, 3, 1],
    timeDeltas: [0, 100, 100, 100, 100, 100],
  };
  it('counts samples with an extension frame anywhere on the stack', () => {
    expect(profiledTimeUnder(profile, 'chrome-extension://abc/')).toBeCloseTo(0.3);
  });
  it('breaks the time down by innermost frame', () => {
    const frames = framesUnder(profile, 'chrome-extension://abc/');
    expect(frames.get('ext content.js')).toBeCloseTo(0.1);
    expect(frames.get('sendMessage')).toBeCloseTo(0.2);
  });
});

describe('budgets', () => {
  it('meets a budget only when the figure is strictly below it, and says by how much otherwise', () => {
    const lines: string[] = [];
    const log = new MetricLog((line) => lines.push(line));
    log.add('a', 0.5, 'ms', 'fast');
    log.add('b', 2.123456, 'ms', 'slow');
    expect(JSON.parse(lines[1]!)).toEqual({ name: 'b', value: 2.123, unit: 'ms' });
    const [a, b, c] = judge(log, [
      { metric: 'a', below: 1, title: 'a' },
      { metric: 'b', below: 1, title: 'b' },
      { metric: 'missing', below: 1, title: 'c' },
    ]);
    expect(a?.met).toBe(true);
    expect(b?.met).toBe(false);
    expect(c?.value).toBeNull();
    expect(roundForReport(1234.5678)).toBe(1235);
  });
});
