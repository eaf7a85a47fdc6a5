// Training pipeline shared by `npm run train` (fit on everything, write the model) and
// `npm run eval` (the same fit inside each cross-validation fold): one code path, so the
// figures in docs/eval.md describe exactly how the shipped model was made.
//
// Heads follow the convention of the data they learn from: the eight CLAUDETTE categories tag
// only the key sentence of a clause, so their heads learn from CLAUDETTE (other sources only
// weighted down, if at all); the privacy / AI / other terms heads tag any sentence about the
// topic and learn from ToS;DR points and our own labels, with CLAUDETTE sentences as negatives.
import {
  type ClauseModel,
  contextText,
  headLeavesAlone,
  mixNeighbourScore,
  type SparseWeights,
} from '../../lib/analysis/classifier';
import { clauseNeighbours } from '../../lib/analysis/context';
import {
  categoryFeatureId,
  clauseFeatures,
  clauseFeaturesInContext,
  DEFAULT_FEATURE_OPTIONS,
  type FeatureOptions,
  hashFeature,
} from '../../lib/analysis/features';
import {
  CATEGORY_IDS,
  type CategoryId,
  CLAUDETTE_TAG_TO_CATEGORY,
  SEVERITIES,
  severityRank,
} from '../../lib/taxonomy';
import { rowsByDocument, type Source, type TrainingRow } from './dataset';
import {
  type DenseModel,
  type PackedExamples,
  packExamples,
  type SparseExample,
  type SvmHead,
  type SvmOptions,
  svmScore,
  type TrainOptions,
  trainSoftmax,
  trainSvm,
} from './linear';

export interface PipelineConfig {
  seed: number;
  /** The categories the model has heads for (a terms model of another language: CLAUDETTE's eight). */
  categories: readonly CategoryId[];
  features: FeatureOptions;
  svm: SvmOptions;
  /** Candidate C values; each head takes the one with the best inner-fold F1. */
  costGrid: readonly number[];
  severityOptions: TrainOptions;
  /** Severity featurises a negated word only as negated (see FeatureOptions.negatedWordsReplace). */
  severityNegatedWordsReplace: boolean;
  /** Inner grouped folds used to choose each head's C and threshold. */
  thresholdFolds: number;
  /** Cap on sqrt(negatives / positives) used as the positive class weight. */
  maxPositiveWeight: number;
  /** Weight of ToS;DR and own-label rows in the CLAUDETTE-category heads (0: not used). */
  foreignTermsWeight: number;
  /** Weight of CLAUDETTE sentences as negatives in the other heads (0: not used). */
  claudetteNegativeWeight: number;
  /** Per head, only the largest weights are kept (model size). */
  maxFeaturesPerHead: number;
  /** Heads with fewer inner-fold positives keep the middle C and the SVM margin as threshold. */
  minPositivesForTuning: number;
  /**
   * Half-width, in SVM score units, of the window over which a threshold's F1 is averaged when
   * choosing it (and C and the neighbour weight with it); 0 takes the single best cut.
   */
  thresholdSmoothing: number;
  /** Whether the CLAUDETTE-category heads also read a clause's context (features.contextWeight). */
  claudetteHeadsReadContext: boolean;
  /**
   * Whether the CLAUDETTE-category heads leave heading-shaped clauses unlabelled. They still learn
   * from them, as negatives: that teaches them that naming a topic is not stating a term.
   */
  claudetteHeadsSkipHeadings: boolean;
  /**
   * Whether the termination head leaves the reader's own right to end the contract unlabelled:
   * CLAUDETTE's termination tag is the provider's power to end it.
   */
  terminationSkipsReaderEnding: boolean;
  /** How far, in clauses of its section, a head looks for a clause's neighbours (0: never). */
  neighbourReach: number;
  /** Whether the CLAUDETTE-category heads may read neighbours too (see neighbourWeightGrid). */
  claudetteHeadsReadNeighbours: boolean;
  /**
   * Candidate shares of a clause's score taken from its best neighbour's; each head takes the one
   * with the best inner-fold F1 (0 among them: the clause alone).
   */
  neighbourWeightGrid: readonly number[];
  /**
   * The category heads learn from features scaled by their inverse document frequency to this
   * power (0: unscaled), normalised to a mean of 1 over the features' occurrences; the model stores
   * the learnt weights times the same factors, so a clause is scored on its unscaled features.
   */
  idfPower: number;
  /** The same for the CLAUDETTE-category heads (0: unscaled). */
  claudetteIdfPower: number;
}

export const DEFAULT_CONFIG: PipelineConfig = {
  seed: 20261123,
  categories: CATEGORY_IDS,
  features: DEFAULT_FEATURE_OPTIONS,
  // LIBLINEAR's default tolerance. At 0.01 the 10-fold figures were the same within 0.001
  // (2026-11-24: CLAUDETTE 0.678 against 0.677) and the eval took 11.5 min instead of 8.8.
  svm: { tolerance: 0.1, maxEpochs: 40, seed: 1 },
  costGrid: [0.1, 0.3, 1],
  // Severity keeps words seen in 20+ clauses. With every word seen twice it had 33,000 features, of
  // which each head then kept its 4,000 largest weights (maxFeaturesPerHead), and the cut weights
  // decided many clauses. With negated words apart (below), 10-fold grouped CV 2026-11-23, exact
  // severity: CLAUDETTE 0.663 -> 0.805, own labels 0.690 -> 0.706, ToS;DR 0.708 -> 0.727 at 10+;
  // 20+ rather than 10+ (2026-11-24, with CLAUDETTE's fair clauses as info; severity-only grouped
  // CV, true categories): own labels 0.684 -> 0.712, CLAUDETTE 0.781 -> 0.817, ToS;DR 0.744 -> 0.734.
  severityOptions: { epochs: 6, learningRate: 0.2, l2: 1e-6, seed: 2, minCount: 20 },
  severityNegatedWordsReplace: true,
  // Five inner folds rather than three: inner models then see 80% of the training companies, closer
  // to the final fit; 10-fold CV 2026-11-23: CLAUDETTE macro-F1 +0.006, pooled privacy/AI +0.009.
  thresholdFolds: 5,
  maxPositiveWeight: 20,
  // ToS;DR and own labels tag every sentence on a topic, CLAUDETTE only a clause's key sentence: at
  // 0.3 they taught the CLAUDETTE heads the wrong convention. 10-fold grouped CV, CLAUDETTE heads,
  // one C (2026-11-23): macro-F1 0.667 at 0.3, 0.690 at 0.1, 0.691 at 0, 0.646 at 1; 0.1 keeps a
  // little of their wording for pages unlike the 40 CLAUDETTE services. The same pull is why 1,026
  // own labels of four AI companies' terms are held back (data/training/NOTICE.md): on one fixed
  // partition they took CLAUDETTE 0.684 -> 0.663 at 0.1; at 0 it was 0.689, but ToS;DR's macro-F1
  // fell 0.713 -> 0.668.
  foreignTermsWeight: 0.1,
  claudetteNegativeWeight: 1,
  // 10-fold grouped CV 2026-11-24, 4,000 -> 8,000 -> 16,000 weights per head: pooled privacy/AI
  // 0.682 -> 0.688 -> 0.689, own labels 0.670 -> 0.676 -> 0.678, CLAUDETTE 0.677 -> 0.678 -> 0.677;
  // 16,000 doubles the weights again for almost nothing more. 8,000: 452 KB gzipped (258 at 4,000).
  maxFeaturesPerHead: 8000,
  minPositivesForTuning: 10,
  // 10-fold grouped CV 2026-11-24, single best cut -> F1 averaged over +-0.1: CLAUDETTE 0.689 ->
  // 0.693, ai-training 0.658 -> 0.665, pooled privacy/AI 0.700 either way (all within the solver's
  // noise); the spread of each head's threshold over the folds narrowed for 8 of 11 heads.
  thresholdSmoothing: 0.1,
  // CLAUDETTE tags a clause's key sentence, not its neighbours: with the heading and the sentence
  // before as features, the heads for its categories fired on the sentences around a clause. 10-fold
  // grouped CV 2026-11-23, context weight 0.5 read by every head: CLAUDETTE macro-F1 0.684 -> 0.667,
  // while pooled privacy/AI went 0.656 -> 0.681 and ToS;DR 0.718 -> 0.725.
  claudetteHeadsReadContext: false,
  claudetteHeadsSkipHeadings: true,
  // 10-fold grouped CV 2026-11-24: CLAUDETTE termination 0.658 -> 0.674 (macro 0.687 -> 0.689), ToS;DR
  // termination 0.827 -> 0.830; our own labels tag the reader's right as termination too (0.435 ->
  // 0.418, a category no target counts); pooled privacy/AI 0.690 either way.
  terminationSkipsReaderEnding: true,
  // 10-fold grouped CV 2026-11-24, every head choosing its weight on inner folds: pooled privacy/AI
  // 0.690 -> 0.694, own labels 0.679 -> 0.685 (data-retention +0.035, tracking +0.022, security
  // +0.014; ai-training -0.002, human-review -0.023); ToS;DR 0.735 -> 0.734; CLAUDETTE 0.689 -> 0.687
  // (arbitration +0.021, governing law -0.015): CLAUDETTE tags a clause's key sentence, not its
  // neighbours, so its heads read the clause alone, as with context features.
  neighbourReach: 2,
  claudetteHeadsReadNeighbours: false,
  neighbourWeightGrid: [0, 0.1, 0.2, 0.3, 0.4],
  // 10-fold grouped CV 2026-11-24, IDF read by every head against none: pooled privacy/AI 0.694 ->
  // 0.704, own labels 0.685 -> 0.697, ai-training 0.637 -> 0.664 (human-review +0.036, ai-output
  // +0.020, tracking +0.012), ToS;DR 0.735 either way, CLAUDETTE 0.689 -> 0.684 (arbitration, 49
  // positives, 0.460 -> 0.407; unilateral change +0.019), so the CLAUDETTE heads learn unscaled.
  // IDF to the power 1.5 instead of 1: pooled 0.688, own labels 0.680, ai-training 0.656.
  // The CLAUDETTE heads at power 0.5: CLAUDETTE 0.681 (0.689 unscaled, 0.684 at 1).
  idfPower: 1,
  claudetteIdfPower: 0,
};

const CLAUDETTE_CATEGORIES: readonly CategoryId[] = Object.values(CLAUDETTE_TAG_TO_CATEGORY);

/**
 * The terms model of a language besides English (German, Italian, Polish), learnt from CLAUDETTE's
 * sentences in that language alone: its eight categories and severity. Character 3-5-grams beside
 * the words: compounds ("Haftungsbeschränkung", "Gerichtsstand") and inflection split what words
 * alone would tie. 10-fold grouped CV 2026-11-24 (eight heads, unquantised, 8,000 weights a head),
 * macro-F1 with words alone / with character n-grams: German 0.608 / 0.636, Italian 0.633 / 0.655,
 * Polish 0.591 / 0.632. Each head keeps its 4,000 largest weights, so that the three models add
 * about 360 KB gzipped to the English one's 465 (8,000: 196 KB each). `npm run eval` reports the
 * shipped procedure.
 */
export const TERMS_MODEL_CONFIG: PipelineConfig = {
  ...DEFAULT_CONFIG,
  categories: CLAUDETTE_CATEGORIES,
  features: { ...DEFAULT_FEATURE_OPTIONS, charWeight: 1 },
  maxFeaturesPerHead: 4000,
  // The single best cut: smoothed, 10-fold 2026-11-24, German 0.637 -> 0.628, Italian 0.651 ->
  // 0.655, Polish 0.627 -> 0.639, and a German sentence of the unit tests on jurisdiction alone also
  // read as governing law. Noise either way; these models stay as they were.
  thresholdSmoothing: 0,
};

// Our own labels first: they hold few companies of very different sizes, which dealing spreads
// over the folds, and the companies they share with the other sources follow them.
const SOURCE_ORDER: readonly Source[] = ['ai-labels', 'claudette', 'tosdr'];

/**
 * Assigns every group (company) to one of `folds` folds, so a company never straddles folds.
 * Source by source, in a fixed order, the groups not yet placed are dealt round-robin in the
 * order of a seeded hash of their name. A group's fold therefore depends on its name and on the
 * groups of its source, not on their sizes: labelling more sentences of companies already in the
 * data leaves every fold as it was, so figures before and after are measured on the same
 * partition. (Dealing by size to balance the folds, as before 2026-11-23, moved 25 of the 35
 * CLAUDETTE companies to other folds when 1,026 own labels were added to four companies.)
 */
export function assignFolds(
  rows: readonly TrainingRow[],
  folds: number,
  seed: number,
): Map<string, number> {
  const assignment = new Map<string, number>();
  const sources = [...new Set(rows.map((row) => row.source))].sort(
    (left, right) => SOURCE_ORDER.indexOf(left) - SOURCE_ORDER.indexOf(right),
  );
  for (const source of sources) {
    const groups = [...new Set(rows.filter((row) => row.source === source).map((row) => row.group))]
      .filter((group) => !assignment.has(group))
      .map((group) => ({ group, key: hashFeature(`${seed}:${group}`, 30) }))
      .sort((left, right) => left.key - right.key || (left.group < right.group ? -1 : 1));
    groups.forEach(({ group }, index) => {
      assignment.set(group, index % folds);
    });
  }
  return assignment;
}

/**
 * The threshold whose F1, averaged over thresholds up to `width` either side of it, is highest, and
 * that average. The single best cut of a head with a hundred positives is a noisy maximum: a few
 * clauses more or less move it, and with it every page's labels; a plateau moves less.
 */
export function smoothedThreshold(
  pairs: readonly [number, number][],
  width: number,
): { threshold: number; f1: number } {
  if (width <= 0) {
    const threshold = bestThreshold(pairs);
    return { threshold, f1: bestF1(pairs, threshold) };
  }
  const ascending = [...pairs].sort((left, right) => left[0] - right[0]);
  const scores = Float64Array.from(ascending, ([score]) => score);
  // positivesFrom[k]: positives among ascending[k..].
  const positivesFrom = new Int32Array(ascending.length + 1);
  for (let k = ascending.length - 1; k >= 0; k -= 1) {
    positivesFrom[k] = positivesFrom[k + 1]! + ascending[k]![1];
  }
  const actual = positivesFrom[0]!;
  if (actual === 0) return { threshold: (scores[scores.length - 1] ?? 0) + 1, f1: 0 };
  const f1At = (threshold: number) => {
    let low = 0;
    let high = scores.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (scores[middle]! < threshold) low = middle + 1;
      else high = middle;
    }
    return (2 * positivesFrom[low]!) / (scores.length - low + actual);
  };
  const steps = 4;
  let best = { threshold: 0, f1: -1 };
  for (let k = 0; k < scores.length; k += 1) {
    if (k > 0 && scores[k] === scores[k - 1]) continue;
    const threshold = k === 0 ? scores[0]! : (scores[k - 1]! + scores[k]!) / 2;
    let sum = 0;
    for (let step = -steps; step <= steps; step += 1)
      sum += f1At(threshold + (step * width) / steps);
    const f1 = sum / (2 * steps + 1);
    if (f1 > best.f1) best = { threshold, f1 };
  }
  return best;
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

/** The `keep` largest weights, quantised to integers in [-127, 127], ids delta-encoded. */
function sparseWeights(
  weightOf: Iterable<[number, number]>,
  bias: number,
  keep: number,
): SparseWeights {
  const entries: [number, number][] = [];
  for (const [id, weight] of weightOf) if (weight !== 0) entries.push([id, weight]);
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
    bias: Number(bias.toFixed(5)),
  };
}

/** Which clauses the category's head leaves unlabelled, as the model records it (`headLeavesAlone`). */
function skipFlags(
  category: CategoryId,
  config: PipelineConfig,
): { skipsHeadings: boolean; skipsReaderEnding: boolean } {
  return {
    skipsHeadings: config.claudetteHeadsSkipHeadings && CLAUDETTE_CATEGORIES.includes(category),
    skipsReaderEnding: config.terminationSkipsReaderEnding && category === 'termination',
  };
}

/** How much one row teaches one head: 0 where the row's source does not judge the category. */
function rowWeight(row: TrainingRow, category: CategoryId, config: PipelineConfig): number {
  if (!row.known.includes(category)) return 0;
  if (CLAUDETTE_CATEGORIES.includes(category)) {
    return row.source === 'claudette' ? 1 : config.foreignTermsWeight;
  }
  if (row.source === 'claudette')
    return row.categories.includes(category) ? 1 : config.claudetteNegativeWeight;
  return 1;
}

/**
 * Rows a head is scored on when choosing C and threshold: the convention it is meant to follow, on
 * the clauses it classifies.
 */
function judgedBy(row: TrainingRow, category: CategoryId, config: PipelineConfig): boolean {
  if (!row.known.includes(category)) return false;
  if (headLeavesAlone(skipFlags(category, config), row.text)) return false;
  return CLAUDETTE_CATEGORIES.includes(category)
    ? row.source === 'claudette'
    : row.source !== 'claudette';
}

function fitHead(
  rows: readonly TrainingRow[],
  packed: PackedExamples,
  members: readonly number[],
  category: CategoryId,
  cost: number,
  config: PipelineConfig,
  start?: SvmHead | null,
): SvmHead | null {
  const used = members.filter((index) => rowWeight(rows[index]!, category, config) > 0);
  const targets = Int8Array.from(used, (index) =>
    rows[index]!.categories.includes(category) ? 1 : -1,
  );
  const positives = targets.filter((target) => target === 1).length;
  if (positives === 0 || positives === used.length) return null;
  const positiveWeight = Math.min(
    config.maxPositiveWeight,
    Math.max(1, Math.sqrt((used.length - positives) / positives)),
  );
  const costs = Float64Array.from(used, (index, position) => {
    const weight = rowWeight(rows[index]!, category, config);
    return cost * weight * (targets[position] === 1 ? positiveWeight : 1);
  });
  return trainSvm(
    packed,
    used,
    targets,
    costs,
    featureSpace(config.features),
    config.svm,
    start?.alpha,
  );
}

/** The clause's hashed features, and as many again for its context when that is on. */
function featureSpace(features: FeatureOptions): number {
  return (features.contextWeight > 0 ? 2 : 1) * 2 ** features.hashBits;
}

interface HeadChoice {
  cost: number;
  threshold: number;
  neighbourWeight: number;
}

/**
 * Each row's neighbours (`clauseNeighbours`) within its document, as row indices: what a page's
 * clauses would be to it. Quotes without a document have none.
 */
export function rowNeighbours(rows: readonly TrainingRow[], reach: number): number[][] {
  const neighbours: number[][] = rows.map(() => []);
  for (const members of rowsByDocument(rows)) {
    const near = clauseNeighbours(
      members.map((index) => ({
        text: rows[index]!.text,
        heading: rows[index]!.context?.heading ?? null,
      })),
      reach,
    );
    members.forEach((index, position) => {
      neighbours[index] = near[position]!.map((other) => members[other]!);
    });
  }
  return neighbours;
}

/** A row's score with its best neighbour's mixed in, as the classifier mixes them on a page. */
function mixedScore(
  scores: Float64Array,
  index: number,
  neighbours: readonly number[],
  weight: number,
): number {
  if (weight === 0 || neighbours.length === 0) return scores[index]!;
  let best = Number.NEGATIVE_INFINITY;
  for (const other of neighbours) best = Math.max(best, scores[other]!);
  return mixNeighbourScore(scores[index]!, best, weight);
}

/** F1 at the best threshold over (score, label) pairs. */
function bestF1(pairs: readonly [number, number][], threshold: number): number {
  let truePositives = 0;
  let predicted = 0;
  let actual = 0;
  for (const [score, label] of pairs) {
    if (label === 1) actual += 1;
    if (score >= threshold) {
      predicted += 1;
      if (label === 1) truePositives += 1;
    }
  }
  return predicted + actual === 0 ? 0 : (2 * truePositives) / (predicted + actual);
}

/**
 * Each head's C, neighbour weight and decision threshold from out-of-fold scores of inner grouped
 * folds of the training rows: never from the data scored later. Every row of a held-out inner fold
 * is scored, so that the rows judged have their neighbours' scores.
 */
function chooseHeads(
  rows: readonly TrainingRow[],
  packedFor: (category: CategoryId) => PackedExamples,
  neighbours: readonly (readonly number[])[],
  config: PipelineConfig,
): HeadChoice[] {
  const folds = assignFolds(rows, config.thresholdFolds, config.seed + 17);
  const all = rows.map((_, index) => index);
  return config.categories.map((category) => {
    const readsNeighbours =
      config.neighbourReach > 0 &&
      (config.claudetteHeadsReadNeighbours || !CLAUDETTE_CATEGORIES.includes(category));
    const weights = readsNeighbours ? config.neighbourWeightGrid : [0];
    const packed = packedFor(category);
    const scoresByCost = config.costGrid.map(() => new Float64Array(rows.length));
    for (let fold = 0; fold < config.thresholdFolds; fold += 1) {
      const inside = all.filter((index) => folds.get(rows[index]!.group) !== fold);
      const outside = all.filter((index) => folds.get(rows[index]!.group) === fold);
      // Each C starts from the solution at the C before it (the grid is ascending): the squared-hinge
      // dual only asks alpha >= 0, so that solution is a valid start, and a close one.
      let previous: SvmHead | null = null;
      config.costGrid.forEach((cost, costIndex) => {
        const head = fitHead(rows, packed, inside, category, cost, config, previous);
        previous = head;
        for (const index of outside) {
          scoresByCost[costIndex]![index] = head ? svmScore(packed, index, head) : -1;
        }
      });
    }
    const judged = all.filter((index) => judgedBy(rows[index]!, category, config));
    const labelOf = (index: number) => (rows[index]!.categories.includes(category) ? 1 : 0);
    const positives = judged.filter((index) => labelOf(index) === 1).length;
    // With a handful of positives the F1-optimal cut is noise: such heads keep the SVM's own
    // margin at 0, the middle C, and the clause alone.
    if (positives < config.minPositivesForTuning) {
      return {
        cost: config.costGrid[Math.floor(config.costGrid.length / 2)]!,
        threshold: 0,
        neighbourWeight: 0,
      };
    }
    let best: HeadChoice & { f1: number } = {
      cost: config.costGrid[0]!,
      threshold: 0,
      neighbourWeight: 0,
      f1: -1,
    };
    config.costGrid.forEach((cost, costIndex) => {
      for (const neighbourWeight of weights) {
        const pairs = judged.map(
          (index) =>
            [
              mixedScore(scoresByCost[costIndex]!, index, neighbours[index]!, neighbourWeight),
              labelOf(index),
            ] as [number, number],
        );
        const { threshold, f1 } = smoothedThreshold(pairs, config.thresholdSmoothing);
        if (f1 > best.f1) best = { cost, threshold, neighbourWeight, f1 };
      }
    });
    return { cost: best.cost, threshold: best.threshold, neighbourWeight: best.neighbourWeight };
  });
}

function denseEntries(weights: Float64Array): Iterable<[number, number]> {
  return (function* () {
    for (let id = 0; id < weights.length; id += 1) if (weights[id] !== 0) yield [id, weights[id]!];
  })();
}

/** Weights learnt on IDF-scaled features, as weights of the unscaled features. */
function* unscaledEntries(
  entries: Iterable<[number, number]>,
  factors: ReadonlyMap<number, number> | null,
): Iterable<[number, number]> {
  for (const [id, weight] of entries)
    yield [id, factors ? weight * (factors.get(id) ?? 1) : weight];
}

function severityExample(row: TrainingRow, base: SparseExample, hashBits: number): SparseExample {
  const ids = [...base.ids];
  const values = [...base.values];
  for (const category of row.categories) {
    ids.push(categoryFeatureId(category, hashBits));
    values.push(1);
  }
  return { ids, values };
}

/**
 * Weights that give every source the same total say (mean weight 1). The sources grade severity by
 * different conventions (CLAUDETTE's fairness degree, ToS;DR's case ratings, our own scale); without
 * this the largest one decides: with 7,500 own labels, exact severity on CLAUDETTE fell from 0.71 to
 * 0.49 in grouped CV (2026-11-23).
 */
function sourceBalancedWeights(sources: readonly string[]): number[] {
  const counts = new Map<string, number>();
  for (const source of sources) counts.set(source, (counts.get(source) ?? 0) + 1);
  return sources.map((source) => sources.length / (counts.size * counts.get(source)!));
}

/**
 * Per feature id, its inverse document frequency over `examples` to the power `power`, divided by
 * the mean of those factors over every occurrence of a feature, so an average example keeps its
 * norm (the cost grid was chosen for unit-norm examples).
 */
export function idfFactors(examples: readonly SparseExample[], power: number): Map<number, number> {
  const documentFrequency = new Map<number, number>();
  for (const example of examples) {
    for (const id of example.ids) documentFrequency.set(id, (documentFrequency.get(id) ?? 0) + 1);
  }
  const factors = new Map<number, number>();
  let sum = 0;
  let occurrences = 0;
  for (const [id, frequency] of documentFrequency) {
    const factor = (Math.log((1 + examples.length) / (1 + frequency)) + 1) ** power;
    factors.set(id, factor);
    sum += factor * frequency;
    occurrences += frequency;
  }
  const mean = occurrences > 0 ? sum / occurrences : 1;
  for (const [id, factor] of factors) factors.set(id, factor / mean);
  return factors;
}

function scaledBy(example: SparseExample, factors: ReadonlyMap<number, number>): SparseExample {
  return {
    ids: example.ids,
    values: example.values.map((value, position) => value * factors.get(example.ids[position]!)!),
  };
}

export function trainClauseModel(
  rows: readonly TrainingRow[],
  config: PipelineConfig = DEFAULT_CONFIG,
): ClauseModel {
  const examples = rows.map((row) =>
    clauseFeaturesInContext(row.text, contextText(row.context), config.features),
  );
  // Every id of the clause alone is also an id of the clause in context: one table serves both.
  const factorsOf = (power: number) => (power > 0 ? idfFactors(examples, power) : null);
  const otherFactors = factorsOf(config.idfPower);
  const claudetteFactors =
    config.claudetteIdfPower === config.idfPower
      ? otherFactors
      : factorsOf(config.claudetteIdfPower);
  const factorsFor = (category: CategoryId) =>
    CLAUDETTE_CATEGORIES.includes(category) ? claudetteFactors : otherFactors;
  const pack = (list: readonly SparseExample[], factors: ReadonlyMap<number, number> | null) =>
    packExamples(factors ? list.map((example) => scaledBy(example, factors)) : list);
  const inContext = pack(examples, otherFactors);
  const claudetteReadsAlone =
    config.features.contextWeight > 0 && !config.claudetteHeadsReadContext;
  const claudettePack =
    !claudetteReadsAlone && claudetteFactors === otherFactors
      ? inContext
      : pack(
          claudetteReadsAlone
            ? rows.map((row) => clauseFeatures(row.text, config.features))
            : examples,
          claudetteFactors,
        );
  const packed = (category: CategoryId) =>
    CLAUDETTE_CATEGORIES.includes(category) ? claudettePack : inContext;
  const neighbours = rowNeighbours(rows, config.neighbourReach);
  const choices = chooseHeads(rows, packed, neighbours, config);
  const all = rows.map((_, index) => index);
  const heads = config.categories.map((category, index) => {
    const choice = choices[index]!;
    const head = fitHead(rows, packed(category), all, category, choice.cost, config);
    const weights = head
      ? sparseWeights(
          unscaledEntries(denseEntries(head.weights), factorsFor(category)),
          head.bias,
          config.maxFeaturesPerHead,
        )
      : { ids: [], weights: [], scale: 1, bias: -1 };
    return {
      category,
      threshold: Number(choice.threshold.toFixed(5)),
      ...skipFlags(category, config),
      neighbourWeight: choice.neighbourWeight,
      ...weights,
    };
  });

  const severityRows = rows.flatMap((row, index) =>
    row.severity !== null && row.categories.length > 0 ? [index] : [],
  );
  // Most sentences that mention selling say "we do not sell": when the negated "sell" also counts
  // as plain "sell", the plain word learns `info` and "we sell your data" is rated info too.
  const severityFeatures: FeatureOptions = {
    ...config.features,
    negatedWordsReplace: config.severityNegatedWordsReplace,
  };
  const severityBase = (index: number): SparseExample =>
    config.severityNegatedWordsReplace
      ? clauseFeatures(rows[index]!.text, severityFeatures)
      : examples[index]!;
  const severity: DenseModel = trainSoftmax(
    severityRows.map((index) =>
      severityExample(rows[index]!, severityBase(index), config.features.hashBits),
    ),
    severityRows.map((index) => severityRank(rows[index]!.severity!)),
    SEVERITIES.length,
    config.severityOptions,
    sourceBalancedWeights(severityRows.map((index) => rows[index]!.source)),
  );
  const severityEntries = (head: number): Iterable<[number, number]> =>
    [...severity.index].map(([id, row]) => [id, severity.weights[row * severity.heads + head]!]);

  return {
    format: 'fineprint-clause-classifier',
    version: 2,
    features: { ...config.features },
    heads,
    neighbourReach: config.neighbourReach,
    severity: {
      levels: [...SEVERITIES],
      heads: SEVERITIES.map((_, head) =>
        sparseWeights(severityEntries(head), severity.biases[head]!, config.maxFeaturesPerHead),
      ),
      negatedWordsReplace: config.severityNegatedWordsReplace,
    },
  };
}
