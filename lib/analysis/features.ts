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
  /**
   * How many words after a negation ("not", "never", "don't"…) also count as negated unigrams
   * ("we do not sell" ≠ "we sell"); 0 turns it off, as in models trained before it existed.
   */
  negationScope: number;
  /**
   * Whether a negated word counts only as its negated unigram, not also as the plain one, so
   * "sell" is learnt from affirmative uses alone. Off for the category heads (a negated mention
   * is still about the topic) and in models trained before it existed.
   */
  negatedWordsReplace: boolean;
  /**
   * How many words after "you may", "you can", "users may"… also count as unigrams of the reader's
   * own actions ("you may close your account" ≠ "we may close your account"); 0 turns it off, as in
   * models trained before it existed.
   */
  readerScope: number;
  /**
   * Weight of the context block: the words of the clause's heading, of the clause before it and of
   * the sentence that opened its list, in a feature space of their own. A list item ("Publicly available information") or a short
   * follow-up says what it is about only with them. 0 turns it off, as in older models.
   */
  contextWeight: number;
  /**
   * Length of the word prefixes counted beside the words (a crude stem: "train", "trained" and
   * "training" share "train"), from words at least this long, in a block of their own weighted
   * `prefixWeight`; 0 turns them off, as in models trained before they existed.
   */
  prefixLength: number;
  prefixWeight: number;
}

// Character n-grams are off by default: in grouped cross-validation (2026-11) they gave +0.02
// macro-F1 on the privacy / AI labels, -0.01 on CLAUDETTE, for about five times the training time.
export const DEFAULT_FEATURE_OPTIONS: FeatureOptions = {
  hashBits: FEATURE_HASH_BITS,
  wordWeight: 1,
  charWeight: 0,
  charMin: 3,
  charMax: 5,
  negationScope: 3,
  negatedWordsReplace: false,
  // 10-fold grouped CV 2026-11-24, 0 -> 3: pooled privacy/AI 0.688 -> 0.690, own labels 0.676 ->
  // 0.679, ai-training 0.632 -> 0.639, ToS;DR 0.733 -> 0.735, CLAUDETTE 0.687 either way.
  readerScope: 3,
  // 10-fold grouped CV 2026-11-23 (the CLAUDETTE-category heads read no context, see pipeline.ts),
  // pooled privacy/AI / own labels / ToS;DR / ai-training macro-F1: without context 0.656 / 0.644 /
  // 0.718 / 0.602, at 0.5 0.681 / 0.669 / 0.730 / 0.625, at 1 0.674 / 0.660 / 0.727 / 0.641.
  contextWeight: 0.5,
  // 10-fold grouped CV 2026-11-25, none -> 5 characters at 0.5: CLAUDETTE 0.685 -> 0.696, pooled
  // privacy/AI 0.700 -> 0.713, own labels 0.692 -> 0.707, ai-training 0.665 -> 0.685.
  prefixLength: 5,
  prefixWeight: 0.5,
};

export interface FeatureVector {
  ids: number[];
  values: number[];
}

// Long clauses are cut so one pathological "sentence" (a whole page without punctuation) cannot
// cost more than a bounded amount of work.
const MAX_TOKENS = 400;

const TOKEN_PATTERN = /[\p{L}\p{N}]+(?:['’][\p{L}]+)?/gu;

/**
 * The definition of tokens: NFKC, lower case, curly apostrophes made straight, digit runs made `0`,
 * then letter/digit runs with an optional apostrophe part, a trailing "'s" dropped. The fast
 * scanner below must agree with it; it is the path for text with characters the scanner leaves.
 */
function tokenizeByPattern(text: string): string[] {
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

// The fast scanner reads the clause one UTF-16 unit at a time and classifies each unit once (the
// class is cached). It only takes units whose part in the pattern's pipeline does not depend on
// their neighbours: NFKC leaves them alone, or turns them into characters that are no part of a
// token, and they never compose with a neighbour; lower-casing maps them to one unit, whatever
// surrounds them. A unit outside those (combining marks, compatibility letters such as "ﬁ", digits
// other than 0-9, surrogate pairs, the context-dependent Σ, Hangul jamo) sends the clause to
// `tokenizeByPattern`. The classes come from the engine's own normalize/toLowerCase/\p{…}, so both
// paths follow the same Unicode version.
const UNCLASSIFIED = 0;
const UNSUPPORTED = 1;
const SEPARATOR = 2;
const LETTER = 3;
const DIGIT = 4;
const APOSTROPHE = 5;

const charClasses = new Uint8Array(0x10000);
/** Lower case of each LETTER unit. */
const lowerCases = new Uint16Array(0x10000);

const IS_LETTER = /^\p{L}$/u;
const HAS_TOKEN_PART = /[\p{L}\p{N}\p{M}'’‘]/u;

function classify(code: number): number {
  if (code === 0x27 || code === 0x2018 || code === 0x2019) return APOSTROPHE;
  if (code >= 0x30 && code <= 0x39) return DIGIT;
  if (code >= 0xd800 && code <= 0xdfff) return UNSUPPORTED;
  // Hangul jamo are letters that compose with the preceding syllable or jamo under NFKC.
  if ((code >= 0x1100 && code <= 0x11ff) || (code >= 0xa960 && code <= 0xa97f)) return UNSUPPORTED;
  if (code >= 0xd7b0 && code <= 0xd7ff) return UNSUPPORTED;
  // Σ lower-cases to σ or ς depending on the letters around it.
  if (code === 0x3a3) return UNSUPPORTED;
  const char = String.fromCharCode(code);
  const lower = char.toLowerCase();
  if (IS_LETTER.test(char)) {
    if (char.normalize('NFKC') !== char || lower.length !== 1 || !IS_LETTER.test(lower)) {
      return UNSUPPORTED;
    }
    lowerCases[code] = lower.charCodeAt(0);
    return LETTER;
  }
  if (
    lower !== char ||
    HAS_TOKEN_PART.test(char) ||
    HAS_TOKEN_PART.test(char.normalize('NFKC').toLowerCase())
  ) {
    return UNSUPPORTED;
  }
  return SEPARATOR;
}

function classOf(code: number): number {
  let charClass = charClasses[code]!;
  if (charClass === UNCLASSIFIED) {
    charClass = classify(code);
    charClasses[code] = charClass;
  }
  return charClass;
}

/**
 * The tokens of the last scanned clause, lower-cased, back to back in `tokenCodes`: token i is
 * [tokenStarts[i], tokenStarts[i + 1]). Scratch space reused by every clause.
 */
let tokenCodes = new Uint16Array(4096);
const tokenStarts = new Int32Array(MAX_TOKENS + 1);
let tokenCount = 0;

function reserveCodes(length: number): void {
  if (length <= tokenCodes.length) return;
  const grown = new Uint16Array(Math.max(length, tokenCodes.length * 2));
  grown.set(tokenCodes);
  tokenCodes = grown;
}

const ZERO_CODE = 0x30;
const APOSTROPHE_CODE = 0x27;
const S_CODE = 0x73;

/** Fills the token scratch space from `text`; false when a unit needs the pattern path. */
function scanTokens(text: string): boolean {
  const length = text.length;
  // A token is never longer than the text it comes from (digit runs only shrink).
  reserveCodes(length);
  const codes = tokenCodes;
  let used = 0;
  let count = 0;
  let index = 0;
  while (index < length && count < MAX_TOKENS) {
    const opening = classOf(text.charCodeAt(index));
    if (opening === UNSUPPORTED) return false;
    if (opening !== LETTER && opening !== DIGIT) {
      index += 1;
      continue;
    }
    tokenStarts[count] = used;
    let charClass = opening;
    while (index < length) {
      const code = text.charCodeAt(index);
      charClass = classOf(code);
      if (charClass === LETTER) {
        codes[used++] = lowerCases[code]!;
        index += 1;
      } else if (charClass === DIGIT) {
        codes[used++] = ZERO_CODE;
        index += 1;
        while (index < length && classOf(text.charCodeAt(index)) === DIGIT) index += 1;
      } else break;
    }
    if (charClass === UNSUPPORTED) return false;
    if (charClass === APOSTROPHE && index + 1 < length) {
      const next = classOf(text.charCodeAt(index + 1));
      if (next === UNSUPPORTED) return false;
      if (next === LETTER) {
        const apostropheAt = used;
        codes[used++] = APOSTROPHE_CODE;
        index += 1;
        while (index < length) {
          const code = text.charCodeAt(index);
          charClass = classOf(code);
          if (charClass !== LETTER) break;
          codes[used++] = lowerCases[code]!;
          index += 1;
        }
        if (charClass === UNSUPPORTED && index < length) return false;
        if (used === apostropheAt + 2 && codes[apostropheAt + 1] === S_CODE) used = apostropheAt;
      }
    }
    count += 1;
  }
  tokenStarts[count] = used;
  tokenCount = count;
  return true;
}

/** Fills the token scratch space with the tokens of `text`, by the scanner or the pattern. */
function loadTokens(text: string): void {
  if (scanTokens(text)) return;
  const tokens = tokenizeByPattern(text);
  let used = 0;
  for (const token of tokens) used += token.length;
  reserveCodes(used);
  used = 0;
  tokens.forEach((token, index) => {
    tokenStarts[index] = used;
    for (let position = 0; position < token.length; position += 1) {
      tokenCodes[used++] = token.charCodeAt(position);
    }
  });
  tokenStarts[tokens.length] = used;
  tokenCount = tokens.length;
}

/** Lower-cased word tokens; digits collapse to `0` so dates and amounts share features. */
export function tokenize(text: string): string[] {
  if (!scanTokens(text)) return tokenizeByPattern(text);
  const tokens: string[] = [];
  for (let index = 0; index < tokenCount; index += 1) {
    tokens.push(textOfCodes(tokenStarts[index]!, tokenStarts[index + 1]!));
  }
  return tokens;
}

// Bounded so that a token of a whole page's letters does not overflow the argument list.
const CODES_PER_STRING_CHUNK = 4096;

function textOfCodes(start: number, end: number): string {
  let text = '';
  for (let from = start; from < end; from += CODES_PER_STRING_CHUNK) {
    const to = Math.min(end, from + CODES_PER_STRING_CHUNK);
    text += String.fromCharCode.apply(null, tokenCodes.subarray(from, to) as unknown as number[]);
  }
  return text;
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

/**
 * Counts of feature ids in the order each id was first seen (the order the vector lists them in,
 * which fixes the order of the floating-point sums downstream). Open addressing over typed
 * arrays; a slot is in use only when its stamp is the current generation, so starting the next
 * clause costs nothing. Reused by every clause.
 */
class IdCounter {
  ids = new Int32Array(1024);
  counts = new Int32Array(1024);
  size = 0;
  private slotIds = new Int32Array(4096);
  private slotOrder = new Int32Array(4096);
  private slotStamps = new Uint32Array(4096);
  private generation = 1;

  reset(): void {
    this.size = 0;
    this.generation += 1;
    if (this.generation === 0xffffffff) {
      this.slotStamps.fill(0);
      this.generation = 1;
    }
  }

  add(id: number): void {
    const mask = this.slotIds.length - 1;
    let slot = Math.imul(id, 0x9e3779b1) >>> 0;
    for (;;) {
      slot &= mask;
      if (this.slotStamps[slot] !== this.generation) break;
      if (this.slotIds[slot] === id) {
        this.counts[this.slotOrder[slot]!]! += 1;
        return;
      }
      slot += 1;
    }
    if (this.size === this.ids.length) this.growOrder();
    this.slotStamps[slot] = this.generation;
    this.slotIds[slot] = id;
    this.slotOrder[slot] = this.size;
    this.ids[this.size] = id;
    this.counts[this.size] = 1;
    this.size += 1;
    if (this.size * 2 > this.slotIds.length) this.growSlots();
  }

  /** Position of `id` in first-seen order, or -1. */
  indexOf(id: number): number {
    const mask = this.slotIds.length - 1;
    let slot = Math.imul(id, 0x9e3779b1) >>> 0;
    for (;;) {
      slot &= mask;
      if (this.slotStamps[slot] !== this.generation) return -1;
      if (this.slotIds[slot] === id) return this.slotOrder[slot]!;
      slot += 1;
    }
  }

  private growOrder(): void {
    const ids = new Int32Array(this.ids.length * 2);
    ids.set(this.ids);
    this.ids = ids;
    const counts = new Int32Array(this.counts.length * 2);
    counts.set(this.counts);
    this.counts = counts;
  }

  private growSlots(): void {
    const capacity = this.slotIds.length * 2;
    this.slotIds = new Int32Array(capacity);
    this.slotOrder = new Int32Array(capacity);
    this.slotStamps = new Uint32Array(capacity);
    this.generation = 1;
    const mask = capacity - 1;
    for (let index = 0; index < this.size; index += 1) {
      const id = this.ids[index]!;
      let slot = Math.imul(id, 0x9e3779b1) >>> 0;
      for (;;) {
        slot &= mask;
        if (this.slotStamps[slot] !== this.generation) break;
        slot += 1;
      }
      this.slotStamps[slot] = this.generation;
      this.slotIds[slot] = id;
      this.slotOrder[slot] = index;
    }
  }
}

const wordCounts = new IdCounter();
const replacedCounts = new IdCounter();
const charCounts = new IdCounter();

const SPACE_CODE = 32;

// FNV-1a is sequential, so the hash of "previous token" continues from the hash of "previous "
// without building the bigram string: same ids as hashing the joined text.
const spaceAfter = (tokenHash: number) => Math.imul(tokenHash ^ SPACE_CODE, FNV_PRIME) >>> 0;
const SENTENCE_START_SPACE = spaceAfter(fnv1a('<s>'));

function continueHash(hash: number, codes: Uint16Array, start: number, end: number): number {
  let value = hash;
  for (let index = start; index < end; index += 1) {
    value = Math.imul(value ^ codes[index]!, FNV_PRIME);
  }
  return value >>> 0;
}

/**
 * A text's tokens, lower-cased, back to back in `codes` (token i is [starts[i], starts[i + 1])),
 * with each token's hash and the hash of the bigram it ends within the text: a text is tokenised
 * and hashed once however often it is featurised (on a page, each clause is read again as the
 * next clause's context, and a heading as the context of its whole section).
 */
class TokenStream {
  text: string | null = null;
  codes = new Uint16Array(256);
  starts = new Int32Array(MAX_TOKENS + 1);
  count = 0;
  unigrams = new Uint32Array(MAX_TOKENS);
  /** Hash of "token i-1 token i" for i ≥ 1; a text's first bigram depends on what precedes it. */
  bigrams = new Uint32Array(MAX_TOKENS);
  /** When the stream was last read, for reusing the least recent one. */
  readAt = 0;

  load(text: string): void {
    loadTokens(text);
    this.text = text;
    const count = tokenCount;
    const used = tokenStarts[count]!;
    if (this.codes.length < used)
      this.codes = new Uint16Array(Math.max(used, this.codes.length * 2));
    const { codes, starts, unigrams, bigrams } = this;
    codes.set(tokenCodes.subarray(0, used));
    starts.set(tokenStarts.subarray(0, count + 1));
    this.count = count;
    for (let index = 0; index < count; index += 1) {
      const start = starts[index]!;
      const end = starts[index + 1]!;
      unigrams[index] = continueHash(FNV_OFFSET, codes, start, end);
      if (index > 0) {
        bigrams[index] = continueHash(spaceAfter(unigrams[index - 1]!), codes, start, end);
      }
    }
  }
}

// The texts featurised last: a clause, its heading, its list's lead, the clause before it. One
// call reads at most four, so the least recently read of eight is never one it still holds.
const streams = Array.from({ length: 8 }, () => new TokenStream());
let reads = 0;

function streamOf(text: string): TokenStream {
  reads += 1;
  let oldest = streams[0]!;
  for (const stream of streams) {
    if (stream.text === text) {
      stream.readAt = reads;
      return stream;
    }
    if (stream.readAt < oldest.readAt) oldest = stream;
  }
  oldest.load(text);
  oldest.readAt = reads;
  return oldest;
}

// Character n-grams hash from a different starting state than words, so the n-gram "the" and the
// word "the" are different features; hashing runs over char codes without building substrings.
const CHAR_GRAM_OFFSET = fnv1a('\u0001');

/** Counts the character n-grams of token [start, end) of `codes`, padded with a space each side. */
function addCharGrams(
  codes: Uint16Array,
  start: number,
  end: number,
  options: FeatureOptions,
): void {
  const mask = (1 << options.hashBits) - 1;
  const { charMin, charMax } = options;
  const length = end - start + 2;
  for (let first = 0; first < length; first += 1) {
    let hash = CHAR_GRAM_OFFSET;
    for (let last = first; last < length && last - first < charMax; last += 1) {
      const code = last === 0 || last === length - 1 ? SPACE_CODE : codes[start + last - 1]!;
      hash = Math.imul(hash ^ code, FNV_PRIME);
      if (last - first + 1 >= charMin) charCounts.add((hash >>> 0) & mask);
    }
  }
}

// Negated unigrams hash from their own starting state, apart from words and character n-grams.
const NEGATED_OFFSET = fnv1a('\u0003');
const NEGATION_WORDS = new Set([
  'not',
  'no',
  'never',
  'nor',
  'neither',
  'without',
  'cannot',
  "don't",
  "doesn't",
  "didn't",
  "won't",
  "isn't",
  "aren't",
  "can't",
]);
// Compared by the token's FNV-1a hash, which the unigram already computed: no string per token.
const NEGATION_HASHES = new Set([...NEGATION_WORDS].map((word) => fnv1a(word)));

// The reader's actions ("you may terminate") hash from a starting state of their own too.
const READER_OFFSET = fnv1a('\u0004');
// Compared as integers rather than through a Set: this runs on every token of every clause.
const YOU = fnv1a('you');
const USER = fnv1a('user');
const USERS = fnv1a('users');
const MAY = fnv1a('may');
const CAN = fnv1a('can');
const COULD = fnv1a('could');
const MIGHT = fnv1a('might');
const isModal = (hash: number) => hash === MAY || hash === CAN || hash === COULD || hash === MIGHT;

/**
 * Counts into `counts` the word unigrams and bigrams (with sentence start and end) of the tokens of
 * `parts` read as one text, the first MAX_TOKENS of them, as the scanner would read the parts
 * joined by line breaks. `replaced`, when given, counts the same with negated words replaced
 * (`negatedWordsReplace`), in the same pass.
 */
function countWordGrams(
  parts: readonly TokenStream[],
  options: FeatureOptions,
  counts: IdCounter,
  replaced: IdCounter | null,
): void {
  const mask = (1 << options.hashBits) - 1;
  let previousSpace = SENTENCE_START_SPACE;
  let negatedLeft = 0;
  let readerLeft = 0;
  let afterReader = false;
  let seen = 0;
  for (const { codes, starts, count, unigrams, bigrams } of parts) {
    for (let index = 0; index < count && seen < MAX_TOKENS; index += 1, seen += 1) {
      const start = starts[index]!;
      const end = starts[index + 1]!;
      const tokenHash = unigrams[index]!;
      if (options.readerScope > 0) {
        if (readerLeft > 0) {
          const id = continueHash(READER_OFFSET, codes, start, end) & mask;
          counts.add(id);
          replaced?.add(id);
          readerLeft -= 1;
        } else if (afterReader && isModal(tokenHash)) {
          readerLeft = options.readerScope;
        }
        afterReader = tokenHash === YOU || tokenHash === USER || tokenHash === USERS;
      }
      const negated = negatedLeft > 0 && !NEGATION_HASHES.has(tokenHash);
      if (!negated || !options.negatedWordsReplace) counts.add(tokenHash & mask);
      if (!negated) replaced?.add(tokenHash & mask);
      const bigram = index > 0 ? bigrams[index]! : continueHash(previousSpace, codes, start, end);
      counts.add(bigram & mask);
      replaced?.add(bigram & mask);
      previousSpace = spaceAfter(tokenHash);
      if (options.negationScope > 0) {
        if (NEGATION_HASHES.has(tokenHash)) {
          negatedLeft = options.negationScope;
        } else if (negated) {
          const id = continueHash(NEGATED_OFFSET, codes, start, end) & mask;
          counts.add(id);
          replaced?.add(id);
          negatedLeft -= 1;
        }
      }
    }
  }
  if (seen > 0) {
    const end = fnv1a('</s>', previousSpace) & mask;
    counts.add(end);
    replaced?.add(end);
  }
}

/** Sublinear tf; log(1) is 0, so a count of one needs no logarithm. */
function termWeight(count: number): number {
  return count === 1 ? 1 : 1 + Math.log(count);
}

/** The scale that L2-normalises a block of counts to `weight`. */
function blockScale(counter: IdCounter, weight: number): number {
  let norm = 0;
  for (let index = 0; index < counter.size; index += 1) {
    norm += termWeight(counter.counts[index]!) ** 2;
  }
  return weight / Math.sqrt(norm);
}

/** A feature vector in typed arrays, reused clause after clause (no arrays to grow per clause). */
export class FeatureBuffer {
  ids = new Int32Array(256);
  values = new Float64Array(256);
  size = 0;

  push(id: number, value: number): void {
    if (this.size === this.ids.length) {
      const ids = new Int32Array(this.size * 2);
      ids.set(this.ids);
      this.ids = ids;
      const values = new Float64Array(this.size * 2);
      values.set(this.values);
      this.values = values;
    }
    this.ids[this.size] = id;
    this.values[this.size] = value;
    this.size += 1;
  }

  toVector(): FeatureVector {
    return {
      ids: Array.from(this.ids.subarray(0, this.size)),
      values: Array.from(this.values.subarray(0, this.size)),
    };
  }
}

/** Appends `counts` to `out` as one block, L2-normalised to `weight`. */
function pushBlock(out: FeatureBuffer, counts: IdCounter, weight: number): void {
  const scale = blockScale(counts, weight);
  for (let index = 0; index < counts.size; index += 1) {
    out.push(counts.ids[index]!, termWeight(counts.counts[index]!) * scale);
  }
}

/**
 * Appends to `out` the word counts in `words` (already counted; none when the word block is off)
 * and the character n-grams of `own`'s tokens.
 */
function appendVector(
  out: FeatureBuffer,
  own: TokenStream,
  words: IdCounter,
  options: FeatureOptions,
): void {
  const base = out.size;
  if (options.wordWeight > 0) pushBlock(out, words, options.wordWeight);
  if (options.charWeight > 0 && options.charMax >= options.charMin) {
    charCounts.reset();
    for (let index = 0; index < own.count; index += 1) {
      addCharGrams(own.codes, own.starts[index]!, own.starts[index + 1]!, options);
    }
    if (charCounts.size === 0) return;
    const scale = blockScale(charCounts, options.charWeight);
    for (let index = 0; index < charCounts.size; index += 1) {
      const id = charCounts.ids[index]!;
      const value = termWeight(charCounts.counts[index]!) * scale;
      // A character n-gram whose id is also a word feature's adds to it.
      const position = options.wordWeight > 0 ? words.indexOf(id) : -1;
      if (position === -1) out.push(id, value);
      else out.values[base + position]! += value;
    }
  }
}

const scratch = new FeatureBuffer();

// Prefixes hash from a starting state of their own, apart from words and the other blocks.
const PREFIX_OFFSET = fnv1a('\u0006');
const prefixCounts = new IdCounter();

/**
 * Counts the clause's word prefixes (`prefixLength`) into `prefixCounts`, once a clause whatever
 * the buffers they go to; false when there are none or the block is off.
 */
function countPrefixes(own: TokenStream, options: FeatureOptions): boolean {
  const { prefixLength, prefixWeight } = options;
  if (prefixLength === 0 || prefixWeight <= 0) return false;
  const mask = (1 << options.hashBits) - 1;
  prefixCounts.reset();
  for (let index = 0; index < own.count; index += 1) {
    const start = own.starts[index]!;
    if (own.starts[index + 1]! - start < prefixLength) continue;
    prefixCounts.add(continueHash(PREFIX_OFFSET, own.codes, start, start + prefixLength) & mask);
  }
  return prefixCounts.size > 0;
}

/** The feature vector of one clause; empty when the text has no word. */
export function clauseFeatures(
  text: string,
  options: FeatureOptions = DEFAULT_FEATURE_OPTIONS,
): FeatureVector {
  pageClauseFeatures(text, [], options, scratch, null);
  return scratch.toVector();
}

/**
 * Where a context word's feature goes: above the clause's own features (ids from 2^hashBits on), so
 * the two never collide and a head trained on clauses alone gives context no weight at all.
 */
export function contextFeatureId(id: number, hashBits: number): number {
  return id + (1 << hashBits);
}

/**
 * Appends the words of `parts` (read as one text) to `out` as context features, weighted by
 * `contextWeight`. A context is read in words only.
 */
function appendContext(
  out: FeatureBuffer,
  parts: readonly TokenStream[],
  options: FeatureOptions,
): void {
  if (options.wordWeight <= 0 || !parts.some((part) => part.count > 0)) return;
  wordCounts.reset();
  countWordGrams(parts, options, wordCounts, null);
  const scale = blockScale(wordCounts, options.wordWeight);
  for (let index = 0; index < wordCounts.size; index += 1) {
    out.push(
      contextFeatureId(wordCounts.ids[index]!, options.hashBits),
      termWeight(wordCounts.counts[index]!) * scale * options.contextWeight,
    );
  }
}

/**
 * The clause's features followed by those of its context (`contextText`), weighted by
 * `contextWeight`; just the clause's when the context is empty or the weight is 0.
 */
export function clauseFeaturesInContext(
  text: string,
  context: string | undefined,
  options: FeatureOptions = DEFAULT_FEATURE_OPTIONS,
): FeatureVector {
  pageClauseFeatures(text, context ? [context] : [], options, scratch, null);
  return scratch.toVector();
}

/**
 * The featuriser itself, as the classifier calls it on a page: into `features`, the clause's own
 * features followed by those of its context parts, read as one text (a line break between parts,
 * as `contextText` joins them for training); into `replaced`, when given, the clause's own features
 * with negated words replaced (`negatedWordsReplace`), as severity reads it. Each text is
 * tokenised and hashed once however often it comes back (the clause was the context of the one
 * after it), and both counts come from one pass over the clause's words. `clauseFeatures` and
 * `clauseFeaturesInContext` are its one-text forms.
 */
export function pageClauseFeatures(
  text: string,
  contextParts: readonly string[],
  options: FeatureOptions,
  features: FeatureBuffer,
  replaced: FeatureBuffer | null,
): void {
  features.size = 0;
  if (replaced) replaced.size = 0;
  const own = streamOf(text);
  if (own.count === 0) return;
  const inOnePass = replaced !== null && !options.negatedWordsReplace;
  wordCounts.reset();
  replacedCounts.reset();
  if (options.wordWeight > 0) {
    countWordGrams([own], options, wordCounts, inOnePass ? replacedCounts : null);
  }
  const hasPrefixes = countPrefixes(own, options);
  appendVector(features, own, wordCounts, options);
  if (hasPrefixes) pushBlock(features, prefixCounts, options.prefixWeight);
  // Which negated words count is settled in the counts: the vectors are built alike.
  if (replaced) {
    appendVector(replaced, own, inOnePass ? replacedCounts : wordCounts, options);
    if (hasPrefixes) pushBlock(replaced, prefixCounts, options.prefixWeight);
  }
  if (features.size > 0 && contextParts.length > 0 && options.contextWeight > 0) {
    // The parts' tokens end to end are the joined text's: a line break is never part of a token,
    // and NFKC, lower-casing (final sigma included) and digit runs all stop at it.
    appendContext(features, contextParts.map(streamOf), options);
  }
}

/** Pseudo-feature telling the severity model which category a clause was given. */
export function categoryFeatureId(category: string, hashBits: number = FEATURE_HASH_BITS): number {
  return hashFeature(`\u0000category:${category}`, hashBits);
}
