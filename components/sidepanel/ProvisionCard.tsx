import { ProvisionScope } from '@/components/common/ProvisionScope';
import { SeverityPill } from '@/components/common/Severity';
import type { MatchedProvision, PeerProvision } from '@/lib/messaging/protocol';
import { CATEGORY_LABELS } from '@/lib/taxonomy';
import { LocateStatus } from './LocateStatus';

export function ProvisionCard({
  matched,
  peers,
  focused,
  onLocate,
  located,
}: {
  matched: MatchedProvision;
  peers: readonly PeerProvision[];
  focused: boolean;
  onLocate: () => void;
  located: boolean | undefined;
}) {
  const { provision } = matched;
  const excerpt = provision.excerpts[0];
  return (
    <li
      className={`card${focused ? ' focused' : ''}`}
      data-testid="provision"
      data-provision-id={provision.id}
    >
      <button type="button" className="card-title" onClick={onLocate}>
        <span className="row">
          <SeverityPill severity={provision.severity} />
          <span className="pill muted">{CATEGORY_LABELS[provision.category]}</span>
        </span>
        <h3>{provision.title}</h3>
        <span className="muted small">
          {matched.clauseId === null
            ? 'Curated · not found on this page'
            : 'Curated · show in page'}
        </span>
      </button>
      <p>{provision.summary}</p>
      {provision.excerpts.map((quote) => (
        <blockquote key={`${quote.document}-${quote.text.slice(0, 40)}`}>
          {quote.text}
          <span className="muted small"> — version of {quote.version.slice(0, 10)}</span>
        </blockquote>
      ))}
      <ProvisionScope provision={provision} />
      {matched.clauseId === null && excerpt && (
        <LocateStatus
          located={false}
          fallback={{ excerpt: excerpt.text, date: excerpt.version.slice(0, 10) }}
        />
      )}
      {matched.clauseId !== null && (
        <LocateStatus
          located={located}
          fallback={excerpt ? { excerpt: excerpt.text, date: excerpt.version.slice(0, 10) } : null}
        />
      )}
      {peers.length > 0 && (
        <details>
          <summary className="small">How other platforms handle this ({peers.length})</summary>
          <ul className="plain small" data-testid="peers">
            {peers.map((peer) => (
              <li key={`${peer.platformId}-${peer.provisionId}`}>
                <a
                  href={`/platform.html?id=${encodeURIComponent(peer.platformId)}#${encodeURIComponent(peer.provisionId)}`}
                >
                  {peer.platformName}
                </a>
                : {peer.title} <span className={`sev-${peer.severity}`}>({peer.severity})</span>
              </li>
            ))}
          </ul>
        </details>
      )}
    </li>
  );
}
