import type { ClauseContext } from './classifier';

/** How many clauses after a sentence that opens a list ("…from the following sources:") read it. */
export const LEAD_REACH = 8;

const opensList = (text: string) => /[:：]\s*$/.test(text);

const HEADING_MAX_WORDS = 10;
const WHITE_SPACE_RUN = /\s+/g;

/**
 * Whether a text reads as a heading: short and without the punctuation of prose ("Personal data we
 * collect", "Pre-training.", "GOVERNING LAW"). Labelled documents keep headings as sentences of
 * their own; on a page the segmenter takes them from the markup.
 */
export function looksLikeHeading(text: string): boolean {
  const trimmed = text.trim();
  if (/^\p{Ll}/u.test(trimmed)) return false;
  let words = 1;
  WHITE_SPACE_RUN.lastIndex = 0;
  // Counted with an early stop: a clause may be a whole page without punctuation.
  while (WHITE_SPACE_RUN.exec(trimmed) !== null) {
    words += 1;
    if (words > HEADING_MAX_WORDS) return false;
  }
  return !(words <= 4 ? /[,;]$/ : /[.;:,!?]$/).test(trimmed);
}

// The reader as the subject of a modal and a verb of ending, a few words into the sentence at most:
// "You may terminate your account at any time", "At any time, users can close their account".
// "We may terminate your account", "you may be terminated" and "you may not terminate" do not match.
const READER_ENDING =
  /^\W*(?:\w+\W+){0,6}?(?:you|users?)\s+(?:may|can|could|might|are free to|have the right to|are entitled to)\s+(?:(?!not\b|never\b)\w+\s+){0,2}?(?:terminate|close|cancel|delete|deactivate|end|discontinue|stop)\b/i;
const READER_ENDING_REACH = 300;

/**
 * Whether a clause gives the reader the right to end the relationship ("You may close your account at
 * any time"): the reader's right, where CLAUDETTE's termination tag is the provider's power to end it.
 */
export function readerEndsRelationship(text: string): boolean {
  return READER_ENDING.test(text.slice(0, READER_ENDING_REACH));
}

// The provider as the subject of "sell", "rent" or "trade" and the reader's data a few words later:
// "We sell your personal data to data brokers", "We may sell or share your information". Not
// "we do not sell…", "we never sell…", "if you sell something through the app".
const PROVIDER_SELLS =
  /^\W*(?:\w+\W+){0,8}?(?:we|the company)\s+(?:(?:may|might|can|could|will|would|also|sometimes|do|does)\s+){0,2}(?:sell|rent|trade)s?\b(?:,?\s+(?:or|and\/or|and)\s+\w+)?\s+(?:\w+\s+){0,3}?(?:your|users?|personal|customer)\b/i;
const NEGATION = /\b(?:not|never|no|neither|nor)\b|n['’]t\b/i;
const PROVIDER_SELLS_REACH = 300;

/**
 * Whether a clause says the provider sells the reader's data. The severity model learnt "sell" mostly
 * from "we do not sell your personal information" (info), and rated the affirmative as info too.
 */
export function providerSellsData(text: string): boolean {
  const opening = text.slice(0, PROVIDER_SELLS_REACH);
  const match = PROVIDER_SELLS.exec(opening);
  return match !== null && !NEGATION.test(opening.slice(0, match.index + match[0].length));
}

// Giving up a jury trial or a class, collective or representative action, in the forms terms use:
// "you waive any right to a jury trial", "YOU ARE GIVING UP YOUR RIGHT TO PARTICIPATE IN A CLASS
// ACTION", "claims may be brought only on an individual basis", "…and not as a plaintiff or class
// member", "class arbitrations… aren't allowed". A section's name ("Class Action Waiver", "the
// Prohibition of Class Actions") is not a waiver, nor is "nothing here waives your right to…".
const WAIVES_JURY_OR_CLASS = new RegExp(
  [
    String.raw`\b(?:waive[sd]?|waiving|give\s+up|gives\s+up|giving\s+up|relinquish(?:es|ed|ing)?|forgo(?:es|ing)?|forego(?:es|ing)?)\b[^.;:!?]{0,90}?\b(?:jury|(?:class|representative|collective)(?:[\s,-]+\w+){0,3}?[\s-]+(?:actions?|arbitrations?|proceedings?|members?|claims?|lawsuits?|suits?|capacity))\b`,
    String.raw`\bonly\s+(?:on|in)\s+(?:an?|your|their|its|his\s+or\s+her|each\s+party's)\s+(?:own\s+)?individual\s+(?:basis|capacity)\b`,
    String.raw`\bnot\s+as\s+a\s+(?:plaintiff|class\s+member)\b`,
    String.raw`\bindividual\s+(?:basis|capacity),?\s+(?:and\s+)?not\s+(?:as|in)\b`,
    String.raw`\b(?:class|collective|representative|consolidated)\s+(?:or\s+\w+\s+)?(?:actions?|arbitrations?|proceedings?|claims?|lawsuits?)\b[^.;:!?]{0,90}?\b(?:are|is|will|shall|may)(?:\s+not|n['’]t)\s+(?:be\s+)?(?:permitted|allowed|available|brought|pursued|maintained)\b`,
  ].join('|'),
  'i',
);
const NEGATED_VERB =
  /\b(?:not|never|nothing|no|neither|nor)\s+(?:\w+\s+){0,3}$|n['’]t\s+(?:\w+\s+){0,3}$/i;
const WAIVER_REACH = 600;
// Every form above names one of these: a cheap first test, since the arbitration head asks about
// nearly every clause of a page.
const WAIVER_NOUN = /jury|class|individual|representative|collective|consolidated|plaintiff/i;

/**
 * Whether a clause gives up a jury trial or a class action, which the taxonomy counts as
 * `arbitration`. CLAUDETTE's arbitration tag leaves these waivers untagged (7 of the 69 sentences
 * that mention one carry it, each beside an arbitration agreement), so the head learnt them as
 * mostly negative; ToS;DR and our own labels count them.
 */
export function waivesJuryOrClassAction(text: string): boolean {
  const opening = text.slice(0, WAIVER_REACH);
  if (!WAIVER_NOUN.test(opening)) return false;
  const match = WAIVES_JURY_OR_CLASS.exec(opening);
  return match !== null && !NEGATED_VERB.test(opening.slice(0, match.index));
}

/**
 * Each clause's context as the classifier learnt it: the heading above it, and the clause before
 * it, or the heading itself for a section's first clause (the labelled documents keep headings as
 * sentences of their own, so there the sentence before a section's first clause is its heading).
 * The items of a list further down than the first also read the sentence that opened the list:
 * "Data that we generate internally" is about training only under "we train our models using data
 * from the following sources:".
 */
export function clauseContexts(
  clauses: readonly { text: string; heading: string | null }[],
): ClauseContext[] {
  let lead: { text: string; index: number } | null = null;
  return clauses.map((clause, index) => {
    const before = clauses[index - 1];
    const sameSection = before !== undefined && before.heading === clause.heading;
    if (!sameSection) lead = null;
    const context: ClauseContext = {
      heading: clause.heading,
      previous: sameSection ? before.text : clause.heading,
    };
    if (lead && index - lead.index > 1 && index - lead.index <= LEAD_REACH) {
      context.lead = lead.text;
    }
    if (opensList(clause.text)) lead = { text: clause.text, index };
    return context;
  });
}

/**
 * For each clause, the clauses up to `reach` before and after it under the same heading: the
 * neighbours whose scores a head may mix into the clause's own (a sentence in a section about
 * training models is more likely about training, though it need not say so). Heading-shaped clauses
 * are no one's neighbour: on a page headings are no clauses, and a short list item says too little
 * to speak for the sentences around it.
 */
export function clauseNeighbours(
  clauses: readonly { text: string; heading?: string | null }[],
  reach: number,
): number[][] {
  const headingShaped = clauses.map((clause) => looksLikeHeading(clause.text));
  return clauses.map((clause, index) => {
    const near: number[] = [];
    const heading = clause.heading ?? null;
    const last = Math.min(clauses.length - 1, index + reach);
    for (let other = Math.max(0, index - reach); other <= last; other += 1) {
      if (other === index || headingShaped[other]) continue;
      if ((clauses[other]!.heading ?? null) === heading) near.push(other);
    }
    return near;
  });
}
