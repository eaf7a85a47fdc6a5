import { isAsciiWordChar } from './type-gate';

// The vocabulary's thousands of names as one regular expression cost V8 about 60 ms to compile on
// a renderer's first policy page (280 ms with optional spaces), so they are looked up instead:
// indexed by their first two characters, in the text with its spaces taken out.

export interface FoundPhrase {
  /** Where the phrase starts in the text. */
  index: number;
  /** The text it matched, with the text's own spaces. */
  phrase: string;
}

interface Entry {
  /** The phrase without its spaces. */
  compact: string;
  /** Whether the phrase has a space before each character of `compact`. */
  spaceBefore: readonly boolean[];
  /** A phrase that begins or ends with an ASCII letter or digit starts or ends a word there. */
  anchoredStart: boolean;
  anchoredEnd: boolean;
}

function entryOf(phrase: string): Entry {
  const spaceBefore: boolean[] = [];
  let compact = '';
  let pendingSpace = false;
  for (const char of phrase) {
    if (char === ' ') {
      pendingSpace = true;
      continue;
    }
    for (let unit = 0; unit < char.length; unit += 1) {
      spaceBefore.push(pendingSpace && unit === 0);
    }
    compact += char;
    pendingSpace = false;
  }
  return {
    compact,
    spaceBefore,
    anchoredStart: isAsciiWordChar(compact.charCodeAt(0)),
    anchoredEnd: isAsciiWordChar(compact.charCodeAt(compact.length - 1)),
  };
}

function indexOf(phrases: readonly string[]): Map<string, Entry[]> {
  const index = new Map<string, Entry[]>();
  for (const phrase of phrases) {
    const entry = entryOf(phrase);
    if (entry.compact.length < 2) throw new Error(`"${phrase}" is too short to look up`);
    const key = entry.compact.slice(0, 2);
    const entries = index.get(key) ?? [];
    entries.push(entry);
    index.set(key, entries);
  }
  // The longest first, so a position's first match is its longest.
  for (const entries of index.values()) entries.sort((a, b) => b.compact.length - a.compact.length);
  return index;
}

/**
 * A finder of the first of `phrases` (normalised text: lower case, single spaces) in normalised
 * text, the longest one at that position. Each phrase's spaces are optional ("chinh sach bao mat"
 * finds "chinhsachbaomat", as sites glue slugs), but the text's spaces must fall where the phrase
 * has one. A phrase that begins or ends with an ASCII letter or digit must begin or end a word
 * there, as `\b` asks; one in another script may sit anywhere, as CJK has no spaces.
 */
export function phraseFinder(phrases: readonly string[]): (text: string) => FoundPhrase | null {
  let index: Map<string, Entry[]> | null = null;
  return (text) => {
    index ??= indexOf(phrases);
    let letters = '';
    const origins: number[] = [];
    for (let at = 0; at < text.length; at += 1) {
      if (text.charCodeAt(at) === 0x20) continue;
      letters += text[at];
      origins.push(at);
    }
    const spaceBefore = (position: number) =>
      position > 0 && origins[position]! - origins[position - 1]! > 1;
    for (let start = 0; start < letters.length - 1; start += 1) {
      const entries = index.get(letters.slice(start, start + 2));
      if (!entries) continue;
      const origin = origins[start]!;
      const startsWord = origin === 0 || !isAsciiWordChar(text.charCodeAt(origin - 1));
      for (const entry of entries) {
        if (entry.anchoredStart && !startsWord) continue;
        if (!letters.startsWith(entry.compact, start)) continue;
        const last = start + entry.compact.length - 1;
        const end = origins[last]! + 1;
        if (entry.anchoredEnd && end < text.length && isAsciiWordChar(text.charCodeAt(end))) {
          continue;
        }
        let spacesFit = true;
        for (let offset = 1; offset < entry.compact.length && spacesFit; offset += 1) {
          if (spaceBefore(start + offset) && !entry.spaceBefore[offset]) spacesFit = false;
        }
        if (spacesFit) return { index: origin, phrase: text.slice(origin, end) };
      }
    }
    return null;
  };
}
