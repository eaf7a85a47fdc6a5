import { z } from 'zod';
import { CATEGORY_IDS, type CategoryId, categoryIdSchema, severitySchema } from '../taxonomy';
import { categoryFeatureId, clauseFeatures } from './features';
import bundledModel from './model.json';
import type { ClauseLabel } from './types';

// A linear model over hashed word and character n-grams (see features.ts and scripts/train.ts):
// one linear SVM head per category with its own decision threshold, and a softmax over the four
// severities that also sees which categories were found. Weights are stored sparse and quantised
// to integers so the JSON stays small enough to be inlined into the content script.

const sparseWeightsSchema = z
  .object({
    /** Feature ids, delta-encoded: the first is absolute, each next one is the gap to the previous. */
    ids: z.array(z.number().int().nonnegative()),
    /** Integer weights, one per id; the real weight is `weights[i] * scale`. */
    weights: z.array(z.number().int()),
    scale: z.number().positive(),
    bias: z.number(),
  })
  .refine((head) => head.ids.length === head.weights.length, 'ids and weights differ in length');

const categoryHeadSchema = z.intersection(
  sparseWeightsSchema,
  z.object({
    category: categoryIdSchema,
    /** Decision threshold on the raw score, chosen on training folds only. */
    threshold: z.number(),
  }),
);

export const clauseModelSchema = z.object({
  format: z.literal('fineprint-clause-classifier'),
  version: z.literal(2),
  features: z.object({
    hashBits: z.number().int().min(8).max(30),
    wordWeight: z.number().nonnegative(),
    charWeight: z.number().nonnegative(),
    charMin: z.number().int().min(1).max(10),
    charMax: z.number().int().min(1).max(10),
  }),
  heads: z.array(categoryHeadSchema).min(1),
  severity: z.object({
    levels: z.array(severitySchema).min(1),
    heads: z.array(sparseWeightsSchema),
  }),
});
export type ClauseModel = z.infer<typeof clauseModelSchema>;
export type SparseWeights = z.infer<typeof sparseWeightsSchema>;

export interface ClauseClassifier {
  classifyClause(text: string): ClauseLabel;
  classifyClauses(texts: readonly string[]): ClauseLabel[];
}

/**
 * Feature id → one weight per head, so scoring a clause touches each of its features once. An
 * open-addressing table over typed arrays: scoring 1,000 clauses does ~100,000 look-ups, which a
 * Map of per-row arrays made the slowest step of classification.
 */
interface WeightTable {
  heads: number;
  mask: number;
  /** Feature id + 1 per slot (0: empty). */
  keys: Int32Array;
  /** Row of the slot's weights in `weights`. */
  rows: Int32Array;
  weights: Float32Array;
}

function slotOf(table: WeightTable, id: number): number {
  let slot = Math.imul(id, 0x9e3779b1) >>> 0;
  for (;;) {
    slot &= table.mask;
    const key = table.keys[slot]!;
    if (key === 0 || key === id + 1) return slot;
    slot += 1;
  }
}

function weightTable(heads: readonly SparseWeights[]): WeightTable {
  const ids = new Set<number>();
  for (const head of heads) {
    let id = 0;
    for (const gap of head.ids) {
      id += gap;
      ids.add(id);
    }
  }
  let capacity = 16;
  while (capacity < ids.size * 2) capacity *= 2;
  const table: WeightTable = {
    heads: heads.length,
    mask: capacity - 1,
    keys: new Int32Array(capacity),
    rows: new Int32Array(capacity),
    weights: new Float32Array(ids.size * heads.length),
  };
  let rows = 0;
  heads.forEach((head, headIndex) => {
    let id = 0;
    head.ids.forEach((gap, index) => {
      id += gap;
      const slot = slotOf(table, id);
      if (table.keys[slot] === 0) {
        table.keys[slot] = id + 1;
        table.rows[slot] = rows;
        rows += 1;
      }
      table.weights[table.rows[slot]! * table.heads + headIndex] =
        (head.weights[index] ?? 0) * head.scale;
    });
  });
  return table;
}

function score(
  table: WeightTable,
  heads: readonly SparseWeights[],
  features: readonly number[],
  values: readonly number[],
): Float64Array {
  const scores = new Float64Array(table.heads);
  for (let head = 0; head < table.heads; head += 1) scores[head] = heads[head]!.bias;
  for (let index = 0; index < features.length; index += 1) {
    const slot = slotOf(table, features[index]!);
    if (table.keys[slot] === 0) continue;
    const value = values[index] ?? 0;
    const base = table.rows[slot]! * table.heads;
    for (let head = 0; head < table.heads; head += 1) {
      scores[head]! += table.weights[base + head]! * value;
    }
  }
  return scores;
}

export function createClassifier(model: unknown): ClauseClassifier {
  const parsed = clauseModelSchema.parse(model);
  const featureOptions = parsed.features;
  const { hashBits } = featureOptions;
  // Heads are reported in taxonomy order whatever order the model file lists them in.
  const heads = [...parsed.heads].sort(
    (left, right) => CATEGORY_IDS.indexOf(left.category) - CATEGORY_IDS.indexOf(right.category),
  );
  const categoryTable = weightTable(heads);
  const severityTable = weightTable(parsed.severity.heads);
  const { levels } = parsed.severity;
  const categoryFeature = new Map(
    CATEGORY_IDS.map((category) => [category, categoryFeatureId(category, hashBits)]),
  );

  function classifyClause(text: string): ClauseLabel {
    const { ids: features, values } =
      typeof text === 'string' ? clauseFeatures(text, featureOptions) : { ids: [], values: [] };
    if (features.length === 0) return { categories: [], severity: null };
    const scores = score(categoryTable, heads, features, values);
    const categories: CategoryId[] = heads
      .filter((head, index) => (scores[index] ?? Number.NEGATIVE_INFINITY) >= head.threshold)
      .map((head) => head.category);
    if (categories.length === 0 || levels.length === 0) return { categories, severity: null };

    const severityFeatures = [...features];
    const severityValues = [...values];
    for (const category of categories) {
      severityFeatures.push(categoryFeature.get(category)!);
      severityValues.push(1);
    }
    const severityScores = score(
      severityTable,
      parsed.severity.heads,
      severityFeatures,
      severityValues,
    );
    let best = 0;
    severityScores.forEach((value, index) => {
      if (value > (severityScores[best] ?? Number.NEGATIVE_INFINITY)) best = index;
    });
    return { categories, severity: levels[best] ?? null };
  }

  return {
    classifyClause,
    classifyClauses: (texts) => texts.map((text) => classifyClause(text)),
  };
}

let defaultClassifier: ClauseClassifier | undefined;

function bundled(): ClauseClassifier {
  defaultClassifier ??= createClassifier(bundledModel);
  return defaultClassifier;
}

/** Categories and severity of one clause, using the model bundled with the extension. */
export function classifyClause(text: string): ClauseLabel {
  return bundled().classifyClause(text);
}

export function classifyClauses(texts: readonly string[]): ClauseLabel[] {
  return bundled().classifyClauses(texts);
}
