import { TYPE_OPENINGS } from './type-openings';

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

/**
 * Whether some type pattern could match `text`: one of their openings starts at a position where a
 * match can start (a word start for the \b-anchored phrases, any non-word character for the
 * CJK ones). False means that none matches.
 */
export function mayMatchType(text: string): boolean {
  for (let index = 0; index < text.length - 1; index += 1) {
    if (
      index > 0 &&
      isAsciiWordChar(text.charCodeAt(index)) &&
      isAsciiWordChar(text.charCodeAt(index - 1))
    ) {
      continue;
    }
    if (openingAt(text, index, TYPE_OPENINGS)) return true;
  }
  return false;
}
