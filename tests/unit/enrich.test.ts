import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { enrichReport } from '@/lib/background/enrich';
import { createLookup } from '@/lib/background/feed-service';
import { feedIndexSchema, type PlatformShard, platformShardSchema } from '@/lib/feed/schema';
import type { PageReport } from '@/lib/messaging/protocol';

// The real bundled feed: what the extension ships.
const feedDir = resolve('public/feed');
const index = feedIndexSchema.parse(JSON.parse(readFileSync(`${feedDir}/index.json`, 'utf8')));
const shards: Record<string, PlatformShard> = Object.fromEntries(
  index.platforms.map((entry) => [
    entry.id,
    platformShardSchema.parse(JSON.parse(readFileSync(`${feedDir}/${entry.shard}`, 'utf8'))),
  ]),
);
const lookup = createLookup(index, shards);

function report(url: string, texts: string[]): PageReport {
  return {
    url,
    title: 'Policy',
    isPolicy: true,
    documentType: 'privacy-policy',
    language: 'en',
    notice: null,
    analysedAt: 0,
    clauses: texts.map((text, id) => ({
      id,
      text,
      start: 0,
      end: text.length,
      heading: null,
      categories: ['data-sharing'],
      severity: 'medium',
      hash: String(id),
    })),
  };
}

describe('enrichReport with the bundled feed', () => {
  const claude = shards.claude!;
  const privacyDoc = claude.documents.find((doc) => doc.type === 'privacy-policy')!;
  const curated = claude.provisions.filter((provision) =>
    provision.excerpts.some((excerpt) => excerpt.document === privacyDoc.id),
  );
  const quoted = curated[0]!.excerpts.find((excerpt) => excerpt.document === privacyDoc.id)!.text;

  it('names the platform and document, and places a curated provision on the clause quoting it', () => {
    const { enrichment, reply } = enrichReport(
      report(privacyDoc.url, ['An unrelated opening sentence about this policy.', quoted]),
      lookup,
    );
    expect(enrichment.platform).toEqual({ id: 'claude', name: claude.name });
    expect(enrichment.document?.id).toBe(privacyDoc.id);
    expect(enrichment.provisions.length).toBe(curated.length);
    const placed = enrichment.provisions.find((entry) => entry.provision.id === curated[0]!.id);
    expect(placed?.clauseId).toBe(1);
    expect(reply.curated.map((entry) => entry.clauseId)).toContain(1);
    expect(enrichment.aiTraining).toEqual(claude.aiTraining);
  });

  it('lists how other platforms handle the categories on the page, never the platform itself', () => {
    const { enrichment } = enrichReport(report(privacyDoc.url, [quoted]), lookup);
    const peers = enrichment.peers['data-sharing'] ?? [];
    expect(peers.length).toBeGreaterThan(5);
    expect(peers.some((line) => line.platformId === 'claude')).toBe(false);
  });

  it('gives an unknown site automatic analysis only, with peers from the whole feed', () => {
    const { enrichment, reply } = enrichReport(
      report('https://unknown-notes.example/privacy', ['We share data with partners.']),
      lookup,
    );
    expect(enrichment.platform).toBeNull();
    expect(enrichment.provisions).toEqual([]);
    expect(reply.curated).toEqual([]);
    expect((enrichment.peers['data-sharing'] ?? []).length).toBeGreaterThan(5);
  });
});
