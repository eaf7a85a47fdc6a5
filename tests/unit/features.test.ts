import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  clauseFeatures,
  clauseFeaturesInContext,
  contextFeatureId,
  DEFAULT_FEATURE_OPTIONS,
  FeatureBuffer,
  type FeatureOptions,
  type FeatureVector,
  hashFeature,
  pageClauseFeatures,
  tokenize,
} from '../../lib/analysis/features';

// The featuriser as it was before the char-code scanner and the typed-array counters (2026-11):
// the model was trained on exactly these features, so the fast path must give the same ids, in the
// same order, with the same values, bit for bit.
const REFERENCE_MAX_TOKENS = 400;

function referenceTokenize(text: string): string[] {
  const normalised = text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[’‘]/g, "'")
    .replace(/\p{N}+/gu, '0');
  const tokens: string[] = [];
  for (const match of normalised.matchAll(/[\p{L}\p{N}]+(?:['’][\p{L}]+)?/gu)) {
    const token = match[0].endsWith("'s") ? match[0].slice(0, -2) : match[0];
    if (token.length > 0) tokens.push(token);
    if (tokens.length >= REFERENCE_MAX_TOKENS) break;
  }
  return tokens;
}

function referenceFnv(text: string, hash = 0x811c9dc5): number {
  let value = hash;
  for (let index = 0; index < text.length; index += 1) {
    value ^= text.charCodeAt(index);
    value = Math.imul(value, 0x01000193);
  }
  return value >>> 0;
}

function referenceFeatures(text: string, options: FeatureOptions): FeatureVector {
  const tokens = referenceTokenize(text);
  const vector: FeatureVector = { ids: [], values: [] };
  if (tokens.length === 0) return vector;
  const mask = (1 << options.hashBits) - 1;
  const positions = new Map<number, number>();
  const append = (counts: Map<number, number>, weight: number) => {
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
  };
  const count = (counts: Map<number, number>, id: number) =>
    counts.set(id, (counts.get(id) ?? 0) + 1);
  if (options.wordWeight > 0) {
    const words = new Map<number, number>();
    let previous = '<s>';
    for (const token of tokens) {
      count(words, referenceFnv(token) & mask);
      count(words, referenceFnv(`${previous} ${token}`) & mask);
      previous = token;
    }
    count(words, referenceFnv(`${previous} </s>`) & mask);
    append(words, options.wordWeight);
  }
  if (options.charWeight > 0 && options.charMax >= options.charMin) {
    const chars = new Map<number, number>();
    const offset = referenceFnv('\u0001');
    for (const token of tokens) {
      const padded = ` ${token} `;
      for (let start = 0; start < padded.length; start += 1) {
        for (let end = start + options.charMin; end <= padded.length; end += 1) {
          if (end - start > options.charMax) break;
          count(chars, referenceFnv(padded.slice(start, end), offset) & mask);
        }
      }
    }
    append(chars, options.charWeight);
  }
  if (options.prefixLength > 0 && options.prefixWeight > 0) {
    const prefixes = new Map<number, number>();
    const offset = referenceFnv('\u0006');
    for (const token of tokens) {
      if (token.length < options.prefixLength) continue;
      count(prefixes, referenceFnv(token.slice(0, options.prefixLength), offset) & mask);
    }
    // Appended as they come: an id a word or n-gram also has is a second entry, which a linear
    // scorer sums as one.
    let norm = 0;
    for (const n of prefixes.values()) norm += (1 + Math.log(n)) ** 2;
    const scale = options.prefixWeight / Math.sqrt(norm);
    for (const [id, n] of prefixes) {
      vector.ids.push(id);
      vector.values.push((1 + Math.log(n)) * scale);
    }
  }
  return vector;
}

// The reference featuriser predates negated and reader-action unigrams: compare with them off.
const PLAIN: FeatureOptions = { ...DEFAULT_FEATURE_OPTIONS, negationScope: 0, readerScope: 0 };
const WITH_CHARS: FeatureOptions = { ...PLAIN, charWeight: 0.6, charMin: 2 };
// A 10-bit space makes word and character ids collide, which the blocks must add up.
const SMALL_SPACE: FeatureOptions = { ...PLAIN, hashBits: 10, charWeight: 1 };
const CHARS_ONLY: FeatureOptions = { ...PLAIN, wordWeight: 0, charWeight: 1 };
const OPTION_SETS = [PLAIN, WITH_CHARS, SMALL_SPACE, CHARS_ONLY];

function expectSameFeatures(text: string) {
  expect(tokenize(text), JSON.stringify(text)).toEqual(referenceTokenize(text));
  for (const options of OPTION_SETS) {
    // toEqual on numbers is Object.is: the values must match to the last bit.
    expect(clauseFeatures(text, options), JSON.stringify(text)).toEqual(
      referenceFeatures(text, options),
    );
  }
}

const EDGE_CASES = [
  '',
  '   \n\t ',
  'We may share your personal data with our partners.',
  // Apostrophes: straight, curly, opening quote as apostrophe, possessive "'s" dropped only whole.
  "We’ll share the company’s data; users' rights, O'Brien's, don‘t, it's, x'as, s's",
  "'s ’s a's ''a'' don''t 5's 5'a a'5 a'b'c",
  'COMPANY’S Terms AND Conditions',
  // Digits: every run of digits is one 0, whether alone or inside a word.
  'On 2026-11-23 at 10:30, 1,000.50 EUR, x86_64, COVID19, 3rd parties, 007',
  // Other digits, fractions, superscripts, circled numbers: the NFKC path.
  'Arabic ٣٤٥, Devanagari ४२, ½ share, m² area, ① first, Ⅻ roman, ¹ note',
  // Latin-1 and beyond, compatibility characters, combining marks.
  'Café CAFÉ naïve Straße ÆØÅ æøå ÿ Ý Þ þ ð',
  'ﬁle ﬀ ｆｕｌｌｗｉｄｔｈ ＡＢＣ ™ ℡ ª º µ',
  'e\u0301 combining, a\u0308, \u0301 alone, ε\u0301',
  'İstanbul ı ǅ ß ẞ Σίσυφος ΌΣΟΣ ς Ωmega',
  'Ελληνικά Русский текст ПОЛИТИКА Čeština Łódź ŉ ſ ĳ',
  '数据 个人信息 我们可能会与合作伙伴共享您的数据。（包括）【注】，、',
  '한국어 개인정보 처리방침 \u1100\u1161 가\u11a8',
  'カタカナ ｶﾀｶﾅ ひらがな が か\u3099 ー 々 〇',
  'emoji 😀 test 𝐁𝐨𝐥𝐝 𝟏𝟐 \ud800 lone \udc00 surrogates',
  'spaces\u00a0nbsp\u2002en\u202fnarrow\u3000ideographic\u200bzero\ufeffbom',
  'dashes – — ‑ ‐ “quotes” «guillemets» … ellipsis • bullet © ® § ¶ € £',
  'tab\tnew\nline\r\nform\ffeed\u2028sep\u2029para\u000bvt',
];

describe('tokenize', () => {
  it('agrees with the NFKC pattern definition on edge cases', () => {
    for (const text of EDGE_CASES) expectSameFeatures(text);
  });

  it('agrees on every UTF-16 code unit, in the positions a token can have', () => {
    for (let code = 0; code <= 0xffff; code += 1) {
      const char = String.fromCharCode(code);
      const text = `Ab${char}cd ${char}${char} 9${char}9 o${char}s x'${char} ${char}'s Q${char}`;
      const actual = tokenize(text);
      const expected = referenceTokenize(text);
      if (actual.join('|') !== expected.join('|')) {
        expect(actual, `U+${code.toString(16)}`).toEqual(expected);
      }
    }
  });

  it('agrees on every pair of a mixed set of characters', () => {
    const pool = [..."aZ09 '’‘.-_éÉßÿ\u00a0\u2019—…数Ωσ\u0301\u0308ﬁ½²ٍ٣ｆ，\u3000\u1161가İΣ"];
    for (const first of pool) {
      for (const second of pool) {
        const text = `x${first}${second}y ${first}${second} ${second}${first}s`;
        expect(tokenize(text), JSON.stringify(text)).toEqual(referenceTokenize(text));
      }
    }
  });

  it('agrees on random text mixing fast-path and NFKC-path characters', () => {
    const pool = [..."aAbBzZ059 '’‘.,;-éÈß数据ΣσΩ\u0301ﬁ½①ｆ\u00a0\u3000😀İ"];
    let seed = 12345;
    const random = () => {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
      return seed / 2 ** 32;
    };
    for (let round = 0; round < 3000; round += 1) {
      let text = '';
      const length = Math.floor(random() * 30);
      for (let index = 0; index < length; index += 1) {
        text += pool[Math.floor(random() * pool.length)];
      }
      expectSameFeatures(text);
    }
  });

  it('stops at 400 tokens, whatever follows the 400th', () => {
    const words = Array.from({ length: 450 }, (_, index) => `w${index % 37}x`).join(' ');
    expect(tokenize(words)).toHaveLength(400);
    expectSameFeatures(words);
    const wordsThen = (tail: string) =>
      `${Array.from({ length: 400 }, () => 'word').join(' ')}${tail}`;
    // What follows the 400th word may lengthen it, cut it, or need the NFKC path.
    for (const tail of ['', ' ', 's', "'s", '’t', '\u0301', ' ﬁ', 'ﬁ', '😀', '5', ' İ']) {
      expectSameFeatures(wordsThen(tail));
    }
    expectSameFeatures(`${'ﬁ '.repeat(398)}a b c d`);
  });

  it('keeps a very long token whole', () => {
    const long = `start ${'a'.repeat(20_000)}B end`;
    expect(tokenize(long)[1]).toHaveLength(20_001);
    expectSameFeatures(long);
    expectSameFeatures(`${'x'.repeat(5_000)}’${'y'.repeat(5_000)} ${'7'.repeat(3_000)}`);
  });
});

describe('clauseFeatures', () => {
  it('gives the ids, order and values of the previous featuriser on real clauses', () => {
    const lines = readFileSync('data/training/claudette-en.jsonl', 'utf8').split('\n');
    // Every 25th labelled sentence: a few hundred, on every option set.
    for (let index = 0; index < lines.length; index += 25) {
      const line = lines[index]!.trim();
      if (line) expectSameFeatures((JSON.parse(line) as { text: string }).text);
    }
  });

  it('is not affected by the clause before it', () => {
    const long = `${'alpha beta gamma '.repeat(300)}delta`;
    const short = 'We sell your data.';
    const alone = clauseFeatures(short, WITH_CHARS);
    clauseFeatures(long, WITH_CHARS);
    expect(clauseFeatures(short, WITH_CHARS)).toEqual(alone);
    expect(clauseFeatures('', WITH_CHARS)).toEqual({ ids: [], values: [] });
  });

  it('counts repeated n-grams with a sublinear weight', () => {
    const { ids, values } = clauseFeatures('data data data');
    const data = hashFeature('data', DEFAULT_FEATURE_OPTIONS.hashBits);
    const weight = values[ids.indexOf(data)]!;
    const once = values[ids.indexOf(hashFeature('<s> data', DEFAULT_FEATURE_OPTIONS.hashBits))]!;
    expect(weight / once).toBeCloseTo(1 + Math.log(3), 12);
  });

  it('adds negated unigrams for the words right after a negation, and only there', () => {
    const negated = (word: string) =>
      hashFeature(`\u0003${word}`, DEFAULT_FEATURE_OPTIONS.hashBits);
    const { ids } = clauseFeatures("We don't sell your personal data to anyone.");
    expect(ids).toContain(negated('sell'));
    expect(ids).toContain(negated('your'));
    expect(ids).toContain(negated('personal'));
    expect(ids).not.toContain(negated('data'));
    expect(clauseFeatures('We sell your personal data.').ids).not.toContain(negated('sell'));
    expect(clauseFeatures('We do not sell it.', PLAIN).ids).not.toContain(negated('sell'));
  });

  it('ties the forms of a word by its prefix, from words at least that long', () => {
    const { hashBits } = DEFAULT_FEATURE_OPTIONS;
    const prefix = (text: string) => hashFeature(`\u0006${text}`, hashBits);
    const options: FeatureOptions = { ...DEFAULT_FEATURE_OPTIONS, prefixLength: 5 };
    for (const clause of ['We train models.', 'We trained models.', 'Training data.']) {
      expect(clauseFeatures(clause, options).ids, clause).toContain(prefix('train'));
    }
    // "use" is shorter than the prefix: it has its word only.
    expect(clauseFeatures('We use it.', options).ids).not.toContain(prefix('use'));
    expect(clauseFeatures('We trained models.', { ...options, prefixLength: 0 }).ids).not.toContain(
      prefix('train'),
    );
    // A block of its own: its L2 norm is the weight, beside the words' norm of 1.
    const { ids, values } = clauseFeatures('We trained models.', { ...options, prefixWeight: 0.5 });
    const prefixNorm = Math.hypot(
      ...ids.flatMap((id, index) =>
        id === prefix('train') || id === prefix('model') ? [values[index]!] : [],
      ),
    );
    expect(prefixNorm).toBeCloseTo(0.5, 6);
  });

  it('adds the reader\'s action unigrams for the words right after "you may", and only there', () => {
    const { hashBits } = DEFAULT_FEATURE_OPTIONS;
    const reader = (word: string) => hashFeature(`\u0004${word}`, hashBits);
    const options: FeatureOptions = { ...DEFAULT_FEATURE_OPTIONS, readerScope: 3 };
    const { ids } = clauseFeatures('You may close your account at any time.', options);
    expect(ids).toContain(reader('close'));
    expect(ids).toContain(reader('your'));
    expect(ids).toContain(reader('account'));
    // Three words, then the plain unigrams only.
    expect(ids).not.toContain(reader('at'));
    expect(ids).toContain(hashFeature('close', hashBits));
    for (const [clause, word] of [
      ['Users can delete their data.', 'delete'],
      ['If you could review it, thanks.', 'review'],
    ] as const) {
      expect(clauseFeatures(clause, options).ids, clause).toContain(reader(word));
    }
    for (const clause of [
      'We may close your account at any time.',
      'You agree that we may close your account.',
      'May you close it?',
    ]) {
      expect(clauseFeatures(clause, options).ids, clause).not.toContain(reader('close'));
    }
    expect(
      clauseFeatures('You may close your account.', { ...options, readerScope: 0 }).ids,
    ).not.toContain(reader('close'));
  });

  it('featurises a clause the same when it is featurised twice, around other calls', () => {
    const clause = 'We do not sell your data.';
    const first = clauseFeatures(clause);
    expect(clauseFeatures(clause)).toEqual(first);
    tokenize('Other words entirely, ﬁrst on the NFKC path.');
    expect(clauseFeatures(clause)).toEqual(first);
    clauseFeatures('We sell your data.');
    expect(clauseFeatures(clause)).toEqual(first);
  });

  it('drops the plain unigram of a negated word only when negated words replace it', () => {
    const { hashBits } = DEFAULT_FEATURE_OPTIONS;
    const sell = hashFeature('sell', hashBits);
    const replacing: FeatureOptions = { ...DEFAULT_FEATURE_OPTIONS, negatedWordsReplace: true };
    const negatedClause = 'We do not sell your data.';
    expect(clauseFeatures(negatedClause).ids).toContain(sell);
    const { ids } = clauseFeatures(negatedClause, replacing);
    expect(ids).not.toContain(sell);
    expect(ids).toContain(hashFeature('\u0003sell', hashBits));
    expect(ids).toContain(hashFeature('not sell', hashBits));
    expect(ids).toContain(hashFeature('not', hashBits));
    expect(clauseFeatures('We sell your data.', replacing).ids).toContain(sell);
    // Words past the negation's scope keep their plain unigram.
    expect(clauseFeatures('We do not sell your personal data.', replacing).ids).toContain(
      hashFeature('data', hashBits),
    );
  });
});

describe('clauseFeaturesInContext', () => {
  it('appends the context words, ids shifted and values weighted, after the clause features', () => {
    const options: FeatureOptions = { ...WITH_CHARS, contextWeight: 0.5 };
    for (const [text, context] of [
      ['Licensed datasets.', 'Personal data we use to train our models'],
      ['We may share it.', 'Sharing\nWe share data with partners: ﬁrst ones.'],
      ['ﬁnal word', EDGE_CASES[5]!],
    ] as const) {
      const own = referenceFeatures(text, options);
      const around = referenceFeatures(context, { ...options, charWeight: 0, prefixLength: 0 });
      expect(clauseFeaturesInContext(text, context, options), text).toEqual({
        ids: [...own.ids, ...around.ids.map((id) => contextFeatureId(id, options.hashBits))],
        values: [...own.values, ...around.values.map((value) => value * options.contextWeight)],
      });
    }
    expect(clauseFeaturesInContext('', 'A heading', options)).toEqual({ ids: [], values: [] });
    expect(clauseFeaturesInContext('Words.', '', options)).toEqual(
      clauseFeatures('Words.', options),
    );
  });
});

describe('pageClauseFeatures', () => {
  // Texts whose parts meet at their edges in every way a join could matter: apostrophes and
  // "'s" at an end, digits, NFKC-path characters, a 400-token text, no token at all.
  const POOL = [
    ...EDGE_CASES,
    "users'",
    "'s company's",
    "don't sell",
    'You may',
    'close your account at any time',
    'We do not',
    '2026 12',
    'ﬁ',
    '\u0301accent',
    'Σ',
    Array.from({ length: 410 }, (_, index) => `w${index % 23}`).join(' '),
    `${'word '.repeat(398)}ﬁ`,
  ];
  const OPTIONS: FeatureOptions[] = [
    DEFAULT_FEATURE_OPTIONS,
    { ...DEFAULT_FEATURE_OPTIONS, charWeight: 0.6, charMin: 2 },
    { ...DEFAULT_FEATURE_OPTIONS, negatedWordsReplace: true, contextWeight: 1 },
    { ...DEFAULT_FEATURE_OPTIONS, hashBits: 10, charWeight: 1 },
  ];

  it('gives what clauseFeaturesInContext and clauseFeatures give, bit for bit', () => {
    let seed = 2026;
    const random = () => {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
      return seed / 2 ** 32;
    };
    const pick = () => POOL[Math.floor(random() * POOL.length)]!;
    const features = new FeatureBuffer();
    const replaced = new FeatureBuffer();
    // More distinct texts than the featuriser keeps, so its kept streams are reused throughout.
    for (let round = 0; round < 1500; round += 1) {
      const options = OPTIONS[round % OPTIONS.length]!;
      const text = pick();
      const parts = Array.from({ length: Math.floor(random() * 4) }, pick);
      pageClauseFeatures(text, parts, options, features, replaced);
      const label = JSON.stringify([text, parts]).slice(0, 200);
      expect(features.toVector(), label).toEqual(
        clauseFeaturesInContext(text, parts.join('\n'), options),
      );
      expect(replaced.toVector(), label).toEqual(
        clauseFeatures(text, { ...options, negatedWordsReplace: true }),
      );
    }
  });

  it('gives the clause alone without context parts, and nothing for a text without words', () => {
    const features = new FeatureBuffer();
    pageClauseFeatures('We sell your data.', [], DEFAULT_FEATURE_OPTIONS, features, null);
    expect(features.toVector()).toEqual(clauseFeatures('We sell your data.'));
    pageClauseFeatures(' — ', ['A heading'], DEFAULT_FEATURE_OPTIONS, features, null);
    expect(features.size).toBe(0);
  });
});
