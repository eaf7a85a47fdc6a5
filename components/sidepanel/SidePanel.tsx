import { useQuery } from '@tanstack/react-query';
import { useEffect, useMemo, useState } from 'react';
import { browser } from 'wxt/browser';
import { AiPlatformView, TabAiCard } from '@/components/ai/TabAiCard';
import { SeverityPill } from '@/components/common/Severity';
import { WatchButton } from '@/components/common/WatchButton';
import { askTab } from '@/lib/messaging/client';
import { type TabState, uiNotificationSchema } from '@/lib/messaging/protocol';
import {
  CATEGORY_IDS,
  CATEGORY_LABELS,
  type CategoryId,
  DOCUMENT_TYPE_LABELS,
  SEVERITIES,
  type Severity,
} from '@/lib/taxonomy';
import { automaticVerdict, verdictFor } from '@/lib/ui/ai-verdict';
import { buildPanelModel, type PanelFilters } from '@/lib/ui/panel-model';
import { activeTabQuery, tabStateQuery } from '@/lib/ui/queries';
import { ChangesSection } from './ChangesSection';
import { FindingCard } from './FindingCard';
import { HighlightSwitch } from './HighlightSwitch';
import { ProvisionCard } from './ProvisionCard';

export function SidePanel() {
  const tab = useQuery(activeTabQuery(window.location.search));
  const tabId = tab.data ?? null;
  const state = useQuery({ ...tabStateQuery(tabId ?? -1), enabled: tabId !== null });

  if (tab.isPending || (tabId !== null && state.isPending)) {
    return (
      <p className="muted" role="status">
        Loading…
      </p>
    );
  }
  if (tabId === null) {
    return (
      <EmptyState title="No tab to explain" body="Open a web page, then open Fineprint again." />
    );
  }
  if (state.isError) {
    return (
      <EmptyState
        title="Fineprint could not read this tab"
        body={`${state.error.message}. Reload the page and try again.`}
      />
    );
  }
  const data = state.data ?? null;
  if (!data || data.status === 'unknown' || data.status === 'not-policy') {
    if (data?.aiTraining) return <AiPlatformView state={data} />;
    return (
      <EmptyState
        title="This page is not a policy"
        body="Open a site's terms of service or privacy policy: Fineprint highlights the clauses that matter and explains them here."
      />
    );
  }
  if (data.status === 'analysing' || !data.report) {
    return <p role="status">Analysing this policy…</p>;
  }
  return <PolicyView state={data} tabId={tabId} />;
}

function EmptyState({ title, body }: { title: string; body: string }) {
  return (
    <section className="notice" data-testid="empty-state">
      <h2>{title}</h2>
      <p>{body}</p>
    </section>
  );
}

function PolicyView({ state, tabId }: { state: TabState; tabId: number }) {
  // Informational findings are many and rarely cost anything: shown on request.
  const [filters, setFilters] = useState<PanelFilters>({
    categories: new Set(),
    minSeverity: 'low',
    search: '',
  });
  const [focused, setFocused] = useState<number | null>(null);
  const [located, setLocated] = useState<Record<number, boolean>>({});
  const model = useMemo(() => buildPanelModel(state, filters), [state, filters]);

  useEffect(() => {
    const listener = (message: unknown) => {
      const parsed = uiNotificationSchema.safeParse(message);
      if (parsed.success && parsed.data.type === 'ui/focus-clause' && parsed.data.tabId === tabId) {
        setFocused(parsed.data.clauseId);
        document
          .querySelector(`[data-clause-id="${parsed.data.clauseId}"]`)
          ?.scrollIntoView({ block: 'center' });
      }
    };
    browser.runtime.onMessage.addListener(listener);
    return () => browser.runtime.onMessage.removeListener(listener);
  }, [tabId]);

  const locate = async (clauseId: number | null) => {
    if (clauseId === null) return;
    setFocused(clauseId);
    const result = await askTab(tabId, { type: 'page/scroll-to-clause', clauseId }).catch(() => ({
      found: false,
    }));
    setLocated((previous) => ({ ...previous, [clauseId]: result.found }));
  };

  const report = state.report!;
  const aiVerdict = state.aiTraining
    ? verdictFor(state.aiTraining)
    : automaticVerdict(report.clauses, report.language);
  const documentTitle =
    state.document?.title ?? DOCUMENT_TYPE_LABELS[report.documentType ?? 'other-policy'];
  return (
    <>
      <header>
        <h1 data-testid="platform-name">{state.platform?.name ?? new URL(state.url).hostname}</h1>
        <p className="muted small" data-testid="document-line">
          {documentTitle}
          {state.document?.versionDate
            ? ` · version of ${state.document.versionDate.slice(0, 10)}`
            : ''}
          {state.platform ? ' · curated by Fineprint' : ' · automatic analysis'}
        </p>
        {report.notice && <p className="notice small">{report.notice}</p>}
        <div className="row">
          <WatchButton url={state.url} title={state.title} watched={state.watched} tabId={tabId} />
          <HighlightSwitch url={state.url} />
        </div>
      </header>
      <ChangesSection changes={state.changes} />
      <section aria-label="Summary">
        <div className="summary-counts" data-testid="severity-counts">
          {(['high', 'medium', 'low', 'info'] as const).map((severity) => (
            <span key={severity} className="row">
              <SeverityPill severity={severity} />
              <strong>{model.counts[severity]}</strong>
            </span>
          ))}
        </div>
        {/* The verdict stays in sight; the full card opens on demand above the provisions. */}
        <details className="card" data-testid="ai-details">
          <summary>
            <strong>AI training: </strong>
            <span aria-hidden="true">{aiVerdict.icon} </span>
            {aiVerdict.text}
          </summary>
          <TabAiCard state={state} onLocate={(clauseId) => void locate(clauseId)} withCompareLink />
        </details>
      </section>
      <Filters filters={filters} onChange={setFilters} />
      <p className="muted small" role="status">
        Showing {model.shown} of {model.total} provisions
      </p>
      {model.groups.map((group) => (
        <section key={group.category} aria-labelledby={`group-${group.category}`}>
          <h2 id={`group-${group.category}`}>{CATEGORY_LABELS[group.category]}</h2>
          <ul className="plain">
            {group.provisions.map((matched) => (
              <ProvisionCard
                key={matched.provision.id}
                matched={matched}
                peers={state.peers[matched.provision.category] ?? []}
                focused={matched.clauseId !== null && matched.clauseId === focused}
                located={matched.clauseId === null ? undefined : located[matched.clauseId]}
                onLocate={() => void locate(matched.clauseId)}
              />
            ))}
            {group.findings.map((clause) => (
              <FindingCard
                key={clause.id}
                clause={clause}
                focused={clause.id === focused}
                located={located[clause.id]}
                onLocate={() => void locate(clause.id)}
              />
            ))}
          </ul>
        </section>
      ))}
      {model.total > 0 && model.shown === 0 && (
        <p className="notice">No provision matches these filters.</p>
      )}
      {model.total === 0 && (
        <p className="notice">
          Fineprint found no clause of concern on this page. It may be short, or written in a way
          the automatic analysis does not recognise yet.
        </p>
      )}
    </>
  );
}

function Filters({
  filters,
  onChange,
}: {
  filters: PanelFilters;
  onChange: (filters: PanelFilters) => void;
}) {
  const category = filters.categories.size === 1 ? [...filters.categories][0] : '';
  return (
    <fieldset className="row" aria-label="Filters" style={{ border: 'none', padding: 0 }}>
      <label>
        <span className="visually-hidden">Search provisions</span>
        <input
          type="search"
          placeholder="Search"
          value={filters.search}
          onChange={(event) => onChange({ ...filters, search: event.target.value })}
        />
      </label>
      <label>
        <span className="visually-hidden">Category</span>
        <select
          value={category}
          onChange={(event) =>
            onChange({
              ...filters,
              categories: new Set(event.target.value ? [event.target.value as CategoryId] : []),
            })
          }
        >
          <option value="">All categories</option>
          {CATEGORY_IDS.map((id) => (
            <option key={id} value={id}>
              {CATEGORY_LABELS[id]}
            </option>
          ))}
        </select>
      </label>
      <label>
        <span className="visually-hidden">Minimum severity</span>
        <select
          value={filters.minSeverity}
          onChange={(event) =>
            onChange({ ...filters, minSeverity: event.target.value as Severity })
          }
        >
          {[...SEVERITIES].reverse().map((severity) => (
            <option key={severity} value={severity}>
              {severity === 'info' ? 'All severities' : `${severity} and above`}
            </option>
          ))}
        </select>
      </label>
    </fieldset>
  );
}
