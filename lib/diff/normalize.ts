/**
 * Cosmetic normalisation of a clause, so that two versions of a policy compare equal when a reader
 * would see the same words: white space, invisible characters, markup, link targets, case and
 * punctuation are not changes anyone agreed to.
 */

// Zero-width space/non-joiner/joiner, word joiner and invisible operators, BOM, soft hyphen, and
// the bidi marks/embeddings/isolates: all render as nothing and come and go with page builders.
const INVISIBLE = /[\u00AD\u061C\u180E\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF]/g;

// Every Unicode space separator (NBSP, narrow NBSP, ideographic space, en/em spaces…) plus
// line and paragraph separators fold to a plain space.
const SPACES = /[\s\u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000]+/g;

// `[text](target "title")` and `![alt](src)`: the target is not something a reader sees.
// Targets may hold one level of parentheses (Wikipedia-style URLs).
const INLINE_LINK = /!?\[([^\]]*)\]\((?:[^()]|\([^()]*\))*\)/g;
// `[text][ref]` and `[text][]` reference links.
const REFERENCE_LINK = /!?\[([^\]]*)\]\[[^\]]*\]/g;
// `[ref]: https://…` reference definitions, whole line.
const REFERENCE_DEFINITION = /^[ \t]*\[[^\]]+\]:[ \t]*\S+.*$/gm;
// `<https://…>` autolinks show their URL as text: keep it, drop the brackets.
const AUTOLINK = /<((?:https?|mailto|ftp):[^>\s]+)>/gi;
const HTML_TAG = /<\/?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?\/?>/g;
const HTML_COMMENT = /<!--[\s\S]*?-->/g;

const NAMED_ENTITIES: Readonly<Record<string, string>> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: ' ',
  ndash: '-',
  mdash: '-',
  lsquo: "'",
  rsquo: "'",
  ldquo: '"',
  rdquo: '"',
  hellip: '...',
  shy: '',
  zwj: '',
  zwnj: '',
  copy: '©',
  reg: '®',
  trade: '™',
};
const ENTITY = /&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/gi;

// A leading list or section label ("1.", "2.3", "(a)", "iv)") is numbering, which shifts whenever
// a clause is inserted above; it is markup, not wording.
const LEADING_MARKERS = /^[\s#>*+\-_]+/;
const LEADING_LABEL =
  /^(?:\(?(?:\d+(?:\.\d+)*|[a-z]|x{0,3}(?:ix|iv|vi{0,3}|i{1,3}))[.)]|\d+(?:\.\d+)+)(?:\s+|$)/i;

// Punctuation of every script, plus the ASCII symbols markdown and tables leave behind. Kept on
// purpose: `%`, `§`, `@`, `&`, currency and math signs other than these, since "10%" and "10"
// say different things.
const PUNCTUATION = /[^\P{P}%‰§@&]|[`|~^<>=*#_\\]/gu;

function decodeEntity(whole: string, body: string): string {
  if (body[0] === '#') {
    const code =
      body[1] === 'x' || body[1] === 'X'
        ? Number.parseInt(body.slice(2), 16)
        : Number.parseInt(body.slice(1), 10);
    return Number.isFinite(code) && code > 0 && code <= 0x10ffff
      ? String.fromCodePoint(code)
      : whole;
  }
  return NAMED_ENTITIES[body.toLowerCase()] ?? whole;
}

/** Text with markup removed but words, case and punctuation kept (for display and tokens). */
export function stripMarkup(text: string): string {
  return text
    .replace(HTML_COMMENT, ' ')
    .replace(REFERENCE_DEFINITION, ' ')
    .replace(AUTOLINK, ' $1 ')
    .replace(INLINE_LINK, '$1')
    .replace(REFERENCE_LINK, '$1')
    .replace(HTML_TAG, ' ')
    .replace(ENTITY, decodeEntity);
}

const MONTHS =
  'january|february|march|april|may|june|july|august|september|october|november|december';
// "15 September 2025" and "September 15, 2025" are one date: pages flip between en-GB and en-US
// renderings of the same text (seen in the Open Terms Archive histories).
const DAY_MONTH_YEAR = new RegExp(`\\b(\\d{1,2}) (${MONTHS}) (\\d{4})(?!\\d)`, 'g');

/**
 * The comparison key of a clause: two clauses whose keys are equal differ only cosmetically
 * (white space, invisible characters, markup, link targets, case, punctuation, list numbering,
 * day-month or month-day order of a date).
 * Words are separated by single spaces; an all-markup clause gives ''.
 */
export function normalizeForComparison(text: string): string {
  const plain = stripMarkup(text.normalize('NFKC').replace(INVISIBLE, ''))
    // Entities may decode into invisible characters or non-NFKC forms.
    .replace(INVISIBLE, '')
    .normalize('NFKC')
    .replace(SPACES, ' ')
    .trim();
  return plain
    .replace(LEADING_MARKERS, '')
    .replace(LEADING_LABEL, '')
    .toLowerCase()
    .replace(PUNCTUATION, ' ')
    .replace(SPACES, ' ')
    .trim()
    .replace(DAY_MONTH_YEAR, '$2 $1 $3');
}

// Han, kana and Hangul are written without spaces: a "word" there is a whole phrase, so similarity
// is measured on character pairs instead.
const UNSPACED_SCRIPT = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;

/** The words of a normalised clause (see `normalizeForComparison`), for similarity. */
export function comparisonTokens(normalized: string): string[] {
  if (normalized === '') return [];
  const tokens: string[] = [];
  for (const word of normalized.split(' ')) {
    if (!UNSPACED_SCRIPT.test(word)) {
      tokens.push(word);
      continue;
    }
    const characters = Array.from(word);
    if (characters.length === 1) tokens.push(word);
    for (let index = 0; index + 1 < characters.length; index += 1) {
      tokens.push(characters[index]! + characters[index + 1]!);
    }
  }
  return tokens;
}

const FNV_PRIME_LOW = 0x1b3;

/**
 * FNV-1a 64 of the UTF-8 bytes of `text`, as 16 hex digits. Done in two 32-bit halves (no BigInt,
 * no crypto) so it is fast and gives the same value in every JavaScript engine.
 */
export function fnv1a64(text: string): string {
  let high = 0xcbf29ce4;
  let low = 0x84222325;
  const step = (byte: number) => {
    low ^= byte;
    // (high:low) * (2^40 + 0x1b3) mod 2^64; low * 0x1b3 < 2^41 is exact in a double.
    const lowProduct = (low >>> 0) * FNV_PRIME_LOW;
    const carry = Math.floor(lowProduct / 0x100000000);
    high = (Math.imul(high, FNV_PRIME_LOW) + carry + (low << 8)) >>> 0;
    low = lowProduct >>> 0;
  };
  for (let index = 0; index < text.length; index += 1) {
    let code = text.charCodeAt(index);
    if (code >= 0xd800 && code <= 0xdbff && index + 1 < text.length) {
      const next = text.charCodeAt(index + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        code = 0x10000 + ((code - 0xd800) << 10) + (next - 0xdc00);
        index += 1;
      }
    }
    if (code < 0x80) {
      step(code);
    } else if (code < 0x800) {
      step(0xc0 | (code >> 6));
      step(0x80 | (code & 0x3f));
    } else if (code < 0x10000) {
      step(0xe0 | (code >> 12));
      step(0x80 | ((code >> 6) & 0x3f));
      step(0x80 | (code & 0x3f));
    } else {
      step(0xf0 | (code >> 18));
      step(0x80 | ((code >> 12) & 0x3f));
      step(0x80 | ((code >> 6) & 0x3f));
      step(0x80 | (code & 0x3f));
    }
  }
  return high.toString(16).padStart(8, '0') + (low >>> 0).toString(16).padStart(8, '0');
}

/** A stable hash of the clause's comparison key: equal for cosmetically equal clauses. */
export function clauseHash(text: string): string {
  return fnv1a64(normalizeForComparison(text));
}
