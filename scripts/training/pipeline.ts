// Training pipeline shared by `npm run train` (fit on everything, write the model) and
// `npm run eval` (the same fit inside each cross-validation fold): one code path, so the
// figures in docs/eval.md describe exactly how the shipped model was made.
import type { ClauseModel, SparseWeights } from '../../lib/analysis/classifier';
import {
  categoryFeatureId,
  FEATURE_HASH_BITS,
  featureIds,
  featureValue,
} from '../../lib/analysis/features';
import { CATEGORY_IDS, SEVERITIES, severityRank } from '../../lib/taxonomy';
import type { TrainingRow } from './dataset';
import {
  type DenseModel,
  type SparseExample,
  scoreExample,
  seededRandom,
  shuffled,
  type TrainOptions,
  trainOneVsRest,
  trainSoftmax,
} from './linear';

export interface PipelineConfig {
  seed: number;
  categoryOptions: TrainOptions;
  severityOptions: TrainOptions;
  /** Inner grouped folds used to choose each category's threshold. */
  thresholdFolds: number;
  /** Cap on sqrt(negatives / positives) used as the positive class weight. */
  maxPositiveWeight: number;
  /** Per head, only the largest weights are kept (model size). */
  maxFeaturesPerHead: number;
}

const MIN_POSITIVES_FOR_TUNED_THRESHOLD = 30;

export const DEFAULT_CONFIG: PipelineConfig = {
  seed: 20261123,
  categoryOptions: { epochs: 10, learningRate: 1, l2: 1e-4, seed: 1, minCount: 2 },
  severityOptions: { epochs: 6, learningRate: 0.2, l2: 1e-6, seed: 2, minCount: 2 },
  thresholdFolds: 3,
  maxPositiveWeight: 6,
  maxFeaturesPerHead: 3000,
};

export function toExample(text: string): SparseExample {
  const ids = featureIds(text, FEATURE_HASH_BITS);
  return { ids, values: new Array<number>(ids.length).fill(featureValue(ids.length)) };
}

function severityExample(row: TrainingRow, base: SparseExample): SparseExample {
  const ids = [...base.ids];
  const values = [...base.values];
  for (const category of row.categories) {
    ids.push(categoryFeatureId(category, FEATURE_HASH_BITS));
    values.push(1);
  }
  return { ids, values };
}

/** Row → per-category target: 1, 0, or -1 where the row's source did not judge that category. */
function labelMatrix(rows: readonly TrainingRow[]): Int8Array[] {
  return rows.map((row) =>
    Int8Array.from(CATEGORY_IDS, (category) => {
      if (row.categories.includes(category)) return 1;
      return row.known.includes(category) ? 0 : -1;
    }),
  );
}

function positiveWeights(labels: readonly Int8Array[], cap: number): number[] {
  return CATEGORY_IDS.map((_, head) => {
    let positives = 0;
    let negatives = 0;
    for (const label of labels) {
      if (label[head] === 1) positives += 1;
      else if (label[head] === 0) negatives += 1;
    }
    return positives === 0 ? 1 : Math.min(cap, Math.max(1, Math.sqrt(negatives / positives)));
  });
}

/**
 * Assigns every group (company) to one of `folds` folds. Groups are dealt round-robin in a seeded
 * order, source by source, so each source is spread evenly and a company never straddles folds.
 */
export function assignFolds(
  rows: readonly TrainingRow[],
  folds: number,
  seed: number,
): Map<string, number> {
  const random = seededRandom(seed);
  const assignment = new Map<string, number>();
  const sources = [...new Set(rows.map((row) => row.source))].sort();
  for (const source of sources) {
    const groups = [...new Set(rows.filter((row) => row.source === source).map((row) => row.group))]
      .filter((group) => !assignment.has(group))
      .sort();
    // Larger groups first so folds end up with similar numbers of rows.
    const sizes = new Map<string, number>();
    for (const row of rows)
      if (row.source === source) sizes.set(row.group, (sizes.get(row.group) ?? 0) + 1);
    const ordered = shuffled(groups, random).sort(
      (left, right) => sizes.get(right)! - sizes.get(left)!,
    );
    const load = new Array<number>(folds).fill(0);
    for (const row of rows) {
      const fold = assignment.get(row.group);
      if (row.source === source && fold !== undefined) load[fold]! += 1;
    }
    for (const group of ordered) {
      const lightest = load.indexOf(Math.min(...load));
      assignment.set(group, lightest);
      load[lightest]! += sizes.get(group)!;
    }
  }
  return assignment;
}

/** The threshold on a head's score that maximises F1 over (score, label) pairs. */
export function bestThreshold(pairs: readonly [number, number][]): number {
  const sorted = [...pairs].sort((left, right) => right[0] - left[0]);
  const positives = sorted.filter(([, label]) => label === 1).length;
  if (positives === 0 || sorted.length === 0) return (sorted[0]?.[0] ?? 0) + 1;
  let truePositives = 0;
  let bestF1 = -1;
  let best = 0;
  for (let cut = 0; cut < sorted.length; cut += 1) {
    if (sorted[cut]![1] === 1) truePositives += 1;
    const next = sorted[cut + 1]?.[0];
    if (next === sorted[cut]![0]) continue;
    const f1 = (2 * truePositives) / (cut + 1 + positives);
    if (f1 > bestF1) {
      bestF1 = f1;
      best = next === undefined ? sorted[cut]![0] - 1e-6 : (sorted[cut]![0] + next) / 2;
    }
  }
  return best;
}

function sparseHead(model: DenseModel, head: number, keep: number): SparseWeights {
  const entries: [number, number][] = [];
  for (const [id, row] of model.index) {
    const weight = model.weights[row * model.heads + head]!;
    if (weight !== 0) entries.push([id, weight]);
  }
  entries.sort((left, right) => Math.abs(right[1]) - Math.abs(left[1]) || left[0] - right[0]);
  const kept = entries.slice(0, keep);
  const largest = Math.max(1e-9, ...kept.map(([, weight]) => Math.abs(weight)));
  const scale = largest / 127;
  const quantised = kept
    .map(([id, weight]) => [id, Math.round(weight / scale)] as [number, number])
    .filter(([, weight]) => weight !== 0)
    .sort((left, right) => left[0] - right[0]);
  let previous = 0;
  const ids = quantised.map(([id]) => {
    const gap = id - previous;
    previous = id;
    return gap;
  });
  return {
    ids,
    weights: quantised.map(([, weight]) => weight),
    scale: Number(scale.toPrecision(6)),
    bias: Number(model.biases[head]!.toFixed(5)),
  };
}

function fitCategories(
  rows: readonly TrainingRow[],
  examples: readonly SparseExample[],
  config: PipelineConfig,
): DenseModel {
  const labels = labelMatrix(rows);
  return trainOneVsRest(
    examples,
    labels,
    positiveWeights(labels, config.maxPositiveWeight),
    config.categoryOptions,
  );
}

/** Thresholds from out-of-fold scores of inner grouped folds: never from the data scored later. */
function chooseThresholds(
  rows: readonly TrainingRow[],
  examples: readonly SparseExample[],
  config: PipelineConfig,
): number[] {
  const folds = assignFolds(rows, config.thresholdFolds, config.seed + 17);
  const pairs: [number, number][][] = CATEGORY_IDS.map(() => []);
  for (let fold = 0; fold < config.thresholdFolds; fold += 1) {
    const inside = rows.flatMap((row, index) => (folds.get(row.group) === fold ? [] : [index]));
    const outside = rows.flatMap((row, index) => (folds.get(row.group) === fold ? [index] : []));
    const model = fitCategories(
      inside.map((index) => rows[index]!),
      inside.map((index) => examples[index]!),
      config,
    );
    for (const index of outside) {
      const row = rows[index]!;
      const scores = scoreExample(model, examples[index]!);
      CATEGORY_IDS.forEach((category, head) => {
        if (row.known.includes(category)) {
          pairs[head]!.push([scores[head]!, row.categories.includes(category) ? 1 : 0]);
        }
      });
    }
  }
  // With a handful of positives the F1-optimal cut is noise and is often far below zero (it fires
  // on unrelated text): such heads keep at least the weighted-probability-0.5 cut.
  return pairs.map((headPairs) => {
    const positives = headPairs.filter(([, label]) => label === 1).length;
    const threshold = bestThreshold(headPairs);
    return positives < MIN_POSITIVES_FOR_TUNED_THRESHOLD ? Math.max(0, threshold) : threshold;
  });
}

export function trainClauseModel(
  rows: readonly TrainingRow[],
  config: PipelineConfig = DEFAULT_CONFIG,
): ClauseModel {
  const examples = rows.map((row) => toExample(row.text));
  const thresholds = chooseThresholds(rows, examples, config);
  const categories = fitCategories(rows, examples, config);

  const severityRows = rows.flatMap((row, index) =>
    row.severity !== null && row.categories.length > 0 ? [index] : [],
  );
  const severity = trainSoftmax(
    severityRows.map((index) => severityExample(rows[index]!, examples[index]!)),
    severityRows.map((index) => severityRank(rows[index]!.severity!)),
    SEVERITIES.length,
    config.severityOptions,
  );

  return {
    format: 'fineprint-clause-classifier',
    version: 1,
    hashBits: FEATURE_HASH_BITS,
    heads: CATEGORY_IDS.map((category, head) => ({
      category,
      threshold: Number(thresholds[head]!.toFixed(5)),
      ...sparseHead(categories, head, config.maxFeaturesPerHead),
    })),
    severity: {
      levels: [...SEVERITIES],
      heads: SEVERITIES.map((_, head) => sparseHead(severity, head, config.maxFeaturesPerHead)),
    },
  };
}
