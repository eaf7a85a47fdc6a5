import type { ClauseContext } from './classifier';

/**
 * Each clause's context as the classifier learnt it: the heading above it, and the clause before
 * it, or the heading itself for a section's first clause (the labelled documents keep headings as
 * sentences of their own, so there the sentence before a section's first clause is its heading).
 */
export function clauseContexts(
  clauses: readonly { text: string; heading: string | null }[],
): ClauseContext[] {
  return clauses.map((clause, index) => {
    const before = clauses[index - 1];
    const previous = before && before.heading === clause.heading ? before.text : clause.heading;
    return { heading: clause.heading, previous };
  });
}
