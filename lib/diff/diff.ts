import type { ClauseClassifier, ClauseContext } from '../analysis/classifier';
import { segmentClauses, type TextHeading } from '../analysis/segment';
import type { ClauseLabel } from '../analysis/types';
import { CATEGORY_IDS, CATEGORY_LABELS, type CategoryId } from '../taxonomy';
import { comparisonTokens, normalizeForComparison } from './normalize';

export type ClauseChangeKind = 'added' | 'removed' | 'modified';

export interface ClauseChange {
  kind: ClauseChangeKind;
  /** The clause as it was (null for `added`). */
  before: string | null;
  /** The clause as it is now (null for `removed`). */
  after: string | null;
  /** Taxonomy ids of the clause; for `modified`, those of both sides. Ordered as CATEGORY_IDS. */
  categories: CategoryId[];
}

export interface ClauseDiff {
  /** False when the versions differ only cosmetically (then `changes` is empty). */
  substantive: boolean;
  /**
   * In the order of the new version; a removed clause sits where it used to be, before anything
   * added in its place.
   */
  changes: ClauseChange[];
}

export interface DiffOptions {
  /**
   * Labels clauses (called once, with every changed clause of both versions and, for each, the
   * clause before it in its version as context).
   */
  classify?: ClauseClassifier['classifyClauses'];
  /**
   * Minimum word similarity (`wordSimilarity`: rarity-weighted Dice over words, 0..1) for an old
   * and a new clause to be reported as one reworded clause rather than a removal and an addition.
   */
  similarityThreshold?: number;
}

/**
 * Chosen on the 647 consecutive version pairs of the shared Open Terms Archive corpus: the best
 * rarity-weighted similarity of each unmatched old clause has its trough between 0.5 and 0.6;
 * below 0.5 most best matches read as unrelated clauses sharing a topic (lib/diff/README.md).
 */
export const DEFAULT_SIMILARITY_THRESHOLD = 0.5;

// Below this many old×new unmatched pairs every pair is compared; above it, candidates come from
// positional windows around the nearest matched clause and from shared rare words.
const EXHAUSTIVE_PAIR_LIMIT = 40_000;
const POSITION_WINDOW = 8;
const RARE_TOKEN_MAX_POSTINGS = 12;
const RARE_TOKEN_CANDIDATES = 12;
// A reworded clause may instead keep this share of the shorter version's (weighted) words, when
// that version has at least this many distinct words.
const CONTAINMENT_THRESHOLD = 0.9;
const MIN_CONTAINED_WORDS = 5;
// A clause split or merged across at most this many pieces is still recognised as re-segmented.
const MAX_RESEGMENT_PIECES = 64;

interface Side {
  texts: readonly string[];
  keys: string[];
  /** Index of the clause it is matched with on the other side, or -1. */
  partner: Int32Array;
  /** Matched because the clause is unchanged (exactly or re-segmented), not reworded. */
  unchanged: Uint8Array;
}

function makeSide(texts: readonly string[]): Side {
  return {
    texts,
    keys: texts.map(normalizeForComparison),
    partner: new Int32Array(texts.length).fill(-1),
    unchanged: new Uint8Array(texts.length),
  };
}

function link(before: Side, i: number, after: Side, j: number, unchanged: boolean): void {
  // A re-segmented clause may have several partners; the first one is enough for positioning.
  if (before.partner[i] === -1) before.partner[i] = j;
  if (after.partner[j] === -1) after.partner[j] = i;
  if (unchanged) {
    before.unchanged[i] = 1;
    after.unchanged[j] = 1;
  }
}

function isOpen(side: Side, index: number): boolean {
  return side.partner[index] === -1 && side.keys[index] !== '';
}

/** Clauses equal after normalisation are the same clause wherever they sit (a move is no change). */
function matchEqualClauses(before: Side, after: Side): void {
  const afterByKey = new Map<string, number[]>();
  after.keys.forEach((key, j) => {
    if (key === '') return;
    const list = afterByKey.get(key);
    if (list) list.push(j);
    else afterByKey.set(key, [j]);
  });
  const used = new Map<string, number>();
  before.keys.forEach((key, i) => {
    if (key === '') return;
    const list = afterByKey.get(key);
    if (!list) return;
    const next = used.get(key) ?? 0;
    const j = list[next];
    if (j === undefined) return;
    used.set(key, next + 1);
    link(before, i, after, j, true);
  });
}

const INDEX_PREFIX_WORDS = 3;

/** The first words of a key: re-segmented pieces that start together share it. */
function leadingWords(key: string, count: number): string {
  let end = -1;
  for (let word = 0; word < count; word += 1) {
    end = key.indexOf(' ', end + 1);
    if (end === -1) return key;
  }
  return key.slice(0, end);
}

function nextNonEmpty(side: Side, index: number): number {
  for (let next = index + 1; next < side.keys.length; next += 1) {
    if (side.keys[next] !== '') return next;
  }
  return -1;
}

/**
 * One clause split into several (or several merged into one, or a boundary moved) with the same
 * words: a different sentence break or markup layout, not a change. Walks both sides from a common
 * start, extending whichever side is behind, until the concatenations meet.
 */
function matchResegmentedClauses(before: Side, after: Side): void {
  // A start pair has one key a prefix of the other: the longer one is found under the shorter
  // one's first words, the shorter one (under three words) under its whole key.
  const startsOn = (side: Side, from: Side, visit: (index: number, other: number) => boolean) => {
    const byPrefix = new Map<string, number[]>();
    side.keys.forEach((key, index) => {
      if (!isOpen(side, index)) return;
      const prefix = leadingWords(key, INDEX_PREFIX_WORDS);
      const list = byPrefix.get(prefix);
      if (list) list.push(index);
      else byPrefix.set(prefix, [index]);
    });
    from.keys.forEach((key, other) => {
      for (let words = 1; words <= INDEX_PREFIX_WORDS && isOpen(from, other); words += 1) {
        for (const index of byPrefix.get(leadingWords(key, words)) ?? []) {
          if (isOpen(side, index) && visit(index, other)) break;
        }
      }
    });
  };
  const tryPair = (i: number, j: number) => {
    const beforeKey = before.keys[i]!;
    const afterKey = after.keys[j]!;
    const shorter = beforeKey.length <= afterKey.length ? beforeKey : afterKey;
    const longer = shorter === beforeKey ? afterKey : beforeKey;
    if (!longer.startsWith(`${shorter} `)) return false;
    const pieces = walkResegmentation(before, i, after, j);
    if (!pieces) return false;
    for (const b of pieces.before) for (const a of pieces.after) link(before, b, after, a, true);
    return true;
  };
  startsOn(after, before, (j, i) => tryPair(i, j));
  startsOn(before, after, (i, j) => tryPair(i, j));
}

function walkResegmentation(
  before: Side,
  i: number,
  after: Side,
  j: number,
): { before: number[]; after: number[] } | null {
  const beforePieces = [i];
  const afterPieces = [j];
  let beforeText = before.keys[i]!;
  let afterText = after.keys[j]!;
  while (beforePieces.length + afterPieces.length <= MAX_RESEGMENT_PIECES) {
    if (beforeText === afterText) return { before: beforePieces, after: afterPieces };
    if (beforeText.startsWith(`${afterText} `)) {
      const next = nextNonEmpty(after, afterPieces[afterPieces.length - 1]!);
      if (next === -1 || !isOpen(after, next)) return null;
      afterPieces.push(next);
      afterText += ` ${after.keys[next]}`;
    } else if (afterText.startsWith(`${beforeText} `)) {
      const next = nextNonEmpty(before, beforePieces[beforePieces.length - 1]!);
      if (next === -1 || !isOpen(before, next)) return null;
      beforePieces.push(next);
      beforeText += ` ${before.keys[next]}`;
    } else {
      return null;
    }
  }
  return null;
}

type Bag = Map<string, number>;

interface WeightedBag {
  bag: Bag;
  /** Sum of the weights of all its tokens (with repetition). */
  weight: number;
}

function bagOf(tokens: readonly string[]): Bag {
  const bag: Bag = new Map();
  for (const token of tokens) bag.set(token, (bag.get(token) ?? 0) + 1);
  return bag;
}

function weigh(bag: Bag, weights: ReadonlyMap<string, number>): WeightedBag {
  let weight = 0;
  for (const [token, count] of bag) weight += count * (weights.get(token) ?? 1);
  return { bag, weight };
}

function sharedWeight(
  a: WeightedBag,
  b: WeightedBag,
  weights: ReadonlyMap<string, number>,
): number {
  const [small, large] = a.bag.size <= b.bag.size ? [a.bag, b.bag] : [b.bag, a.bag];
  let shared = 0;
  for (const [token, count] of small) {
    const other = large.get(token);
    if (other !== undefined) shared += Math.min(count, other) * (weights.get(token) ?? 1);
  }
  return shared;
}

/**
 * Inverse document frequency of each word over the clauses of both versions: "we", "the",
 * "data" are in most clauses of a privacy policy and say little about which clause is which.
 */
function tokenWeights(tokenLists: readonly (readonly string[])[]): Map<string, number> {
  const frequency = new Map<string, number>();
  for (const tokens of tokenLists) {
    for (const token of new Set(tokens)) frequency.set(token, (frequency.get(token) ?? 0) + 1);
  }
  const weights = new Map<string, number>();
  for (const [token, count] of frequency) {
    weights.set(token, Math.log(1 + tokenLists.length / count));
  }
  return weights;
}

/**
 * How alike two clauses are, 0..1: the Dice coefficient over word multisets, each word weighted
 * by its rarity in the two texts (`weights`; unweighted when omitted).
 */
export function wordSimilarity(
  a: string,
  b: string,
  weights: ReadonlyMap<string, number> = new Map(),
): number {
  const bagA = weigh(bagOf(comparisonTokens(normalizeForComparison(a))), weights);
  const bagB = weigh(bagOf(comparisonTokens(normalizeForComparison(b))), weights);
  if (bagA.weight + bagB.weight === 0) return 1;
  return (2 * sharedWeight(bagA, bagB, weights)) / (bagA.weight + bagB.weight);
}

interface Candidate {
  i: number;
  j: number;
  similarity: number;
}

/**
 * For each position on one side, the partner index of the nearest matched clause at or above it
 * (-1 when none): where an edited clause is expected to be found on the other side.
 */
function anchorsOf(side: Side): Int32Array {
  const anchors = new Int32Array(side.keys.length);
  let last = -1;
  for (let index = 0; index < side.keys.length; index += 1) {
    const partner = side.partner[index]!;
    if (partner !== -1) last = partner;
    anchors[index] = last;
  }
  return anchors;
}

/** Pairs the clauses left open into reworded ones, most similar first. */
function pairSimilarClauses(before: Side, after: Side, threshold: number): void {
  const openBefore = before.keys.flatMap((_, i) => (isOpen(before, i) ? [i] : []));
  const openAfter = after.keys.flatMap((_, j) => (isOpen(after, j) ? [j] : []));
  if (openBefore.length === 0 || openAfter.length === 0) return;

  const weights = tokenWeights(
    [...before.keys, ...after.keys].filter((key) => key !== '').map(comparisonTokens),
  );
  const bagsOf = (side: Side, open: readonly number[]) =>
    new Map(
      open.map((index) => [index, weigh(bagOf(comparisonTokens(side.keys[index]!)), weights)]),
    );
  const beforeBags = bagsOf(before, openBefore);
  const afterBags = bagsOf(after, openAfter);

  const candidates: Candidate[] = [];
  const consider = (i: number, j: number) => {
    const a = beforeBags.get(i)!;
    const b = afterBags.get(j)!;
    const shared = sharedWeight(a, b, weights);
    const dice = (2 * shared) / (a.weight + b.weight);
    // A clause with a phrase appended or cut keeps nearly all of the shorter version's words
    // while its Dice coefficient drops with the length of the addition.
    const shorter = a.weight <= b.weight ? a : b;
    const contained =
      shorter.bag.size >= MIN_CONTAINED_WORDS && shared >= CONTAINMENT_THRESHOLD * shorter.weight;
    if (dice >= threshold || contained) candidates.push({ i, j, similarity: dice });
  };

  if (openBefore.length * openAfter.length <= EXHAUSTIVE_PAIR_LIMIT) {
    for (const i of openBefore) for (const j of openAfter) consider(i, j);
  } else {
    for (const [i, js] of candidatePartners(before, after, openBefore, openAfter, afterBags)) {
      for (const j of js) consider(i, j);
    }
  }

  const anchors = anchorsOf(before);
  const displacement = (c: Candidate) => Math.abs(c.j - (anchors[c.i]! + 1));
  candidates.sort((x, y) => y.similarity - x.similarity || displacement(x) - displacement(y));
  for (const { i, j } of candidates) {
    if (before.partner[i] === -1 && after.partner[j] === -1) link(before, i, after, j, false);
  }
}

/** Old clause → new clauses worth comparing with it, without comparing every pair. */
function candidatePartners(
  before: Side,
  after: Side,
  openBefore: readonly number[],
  openAfter: readonly number[],
  afterBags: ReadonlyMap<number, WeightedBag>,
): Map<number, Set<number>> {
  const postings = new Map<string, number[]>();
  for (const j of openAfter) {
    for (const token of afterBags.get(j)!.bag.keys()) {
      const list = postings.get(token);
      if (list) list.push(j);
      else postings.set(token, [j]);
    }
  }
  // Rank in openAfter of the first open new clause at or after each new index.
  const rankAt = new Int32Array(after.keys.length + 1).fill(openAfter.length);
  for (let rank = openAfter.length - 1, index = after.keys.length - 1; index >= 0; index -= 1) {
    if (rank >= 0 && openAfter[rank] === index) {
      rankAt[index] = rank;
      rank -= 1;
    } else {
      rankAt[index] = rankAt[index + 1]!;
    }
  }

  const anchors = anchorsOf(before);
  const result = new Map<number, Set<number>>();
  for (const i of openBefore) {
    const partners = new Set<number>();
    const centre = rankAt[anchors[i]! + 1]!;
    const from = Math.max(0, centre - POSITION_WINDOW);
    const to = Math.min(openAfter.length, centre + POSITION_WINDOW);
    for (let rank = from; rank < to; rank += 1) partners.add(openAfter[rank]!);

    const shared = new Map<number, number>();
    for (const token of new Set(comparisonTokens(before.keys[i]!))) {
      const list = postings.get(token);
      if (!list || list.length > RARE_TOKEN_MAX_POSTINGS) continue;
      // Rarer words say more about which clause this is.
      const weight = 1 / list.length;
      for (const j of list) shared.set(j, (shared.get(j) ?? 0) + weight);
    }
    const best = [...shared].sort((x, y) => y[1] - x[1]).slice(0, RARE_TOKEN_CANDIDATES);
    for (const [j] of best) partners.add(j);
    result.set(i, partners);
  }
  return result;
}

function unionCategories(...labels: (ClauseLabel | undefined)[]): CategoryId[] {
  const present = new Set<CategoryId>();
  for (const label of labels) for (const category of label?.categories ?? []) present.add(category);
  return CATEGORY_IDS.filter((id) => present.has(id));
}

/**
 * Clause-level difference between two versions of a policy. Clauses equal after cosmetic
 * normalisation are unchanged wherever they moved; re-segmented clauses with the same words are
 * unchanged; the rest are paired into `modified` when similar enough, else `added` / `removed`.
 */
export function diffClauses(
  beforeClauses: readonly string[],
  afterClauses: readonly string[],
  options: DiffOptions = {},
): ClauseDiff {
  const before = makeSide(beforeClauses);
  const after = makeSide(afterClauses);
  matchEqualClauses(before, after);
  matchResegmentedClauses(before, after);
  pairSimilarClauses(before, after, options.similarityThreshold ?? DEFAULT_SIMILARITY_THRESHOLD);

  const placed: {
    position: number;
    order: number;
    change: ClauseChange;
    beforeIndex: number;
    afterIndex: number;
  }[] = [];
  after.keys.forEach((key, j) => {
    if (key === '' || after.unchanged[j]) return;
    const i = after.partner[j]!;
    placed.push({
      position: j,
      order: 1,
      beforeIndex: i,
      afterIndex: j,
      change: {
        kind: i === -1 ? 'added' : 'modified',
        before: i === -1 ? null : before.texts[i]!,
        after: after.texts[j]!,
        categories: [],
      },
    });
  });
  const anchors = anchorsOf(before);
  before.keys.forEach((key, i) => {
    if (key === '' || before.partner[i] !== -1) return;
    placed.push({
      position: anchors[i]! + 0.5,
      order: i,
      beforeIndex: i,
      afterIndex: -1,
      change: { kind: 'removed', before: before.texts[i]!, after: null, categories: [] },
    });
  });
  placed.sort((x, y) => x.position - y.position || x.order - y.order);
  const changes = placed.map((entry) => entry.change);

  if (options.classify && changes.length > 0) {
    const texts: string[] = [];
    const contexts: ClauseContext[] = [];
    // Sides list headings among the clauses, in reading order, as the labelled documents do.
    const previousOf = (side: Side, index: number) => side.texts[index - 1] ?? null;
    for (const { change, beforeIndex, afterIndex } of placed) {
      if (change.before !== null) {
        texts.push(change.before);
        contexts.push({ previous: previousOf(before, beforeIndex) });
      }
      if (change.after !== null) {
        texts.push(change.after);
        contexts.push({ previous: previousOf(after, afterIndex) });
      }
    }
    const labels = options.classify(texts, contexts);
    let cursor = 0;
    for (const change of changes) {
      const beforeLabel = change.before === null ? undefined : labels[cursor++];
      const afterLabel = change.after === null ? undefined : labels[cursor++];
      change.categories = unionCategories(beforeLabel, afterLabel);
    }
  }
  return { substantive: changes.length > 0, changes };
}

/** What an extractor gives for a page: its plain text and, when known, its headings. */
export interface ExtractedTextLike {
  text: string;
  headings?: readonly TextHeading[];
}

/**
 * The clauses (`segmentClauses`) and headings of a text, in reading order. Headings take part:
 * the same line is a heading in one version and a paragraph in the next when a page's markup
 * changes, and a new or renamed section is a change worth reporting.
 */
function comparableUnits(extracted: ExtractedTextLike): string[] {
  const headings = extracted.headings ?? [];
  const units = [
    ...segmentClauses(extracted.text, headings),
    ...headings.map((heading) => ({ text: heading.text, start: heading.start })),
  ];
  units.sort((a, b) => a.start - b.start);
  return units.map((unit) => unit.text);
}

/** Segments both versions into clauses (headings included) and diffs them. */
export function diffTexts(
  before: ExtractedTextLike,
  after: ExtractedTextLike,
  options: DiffOptions = {},
): ClauseDiff {
  return diffClauses(comparableUnits(before), comparableUnits(after), options);
}

export interface DescribeOptions {
  /** How many categories to name before "and N more" (most touched first). */
  maxCategories?: number;
}

function labelInSentence(category: CategoryId): string {
  const label = CATEGORY_LABELS[category];
  const firstWord = label.split(' ')[0]!;
  // "AI training" keeps its acronym; "Data sharing" reads "data sharing" mid-sentence.
  return firstWord === firstWord.toUpperCase() ? label : label[0]!.toLowerCase() + label.slice(1);
}

function listInWords(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

/**
 * One plain-English sentence for a diff, e.g. "3 clauses added, 1 removed, 2 reworded; touches
 * AI training and data sharing".
 */
export function describeChanges(diff: ClauseDiff, options: DescribeOptions = {}): string {
  if (!diff.substantive) return 'No change in wording';
  const counts = { added: 0, removed: 0, modified: 0 };
  const touched = new Map<CategoryId, number>();
  for (const change of diff.changes) {
    counts[change.kind] += 1;
    for (const category of change.categories)
      touched.set(category, (touched.get(category) ?? 0) + 1);
  }
  const parts = (
    [
      [counts.added, 'added'],
      [counts.removed, 'removed'],
      [counts.modified, 'reworded'],
    ] as const
  )
    .filter(([count]) => count > 0)
    .map(([count, verb], index) =>
      index === 0 ? `${count} ${count === 1 ? 'clause' : 'clauses'} ${verb}` : `${count} ${verb}`,
    );
  let sentence = parts.join(', ');
  if (touched.size > 0) {
    const maxCategories = Math.max(1, options.maxCategories ?? 3);
    // Most touched first; ties keep the taxonomy order.
    const ranked = CATEGORY_IDS.filter((id) => touched.has(id)).sort(
      (a, b) => touched.get(b)! - touched.get(a)!,
    );
    const named = ranked.slice(0, maxCategories).map(labelInSentence);
    const rest = ranked.length - named.length;
    sentence += `; touches ${listInWords(rest > 0 ? [...named, `${rest} more`] : named)}`;
  }
  return sentence;
}
