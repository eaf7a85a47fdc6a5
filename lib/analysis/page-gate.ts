// The first pass of detection, run by the always-injected sentinel on every page: a few string
// tests that say when a page cannot be a policy, so that the detector itself (its tables, its URL
// judge, its patterns) is loaded and compiled only on pages that might be one. It must never turn
// away a page `detectPolicyPage` would call a policy; tests/unit/page-gate.test.ts holds it to
// that over every labelled address and thousands of generated ones.
//
// `detectPolicyPage` calls a page a policy only through (1) a policy verdict on its address, (2) a
// document type in its title, its og:title or first headings, (3) a `<link rel>` naming it, or
// (4) the body test, which it reaches only when the address is left open ('generic'). A type in a
// title or heading needs a type opening at a word start of its normalised text (`mayMatchType`,
// the detector's own gate); an address verdict of policy or generic needs a type opening or an
// address word opening (ADDRESS_WORD_PATTERNS) in a path segment, the query or the host name.
import { decodeSafely, normalise } from './normalise';
import { isAsciiWordChar, mayMatchType, openingAt } from './type-gate';
import { COMPACT_OPENINGS } from './type-openings';

function isLowerAscii(code: number): boolean {
  return code >= 0x61 && code <= 0x7a;
}

/** Camel case apart ("PrivacyPolicy" → "Privacy Policy"), without an expression; the URL judge's too. */
export function splitCamelCase(text: string): string {
  let result = '';
  for (let index = 0; index < text.length; index += 1) {
    const code = text.charCodeAt(index);
    if (index > 0 && code >= 0x41 && code <= 0x5a && isLowerAscii(text.charCodeAt(index - 1))) {
      result += ' ';
    }
    result += text[index];
  }
  return result;
}

/** Runs of this many lower-case letters are where the judge may split glued policy words. */
const GLUED_RUN = 8;

/**
 * Whether a path segment or query value could hold a policy phrase or legal word as the URL judge
 * reads it: normalised, camel case split, glued words apart. Openings are compared without spaces
 * (the judge splits glued words such as "termsofuse" itself),
 * at every position where the judge's text may start a word: after a space or other non-word
 * character, and anywhere inside a long run of letters, which the judge may split.
 */
function segmentMayName(segment: string): boolean {
  const text = normalise(splitCamelCase(segment));
  let letters = '';
  const starts: boolean[] = [];
  let runStart = 0;
  for (let index = 0; index <= text.length; index += 1) {
    const code = index < text.length ? text.charCodeAt(index) : 0x20;
    if (!isLowerAscii(code)) {
      if (index - runStart >= GLUED_RUN) {
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
    if (starts[index] && openingAt(letters, index, COMPACT_OPENINGS)) return true;
  }
  return false;
}

/** Whether the host name holds an opening anywhere, its dots and hyphens left out. */
function hostMayName(hostname: string): boolean {
  let letters = '';
  for (const char of hostname.toLowerCase()) if (char !== '.' && char !== '-') letters += char;
  for (let index = 0; index < letters.length - 1; index += 1) {
    if (openingAt(letters, index, COMPACT_OPENINGS)) return true;
  }
  return false;
}

/** False only for addresses the URL judge can neither call a policy nor leave open. */
export function mayBePolicyAddress(url: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (hostMayName(parsed.hostname)) return true;
  // The fragment too: a hash router's path or a one-page site's anchor ("#/privacy", "#privacy").
  for (const segment of [...parsed.pathname.split('/'), ...parsed.hash.slice(1).split('/')]) {
    if (segment && segmentMayName(decodeSafely(segment))) return true;
  }
  if (parsed.search.length > 1) {
    if (segmentMayName(parsed.search.slice(1))) return true;
    for (const value of parsed.searchParams.values()) if (segmentMayName(value)) return true;
  }
  return false;
}

/** The og:title and first headings that may name the page's document, in the detector's order. */
export function headingCandidates(doc: Document): string[] {
  const candidates: string[] = [];
  const ogTitle = doc.querySelector('meta[property="og:title"]')?.getAttribute('content');
  if (ogTitle) candidates.push(ogTitle);
  for (const heading of doc.querySelectorAll('h1')) {
    candidates.push(heading.textContent ?? '');
    if (candidates.length >= 4) break;
  }
  if (candidates.length <= (ogTitle ? 1 : 0)) {
    const h2 = doc.querySelector('h2');
    if (h2) candidates.push(h2.textContent ?? '');
  }
  return candidates;
}

/** The longest part of a title or heading the detector reads. */
export const TITLE_LIMIT = 300;

/** Whether a `<link rel>` may name the page as a policy (the detector checks where it points). */
function hasPolicyLinkRel(doc: Document): boolean {
  for (const link of doc.querySelectorAll('link[rel]')) {
    const rel = (link.getAttribute('rel') ?? '').toLowerCase();
    if (rel.includes('privacy-policy') || rel.includes('terms-of-service')) return true;
  }
  return false;
}

/** False only for pages `detectPolicyPage` would not call a policy. */
export function mayBePolicyPage(doc: Document, url: string): boolean {
  return (
    mayBePolicyAddress(url) ||
    mayMatchType(normalise(doc.title ?? '')) ||
    hasPolicyLinkRel(doc) ||
    headingCandidates(doc).some((candidate) =>
      mayMatchType(normalise(candidate.slice(0, TITLE_LIMIT))),
    )
  );
}
