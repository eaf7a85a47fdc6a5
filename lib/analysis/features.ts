// Text → sparse feature ids shared by training (scripts/train.ts) and classification, so the two
// can never tokenise differently. Features are word unigrams and bigrams, hashed (FNV-1a) into a
// fixed space: the model then needs no vocabulary strings, which keeps it small enough to inline.

/** Size of the hashed feature space is 2^FEATURE_HASH_BITS; the model records the value it used. */
export const FEATURE_HASH_BITS = 20;

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

function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let index = 0; index < text.length; index += 1) {
    hash ^= text.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

export function hashFeature(feature: string, hashBits: number): number {
  return fnv1a(feature) & ((1 << hashBits) - 1);
}

/** Distinct hashed unigram + bigram ids of `text`, in first-seen order. */
export function featureIds(text: string, hashBits: number = FEATURE_HASH_BITS): number[] {
  const tokens = tokenize(text);
  const seen = new Set<number>();
  const ids: number[] = [];
  const add = (feature: string) => {
    const id = hashFeature(feature, hashBits);
    if (!seen.has(id)) {
      seen.add(id);
      ids.push(id);
    }
  };
  let previous = '<s>';
  for (const token of tokens) {
    add(token);
    add(`${previous} ${token}`);
    previous = token;
  }
  if (tokens.length > 0) add(`${previous} </s>`);
  return ids;
}

/** Pseudo-feature telling the severity model which category a clause was given. */
export function categoryFeatureId(category: string, hashBits: number = FEATURE_HASH_BITS): number {
  return hashFeature(`\u0000category:${category}`, hashBits);
}

/** The value of each present feature: binary, scaled so long and short clauses score alike. */
export function featureValue(featureCount: number): number {
  return featureCount === 0 ? 0 : 1 / Math.sqrt(featureCount);
}
