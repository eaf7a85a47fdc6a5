import { describe, expect, it } from 'vitest';
import { findClauseForExcerpts, peersByCategory, provisionsForDocument } from '@/lib/feed/match';
import { type PlatformShard, platformShardSchema } from '@/lib/feed/schema';

function shard(id: string, provisions: unknown[]): PlatformShard {
  return platformShardSchema.parse({
    id,
    name: id.toUpperCase(),
    kind: 'ai',
    hosts: [{ domain: `${id}.example` }],
    documents: [
      {
        id: 'privacy-policy',
        type: 'privacy-policy',
        title: 'Privacy',
        url: `https://${id}.example/privacy`,
      },
      {
        id: 'terms-of-service',
        type: 'terms-of-service',
        title: 'Terms',
        url: `https://${id}.example/terms`,
      },
    ],
    provisions,
  });
}

const provision = (
  id: string,
  category: string,
  severity: string,
  document: string,
  text: string,
) => ({
  id,
  category,
  severity,
  title: `${id} title`,
  summary: `${id} summary`,
  excerpts: [{ document, version: '2025-01-01T00:00:00Z', text }],
});

const clauses = [
  { id: 0, text: 'Welcome to Example.' },
  {
    id: 1,
    text: 'We may use your conversations to train our models, unless you opt out in Settings.',
  },
  { id: 2, text: 'We share personal data with our affiliates and service providers.' },
  { id: 3, text: 'Any dispute will be resolved by binding arbitration.' },
];

describe('findClauseForExcerpts', () => {
  it('finds the clause that contains an excerpt, whatever its case and spacing', () => {
    expect(
      findClauseForExcerpts(['we may use your CONVERSATIONS   to train our models'], clauses),
    ).toBe(1);
  });

  it('finds a clause from a reworded excerpt that keeps most of its words', () => {
    expect(
      findClauseForExcerpts(
        ['We may share personal data with our affiliates and with service providers.'],
        clauses,
      ),
    ).toBe(2);
  });

  it('returns null when no clause carries the excerpt', () => {
    expect(findClauseForExcerpts(['We never sell your data to anyone, ever.'], clauses)).toBeNull();
    expect(findClauseForExcerpts([''], clauses)).toBeNull();
  });

  it('does not take a short generic clause as the whole of a long excerpt', () => {
    const short = [{ id: 7, text: 'Welcome.' }];
    expect(
      findClauseForExcerpts(
        ['Welcome. We collect everything you type and keep it forever.'],
        short,
      ),
    ).toBeNull();
  });
});

describe('provisionsForDocument', () => {
  const claude = shard('acme', [
    provision(
      'trains',
      'ai-training',
      'high',
      'privacy-policy',
      'We may use your conversations to train our models',
    ),
    provision('arbitration', 'arbitration', 'high', 'terms-of-service', 'binding arbitration'),
  ]);

  it('keeps the provisions quoting the document', () => {
    expect(
      provisionsForDocument(claude, { id: 'terms-of-service' }, null).map((p) => p.id),
    ).toEqual(['arbitration']);
  });

  it('falls back to the document type when the URL is not a known document', () => {
    expect(provisionsForDocument(claude, null, 'privacy-policy').map((p) => p.id)).toEqual([
      'trains',
    ]);
    expect(provisionsForDocument(claude, null, 'cookie-policy')).toEqual([]);
  });
});

describe('peersByCategory', () => {
  const shards = [
    shard('alpha', [
      provision('a-low', 'ai-training', 'low', 'privacy-policy', 'x'),
      provision('a-high', 'ai-training', 'high', 'privacy-policy', 'y'),
    ]),
    shard('beta', [provision('b-info', 'ai-training', 'info', 'privacy-policy', 'z')]),
    shard('gamma', [provision('g-arb', 'arbitration', 'high', 'terms-of-service', 'w')]),
  ];

  it('gives each other platform once, with its most severe provision, most severe first', () => {
    const peers = peersByCategory(shards, 'gamma', new Set(['ai-training']));
    expect(peers['ai-training']?.map((line) => [line.platformId, line.provisionId])).toEqual([
      ['alpha', 'a-high'],
      ['beta', 'b-info'],
    ]);
  });

  it('leaves out the platform being read and platforms silent on the category', () => {
    const peers = peersByCategory(shards, 'alpha', new Set(['ai-training', 'arbitration']));
    expect(peers['ai-training']?.map((line) => line.platformId)).toEqual(['beta']);
    expect(peers.arbitration?.map((line) => line.platformId)).toEqual(['gamma']);
  });
});
