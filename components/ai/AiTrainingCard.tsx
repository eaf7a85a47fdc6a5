import './ai.css';
import { useId } from 'react';
import type { AiTrainingCard as Card } from '@/lib/feed/schema';
import type { TabState } from '@/lib/messaging/protocol';
import {
  type DocumentLink,
  safeHttpsUrl,
  sortedTiers,
  TIER_LABELS,
  tiersNotCovered,
  verdictFor,
} from '@/lib/ui/ai-verdict';
import { Sources } from './Sources';
import { VerdictLine } from './VerdictLine';

function formatDate(value: string | number) {
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? String(value) : date.toISOString().slice(0, 10);
}

/** The curated answer to "will my content train their models?", with every claim sourced. */
export function AiTrainingCard({
  card,
  platformName,
  documents,
  sourceLabel,
  liveChangedSince,
  testId = 'ai-card',
}: {
  card: Card;
  platformName: string;
  documents: readonly DocumentLink[];
  /** Names where the card comes from when it is not curated (e.g. automatic analysis). */
  sourceLabel?: string;
  liveChangedSince?: TabState['liveChangedSince'];
  testId?: string;
}) {
  const id = useId();
  const verdict = verdictFor(card);
  const notCovered = tiersNotCovered(card);
  const settingsUrl = safeHttpsUrl(card.optOut.settingsUrl);
  const heading = (name: string) => `${id}-${name}`;

  return (
    <article
      className="card ai-card"
      data-testid={testId}
      data-verdict={verdict.kind}
      aria-labelledby={heading('title')}
    >
      <h2 id={heading('title')}>AI training on {platformName}</h2>
      {sourceLabel && (
        <p className="pill muted" data-testid="ai-source-label">
          {sourceLabel}
        </p>
      )}
      <VerdictLine verdict={verdict} />
      <p data-testid="ai-verdict-sentence">{card.verdict}</p>
      {liveChangedSince && (
        <p className="notice small" role="status" data-testid="ai-live-changed">
          This card was checked against the policy version of{' '}
          {formatDate(liveChangedSince.feedVersionDate)}; the live policy changed since (change
          noticed on {formatDate(liveChangedSince.changedAt)}).
        </p>
      )}

      <section aria-labelledby={heading('tiers')}>
        <h3 id={heading('tiers')}>By product</h3>
        <table data-testid="ai-tiers">
          <thead>
            <tr>
              <th scope="col">Product</th>
              <th scope="col">Trains by default?</th>
            </tr>
          </thead>
          <tbody>
            {sortedTiers(card).map((tier) => (
              <tr key={`${tier.tier}-${tier.label}`} data-tier={tier.tier}>
                <th scope="row">
                  <strong>{TIER_LABELS[tier.tier]}</strong>
                  <span className="muted small"> · {tier.label}</span>
                  {tier.note && <p className="small muted">{tier.note}</p>}
                  <Sources excerpts={tier.excerpts} documents={documents} />
                </th>
                <td>
                  {tier.trainsByDefault ? (
                    <span className="tier-trains">
                      <span aria-hidden="true">▲ </span>Yes
                    </span>
                  ) : (
                    <span className="tier-no-training">
                      <span aria-hidden="true">✓ </span>No
                    </span>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        {notCovered.length > 0 && (
          <p className="small muted">
            Not covered by this card: {notCovered.map((tier) => TIER_LABELS[tier]).join(', ')}.
          </p>
        )}
      </section>

      <section aria-labelledby={heading('opt-out')} data-testid="ai-opt-out">
        <h3 id={heading('opt-out')}>Opting out</h3>
        <p data-opt-out={card.optOut.available ? 'available' : 'unavailable'}>
          {card.optOut.available ? (
            <>
              <span aria-hidden="true">✓ </span>You can opt out of training.
            </>
          ) : (
            <>
              <span aria-hidden="true">▲ </span>The policy offers no opt-out from training.
            </>
          )}
        </p>
        {card.optOut.steps.length > 0 && (
          <ol aria-label="Steps to opt out">
            {card.optOut.steps.map((step, index) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: steps never reorder
              <li key={index}>{step}</li>
            ))}
          </ol>
        )}
        {card.optOut.settingsUrl &&
          (settingsUrl ? (
            <p>
              <a
                href={settingsUrl}
                target="_blank"
                rel="noreferrer noopener"
                aria-label={`Open ${platformName}'s training setting (new tab)`}
                data-testid="ai-settings-link"
              >
                Open the setting
              </a>
            </p>
          ) : (
            <p className="small">Setting: {card.optOut.settingsUrl}</p>
          ))}
        <Sources excerpts={card.optOut.excerpts} documents={documents} />
      </section>

      <section aria-labelledby={heading('carve-outs')} data-testid="ai-carve-outs">
        <h3 id={heading('carve-outs')}>What opting out does not cover</h3>
        {card.carveOuts.length === 0 ? (
          <p className="muted">The card lists no exception to the opt-out.</p>
        ) : (
          <ul className="bulleted">
            {card.carveOuts.map((carveOut) => (
              <li key={carveOut.title}>
                <strong>{carveOut.title}</strong>: {carveOut.description}
                <Sources excerpts={carveOut.excerpts} documents={documents} />
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby={heading('human-review')} data-testid="ai-human-review">
        <h3 id={heading('human-review')}>Human review</h3>
        <p>
          <strong>
            {card.humanReview.happens === null
              ? 'Not stated'
              : card.humanReview.happens
                ? 'People may read your content'
                : 'No human review stated'}
          </strong>
          {' — '}
          {card.humanReview.description}
        </p>
        <Sources excerpts={card.humanReview.excerpts} documents={documents} />
      </section>

      <section aria-labelledby={heading('retention')} data-testid="ai-retention">
        <h3 id={heading('retention')}>Retention</h3>
        {card.retention ? (
          <>
            <p>{card.retention.description}</p>
            <Sources excerpts={card.retention.excerpts} documents={documents} />
          </>
        ) : (
          <p className="muted">This card records no retention period for your content.</p>
        )}
      </section>
    </article>
  );
}
