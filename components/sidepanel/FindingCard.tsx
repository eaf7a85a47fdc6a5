import { SeverityPill } from '@/components/common/Severity';
import { CATEGORY_EXPLANATIONS } from '@/lib/explanations';
import type { ReportedClause } from '@/lib/messaging/protocol';
import { CATEGORY_LABELS } from '@/lib/taxonomy';
import { LocateStatus } from './LocateStatus';

export function FindingCard({
  clause,
  focused,
  onLocate,
  located,
}: {
  clause: ReportedClause;
  focused: boolean;
  onLocate: () => void;
  located: boolean | undefined;
}) {
  return (
    <li
      className={`card${focused ? ' focused' : ''}`}
      data-testid="finding"
      data-clause-id={clause.id}
    >
      <button type="button" className="card-title" onClick={onLocate}>
        <span className="row">
          {clause.severity && <SeverityPill severity={clause.severity} />}
          {clause.categories.map((category) => (
            <span key={category} className="pill muted">
              {CATEGORY_LABELS[category]}
            </span>
          ))}
        </span>
        <span className="muted small">Automatic finding · show in page</span>
      </button>
      <p className="small">
        {clause.categories.map((category) => CATEGORY_EXPLANATIONS[category]).join(' ')}
      </p>
      <blockquote>{clause.text}</blockquote>
      {clause.heading && <p className="muted small">Under “{clause.heading}”</p>}
      <LocateStatus located={located} fallback={null} />
    </li>
  );
}
