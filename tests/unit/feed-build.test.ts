import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type BuildFeedInput, buildFeed, FeedBuildError } from '../../lib/feed/build';
import { loadBundledFeed } from '../../lib/feed/load';
import { feedIndexSchema, platformShardSchema, platformSourceSchema } from '../../lib/feed/schema';

const fixtures = resolve(import.meta.dirname, '../fixtures/feed');
const archiveDir = join(fixtures, 'archive');

function readArchive(file: string): string | null {
  const path = resolve(archiveDir, file);
  return path.startsWith(`${archiveDir}/`) && existsSync(path) ? readFileSync(path, 'utf8') : null;
}

function source(folder: string, transform?: (json: Record<string, unknown>) => void) {
  const content = readFileSync(join(fixtures, folder, 'example-chat.json'), 'utf8');
  if (!transform) return { file: `${folder}/example-chat.json`, content };
  const json = JSON.parse(content);
  transform(json);
  return { file: `${folder}/example-chat.json`, content: JSON.stringify(json) };
}

const fixedNow = () => new Date('2025-01-02T03:04:05.678Z');

function input(overrides: Partial<BuildFeedInput> = {}): BuildFeedInput {
  return { sources: [source('good')], readArchive, state: null, now: fixedNow, ...overrides };
}

async function buildErrors(options: Partial<BuildFeedInput>): Promise<readonly string[]> {
  try {
    await buildFeed(input(options));
  } catch (error) {
    if (error instanceof FeedBuildError) return error.problems;
    throw error;
  }
  throw new Error('the build succeeded');
}

describe('buildFeed', () => {
  it('writes an index and shards that validate, with each shard’s SHA-256', async () => {
    const built = await buildFeed(input());
    expect([...built.files.keys()].sort()).toEqual(['index.json', 'shards/example-chat.json']);
    const index = feedIndexSchema.parse(JSON.parse(built.files.get('index.json')!));
    expect(index).toMatchObject({ version: 1, publishedAt: '2025-01-02T03:04:05Z' });
    const entry = index.platforms[0]!;
    expect(entry).toMatchObject({
      id: 'example-chat',
      shard: 'shards/example-chat.json',
      updatedAt: '2024-06-03T09:00:00Z',
    });
    const shardBytes = built.files.get(entry.shard)!;
    expect(entry.sha256).toBe(createHash('sha256').update(shardBytes).digest('hex'));
    const shard = platformShardSchema.parse(JSON.parse(shardBytes));
    expect(shard.language).toBe('en');
    expect(shard.changes.map((change) => [change.date, change.substantive])).toEqual([
      ['2024-03-01T09:00:00Z', true],
      ['2024-06-01T09:00:00Z', false],
      ['2024-06-03T09:00:00Z', false],
    ]);
  });

  it('gives identical bytes when built twice, and keeps the version while nothing changes', async () => {
    const first = await buildFeed(input());
    const second = await buildFeed(input({ state: first.state, now: () => new Date() }));
    expect(second.stateChanged).toBe(false);
    expect([...second.files]).toEqual([...first.files]);
    const third = await buildFeed(input({ state: first.state, now: () => new Date() }));
    expect([...third.files]).toEqual([...first.files]);
  });

  it('raises the version when the content changes', async () => {
    const first = await buildFeed(input());
    const edited = await buildFeed(
      input({
        state: first.state,
        sources: [source('good', (json) => Object.assign(json, { name: 'Example Chat AI' }))],
      }),
    );
    expect(edited.stateChanged).toBe(true);
    expect(edited.index.version).toBe(first.index.version + 1);
  });

  it('lists every excerpt that is not verbatim', async () => {
    const problems = await buildErrors({ sources: [source('non-verbatim')] });
    expect(problems).toHaveLength(2);
    expect(problems[0]).toMatch(
      /^non-verbatim\/example-chat\.json: provisions\[1\]\.excerpts\[0\]: text not found verbatim/,
    );
    expect(problems[1]).toMatch(/aiTraining\.carveOuts\[0\]\.excerpts\[0\]/);
  });

  it('lists excerpts citing versions or documents that do not exist', async () => {
    const problems = await buildErrors({ sources: [source('bad-version')] });
    expect(problems.join('\n')).toMatch(
      /provisions\[0\]\.excerpts\[0\]: cites version 2024-05-01T00:00:00Z/,
    );
    expect(problems.join('\n')).toMatch(
      /humanReview\.excerpts\[0\]: cites document "community-guidelines"/,
    );
  });

  it('names the file and the path of a schema error', async () => {
    const problems = await buildErrors({
      sources: [
        source('good', (json) => {
          (json.provisions as { category: string }[])[1]!.category = 'mind-reading';
        }),
      ],
    });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^good\/example-chat\.json: provisions\[1\]\.category: /);
  });

  it('rejects a file whose name is not its id, a missing archive file and bad JSON', async () => {
    const renamed = { ...source('good'), file: 'data/platforms/other.json' };
    expect((await buildErrors({ sources: [renamed] }))[0]).toMatch(/id "example-chat" must match/);
    const missing = await buildErrors({
      readArchive: (file) => (file.includes('2024-04-01') ? null : readArchive(file)),
    });
    expect(missing).toEqual([
      expect.stringMatching(
        /version 2024-04-01T09:00:00Z: data\/archive\/example-chat\/terms-of-service\/2024-04-01T09-00-00Z\.md does not exist/,
      ),
    ]);
    expect(
      (await buildErrors({ sources: [{ file: 'broken.json', content: '{"id": ' }] }))[0],
    ).toMatch(/^broken\.json: not valid JSON/);
  });

  it('is read back by loadBundledFeed', async () => {
    const built = await buildFeed(input());
    const feed = await loadBundledFeed(async (path) => {
      const bytes = built.files.get(path);
      if (bytes === undefined) throw new Error(`no ${path}`);
      return JSON.parse(bytes);
    });
    expect(Object.keys(feed.shards)).toEqual(['example-chat']);
    expect(feed.shards['example-chat']!.provisions).toHaveLength(3);
  });
});

describe('committed feed', () => {
  const root = resolve(import.meta.dirname, '../..');
  const indexPath = join(root, 'public/feed/index.json');

  it.skipIf(!existsSync(indexPath))('matches its shards’ bytes and its sources', async () => {
    const feed = await loadBundledFeed(async (path) =>
      JSON.parse(readFileSync(join(root, 'public/feed', path), 'utf8')),
    );
    const sourceIds = readdirSync(join(root, 'data/platforms'))
      .filter((name) => name.endsWith('.json'))
      .map((name) => name.replace(/\.json$/, ''))
      .sort();
    expect(
      feed.index.platforms.map((entry) => entry.id),
      'run npm run build:feed',
    ).toEqual(sourceIds);
    for (const entry of feed.index.platforms) {
      const bytes = readFileSync(join(root, 'public/feed', entry.shard));
      expect(createHash('sha256').update(bytes).digest('hex'), entry.shard).toBe(entry.sha256);
      const sourcePath = join(root, 'data/platforms', `${entry.id}.json`);
      expect(existsSync(sourcePath), sourcePath).toBe(true);
      const curated = platformSourceSchema.parse(JSON.parse(readFileSync(sourcePath, 'utf8')));
      const { changes: _changes, language: _language, ...shipped } = feed.shards[entry.id]!;
      expect(shipped, `${entry.id}: run npm run build:feed`).toEqual(curated);
    }
  });
});
