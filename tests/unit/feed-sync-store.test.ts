import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createDexieFeedStore, feedChangeAlerts } from '@/lib/background/feed-sync';
import { forgetEverything, listReadingHistory } from '@/lib/background/history';
import { type FineprintDb, openDb } from '@/lib/db/schema';
import { type PlatformShard, platformShardSchema } from '@/lib/feed/schema';

let db: FineprintDb;
beforeEach(() => {
  db = openDb(`feed-store-${crypto.randomUUID()}`);
});
afterEach(async () => {
  await db.delete();
});

function shard(id: string, changes: { date: string; substantive: boolean }[]): PlatformShard {
  return platformShardSchema.parse({
    id,
    name: id,
    kind: 'platform',
    hosts: [{ domain: `${id}.example` }],
    documents: [
      {
        id: 'privacy-policy',
        type: 'privacy-policy',
        title: 'Privacy',
        url: `https://${id}.example/privacy`,
      },
    ],
    provisions: [],
    changes: changes.map((change) => ({
      document: 'privacy-policy',
      summary: '1 clause added',
      categories: ['data-sharing'],
      ...change,
    })),
  });
}

const snapshot = (platformId: string | null, docKey: string, takenAt: number) => ({
  docKey,
  url: docKey,
  title: docKey,
  platformId,
  documentType: 'privacy-policy' as const,
  takenAt,
  via: 'visit' as const,
  textHash: 'h',
  clauses: [],
});

describe('feed change alerts', () => {
  it('raise an alert for a new substantive change of a platform read, and none for others', async () => {
    await db.snapshots.add(snapshot('read', 'https://read.example/privacy', 1));
    const before = { read: shard('read', [{ date: '2025-01-01', substantive: true }]) };
    const after = {
      read: shard('read', [
        { date: '2025-01-01', substantive: true },
        { date: '2025-06-01', substantive: true },
        { date: '2025-07-01', substantive: false },
      ]),
      unread: shard('unread', [{ date: '2025-06-01', substantive: true }]),
    };
    const alerts = await feedChangeAlerts(db, before, after, 1000);
    expect(alerts.map((alert) => [alert.platformId, alert.previousAt, alert.source])).toEqual([
      ['read', Date.parse('2025-06-01'), 'feed'],
    ]);
    await expect(db.changes.count()).resolves.toBe(1);
  });
});

describe('Dexie feed store', () => {
  it('replaces the stored feed as a whole and reads it back without its bookkeeping', async () => {
    const store = createDexieFeedStore(db, () => 42);
    expect(await store.getCurrent()).toBeNull();
    const feed = {
      index: {
        formatVersion: 1 as const,
        version: 3,
        publishedAt: '2025-01-01',
        languages: ['en'],
        platforms: [],
      },
      shards: {},
      etag: '"v3"',
      source: 'remote' as const,
      sourceUrl: 'https://feed.example/index.json',
    };
    await store.replace(feed);
    expect(await store.getCurrent()).toEqual(feed);
    await expect(db.feed.get('current')).resolves.toMatchObject({ storedAt: 42 });
  });
});

describe('reading history', () => {
  it('lists documents most recently read first, and forgets everything on request', async () => {
    await db.snapshots.bulkAdd([
      snapshot(null, 'https://a.example/privacy', 1),
      snapshot(null, 'https://b.example/terms', 5),
      snapshot(null, 'https://a.example/privacy', 9),
    ]);
    const history = await listReadingHistory(db);
    expect(history.map((entry) => [entry.docKey, entry.lastReadAt, entry.snapshots])).toEqual([
      ['https://a.example/privacy', 9, 2],
      ['https://b.example/terms', 5, 1],
    ]);
    await forgetEverything(db);
    await expect(listReadingHistory(db)).resolves.toEqual([]);
  });
});
