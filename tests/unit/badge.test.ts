import { describe, expect, it } from 'vitest';
import { BADGE_COLOURS, badgeForTab, globalBadge } from '@/lib/background/badge';
import { emptyState } from '@/lib/background/tab-states';
import type { ChangeEvent } from '@/lib/db/schema';
import type { ReportedClause, TabState } from '@/lib/messaging/protocol';

function analysed(severities: ReportedClause['severity'][]): TabState {
  return {
    ...emptyState(1, 'https://example.com/privacy', 'Privacy'),
    status: 'analysed',
    report: {
      url: 'https://example.com/privacy',
      title: 'Privacy',
      isPolicy: true,
      documentType: 'privacy-policy',
      language: 'en',
      notice: null,
      analysedAt: 0,
      clauses: severities.map((severity, id) => ({
        id,
        text: `clause ${id}`,
        start: 0,
        end: 1,
        heading: null,
        categories: severity ? ['data-sharing'] : [],
        severity,
        hash: String(id),
      })),
    },
  };
}

const change = (severity: ChangeEvent['highestSeverity']): ChangeEvent => ({
  docKey: 'k',
  url: 'https://example.com/privacy',
  title: 'Privacy',
  platformId: null,
  detectedAt: 1,
  previousAt: 0,
  source: 'watch',
  summary: '1 clause added',
  items: [],
  highestSeverity: severity,
  seen: 0,
});

describe('badgeForTab', () => {
  it('counts high and medium clauses on an analysed policy, coloured by the worst', () => {
    expect(
      badgeForTab({
        state: analysed(['high', 'medium', 'low', null]),
        aiTrainsByDefault: null,
        unseenChange: false,
      }),
    ).toMatchObject({
      text: '2',
      color: BADGE_COLOURS.high,
    });
    expect(
      badgeForTab({ state: analysed(['low']), aiTrainsByDefault: null, unseenChange: false })?.text,
    ).toBe('✓');
  });

  it('puts a changed policy first, then the AI warning', () => {
    const state = analysed(['high']);
    expect(
      badgeForTab({ state, aiTrainsByDefault: { platformName: 'X' }, unseenChange: true })?.text,
    ).toBe('NEW');
    expect(
      badgeForTab({ state, aiTrainsByDefault: { platformName: 'X' }, unseenChange: false })?.text,
    ).toBe('AI');
  });

  it('defers to the global badge on pages that are not analysed policies', () => {
    expect(badgeForTab({ state: null, aiTrainsByDefault: null, unseenChange: false })).toBeNull();
    expect(
      badgeForTab({
        state: emptyState(1, 'https://a.example', 'A'),
        aiTrainsByDefault: null,
        unseenChange: false,
      }),
    ).toBeNull();
  });
});

describe('globalBadge', () => {
  it('is empty with nothing unseen and counts unseen changes otherwise', () => {
    expect(globalBadge([]).text).toBe('');
    expect(globalBadge([change('low'), change(null)])).toMatchObject({
      text: '2',
      color: BADGE_COLOURS.change,
    });
    expect(globalBadge([change('high')]).color).toBe(BADGE_COLOURS.high);
  });
});
