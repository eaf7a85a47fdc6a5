import { useQuery } from '@tanstack/react-query';
import { CompareAiPlatformsLink, TabAiCard } from '@/components/ai/TabAiCard';
import { SeverityPill } from '@/components/common/Severity';
import { DOCUMENT_TYPE_LABELS } from '@/lib/taxonomy';
import { openPanelForTab } from '@/lib/ui/open-panel';
import { buildPanelModel, NO_FILTERS } from '@/lib/ui/panel-model';
import { activeTabQuery, tabStateQuery } from '@/lib/ui/queries';

export function Popup() {
  const tab = useQuery(activeTabQuery(window.location.search));
  const tabId = tab.data ?? null;
  const state = useQuery({ ...tabStateQuery(tabId ?? -1), enabled: tabId !== null });
  const data = state.data ?? null;
  const model = data?.report ? buildPanelModel(data, NO_FILTERS) : null;

  return (
    <div className="app" style={{ width: 340 }}>
      <h1>Fineprint</h1>
      {data?.status === 'analysed' && model ? (
        <section aria-label="This page">
          <p data-testid="popup-document">
            <strong>{data.platform?.name ?? new URL(data.url).hostname}</strong> ·{' '}
            {data.document?.title ??
              DOCUMENT_TYPE_LABELS[data.report?.documentType ?? 'other-policy']}
          </p>
          <div className="summary-counts">
            {(['high', 'medium', 'low'] as const).map((severity) => (
              <span key={severity} className="row">
                <SeverityPill severity={severity} /> <strong>{model.counts[severity]}</strong>
              </span>
            ))}
          </div>
        </section>
      ) : data?.aiTraining ? null : (
        <p className="muted" data-testid="popup-empty">
          {state.isPending && tabId !== null
            ? 'Loading…'
            : 'Not a policy page. Open a terms or privacy page to see what it says.'}
        </p>
      )}
      <div className="row" style={{ marginTop: 12 }}>
        <button
          type="button"
          className="primary"
          disabled={tabId === null}
          onClick={() => {
            if (tabId === null) return;
            void openPanelForTab(tabId).then(() => window.close());
          }}
        >
          Open side panel
        </button>
        <a href="/options.html" target="_blank" rel="noreferrer">
          Settings
        </a>
        <CompareAiPlatformsLink />
      </div>
      {data && <TabAiCard state={data} />}
    </div>
  );
}
