import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { type AiTrainingCard, platformSourceSchema } from '@/lib/feed/schema';
import type { AiPlatformSummary } from '@/lib/messaging/protocol';
import {
  buildCompareRow,
  buildCompareRows,
  type CompareRow,
  compareCsv,
  csvField,
  filterRows,
  NO_COMPARE_FILTERS,
  nextSort,
  sortRows,
  toCsv,
} from '@/lib/ui/compare-model';

const platformsDir = new URL('../../data/platforms/', import.meta.url);

/** The feed's real AI cards, shaped as the background's `ai/platforms` answer. */
function realSummaries(): AiPlatformSummary[] {
  return readdirSync(platformsDir)
    .filter((file) => file.endsWith('.json'))
    .map((file) =>
      platformSourceSchema.parse(JSON.parse(readFileSync(new URL(file, platformsDir), 'utf8'))),
    )
    .filter((platform) => platform.aiTraining !== null)
    .map((platform) => ({
      platformId: platform.id,
      name: platform.name,
      card: platform.aiTraining!,
      documents: platform.documents.map(({ id, title, url }) => ({ id, title, url })),
      lastChange: null,
    }));
}

const excerpt = { document: 'terms', version: '2025-03-04', text: 'Quoted words of the terms.' };

function summary(
  platformId: string,
  overrides: Partial<AiTrainingCard> = {},
  extra: Partial<AiPlatformSummary> = {},
): AiPlatformSummary {
  return {
    platformId,
    name: platformId.toUpperCase(),
    card: {
      verdict: 'Sentence.',
      trainsByDefault: 'yes',
      tiers: [{ tier: 'free', label: 'Free', trainsByDefault: true, excerpts: [excerpt] }],
      optOut: { available: true, steps: ['Do it'], settingsUrl: null, excerpts: [excerpt] },
      carveOuts: [],
      humanReview: { happens: null, description: 'Not stated.', excerpts: [excerpt] },
      retention: null,
      ...overrides,
    },
    documents: [{ id: 'terms', title: 'Terms', url: 'https://example.com/terms' }],
    lastChange: null,
    ...extra,
  };
}

const ids = (rows: readonly CompareRow[]) => rows.map((row) => row.platformId);

describe('rows', () => {
  it('summarises tiers in order and links each cell to its excerpt', () => {
    const row = buildCompareRow(
      summary(
        'a',
        {
          trainsByDefault: 'depends-on-tier',
          tiers: [
            { tier: 'api', label: 'API', trainsByDefault: false, excerpts: [excerpt] },
            { tier: 'free', label: 'Free', trainsByDefault: true, excerpts: [excerpt] },
          ],
          carveOuts: [{ title: 'Feedback', description: 'd', excerpts: [excerpt] }],
          optOut: {
            available: true,
            steps: [],
            settingsUrl: 'javascript:alert(1)',
            excerpts: [excerpt],
          },
        },
        { lastChange: { document: 'terms', date: '2025-06-07T10:00:00Z', summary: 'Changed.' } },
      ),
    );
    expect(row.tierSummary).toBe('Free: trains · API: no');
    expect(row.verdict).toBe('depends');
    expect(row.optOut.settingsUrl).toBeNull();
    expect(row.optOut.href).toBe(
      `https://example.com/terms#:~:text=${encodeURIComponent('Quoted words of the terms.')}`,
    );
    expect(row.carveOuts).toEqual([{ title: 'Feedback', href: row.optOut.href }]);
    expect(row.lastChange).toEqual({
      date: '2025-06-07',
      summary: 'Changed.',
      href: 'https://example.com/terms',
    });
  });

  it('names a tier the card lists twice by its plan', () => {
    const llama = buildCompareRows(realSummaries()).find((row) => row.platformId === 'llama-api');
    expect(llama?.tiers.map((tier) => tier.name)).toEqual([
      'API — Standard models (Standard Services)',
      'API — Discounted models (Discounted Services)',
    ]);
    expect(llama?.tierSummary).toBe(
      'API — Standard models (Standard Services): no · API — Discounted models (Discounted Services): trains',
    );
  });

  it('builds a row for every real AI card, every excerpt link https', () => {
    const rows = buildCompareRows(realSummaries());
    expect(rows.length).toBeGreaterThanOrEqual(10);
    for (const row of rows) {
      for (const href of [row.optOut.href, row.humanReview.href, ...row.tiers.map((t) => t.href)]) {
        expect(href).toMatch(/^https:\/\//);
      }
    }
  });
});

describe('filters', () => {
  const rows = buildCompareRows([
    summary('trains'),
    summary('never', {
      trainsByDefault: 'no',
      tiers: [{ tier: 'free', label: 'Free', trainsByDefault: false, excerpts: [excerpt] }],
    }),
    summary('business-only', {
      trainsByDefault: 'depends-on-tier',
      tiers: [
        { tier: 'free', label: 'Free', trainsByDefault: false, excerpts: [excerpt] },
        { tier: 'business', label: 'Biz', trainsByDefault: true, excerpts: [excerpt] },
      ],
      optOut: { available: false, steps: [], settingsUrl: null, excerpts: [excerpt] },
    }),
    summary('consumer-depends', {
      trainsByDefault: 'depends-on-tier',
      carveOuts: [{ title: 'Safety reviews', description: 'd', excerpts: [excerpt] }],
    }),
  ]);

  it('keeps everything without filters', () => {
    expect(filterRows(rows, NO_COMPARE_FILTERS)).toHaveLength(4);
  });

  it('"trains by default" means on a free or paid individual plan', () => {
    expect(ids(filterRows(rows, { ...NO_COMPARE_FILTERS, trainsByDefaultOnly: true }))).toEqual([
      'trains',
      'consumer-depends',
    ]);
  });

  it('combines the opt-out toggle and every search word', () => {
    expect(ids(filterRows(rows, { ...NO_COMPARE_FILTERS, optOutAvailableOnly: true }))).toEqual([
      'trains',
      'never',
      'consumer-depends',
    ]);
    expect(ids(filterRows(rows, { ...NO_COMPARE_FILTERS, search: '  SAFETY  consumer ' }))).toEqual(
      ['consumer-depends'],
    );
    expect(filterRows(rows, { ...NO_COMPARE_FILTERS, search: 'safety nothing' })).toEqual([]);
  });
});

describe('sorting', () => {
  const rows = buildCompareRows([
    summary(
      'b',
      {
        carveOuts: [
          { title: 'x', description: 'd', excerpts: [excerpt] },
          { title: 'y', description: 'd', excerpts: [excerpt] },
        ],
      },
      { lastChange: { document: 'terms', date: '2024-01-01', summary: 's' } },
    ),
    summary('a', {
      trainsByDefault: 'no',
      tiers: [{ tier: 'free', label: 'Free', trainsByDefault: false, excerpts: [excerpt] }],
      humanReview: { happens: true, description: 'Yes.', excerpts: [excerpt] },
    }),
    summary(
      'c',
      {
        trainsByDefault: 'depends-on-tier',
        humanReview: { happens: false, description: 'No.', excerpts: [excerpt] },
      },
      { lastChange: { document: 'terms', date: '2025-01-01', summary: 's' } },
    ),
  ]);

  it('sorts by name, and reverses', () => {
    expect(ids(sortRows(rows, { column: 'platform', direction: 'ascending' }))).toEqual([
      'a',
      'b',
      'c',
    ]);
    expect(ids(sortRows(rows, { column: 'platform', direction: 'descending' }))).toEqual([
      'c',
      'b',
      'a',
    ]);
  });

  it('ranks training no < depends < trains, and counts carve-outs', () => {
    expect(ids(sortRows(rows, { column: 'training', direction: 'ascending' }))).toEqual([
      'a',
      'c',
      'b',
    ]);
    expect(ids(sortRows(rows, { column: 'carveOuts', direction: 'descending' }))[0]).toBe('b');
  });

  it('keeps unknown values last in both directions', () => {
    expect(ids(sortRows(rows, { column: 'lastChange', direction: 'ascending' }))).toEqual([
      'b',
      'c',
      'a',
    ]);
    expect(ids(sortRows(rows, { column: 'lastChange', direction: 'descending' }))).toEqual([
      'c',
      'b',
      'a',
    ]);
    expect(ids(sortRows(rows, { column: 'humanReview', direction: 'descending' }))).toEqual([
      'a',
      'c',
      'b',
    ]);
  });

  it('does not reorder its input', () => {
    sortRows(rows, { column: 'platform', direction: 'descending' });
    expect(ids(rows)).toEqual(['b', 'a', 'c']);
  });

  it('toggles the direction of the same column only', () => {
    const start = { column: 'platform', direction: 'ascending' } as const;
    expect(nextSort(start, 'platform')).toEqual({ column: 'platform', direction: 'descending' });
    expect(nextSort({ column: 'platform', direction: 'descending' }, 'optOut')).toEqual({
      column: 'optOut',
      direction: 'ascending',
    });
  });
});

describe('CSV', () => {
  it('quotes only the fields that need it and doubles quotes (RFC 4180)', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('line\nbreak')).toBe('"line\nbreak"');
    expect(csvField('cr\rhere')).toBe('"cr\rhere"');
    expect(csvField('')).toBe('');
  });

  it('neutralises cells a spreadsheet would run as formulas', () => {
    expect(csvField('=HYPERLINK("http://x")')).toBe('"\'=HYPERLINK(""http://x"")"');
    expect(csvField('+1')).toBe("'+1");
    expect(csvField('-2')).toBe("'-2");
    expect(csvField('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvField('a=b')).toBe('a=b');
  });

  it('ends every record with CRLF', () => {
    expect(
      toCsv([
        ['a', 'b'],
        ['c', 'd,e'],
      ]),
    ).toBe('a,b\r\nc,"d,e"\r\n');
  });

  it('exports one record per row with the header first', () => {
    const rows = buildCompareRows([
      summary('evil', {
        carveOuts: [{ title: '=cmd|calc', description: 'd', excerpts: [excerpt] }],
        verdict: 'Yes, "by default", unless you opt out.',
      }),
    ]);
    const csv = compareCsv(rows);
    const lines = csv.split('\r\n');
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatch(/^Platform,Platform id,Default training,/);
    expect(lines[1]).toBe(
      'EVIL,evil,Trains on your content by default,Free: trains,"Yes, ""by default"", unless you opt out.",yes,,1,\'=cmd|calc,not stated,,,',
    );
    expect(lines[2]).toBe('');
  });
});
