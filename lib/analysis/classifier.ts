import { z } from 'zod';
import {
  CATEGORY_IDS,
  type CategoryId,
  categoryIdSchema,
  type Severity,
  severityRank,
  severitySchema,
} from '../taxonomy';
import {
  clauseNeighbours,
  looksLikeHeading,
  providerSellsData,
  readerEndsRelationship,
  waivesJuryOrClassAction,
} from './context';
import { categoryFeatureId, FeatureBuffer, pageClauseFeatures } from './features';
import bundledModel from './model.json';
import type { ClauseLabel } from './types';

// A linear model over hashed word and character n-grams (see features.ts and scripts/train.ts),
// and over the words of the clause's context (its heading, the clause before it, the sentence that
// opened its list) where the model was trained with them: one linear SVM head per category with its
// own decision threshold, and a softmax over the four severities that also sees which categories
// were found. Weights are stored sparse and quantised to integers so the JSON stays small enough
// to be bundled into analyzer.js, which the content script loads on policy pages only.

/**
 * A list of integers of at least `minimum`, checked in one loop: the model holds about 190,000
 * weights, each with its id, and a zod schema per element made parsing them most of the analyzer's
 * start on a page (31 of 47 ms in Node, 2026-11-24).
 */
const integerList = (minimum: number) =>
  z.custom<number[]>(
    (value) =>
      Array.isArray(value) &&
      value.every((item) => Number.isInteger(item) && (item as number) >= minimum),
    minimum === 0 ? 'expected a list of non-negative integers' : 'expected a list of integers',
  );

const sparseWeightsSchema = z
  .object({
    /** Feature ids, delta-encoded: the first is absolute, each next one is the gap to the previous. */
    ids: integerList(0),
    /** Integer weights, one per id; the real weight is `weights[i] * scale`. */
    weights: integerList(Number.NEGATIVE_INFINITY),
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
    /**
     * Whether the head leaves a heading-shaped clause ("Governing law") alone: its labels tag what a
     * clause says, never a heading's topic. Absent in models trained before it existed.
     */
    skipsHeadings: z.boolean().default(false),
    /**
     * Whether the head leaves the reader's own right to end the contract alone ("You may close your
     * account at any time", `readerEndsRelationship`). Absent in models trained before it existed.
     */
    skipsReaderEnding: z.boolean().default(false),
    /**
     * How much of the clause's score comes from its neighbours' (`clauseNeighbours`) best score for
     * the same head, when a page's clauses are classified together: (1 − w) · own + w · best
     * neighbour's. 0 (absent in older models): the clause alone.
     */
    neighbourWeight: z.number().min(0).max(1).default(0),
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
    // Absent in models trained before negation features existed: they featurise without them.
    negationScope: z.number().int().min(0).max(10).default(0),
    negatedWordsReplace: z.boolean().default(false),
    // Absent in models trained before reader-action features existed: they featurise without them.
    readerScope: z.number().int().min(0).max(10).default(0),
    // Absent in models trained before context features existed: they read the clause alone.
    contextWeight: z.number().nonnegative().default(0),
    // Absent in models trained before word prefixes existed: they featurise without them.
    prefixLength: z.number().int().min(0).max(20).default(0),
    prefixWeight: z.number().nonnegative().default(0),
  }),
  heads: z.array(categoryHeadSchema).min(1),
  /** How far, in clauses, a head looks for neighbours in the clause's section (see neighbourWeight). */
  neighbourReach: z.number().int().min(0).max(10).default(0),
  severity: z.object({
    levels: z.array(severitySchema).min(1),
    heads: z.array(sparseWeightsSchema),
    // Absent in older models: severity then reads the category heads' features.
    negatedWordsReplace: z.boolean().default(false),
  }),
});
export type ClauseModel = z.infer<typeof clauseModelSchema>;
export type SparseWeights = z.infer<typeof sparseWeightsSchema>;
type CategoryHead = z.infer<typeof categoryHeadSchema>;

/**
 * Whether a head leaves a clause unlabelled whatever its score: a heading-shaped clause, or the
 * reader's own right to end the contract, for the heads whose labels never tag those.
 */
export function headLeavesAlone(
  head: Pick<CategoryHead, 'skipsHeadings' | 'skipsReaderEnding'>,
  text: string,
): boolean {
  return (
    (head.skipsHeadings && looksLikeHeading(text)) ||
    (head.skipsReaderEnding && readerEndsRelationship(text))
  );
}

/** What surrounds a clause on its page (see context.ts for how it is built). */
export interface ClauseContext {
  heading?: string | null;
  previous?: string | null;
  /** The sentence that opens the list the clause is in ("…from the following sources:"). */
  lead?: string | null;
}

export interface ClauseClassifier {
  /** One clause alone, as if it had no neighbours. */
  classifyClause(text: string, context?: ClauseContext): ClauseLabel;
  /** A page's clauses, in page order: each head may also read the clause's neighbours. */
  classifyClauses(texts: readonly string[], contexts?: readonly ClauseContext[]): ClauseLabel[];
  /**
   * Clauses `start` to `end` (excluded) of a page, labelled as `classifyClauses` labels them over
   * the whole page: the neighbours they read may lie outside the range. For pages classified in
   * slices.
   */
  classifyRange(
    texts: readonly string[],
    contexts: readonly ClauseContext[] | undefined,
    start: number,
    end: number,
  ): ClauseLabel[];
  /**
   * Per clause, each head's final score minus its threshold (taxonomy order; ≥ 0 labels the
   * clause), -Number.MAX_VALUE where the head leaves the clause alone and Number.MAX_VALUE where a
   * rule adds its label (`addedByRule`). For diagnostics.
   */
  headMargins(texts: readonly string[], contexts?: readonly ClauseContext[]): number[][];
}

/** The parts of the context: the heading, the list's lead, the clause before; each part once. */
export function contextParts(context: ClauseContext | undefined): string[] {
  if (!context) return [];
  const parts: string[] = [];
  for (const part of [context.heading, context.lead, context.previous]) {
    const trimmed = part?.trim() ?? '';
    if (trimmed !== '' && !parts.includes(trimmed)) parts.push(trimmed);
  }
  return parts;
}

/** The context as one text, as training reads it (`contextParts` a line each). */
export function contextText(context: ClauseContext | undefined): string {
  return contextParts(context).join('\n');
}

/**
 * Feature id → the weights the model gives it, each with its head's place in the scores (the
 * category heads and the severity heads have a table each), so scoring a clause looks each of its
 * features up once and touches only the heads that weigh it: in the current model a feature is in
 * 2.7 of the 26 heads on average, and a dense row per feature was mostly zeros to multiply. An
 * open-addressing table over typed arrays: scoring 1,000 clauses does ~40,000 look-ups, which a Map
 * of per-row arrays made the slowest step of classification. A slot holds the id and where its
 * weights start side by side; each weight is stored next to its head, and the last one of a feature
 * is flagged.
 */
interface WeightTable {
  mask: number;
  /** Two entries per slot: feature id + 1 (0: empty), then the index of its first weight. */
  slots: Int32Array;
  /** Per weight: its head, LAST_WEIGHT set on a feature's last one. Shares memory with `weights`. */
  heads: Int32Array;
  /** Per weight at `2 * index + 1`: its value. */
  weights: Float32Array;
}

const LAST_WEIGHT = 0x40000000;
const HEAD_MASK = LAST_WEIGHT - 1;

/** Index in `slots` of the slot holding `id`, or of the empty slot where it would go. */
function slotOf(slots: Int32Array, mask: number, id: number): number {
  let slot = Math.imul(id, 0x9e3779b1) >>> 0;
  for (;;) {
    slot &= mask;
    const key = slots[slot * 2]!;
    if (key === 0 || key === id + 1) return slot * 2;
    slot += 1;
  }
}

function weightTable(heads: readonly SparseWeights[], firstHead = 0): WeightTable {
  // Every weight decoded once, with its id and head; an id repeated within a head keeps its last
  // weight. Plain loops over typed arrays: this runs once, before the code is optimised, when the
  // analyzer starts on a page.
  let total = 0;
  for (const head of heads) total += head.ids.length;
  const entryIds = new Int32Array(total);
  const entryHeads = new Int32Array(total);
  const entryWeights = new Float32Array(total);
  const distinct = new Set<number>();
  let entries = 0;
  for (let head = 0; head < heads.length; head += 1) {
    const { ids, weights, scale } = heads[head]!;
    let id = 0;
    for (let index = 0; index < ids.length; index += 1) {
      id += ids[index]!;
      if (index + 1 < ids.length && ids[index + 1] === 0) continue;
      entryIds[entries] = id;
      entryHeads[entries] = firstHead + head;
      entryWeights[entries] = (weights[index] ?? 0) * scale;
      distinct.add(id);
      entries += 1;
    }
  }
  let capacity = 16;
  while (capacity < distinct.size * 2) capacity *= 2;
  const mask = capacity - 1;
  // One slot per id, and how many weights it has; each id's weights are laid out together, in
  // slot order.
  const slots = new Int32Array(capacity * 2);
  const counts = new Int32Array(capacity);
  const entrySlots = new Int32Array(entries);
  for (let entry = 0; entry < entries; entry += 1) {
    const slot = slotOf(slots, mask, entryIds[entry]!);
    slots[slot] = entryIds[entry]! + 1;
    counts[slot >> 1]! += 1;
    entrySlots[entry] = slot;
  }
  let end = 0;
  for (let slot = 0; slot < capacity; slot += 1) {
    end += counts[slot]!;
    slots[slot * 2 + 1] = end;
  }
  const buffer = new ArrayBuffer(end * 8);
  const table: WeightTable = {
    mask,
    slots,
    heads: new Int32Array(buffer),
    weights: new Float32Array(buffer),
  };
  // Each id's weights are filled from its end down, which leaves its slot pointing at its first.
  for (let entry = 0; entry < entries; entry += 1) {
    const start = entrySlots[entry]! + 1;
    const index = slots[start]! - 1;
    slots[start] = index;
    table.heads[index * 2] = entryHeads[entry]!;
    table.weights[index * 2 + 1] = entryWeights[entry]!;
  }
  for (let slot = 0; slot < capacity; slot += 1) {
    const count = counts[slot]!;
    if (count > 0) table.heads[(slots[slot * 2 + 1]! + count - 1) * 2]! |= LAST_WEIGHT;
  }
  return table;
}

/**
 * Adds `value` times the weights of feature `id` to `scores`. A head without the feature has
 * weight 0, which would leave its sum as it was.
 */
function addFeature(table: WeightTable, id: number, value: number, scores: Float64Array): void {
  const slot = slotOf(table.slots, table.mask, id);
  if (table.slots[slot] === 0) return;
  const { heads, weights } = table;
  let index = table.slots[slot + 1]! * 2;
  for (;;) {
    const flagged = heads[index]!;
    scores[flagged & HEAD_MASK]! += weights[index + 1]! * value;
    if (flagged & LAST_WEIGHT) return;
    index += 2;
  }
}

/**
 * Selling the reader's data is at least a medium concern, as our own labels grade it ("We sell or
 * share your Personal Data… subject to your right to opt-out"): a fixed rule, because the labelled
 * sentences that mention selling are mostly "we do not sell" and the severity model learnt "sell"
 * as info.
 */
export function withSellingFloor(
  text: string,
  categories: readonly CategoryId[],
  severity: Severity | null,
): Severity | null {
  if (severity === null || !categories.includes('data-sharing')) return severity;
  if (severityRank(severity) >= severityRank('medium') || !providerSellsData(text)) return severity;
  return 'medium';
}

/**
 * Whether a fixed rule gives a clause `category` whatever its head scored: a waiver of a jury trial
 * or of a class action is `arbitration` in the taxonomy, and the head, learnt mostly from CLAUDETTE
 * (whose arbitration tag leaves such waivers out), scores them low.
 */
export function addedByRule(category: CategoryId, text: string): boolean {
  return category === 'arbitration' && waivesJuryOrClassAction(text);
}

/**
 * A clause's score for a head with its best neighbour's mixed in, `weight` of it: the one formula
 * the classifier applies on a page and training applies when it chooses the weight.
 */
export function mixNeighbourScore(own: number, bestNeighbour: number, weight: number): number {
  return (1 - weight) * own + weight * bestNeighbour;
}

export function createClassifier(model: unknown): ClauseClassifier {
  const parsed = clauseModelSchema.parse(model);
  const featureOptions = parsed.features;
  const { hashBits } = featureOptions;
  // Heads are reported in taxonomy order whatever order the model file lists them in.
  const heads = [...parsed.heads].sort(
    (left, right) => CATEGORY_IDS.indexOf(left.category) - CATEGORY_IDS.indexOf(right.category),
  );
  const severityHeads = parsed.severity.heads;
  const firstSeverity = heads.length;
  // Two tables, so a clause's category scores never walk the severity weights its features have:
  // when severity featurises the clause apart, those sums would be thrown away.
  const categoryTable = weightTable(heads);
  const severityTable = weightTable(severityHeads, firstSeverity);
  const biases = Float64Array.from([...heads, ...severityHeads], (head) => head.bias);
  const { levels } = parsed.severity;
  // Severity may featurise negated words apart from the category heads (see features.ts).
  const severityReadsReplaced = parsed.severity.negatedWordsReplace;
  const categoryFeature = new Map(
    CATEGORY_IDS.map((category) => [category, categoryFeatureId(category, hashBits)]),
  );
  // Every head's sum runs over the clause's features in their order, then (severity heads only)
  // over the categories found: the same additions in the same order whichever heads are scored.
  const scores = new Float64Array(biases.length);

  const neighbourWeights = heads.map((head) => head.neighbourWeight);
  const mixedHeads = heads.flatMap((head, index) => (head.neighbourWeight > 0 ? [index] : []));
  const readsNeighbours = parsed.neighbourReach > 0 && mixedHeads.length > 0;

  const width = biases.length;

  const features = new FeatureBuffer();
  const replaced = severityReadsReplaced ? new FeatureBuffer() : null;

  /**
   * Every head's score into `scores` (category heads, then severity heads before the categories
   * found are added); false without features. Severity is summed here for every clause rather than
   * for labelled ones only: labels are known only once the page's neighbours are scored, and its
   * features come from the same pass over the clause's words as the categories'.
   */
  function scoreClause(text: string, context?: ClauseContext): boolean {
    if (typeof text !== 'string') return false;
    pageClauseFeatures(text, contextParts(context), featureOptions, features, replaced);
    if (features.size === 0) return false;
    scores.set(biases);
    for (let index = 0; index < features.size; index += 1) {
      addFeature(categoryTable, features.ids[index]!, features.values[index]!, scores);
    }
    const severityFeatures = replaced ?? features;
    for (let index = 0; index < severityFeatures.size; index += 1) {
      addFeature(
        severityTable,
        severityFeatures.ids[index]!,
        severityFeatures.values[index]!,
        scores,
      );
    }
    return true;
  }

  /** The label of the clause whose scores (`scoreClause`, neighbours mixed in) are in `scores`. */
  function labelScored(text: string): ClauseLabel {
    const categories: CategoryId[] = [];
    for (let head = 0; head < heads.length; head += 1) {
      const { category, threshold } = heads[head]!;
      // Cheapest test first: nearly every clause is below nearly every threshold.
      if (scores[head]! < threshold && !addedByRule(category, text)) continue;
      if (!headLeavesAlone(heads[head]!, text)) categories.push(category);
    }
    if (categories.length === 0 || levels.length === 0) return { categories, severity: null };
    for (const category of categories) {
      addFeature(severityTable, categoryFeature.get(category)!, 1, scores);
    }
    let best = 0;
    for (let level = 1; level < severityHeads.length; level += 1) {
      if (scores[firstSeverity + level]! > scores[firstSeverity + best]!) best = level;
    }
    return { categories, severity: withSellingFloor(text, categories, levels[best] ?? null) };
  }

  function classifyClause(text: string, context?: ClauseContext): ClauseLabel {
    return scoreClause(text, context) ? labelScored(text) : { categories: [], severity: null };
  }

  /**
   * Clauses `from` to `to` scored, side by side in one array (`width` scores each), with their
   * neighbours' category scores mixed in where the model reads them (`mixNeighbourScore`).
   * `scored` says which clauses had features; the others have no scores and are no one's neighbour.
   */
  function scoreMixed(
    texts: readonly string[],
    contexts: readonly ClauseContext[] | undefined,
    from: number,
    to: number,
  ): { mixed: Float64Array; scored: Uint8Array } {
    const count = to - from;
    const own = new Float64Array(count * width);
    const scored = new Uint8Array(count);
    for (let index = 0; index < count; index += 1) {
      if (!scoreClause(texts[from + index]!, contexts?.[from + index])) continue;
      scored[index] = 1;
      own.set(scores, index * width);
    }
    if (!readsNeighbours) return { mixed: own, scored };
    const present: number[] = [];
    for (let index = 0; index < count; index += 1) if (scored[index]) present.push(index);
    const neighbours = clauseNeighbours(
      present.map((index) => ({
        text: texts[from + index]!,
        heading: contexts?.[from + index]?.heading ?? null,
      })),
      parsed.neighbourReach,
    );
    const mixed = own.slice();
    present.forEach((index, position) => {
      const near = neighbours[position]!;
      if (near.length === 0) return;
      for (const head of mixedHeads) {
        let best = Number.NEGATIVE_INFINITY;
        for (const other of near) {
          const score = own[present[other]! * width + head]!;
          if (score > best) best = score;
        }
        mixed[index * width + head] = mixNeighbourScore(
          own[index * width + head]!,
          best,
          neighbourWeights[head]!,
        );
      }
    });
    return { mixed, scored };
  }

  function classifyRange(
    texts: readonly string[],
    contexts: readonly ClauseContext[] | undefined,
    start: number,
    end: number,
  ): ClauseLabel[] {
    const labels: ClauseLabel[] = [];
    if (!readsNeighbours) {
      for (let index = start; index < end; index += 1) {
        labels.push(classifyClause(texts[index]!, contexts?.[index]));
      }
      return labels;
    }
    // A neighbour's own score is all a clause reads of it, so clauses up to the reach either side
    // are enough for the range to be labelled as within the whole page.
    const from = Math.max(0, start - parsed.neighbourReach);
    const to = Math.min(texts.length, end + parsed.neighbourReach);
    const { mixed, scored } = scoreMixed(texts, contexts, from, to);
    for (let index = start; index < end; index += 1) {
      const at = index - from;
      if (!scored[at]) {
        labels.push({ categories: [], severity: null });
        continue;
      }
      scores.set(mixed.subarray(at * width, (at + 1) * width));
      labels.push(labelScored(texts[index]!));
    }
    return labels;
  }

  function headMargins(
    texts: readonly string[],
    contexts: readonly ClauseContext[] | undefined,
  ): number[][] {
    const { mixed, scored } = scoreMixed(texts, contexts, 0, texts.length);
    return texts.map((text, index) =>
      heads.map((head, position) => {
        if (!scored[index] || headLeavesAlone(head, text)) return -Number.MAX_VALUE;
        // A label added by a rule stands at any threshold, as `labelScored` gives it.
        if (addedByRule(head.category, text)) return Number.MAX_VALUE;
        return mixed[index * width + position]! - head.threshold;
      }),
    );
  }

  return {
    classifyClause,
    classifyClauses: (texts, contexts) => classifyRange(texts, contexts, 0, texts.length),
    classifyRange,
    headMargins,
  };
}

let defaultClassifier: ClauseClassifier | undefined;

function bundled(): ClauseClassifier {
  defaultClassifier ??= createClassifier(bundledModel);
  return defaultClassifier;
}

/** Categories and severity of one clause, using the model bundled with the extension. */
export function classifyClause(text: string, context?: ClauseContext): ClauseLabel {
  return bundled().classifyClause(text, context);
}

export function classifyClauses(
  texts: readonly string[],
  contexts?: readonly ClauseContext[],
): ClauseLabel[] {
  return bundled().classifyClauses(texts, contexts);
}

/** Clauses `start` to `end` of a page with the bundled model (see ClauseClassifier.classifyRange). */
export function classifyClauseRange(
  texts: readonly string[],
  contexts: readonly ClauseContext[] | undefined,
  start: number,
  end: number,
): ClauseLabel[] {
  return bundled().classifyRange(texts, contexts, start, end);
}
