import { useQuery } from '@tanstack/react-query';
import type { TabState } from '@/lib/messaging/protocol';
import { platformQuery } from '@/lib/ui/ai-queries';
import { AiTrainingCard } from './AiTrainingCard';
import { AutomaticAiCard } from './AutomaticAiCard';

export function CompareAiPlatformsLink() {
  return (
    <a href="/compare.html" target="_blank" rel="noreferrer" data-testid="compare-link">
      Compare AI platforms
    </a>
  );
}

/**
 * The AI card a tab deserves: the feed's curated card on any page of a platform that has one,
 * else the automatic card on an analysed policy page, else nothing.
 */
export function TabAiCard({
  state,
  onLocate,
  withCompareLink = false,
}: {
  state: TabState;
  onLocate?: (clauseId: number) => void;
  /** Off where the page already links to the compare page (the popup's footer). */
  withCompareLink?: boolean;
}) {
  const platformId = state.platform?.id ?? null;
  // The tab state names only the document on screen; the card quotes the platform's others too.
  const shard = useQuery({
    ...platformQuery(platformId ?? ''),
    enabled: platformId !== null && state.aiTraining !== null,
  });

  if (state.aiTraining) {
    const documents =
      shard.data?.documents ??
      (state.document
        ? [{ id: state.document.id, title: state.document.title, url: state.document.url }]
        : []);
    const platformName = state.platform?.name ?? new URL(state.url).hostname;
    return (
      <>
        <AiTrainingCard
          card={state.aiTraining}
          platformName={platformName}
          documents={documents}
          liveChangedSince={state.liveChangedSince}
        />
        <p className="row small ai-links">
          {withCompareLink && <CompareAiPlatformsLink />}
          {platformId && (
            <a
              href={`/platform.html?id=${encodeURIComponent(platformId)}`}
              target="_blank"
              rel="noreferrer"
            >
              Everything Fineprint knows about {platformName}
            </a>
          )}
        </p>
      </>
    );
  }
  if (state.status === 'analysed' && state.report) {
    return (
      <>
        <AutomaticAiCard
          clauses={state.report.clauses}
          language={state.report.language}
          onLocate={onLocate}
        />
        {withCompareLink && (
          <p className="row small ai-links">
            <CompareAiPlatformsLink />
          </p>
        )}
      </>
    );
  }
  return null;
}

/** The side panel on a page of an AI platform that is not itself a policy. */
export function AiPlatformView({ state }: { state: TabState }) {
  return (
    <>
      <header>
        <h1 data-testid="platform-name">{state.platform?.name ?? new URL(state.url).hostname}</h1>
        <p className="muted small" data-testid="document-line">
          This page is not a policy: here is what the platform's policies say about AI training.
        </p>
      </header>
      <TabAiCard state={state} withCompareLink />
    </>
  );
}
