import { GATE_OPENINGS } from './type-openings';

// The type patterns are large alternations; V8 compiles a pattern the first time it runs in a
// renderer, which on a site's first page cost more than the rest of detection (about 1.5 ms for
// the eight). Text none of them can match is turned away by the openings of their matches first.
// The openings are searched in their sorted list rather than indexed: building an index cost the
// sentinel about 0.6 ms on a site's first page, more than all its searches.

/** Openings are at most this long (scripts/detect/write-type-openings.ts checks). */
export const MAX_OPENING_LENGTH = 16;

/**
 * Whether one of `sortedOpenings` (code unit order, each at least two characters) starts at `index`
 * of `text`. Every opening that does is a prefix of the text there, so it sorts at or before that
 * text, among the openings that share its first two characters.
 */
export function openingAt(text: string, index: number, sortedOpenings: readonly string[]): boolean {
  const rest = text.slice(index, index + MAX_OPENING_LENGTH);
  let low = 0;
  let high = sortedOpenings.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (sortedOpenings[middle]! <= rest) low = middle + 1;
    else high = middle;
  }
  const firstTwo = rest.slice(0, 2);
  for (let at = low - 1; at >= 0; at -= 1) {
    const opening = sortedOpenings[at]!;
    if (!opening.startsWith(firstTwo)) return false;
    if (rest.startsWith(opening)) return true;
  }
  return false;
}

export function isAsciiWordChar(code: number): boolean {
  return (
    (code >= 0x61 && code <= 0x7a) ||
    (code >= 0x41 && code <= 0x5a) ||
    (code >= 0x30 && code <= 0x39) ||
    code === 0x5f
  );
}

export function isLowerAscii(code: number): boolean {
  return code >= 0x61 && code <= 0x7a;
}

/** Runs of this many lower-case letters are where the URL judge may split glued policy words. */
export const GLUED_RUN = 8;

/**
 * Policy words sometimes written glued together ("cookiepolicy", "termsofuse",
 * "privacyandsecurity"): the URL judge splits a run of letters made of these words only.
 */
export const GLUED_WORDS: readonly string[] = [
  'privacy',
  'cookies',
  'cookie',
  'terms',
  'conditions',
  'policies',
  'policy',
  'notice',
  'statement',
  'agreement',
  'user',
  'use',
  'services',
  'service',
  'guidelines',
  'standards',
  'acceptable',
  'community',
  'data',
  'protection',
  'processing',
  'legal',
  'security',
  'of',
  'and',
];

/**
 * Whether `text[start, end)` is made of glued words only: the runs the URL judge splits, and so
 * the runs inside which the first pass looks for openings.
 */
export function isGluedRun(text: string, start: number, end: number): boolean {
  // reachable[i]: text[start, start + i) is made of glued words.
  const reachable = [true];
  for (let at = 0; at < end - start; at += 1) {
    if (!reachable[at]) continue;
    for (const word of GLUED_WORDS) {
      if (text.startsWith(word, start + at) && start + at + word.length <= end) {
        reachable[at + word.length] = true;
      }
    }
  }
  return reachable[end - start] === true;
}

/**
 * Whether one of the openings (GATE_OPENINGS, which have no spaces) starts, in `text` without its
 * spaces, where a word of `text` starts: after a space or other non-word character, at any
 * non-ASCII character (CJK text has no spaces), or, when `splitsGluedWords`, anywhere inside a long
 * run of letters the URL judge would split ("termsofuse"). Without spaces, one list serves "code of
 * conduct" and "codeofconduct".
 */
export function mayHoldOpening(text: string, splitsGluedWords: boolean): boolean {
  let letters = '';
  const starts: boolean[] = [];
  let runStart = 0;
  for (let index = 0; index <= text.length; index += 1) {
    const code = index < text.length ? text.charCodeAt(index) : 0x20;
    if (!isLowerAscii(code)) {
      if (splitsGluedWords && index - runStart >= GLUED_RUN && isGluedRun(text, runStart, index)) {
        const end = starts.length;
        for (let at = end - (index - runStart); at < end; at += 1) starts[at] = true;
      }
      runStart = index + 1;
    }
    if (index === text.length || code === 0x20) continue;
    const previous = index > 0 ? text.charCodeAt(index - 1) : 0x20;
    starts.push(!isAsciiWordChar(code) || !isAsciiWordChar(previous));
    letters += text[index];
  }
  for (let index = 0; index < letters.length - 1; index += 1) {
    if (starts[index] && openingAt(letters, index, GATE_OPENINGS)) return true;
  }
  return false;
}

/**
 * Whether some type pattern could match `text` (normalised): false means that none does. True may
 * also mean an address word, or a phrase with its spaces elsewhere ("code ofconduct").
 */
export function mayMatchType(text: string): boolean {
  return mayHoldOpening(text, false);
}
