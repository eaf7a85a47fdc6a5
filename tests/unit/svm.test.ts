import { describe, expect, it } from 'vitest';
import {
  type PackedExamples,
  packExamples,
  type SvmHead,
  seededRandom,
  svmScore,
  trainSvm,
} from '../../scripts/training/linear';

const DIMENSION = 200;
const OPTIONS = { tolerance: 0.01, maxEpochs: 500, seed: 1 };
// The solver tests the spread on gradients taken during its last pass, while the weights still
// move; measured after it, the spread may be a little over the tolerance.
const AFTER_PASS = 2 * OPTIONS.tolerance;

/**
 * A one-vs-rest head's usual shape: one positive in ten, sharing some words with the negatives,
 * with a little label noise. Most negatives end far outside the margin (the examples shrinking
 * takes out of the active set); at C = 10, some of those come back inside it later on.
 */
function imbalancedProblem() {
  const random = seededRandom(1);
  const examples = Array.from({ length: 300 }, (_, index) => {
    const positive = index % 10 === 0;
    const ids = new Set<number>();
    while (ids.size < 5) {
      ids.add(Math.floor(random() * (positive && random() < 0.5 ? 20 : DIMENSION)));
    }
    const sorted = [...ids].sort((left, right) => left - right);
    return {
      ids: sorted,
      values: sorted.map(() => 0.45),
      positive: random() < 0.05 ? !positive : positive,
    };
  });
  const packed = packExamples(examples);
  const rows = examples.map((_, index) => index);
  const targets = Int8Array.from(examples, (example) => (example.positive ? 1 : -1));
  const costsAt = (cost: number) =>
    Float64Array.from(targets, (target) => cost * (target === 1 ? 3 : 1));
  return { packed, rows, targets, costsAt };
}

/** The spread of the projected dual gradient over every example: LIBLINEAR's optimality test. */
function gradientSpread(
  packed: PackedExamples,
  rows: readonly number[],
  targets: Int8Array,
  costs: Float64Array,
  head: SvmHead,
): number {
  let highest = Number.NEGATIVE_INFINITY;
  let lowest = Number.POSITIVE_INFINITY;
  rows.forEach((row, index) => {
    const regulariser = (head.alpha[index]! * 0.5) / costs[index]!;
    const gradient = targets[index]! * svmScore(packed, row, head) - 1 + regulariser;
    const projected = head.alpha[index] === 0 ? Math.min(gradient, 0) : gradient;
    highest = Math.max(highest, projected);
    lowest = Math.min(lowest, projected);
  });
  return highest - lowest;
}

describe('linear SVM solver', () => {
  it('stops only when every example, also those shrunk out of the active set, is optimal', () => {
    const { packed, rows, targets, costsAt } = imbalancedProblem();
    for (const cost of [0.1, 1, 10]) {
      const head = trainSvm(packed, rows, targets, costsAt(cost), DIMENSION, OPTIONS);
      expect(head.epochs).toBeLessThan(OPTIONS.maxEpochs);
      expect(gradientSpread(packed, rows, targets, costsAt(cost), head)).toBeLessThan(AFTER_PASS);
    }
  });

  it('reaches the same solution from the smaller C warm start as from zero', () => {
    const { packed, rows, targets, costsAt } = imbalancedProblem();
    const small = trainSvm(packed, rows, targets, costsAt(0.3), DIMENSION, OPTIONS);
    const cold = trainSvm(packed, rows, targets, costsAt(1), DIMENSION, OPTIONS);
    const warm = trainSvm(packed, rows, targets, costsAt(1), DIMENSION, OPTIONS, small.alpha);
    expect(gradientSpread(packed, rows, targets, costsAt(1), warm)).toBeLessThan(AFTER_PASS);
    for (const row of rows) {
      expect(svmScore(packed, row, warm)).toBeCloseTo(svmScore(packed, row, cold), 1);
    }
    // The start is a copy: the smaller C's solution is not overwritten.
    expect(gradientSpread(packed, rows, targets, costsAt(0.3), small)).toBeLessThan(AFTER_PASS);
  });
});
