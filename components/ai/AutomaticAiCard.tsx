import './ai.css';
import { useId } from 'react';
import { CATEGORY_EXPLANATIONS } from '@/lib/explanations';
import type { ReportedClause } from '@/lib/messaging/protocol';
import { CATEGORY_LABELS } from '@/lib/taxonomy';
import { automaticAiGroups, automaticVerdict } from '@/lib/ui/ai-verdict';
import { VerdictLine } from './VerdictLine';

const SHOWN_PER_GROUP = 3;
const CLAUSE_PREVIEW_CHARS = 400;

function preview(text: string) {
  return text.length > CLAUSE_PREVIEW_CHARS ? `${text.slice(0, CLAUSE_PREVIEW_CHARS)}…` : text;
}

/**
 * What the local classifier found about AI on a policy the feed does not cover. Labelled as
 * automatic throughout: it is a reading aid, not a curated answer.
 */
export function AutomaticAiCard({
  clauses,
  language = null,
  onLocate,
  sourceLabel = 'Automatic analysis — not reviewed',
}: {
  clauses: readonly ReportedClause[];
  /** The page's language (the report's): the classifier reads English only. */
  language?: string | null;
  /** Scrolls the page to a clause, when the card is shown beside the page. */
  onLocate?: (clauseId: number) => void;
  sourceLabel?: string;
}) {
  const id = useId();
  const verdict = automaticVerdict(clauses, language);
  const groups = automaticAiGroups(clauses);

  const clauseItem = (clause: ReportedClause) => (
    <li key={clause.id} data-ai-clause-id={clause.id}>
      <blockquote>{preview(clause.text)}</blockquote>
      {onLocate && (
        <button type="button" className="small" onClick={() => onLocate(clause.id)}>
          Show in page
        </button>
      )}
    </li>
  );

  return (
    <article
      className="card ai-card"
      data-testid="ai-card-automatic"
      data-verdict={verdict.kind}
      aria-labelledby={`${id}-title`}
    >
      <h2 id={`${id}-title`}>AI training</h2>
      <p className="pill muted" data-testid="ai-source-label">
        {sourceLabel}
      </p>
      <VerdictLine verdict={verdict} />
      <p className="small muted">
        Fineprint's classifier read this page on your device; it can miss or mislabel clauses, so
        read the quoted text before relying on it.
      </p>
      {groups.map((group) => {
        const shown = group.clauses.slice(0, SHOWN_PER_GROUP);
        const rest = group.clauses.slice(SHOWN_PER_GROUP);
        return (
          <section
            key={group.category}
            aria-labelledby={`${id}-${group.category}`}
            data-category={group.category}
          >
            <h3 id={`${id}-${group.category}`}>
              {CATEGORY_LABELS[group.category]} ({group.clauses.length})
            </h3>
            <p className="small muted">{CATEGORY_EXPLANATIONS[group.category]}</p>
            <ul className="source-list">{shown.map(clauseItem)}</ul>
            {rest.length > 0 && (
              <details>
                <summary>
                  {rest.length} more {CATEGORY_LABELS[group.category].toLowerCase()} clause
                  {rest.length === 1 ? '' : 's'}
                </summary>
                <ul className="source-list">{rest.map(clauseItem)}</ul>
              </details>
            )}
          </section>
        );
      })}
    </article>
  );
}
