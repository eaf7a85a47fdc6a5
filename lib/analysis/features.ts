// Text → sparse feature vector shared by training (scripts/train.ts) and classification, so the
// two can never featurise differently. Features are word unigrams and bigrams plus character
// 3–5-grams inside word boundaries (they tie "train", "trained", "training" together, which small
// labelled sets need), hashed (FNV-1a) into a fixed space so the model needs no vocabulary strings.
// Values are sublinear term frequencies, L2-normalised per block (words, characters) and weighted.

/** Size of the hashed feature space is 2^FEATURE_HASH_BITS; the model records the value it used. */
export const FEATURE_HASH_BITS = 20;

export interface FeatureOptions {
  hashBits: number;
  /** Weight of the word uni/bigram block (its L2 norm); 0 drops it. */
  wordWeight: number;
  /** Weight of the character n-gram block (its L2 norm); 0 drops it. */
  charWeight: number;
  charMin: number;
  charMax: number;
}

// Character n-grams are off by default: in grouped cross-validation (2026-11) they gave +0.02
// macro-F1 on the privacy / AI labels, -0.01 on CLAUDETTE, for about five times the training time.
export const DEFAULT_FEATURE_OPTIONS: FeatureOptions = {
  hashBits: FEATURE_HASH_BITS,
  wordWeight: 1,
  charWeight: 0,
  charMin: 3,
  charMax: 5,
};

export interface FeatureVector {
  ids: number[];
  values: number[];
}

// Long clauses are cut so one pathological "sentence" (a whole page without punctuation) cannot
// cost more than a bounded amount of work.
const MAX_TOKENS = 400;

const TOKEN_PATTERN = /[\p{L}\p{N}]+(?:['’][\p{L}]+)?/gu;

/** Lower-cased word tokens; digits collapse to `0` so dates and amounts share features. */
export function tokenize(text: string): string[] {
  const normalised = text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[’‘]/g, "'")
    .replace(/\p{N}+/gu, '0');
  const tokens: string[] = [];
  for (const match of normalised.matchAll(TOKEN_PATTERN)) {
    const token = match[0].endsWith("'s") ? match[0].slice(0, -2) : match[0];
    if (token.length > 0) tokens.push(token);
    if (tokens.length >= MAX_TOKENS) break;
  }
  return tokens;
}

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

function fnv1a(text: string, hash: number = FNV_OFFSET): number {
  let value = hash;
  for (let index = 0; index < text.length; index += 1) {
    value ^= text.charCodeAt(index);
    value = Math.imul(value, FNV_PRIME);
  }
  return value >>> 0;
}

export function hashFeature(feature: string, hashBits: number): number {
  return fnv1a(feature) & ((1 << hashBits) - 1);
}

// Character n-grams hash from a different starting state than words, so the n-gram "the" and the
// word "the" are different features; hashing runs over char codes without building substrings.
const CHAR_GRAM_OFFSET = fnv1a('\u0001');

function addCharGrams(token: string, options: FeatureOptions, counts: Map<number, number>): void {
  const mask = (1 << options.hashBits) - 1;
  const length = token.length + 2;
  const codeAt = (position: number) =>
    position === 0 || position === length - 1 ? 32 : token.charCodeAt(position - 1);
  for (let start = 0; start < length; start += 1) {
    let hash = CHAR_GRAM_OFFSET;
    for (let end = start; end < length && end - start < options.charMax; end += 1) {
      hash = Math.imul(hash ^ codeAt(end), FNV_PRIME);
      if (end - start + 1 >= options.charMin) {
        const id = (hash >>> 0) & mask;
        counts.set(id, (counts.get(id) ?? 0) + 1);
      }
    }
  }
}

// FNV-1a is sequential, so the hash of "previous token" continues from the hash of "previous "
// without building the bigram string: same ids as hashing the joined text.
const SPACE_CODE = 32;

function addWordGrams(
  tokens: readonly string[],
  options: FeatureOptions,
  counts: Map<number, number>,
): void {
  const mask = (1 << options.hashBits) - 1;
  const add = (hash: number) => {
    const id = hash & mask;
    counts.set(id, (counts.get(id) ?? 0) + 1);
  };
  let previousSpace = Math.imul(fnv1a('<s>') ^ SPACE_CODE, FNV_PRIME) >>> 0;
  for (const token of tokens) {
    const tokenHash = fnv1a(token);
    add(tokenHash);
    add(fnv1a(token, previousSpace));
    previousSpace = Math.imul(tokenHash ^ SPACE_CODE, FNV_PRIME) >>> 0;
  }
  if (tokens.length > 0) add(fnv1a('</s>', previousSpace));
}

/** Appends one block: sublinear tf, L2-normalised to `weight`; ids already present add up. */
function appendBlock(
  counts: Map<number, number>,
  weight: number,
  vector: FeatureVector,
  positions: Map<number, number>,
): void {
  if (counts.size === 0 || weight === 0) return;
  let norm = 0;
  for (const count of counts.values()) norm += (1 + Math.log(count)) ** 2;
  const scale = weight / Math.sqrt(norm);
  for (const [id, count] of counts) {
    const value = (1 + Math.log(count)) * scale;
    const position = positions.get(id);
    if (position === undefined) {
      positions.set(id, vector.ids.length);
      vector.ids.push(id);
      vector.values.push(value);
    } else {
      vector.values[position]! += value;
    }
  }
}

/** The feature vector of one clause; empty when the text has no word. */
export function clauseFeatures(
  text: string,
  options: FeatureOptions = DEFAULT_FEATURE_OPTIONS,
): FeatureVector {
  const tokens = tokenize(text);
  const vector: FeatureVector = { ids: [], values: [] };
  if (tokens.length === 0) return vector;
  const positions = new Map<number, number>();
  if (options.wordWeight > 0) {
    const words = new Map<number, number>();
    addWordGrams(tokens, options, words);
    appendBlock(words, options.wordWeight, vector, positions);
  }
  if (options.charWeight > 0 && options.charMax >= options.charMin) {
    const chars = new Map<number, number>();
    for (const token of tokens) addCharGrams(token, options, chars);
    appendBlock(chars, options.charWeight, vector, positions);
  }
  return vector;
}

/** Pseudo-feature telling the severity model which category a clause was given. */
export function categoryFeatureId(category: string, hashBits: number = FEATURE_HASH_BITS): number {
  return hashFeature(`\u0000category:${category}`, hashBits);
}
