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
// address word opening (ADDRESS_WORD_PATTERNS) in a path segment, the query or the host name. Both
// read one list of openings with their spaces taken out (type-openings.ts).
import { decodeSafely, normalise } from './normalise';
import { isLowerAscii, mayHoldOpening, mayMatchType, openingAt } from './type-gate';
import { GATE_OPENINGS } from './type-openings';

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

/**
 * Whether a path segment or query value could hold a policy phrase or legal word as the URL judge
 * reads it: normalised, camel case split, glued words apart. Openings are compared without spaces,
 * since the judge splits glued words such as "termsofuse" itself.
 */
function segmentMayName(segment: string): boolean {
  return mayHoldOpening(normalise(splitCamelCase(segment)), true);
}

/**
 * Whether the host name could name a legal host or a document as the URL judge reads it: an
 * opening at the start of a label or of a label's hyphenated part ("privacy-center.", "legal.",
 * "termsofservice."), or "gdpr" anywhere ("mygdpr."). Not anywhere else: "photos." and
 * "minutos." hold "tos", "com.sa" joined holds "msa".
 */
function hostMayName(hostname: string): boolean {
  const host = hostname.toLowerCase();
  let start = 0;
  // Without an expression: V8 would compile one on every renderer's first page.
  for (let index = 0; index <= host.length; index += 1) {
    const code = index < host.length ? host.charCodeAt(index) : 0x2e;
    if (code !== 0x2e && code !== 0x2d) continue;
    const part = host.slice(start, index);
    if (part.length >= 2 && openingAt(part, 0, GATE_OPENINGS)) return true;
    if (part.includes('gdpr')) return true;
    start = index + 1;
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
