import { describe, expect, it } from 'vitest';
import { emptyState } from '@/lib/background/tab-states';
import { platformShardSchema } from '@/lib/feed/schema';
import type { TabState } from '@/lib/messaging/protocol';
import { buildPanelModel, NO_FILTERS } from '@/lib/ui/panel-model';

const provision = platformShardSchema.shape.provisions.element.parse({
  id: 'trains',
  category: 'ai-training',
  severity: 'high',
  title: 'Trains on your chats',
  summary: 'Your chats train the models unless you opt out.',
  excerpts: [{ document: 'privacy-policy', version: '2025-01-01', text: 'We train on chats.' }],
});

const state: TabState = {
  ...emptyState(1, 'https://acme.example/privacy', 'Privacy'),
  status: 'analysed',
  provisions: [{ platformId: 'acme', provision, clauseId: 0 }],
  report: {
    url: 'https://acme.example/privacy',
    title: 'Privacy',
    isPolicy: true,
    documentType: 'privacy-policy',
    language: 'en',
    notice: null,
    analysedAt: 0,
    clauses: [
      {
        id: 0,
        text: 'We train on chats.',
        start: 0,
        end: 18,
        heading: null,
        categories: ['ai-training'],
        severity: 'high',
        hash: 'a',
      },
      {
        id: 1,
        text: 'We share data with advertisers.',
        start: 19,
        end: 50,
        heading: 'Sharing',
        categories: ['data-sharing', 'tracking'],
        severity: 'medium',
        hash: 'b',
      },
      {
        id: 2,
        text: 'We collect your email.',
        start: 51,
        end: 73,
        heading: null,
        categories: ['data-collection'],
        severity: 'info',
        hash: 'c',
      },
      {
        id: 3,
        text: 'Hello.',
        start: 74,
        end: 80,
        heading: null,
        categories: [],
        severity: null,
        hash: 'd',
      },
    ],
  },
};

describe('buildPanelModel', () => {
  it('shows a clause carrying a curated provision once, as the provision, grouped most severe first', () => {
    const model = buildPanelModel(state, NO_FILTERS);
    expect(model.total).toBe(3);
    expect(model.groups.map((group) => group.category)).toEqual([
      'ai-training',
      'data-sharing',
      'data-collection',
    ]);
    expect(model.groups[0]?.provisions).toHaveLength(1);
    expect(model.groups[0]?.findings).toHaveLength(0);
    expect(model.counts).toEqual({ high: 1, medium: 1, low: 0, info: 1 });
  });

  it("filters by category (any of a clause's categories), minimum severity and search", () => {
    const byCategory = buildPanelModel(state, { ...NO_FILTERS, categories: new Set(['tracking']) });
    expect(
      byCategory.groups.map((group) => [group.category, group.findings.map((c) => c.id)]),
    ).toEqual([['tracking', [1]]]);
    expect(buildPanelModel(state, { ...NO_FILTERS, minSeverity: 'medium' }).shown).toBe(2);
    const searched = buildPanelModel(state, { ...NO_FILTERS, search: '  ADVERTISERS ' });
    expect(searched.shown).toBe(1);
    expect(searched.total).toBe(3);
  });
});
