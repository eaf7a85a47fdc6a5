import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FeedLoadError, loadBundledFeed } from '../../lib/feed/load';
import { platformShardSchema, platformSourceSchema } from '../../lib/feed/schema';

const good = JSON.parse(
  readFileSync(
    join(resolve(import.meta.dirname, '../fixtures/feed'), 'good/example-chat.json'),
    'utf8',
  ),
);

function issuesOf(edit: (source: typeof good) => void): string[] {
  const source = structuredClone(good);
  edit(source);
  const result = platformSourceSchema.safeParse(source);
  return result.success ? [] : result.error.issues.map((issue) => issue.path.join('.'));
}

describe('platformSourceSchema', () => {
  it('accepts the good fixture and fills defaults', () => {
    const parsed = platformSourceSchema.parse(good);
    expect(parsed.hosts[0]!.pathPrefixes).toEqual([]);
    expect(parsed.provisions[0]!.regulations).toEqual([]);
    expect(platformShardSchema.parse(good)).toMatchObject({ language: 'en', changes: [] });
  });

  it.each([
    ['an id that is not kebab-case', (s: typeof good) => (s.id = 'Example_Chat'), 'id'],
    [
      'an unknown category',
      (s: typeof good) => (s.provisions[0].category = 'mind-reading'),
      'provisions.0.category',
    ],
    [
      'an unknown severity',
      (s: typeof good) => (s.provisions[0].severity = 'critical'),
      'provisions.0.severity',
    ],
    [
      'a provision without excerpts',
      (s: typeof good) => (s.provisions[0].excerpts = []),
      'provisions.0.excerpts',
    ],
    [
      'an http document URL',
      (s: typeof good) => (s.documents[0].url = 'http://example-chat.com/terms'),
      'documents.0.url',
    ],
    [
      'a javascript: settings URL',
      (s: typeof good) => (s.aiTraining.optOut.settingsUrl = 'javascript:alert(1)'),
      'aiTraining.optOut.settingsUrl',
    ],
    [
      'a host with a scheme',
      (s: typeof good) => (s.hosts[0].domain = 'https://example-chat.com'),
      'hosts.0.domain',
    ],
    [
      'a path prefix without a slash',
      (s: typeof good) => (s.hosts[1].pathPrefixes = ['chat']),
      'hosts.1.pathPrefixes.0',
    ],
    [
      'an excerpt with a malformed date',
      (s: typeof good) => (s.provisions[0].excerpts[0].version = 'last week'),
      'provisions.0.excerpts.0.version',
    ],
    [
      'a blank excerpt',
      (s: typeof good) => (s.provisions[0].excerpts[0].text = '   '),
      'provisions.0.excerpts.0.text',
    ],
    [
      'an unknown tier',
      (s: typeof good) => (s.aiTraining.tiers[0].tier = 'vip'),
      'aiTraining.tiers.0.tier',
    ],
    ['no documents', (s: typeof good) => (s.documents = []), 'documents'],
  ])('rejects %s', (_name, edit, path) => {
    expect(issuesOf(edit)).toContain(path);
  });
});

describe('loadBundledFeed', () => {
  const index = {
    formatVersion: 1,
    version: 1,
    publishedAt: '2025-01-01T00:00:00Z',
    platforms: [
      {
        id: good.id,
        name: good.name,
        kind: good.kind,
        hosts: good.hosts,
        documents: [],
        shard: 'shards/example-chat.json',
        sha256: 'a'.repeat(64),
        updatedAt: null,
      },
    ],
  };

  it('reads and validates the index and its shards', async () => {
    const feed = await loadBundledFeed(async (path) => (path === 'index.json' ? index : good));
    expect(feed.index.languages).toEqual(['en']);
    expect(feed.shards['example-chat']!.name).toBe('Example Chat');
  });

  it('says which file is wrong', async () => {
    await expect(loadBundledFeed(async () => ({}))).rejects.toThrow(
      /bundled feed index is invalid/,
    );
    await expect(
      loadBundledFeed(async (path) => (path === 'index.json' ? index : { ...good, kind: 'robot' })),
    ).rejects.toThrow(/shards\/example-chat\.json is invalid: kind/);
    await expect(
      loadBundledFeed(async (path) => (path === 'index.json' ? index : { ...good, id: 'other' })),
    ).rejects.toThrow(FeedLoadError);
    await expect(
      loadBundledFeed(async (path) => {
        if (path === 'index.json') return index;
        throw new Error('ENOENT');
      }),
    ).rejects.toThrow(/Cannot read the bundled shard shards\/example-chat\.json: ENOENT/);
  });
});
