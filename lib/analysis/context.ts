import type { ClauseContext } from './classifier';

/** How many clauses after a sentence that opens a list ("…from the following sources:") read it. */
export const LEAD_REACH = 8;

const opensList = (text: string) => /[:：]\s*$/.test(text);

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
