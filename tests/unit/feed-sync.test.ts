import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildFeed, serializeJson } from '../../lib/feed/build';
import {
  type FeedStore,
  type FeedSyncStatus,
  type FetchLike,
  resolveIndexUrl,
  type StoredFeedData,
  sha256Hex,
  syncFeed,
} from '../../lib/feed/sync';

const fixtures = resolve(import.meta.dirname, '../fixtures/feed');
const FEED = 'https://feed.example.org/fineprint/';
const INDEX = `${FEED}index.json`;

function memoryStore(initial: StoredFeedData | null = null) {
  const statuses: FeedSyncStatus[] = [];
  let current = initial;
  let replacements = 0;
  const store: FeedStore = {
    getCurrent: async () => current,
    replace: async (feed) => {
      current = feed;
      replacements += 1;
    },
    setStatus: async (status) => {
      statuses.push(status);
    },
  };
  return {
    store,
    statuses,
    current: () => current,
    replacements: () => replacements,
  };
}

interface Route {
  status?: number;
  body?: string;
  headers?: Record<string, string>;
  error?: Error;
}

function fakeFetch(routes: Record<string, Route | ((init?: RequestInit) => Route)>) {
  const requests: { url: string; init: RequestInit | undefined }[] = [];
  const fetch: FetchLike = async (url, init) => {
    requests.push({ url, init });
    const entry = routes[url];
    const route = typeof entry === 'function' ? entry(init) : entry;
    if (!route) return new Response('not found', { status: 404 });
    if (route.error) throw route.error;
    const status = route.status ?? 200;
    return new Response(status === 304 ? null : (route.body ?? ''), {
      status,
      headers: route.headers ?? {},
    });
  };
  return { fetch, requests };
}

let files: Map<string, string>;
let indexJson: Record<string, unknown>;

function withVersion(version: number, edit?: (index: Record<string, unknown>) => void) {
  const index = structuredClone(indexJson);
  index.version = version;
  edit?.(index);
  return serializeJson(index);
}

function feedRoutes(version: number, extra: Record<string, Route> = {}) {
  const routes: Record<string, Route> = {
    [INDEX]: { body: withVersion(version), headers: { ETag: `"v${version}"` } },
  };
  for (const [path, bytes] of files) {
    if (path.startsWith('shards/')) routes[`${FEED}${path}`] = { body: bytes };
  }
  return { ...routes, ...extra };
}

async function storedFeed(version: number): Promise<StoredFeedData> {
  const memory = memoryStore();
  await syncFeed({
    feedUrl: FEED,
    store: memory.store,
    fetch: fakeFetch(feedRoutes(version)).fetch,
  });
  return memory.current()!;
}

beforeAll(async () => {
  const archiveDir = join(fixtures, 'archive');
  const built = await buildFeed({
    sources: [
      {
        file: 'example-chat.json',
        content: readFileSync(join(fixtures, 'good/example-chat.json'), 'utf8'),
      },
    ],
    readArchive: (file) => {
      const path = resolve(archiveDir, file);
      return existsSync(path) ? readFileSync(path, 'utf8') : null;
    },
    state: null,
    now: () => new Date('2025-01-01T00:00:00Z'),
  });
  files = built.files;
  indexJson = JSON.parse(files.get('index.json')!);
});

describe('syncFeed', () => {
  it('installs a good newer feed, sending no cookies, no referrer and no page data', async () => {
    const memory = memoryStore();
    const { fetch, requests } = fakeFetch(feedRoutes(3));
    const status = await syncFeed({ feedUrl: FEED, store: memory.store, fetch, now: () => 42 });
    expect(status).toMatchObject({ outcome: 'updated', version: 3, error: null, checkedAt: 42 });
    expect(memory.statuses).toEqual([status]);
    expect(memory.replacements()).toBe(1);
    const feed = memory.current()!;
    expect(feed).toMatchObject({ source: 'remote', sourceUrl: INDEX, etag: '"v3"' });
    expect(Object.keys(feed.shards)).toEqual(['example-chat']);
    expect(feed.shards['example-chat']!.provisions).toHaveLength(3);
    expect(requests.map((request) => request.url)).toEqual([
      INDEX,
      `${FEED}shards/example-chat.json`,
    ]);
    for (const { init } of requests) {
      expect(init).toMatchObject({
        credentials: 'omit',
        referrerPolicy: 'no-referrer',
        method: 'GET',
      });
      expect(init?.body).toBeUndefined();
    }
  });

  it('sends the stored ETag and keeps the feed on 304', async () => {
    const memory = memoryStore(await storedFeed(3));
    const { fetch, requests } = fakeFetch({
      [INDEX]: (init) =>
        ((init?.headers ?? {}) as Record<string, string>)['If-None-Match'] === '"v3"'
          ? { status: 304 }
          : { status: 500 },
    });
    const status = await syncFeed({ feedUrl: INDEX, store: memory.store, fetch });
    expect(status.outcome).toBe('not-modified');
    expect(memory.replacements()).toBe(0);
    expect(requests).toHaveLength(1);
  });

  it('does not send an ETag that belongs to another feed URL or to the bundled feed', async () => {
    const stored = await storedFeed(3);
    for (const current of [
      { ...stored, sourceUrl: 'https://other.example.org/index.json' },
      { ...stored, source: 'bundled' as const },
    ]) {
      const memory = memoryStore(current);
      const { fetch, requests } = fakeFetch(feedRoutes(4));
      await syncFeed({ feedUrl: FEED, store: memory.store, fetch });
      expect(
        ((requests[0]!.init?.headers ?? {}) as Record<string, string>)['If-None-Match'],
      ).toBeUndefined();
      expect(memory.replacements()).toBe(1);
    }
  });

  it('does nothing for the same version and refuses an older one', async () => {
    const stored = await storedFeed(5);
    const same = memoryStore(stored);
    const sameFetch = fakeFetch(feedRoutes(5));
    const sameStatus = await syncFeed({ feedUrl: FEED, store: same.store, fetch: sameFetch.fetch });
    expect(sameStatus.outcome).toBe('up-to-date');
    expect(sameFetch.requests).toHaveLength(1);
    expect(same.replacements()).toBe(0);

    const older = memoryStore(stored);
    const status = await syncFeed({
      feedUrl: FEED,
      store: older.store,
      fetch: fakeFetch(feedRoutes(4)).fetch,
    });
    expect(status.outcome).toBe('failed');
    expect(status.error).toMatch(/older \(version 4\) than the one in use \(version 5\)/);
    expect(status.version).toBe(5);
    expect(older.replacements()).toBe(0);
  });

  const failures: [string, () => Record<string, Route>, RegExp][] = [
    [
      'a network error',
      () => ({ [INDEX]: { error: new TypeError('Failed to fetch') } }),
      /Could not reach .*Failed to fetch/,
    ],
    ['an HTTP error', () => ({ [INDEX]: { status: 503 } }), /answered HTTP 503/],
    ['malformed JSON', () => ({ [INDEX]: { body: '{"formatVersion": 1,' } }), /not valid JSON/],
    ['a schema error', () => ({ [INDEX]: { body: withVersion(0) } }), /feed format: version:/],
    [
      'an unknown format version',
      () => ({
        [INDEX]: { body: withVersion(9, (index) => Object.assign(index, { formatVersion: 2 })) },
      }),
      /formatVersion/,
    ],
    [
      'a shard whose hash does not match',
      () =>
        feedRoutes(9, {
          [`${FEED}shards/example-chat.json`]: {
            body: `${files.get('shards/example-chat.json')} `,
          },
        }),
      /does not match the index \(SHA-256/,
    ],
    [
      'a shard that fails to download',
      () => feedRoutes(9, { [`${FEED}shards/example-chat.json`]: { status: 404 } }),
      /shard of "example-chat".*HTTP 404/,
    ],
    [
      'a shard that fails the schema although its hash matches',
      () => {
        const bad = files
          .get('shards/example-chat.json')!
          .replace('"kind": "ai"', '"kind": "robot"');
        return {
          [INDEX]: {
            body: withVersion(9, (index) => {
              (index.platforms as { sha256: string }[])[0]!.sha256 = hashes.bad!;
            }),
          },
          [`${FEED}shards/example-chat.json`]: { body: bad },
        };
      },
      /shard of "example-chat" does not match the feed format: kind/,
    ],
  ];
  const hashes: { bad?: string } = {};
  beforeAll(async () => {
    hashes.bad = await sha256Hex(
      files.get('shards/example-chat.json')!.replace('"kind": "ai"', '"kind": "robot"'),
    );
  });

  it.each(failures)('keeps the last good feed on %s', async (_name, routes, message) => {
    const stored = await storedFeed(3);
    const memory = memoryStore(stored);
    const status = await syncFeed({
      feedUrl: FEED,
      store: memory.store,
      fetch: fakeFetch(routes()).fetch,
    });
    expect(status.outcome).toBe('failed');
    expect(status.error).toMatch(message);
    expect(status.message).toMatch(/The feed in use was kept\.$/);
    expect(memory.statuses).toEqual([status]);
    expect(memory.replacements()).toBe(0);
    expect(memory.current()).toBe(stored);
  });

  it('replaces nothing when one shard of several fails', async () => {
    const second = structuredClone(JSON.parse(files.get('shards/example-chat.json')!));
    second.id = 'second-chat';
    const secondBytes = serializeJson(second);
    const index = withVersion(7, (edited) => {
      const platforms = edited.platforms as Record<string, unknown>[];
      platforms.push({
        ...platforms[0]!,
        id: 'second-chat',
        shard: 'shards/second-chat.json',
      });
    });
    const memory = memoryStore(await storedFeed(3));
    const { fetch, requests } = fakeFetch({
      [INDEX]: { body: index },
      [`${FEED}shards/example-chat.json`]: { body: files.get('shards/example-chat.json')! },
      [`${FEED}shards/second-chat.json`]: { body: secondBytes.slice(0, 100) },
    });
    const status = await syncFeed({ feedUrl: FEED, store: memory.store, fetch });
    expect(status.outcome).toBe('failed');
    expect(requests.map((request) => request.url)).toContain(`${FEED}shards/second-chat.json`);
    expect(memory.replacements()).toBe(0);
    expect(memory.current()!.index.version).toBe(3);
  });

  it('keeps the last good feed when a shard download breaks off mid-body', async () => {
    const stored = await storedFeed(3);
    const memory = memoryStore(stored);
    const routes = feedRoutes(8);
    const shardUrl = `${FEED}shards/example-chat.json`;
    const fetch: FetchLike = async (url, init) => {
      if (url !== shardUrl) return fakeFetch(routes).fetch(url, init);
      const half = files.get('shards/example-chat.json')!.slice(0, 200);
      const body = new ReadableStream<Uint8Array>({
        start(controller) {
          controller.enqueue(new TextEncoder().encode(half));
          controller.error(new Error('connection reset'));
        },
      });
      return new Response(body, { status: 200 });
    };
    const status = await syncFeed({ feedUrl: FEED, store: memory.store, fetch });
    expect(status.error).toMatch(/download from .*example-chat\.json broke off: connection reset/);
    expect(memory.replacements()).toBe(0);
    expect(memory.current()).toBe(stored);
  });

  it('runs the index check hook on the exact bytes and refuses what it rejects', async () => {
    const memory = memoryStore();
    let seen = '';
    const status = await syncFeed({
      feedUrl: FEED,
      store: memory.store,
      fetch: fakeFetch(feedRoutes(2)).fetch,
      verifyIndex: (bytes) => {
        seen = new TextDecoder().decode(bytes);
        throw new Error('signature does not verify');
      },
    });
    expect(seen).toBe(withVersion(2));
    expect(status.error).toMatch(/refused: signature does not verify/);
    expect(memory.replacements()).toBe(0);
  });

  it('reports a store that cannot be read as a failure', async () => {
    const status = await syncFeed({
      feedUrl: FEED,
      store: {
        getCurrent: async () => {
          throw new Error('database closed');
        },
        replace: async () => {},
        setStatus: async () => {},
      },
      fetch: fakeFetch(feedRoutes(2)).fetch,
    });
    expect(status).toMatchObject({ outcome: 'failed', version: null });
    expect(status.error).toMatch(/database closed/);
  });
});

describe('resolveIndexUrl', () => {
  it('accepts https and loopback http, and finds index.json in a folder URL', () => {
    expect(resolveIndexUrl('https://feed.example.org/f').href).toBe(
      'https://feed.example.org/f/index.json',
    );
    expect(resolveIndexUrl('https://feed.example.org/f/index.json#x').href).toBe(
      'https://feed.example.org/f/index.json',
    );
    expect(resolveIndexUrl('http://127.0.0.1:8080/').href).toBe('http://127.0.0.1:8080/index.json');
    expect(resolveIndexUrl('http://localhost:1/feed.json').href).toBe(
      'http://localhost:1/feed.json',
    );
  });

  it('refuses plain http elsewhere, other schemes, credentials and invalid URLs', () => {
    expect(() => resolveIndexUrl('http://feed.example.org/')).toThrow(/https/);
    expect(() => resolveIndexUrl('file:///etc/passwd')).toThrow(/https/);
    expect(() => resolveIndexUrl('https://user:pw@feed.example.org/')).toThrow(/password/);
    expect(() => resolveIndexUrl('feed.example.org')).toThrow(/not a valid/);
  });

  it('makes syncFeed fail without any request', async () => {
    const memory = memoryStore();
    const { fetch, requests } = fakeFetch({});
    const status = await syncFeed({
      feedUrl: 'http://feed.example.org/',
      store: memory.store,
      fetch,
    });
    expect(status.outcome).toBe('failed');
    expect(requests).toHaveLength(0);
  });
});
