import '@/components/ai/ai.css';
import { useQuery } from '@tanstack/react-query';
import { useEffect, useMemo } from 'react';
import { AiTrainingCard } from '@/components/ai/AiTrainingCard';
import { ExcerptList } from '@/components/ai/Sources';
import { CompareAiPlatformsLink } from '@/components/ai/TabAiCard';
import { ProvisionScope } from '@/components/common/ProvisionScope';
import { SeverityPill } from '@/components/common/Severity';
import type { PlatformShard, Provision } from '@/lib/feed/schema';
import { CATEGORY_IDS, CATEGORY_LABELS, DOCUMENT_TYPE_LABELS, severityRank } from '@/lib/taxonomy';
import { platformQuery } from '@/lib/ui/ai-queries';
import { safeHttpsUrl } from '@/lib/ui/ai-verdict';

const RECENT_CHANGES = 20;

function platformIdFrom(search: string): string | null {
  const id = new URLSearchParams(search).get('id');
  return id && /^[a-z0-9-]{1,80}$/.test(id) ? id : null;
}

/** One platform of the feed: its documents, AI card, provisions and recent changes. */
export function PlatformPage({ search }: { search: string }) {
  const platformId = platformIdFrom(search);
  const platform = useQuery({ ...platformQuery(platformId ?? ''), enabled: platformId !== null });

  if (platformId === null) {
    return (
      <p className="notice" role="alert">
        No platform given: open this page as platform.html?id=&lt;platform&gt;.
      </p>
    );
  }
  if (platform.isPending) {
    return (
      <p className="muted" role="status">
        Loading…
      </p>
    );
  }
  if (platform.isError) {
    return (
      <p className="notice" role="alert">
        Fineprint could not load this platform: {platform.error.message}
      </p>
    );
  }
  if (!platform.data) {
    return (
      <p className="notice" role="alert" data-testid="platform-missing">
        The feed has no platform “{platformId}”.
      </p>
    );
  }
  return <PlatformView shard={platform.data} />;
}

function byCategory(provisions: readonly Provision[]) {
  return CATEGORY_IDS.map((category) => ({
    category,
    provisions: provisions
      .filter((provision) => provision.category === category)
      .sort((a, b) => severityRank(b.severity) - severityRank(a.severity)),
  })).filter((group) => group.provisions.length > 0);
}

function PlatformView({ shard }: { shard: PlatformShard }) {
  const groups = useMemo(() => byCategory(shard.provisions), [shard.provisions]);
  const changes = useMemo(
    () => [...shard.changes].sort((a, b) => b.date.localeCompare(a.date)).slice(0, RECENT_CHANGES),
    [shard.changes],
  );
  const documentTitle = (id: string) => shard.documents.find((doc) => doc.id === id)?.title ?? id;

  useEffect(() => {
    document.title = `${shard.name} — Fineprint`;
    // The content renders after the page loaded, too late for the browser's own jump to the
    // fragment that "how other platforms handle this" links carry.
    const target = decodeURIComponent(window.location.hash.slice(1));
    if (target) document.getElementById(target)?.scrollIntoView({ block: 'start' });
  }, [shard.name]);

  return (
    <div className="page platform-page">
      <header>
        <h1 data-testid="platform-name">{shard.name}</h1>
        <p className="muted small">
          {shard.kind === 'ai' ? 'AI platform' : 'Platform'} · curated by Fineprint ·{' '}
          <CompareAiPlatformsLink />
        </p>
      </header>

      <section aria-labelledby="documents">
        <h2 id="documents">Documents</h2>
        <ul className="plain" data-testid="platform-documents">
          {shard.documents.map((doc) => {
            const href = safeHttpsUrl(doc.url);
            const latest = doc.versions
              .map((version) => version.date)
              .sort()
              .at(-1);
            return (
              <li key={doc.id}>
                {href ? (
                  <a href={href} target="_blank" rel="noreferrer noopener">
                    {doc.title}
                  </a>
                ) : (
                  <span>{doc.title}</span>
                )}
                <span className="muted small">
                  {' '}
                  · {DOCUMENT_TYPE_LABELS[doc.type]}
                  {latest ? ` · newest archived version ${latest.slice(0, 10)}` : ''}
                </span>
              </li>
            );
          })}
        </ul>
      </section>

      {shard.aiTraining && (
        <AiTrainingCard
          card={shard.aiTraining}
          platformName={shard.name}
          documents={shard.documents}
        />
      )}

      <section aria-labelledby="provisions">
        <h2 id="provisions">What the policies say ({shard.provisions.length})</h2>
        {groups.length === 0 && <p className="muted">No provision curated yet.</p>}
        {groups.map((group) => (
          <section key={group.category} aria-labelledby={`category-${group.category}`}>
            <h3 id={`category-${group.category}`}>{CATEGORY_LABELS[group.category]}</h3>
            <ul className="plain">
              {group.provisions.map((provision) => (
                <ProvisionItem key={provision.id} provision={provision} shard={shard} />
              ))}
            </ul>
          </section>
        ))}
      </section>

      <section aria-labelledby="changes">
        <h2 id="changes">Recent changes</h2>
        {changes.length === 0 ? (
          <p className="muted">No change recorded in the archived versions.</p>
        ) : (
          <ul className="plain" data-testid="platform-changes">
            {changes.map((change) => (
              <li key={`${change.document}-${change.date}`} className="card">
                <p className="small muted">
                  <time dateTime={change.date}>{change.date.slice(0, 10)}</time> ·{' '}
                  {documentTitle(change.document)} ·{' '}
                  {change.substantive ? 'substantive change' : 'minor change'}
                  {change.added + change.removed + change.modified > 0 &&
                    ` · ${change.added} added, ${change.removed} removed, ${change.modified} modified clauses`}
                </p>
                <p>{change.summary}</p>
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}

function ProvisionItem({ provision, shard }: { provision: Provision; shard: PlatformShard }) {
  return (
    <li
      id={provision.id}
      className="card"
      data-testid="platform-provision"
      data-provision-id={provision.id}
      aria-labelledby={`${provision.id}-title`}
    >
      <div className="row">
        <SeverityPill severity={provision.severity} />
      </div>
      <h4 id={`${provision.id}-title`} style={{ margin: '4px 0' }}>
        {provision.title}
      </h4>
      <p>{provision.summary}</p>
      <ExcerptList excerpts={provision.excerpts} documents={shard.documents} />
      <ProvisionScope provision={provision} />
    </li>
  );
}
