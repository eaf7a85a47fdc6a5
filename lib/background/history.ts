import type { FineprintDb } from '../db/schema';
import type { ReadingHistoryEntry } from '../messaging/protocol';

/** The documents Fineprint remembers, most recently read first: what the user may delete. */
export async function listReadingHistory(db: FineprintDb): Promise<ReadingHistoryEntry[]> {
  const byDoc = new Map<string, ReadingHistoryEntry>();
  await db.snapshots.each((snapshot) => {
    const entry = byDoc.get(snapshot.docKey);
    if (!entry) {
      byDoc.set(snapshot.docKey, {
        docKey: snapshot.docKey,
        url: snapshot.url,
        title: snapshot.title,
        platformId: snapshot.platformId,
        lastReadAt: snapshot.takenAt,
        snapshots: 1,
      });
      return;
    }
    entry.snapshots += 1;
    if (snapshot.takenAt > entry.lastReadAt) {
      Object.assign(entry, {
        lastReadAt: snapshot.takenAt,
        url: snapshot.url,
        title: snapshot.title,
      });
    }
  });
  return [...byDoc.values()].sort((a, b) => b.lastReadAt - a.lastReadAt);
}

/** Deletes everything read, every change noticed and every watch: a clean slate. */
export async function forgetEverything(db: FineprintDb): Promise<void> {
  await db.transaction('rw', db.snapshots, db.changes, db.watches, async () => {
    await Promise.all([db.snapshots.clear(), db.changes.clear(), db.watches.clear()]);
  });
}
