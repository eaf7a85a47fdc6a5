import type { ChangeEvent, FineprintDb } from '../db/schema';
import type { PlatformShard } from '../feed/schema';
import type { FeedStore, FeedSyncStatus } from '../feed/sync';
import { docKeyFor } from '../tracking/reading-memory';
import { writeWithRoom } from '../tracking/storage-guard';

const STATUS_KEY = 'feed-sync-status';

/** The background's FeedStore: the feed lives in one Dexie row, replaced in one transaction. */
export function createDexieFeedStore(db: FineprintDb, now: () => number = Date.now): FeedStore {
  return {
    async getCurrent() {
      const stored = await db.feed.get('current');
      if (!stored) return null;
      const { key: _key, storedAt: _storedAt, ...data } = stored;
      return data;
    },
    async replace(feed) {
      await db.transaction('rw', db.feed, async () => {
        await db.feed.put({ key: 'current', ...feed, storedAt: now() });
      });
    },
    async setStatus(status) {
      await db.meta.put({ key: STATUS_KEY, value: status });
    },
  };
}

export async function readSyncStatus(db: FineprintDb): Promise<FeedSyncStatus | null> {
  const record = await db.meta.get(STATUS_KEY);
  return (record?.value as FeedSyncStatus | undefined) ?? null;
}

/**
 * Change records a feed update brings for platforms the user has read or watches: each becomes
 * an alert like a change noticed on a visit.
 */
export async function feedChangeAlerts(
  db: FineprintDb,
  before: Readonly<Record<string, PlatformShard>>,
  after: Readonly<Record<string, PlatformShard>>,
  now: number,
): Promise<ChangeEvent[]> {
  const followed = new Set<string>();
  await db.snapshots.each((snapshot) => {
    if (snapshot.platformId) followed.add(snapshot.platformId);
  });
  await db.watches.each((watch) => {
    if (watch.platformId) followed.add(watch.platformId);
  });
  const alerts: ChangeEvent[] = [];
  for (const platformId of followed) {
    const shard = after[platformId];
    if (!shard) continue;
    const known = new Set(
      (before[platformId]?.changes ?? []).map((change) => `${change.document}|${change.date}`),
    );
    for (const change of shard.changes) {
      if (!change.substantive || known.has(`${change.document}|${change.date}`)) continue;
      const document = shard.documents.find((doc) => doc.id === change.document);
      if (!document) continue;
      alerts.push({
        docKey: docKeyFor(document.url),
        url: document.url,
        title: `${shard.name}: ${document.title}`,
        platformId,
        detectedAt: now,
        previousAt: Date.parse(change.date),
        source: 'feed',
        summary: change.summary,
        items: [],
        highestSeverity: null,
        seen: 0,
      });
    }
  }
  if (alerts.length === 0) return alerts;
  const written = await writeWithRoom(db, () => db.changes.bulkAdd(alerts), {
    now,
    keepDocKey: null,
    what: 'the changes a feed update brought',
  });
  return written.ok ? alerts : [];
}
