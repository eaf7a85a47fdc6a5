import { z } from 'zod';
import type { FineprintDb } from '../db/schema';

// When the browser's storage quota is reached, a reading must not fail: the oldest history is
// dropped to make room, and what could not be saved is reported instead of thrown.

export const STORAGE_STATUS_KEY = 'storage-status';

export const storageStatusSchema = z.object({
  /** 'pruned': storage was full and older records made room; 'full': a write failed even so. */
  state: z.enum(['pruned', 'full']),
  at: z.number().int().nonnegative(),
  message: z.string().max(1000),
  removedSnapshots: z.number().int().nonnegative(),
  removedChanges: z.number().int().nonnegative(),
});
export type StorageStatus = z.infer<typeof storageStatusSchema>;

const QUOTA_NAMES = new Set(['QuotaExceededError', 'NS_ERROR_DOM_QUOTA_REACHED']);

/**
 * Chrome fails the commit (Dexie: an AbortError carrying the QuotaExceededError), Firefox fails
 * the request (Dexie: QuotaExceededError), bulk writes list their failures: look through all.
 */
export function isQuotaError(error: unknown, depth = 0): boolean {
  if (typeof error !== 'object' || error === null || depth > 5) return false;
  const { name, inner, cause, failures } = error as {
    name?: unknown;
    inner?: unknown;
    cause?: unknown;
    failures?: unknown;
  };
  if (typeof name === 'string' && QUOTA_NAMES.has(name)) return true;
  if (isQuotaError(inner, depth + 1) || isQuotaError(cause, depth + 1)) return true;
  return Array.isArray(failures) && failures.some((failure) => isQuotaError(failure, depth + 1));
}

export interface FreedSpace {
  snapshots: number;
  changes: number;
}

const oldestShare = <T>(items: readonly T[]): T[] => items.slice(0, Math.ceil(items.length / 2));

/**
 * Frees room by deleting, oldest first, half of the snapshots a newer snapshot of the same
 * document and way of reading has superseded, and half of the change events already seen. Only
 * when there is none of those does it drop the latest snapshots of unwatched documents. The
 * latest snapshot of `keepDocKey` (the document being saved) and unseen changes always stay.
 */
export async function freeSpace(db: FineprintDb, keepDocKey: string | null): Promise<FreedSpace> {
  return db.transaction('rw', db.snapshots, db.changes, db.watches, async () => {
    const entries: { key: [string, string, number]; id: number }[] = [];
    await db.snapshots.orderBy('[docKey+via+takenAt]').eachKey((key, cursor) => {
      entries.push({ key: key as [string, string, number], id: cursor.primaryKey as number });
    });
    const superseded: { id: number; takenAt: number }[] = [];
    const latest: { id: number; takenAt: number; docKey: string }[] = [];
    entries.forEach(({ key: [docKey, via, takenAt], id }, position) => {
      const next = entries[position + 1]?.key;
      const entry = { id, takenAt, docKey };
      if (next && next[0] === docKey && next[1] === via) superseded.push(entry);
      else latest.push(entry);
    });
    const byAge = (a: { takenAt: number }, b: { takenAt: number }) => a.takenAt - b.takenAt;
    const seenChanges = await db.changes
      .where('[seen+detectedAt]')
      .between([1, 0], [1, Number.MAX_SAFE_INTEGER])
      .primaryKeys();
    let snapshotIds = oldestShare(superseded.sort(byAge)).map((entry) => entry.id);
    const changeIds = oldestShare(seenChanges);
    if (snapshotIds.length === 0 && changeIds.length === 0) {
      const watched = new Set(await db.watches.toCollection().primaryKeys());
      const expendable = latest.filter(
        (entry) => entry.docKey !== keepDocKey && !watched.has(entry.docKey),
      );
      snapshotIds = oldestShare(expendable.sort(byAge)).map((entry) => entry.id);
    }
    await db.snapshots.bulkDelete(snapshotIds);
    await db.changes.bulkDelete(changeIds);
    return { snapshots: snapshotIds.length, changes: changeIds.length };
  });
}

export type GuardedWrite<T> =
  | { ok: true; value: T; status: StorageStatus | null }
  | { ok: false; status: StorageStatus };

/**
 * Runs `write` (one transaction, so a failed attempt leaves nothing behind); when storage is
 * full, frees space and tries once more. Any other error is thrown as it came.
 */
export async function writeWithRoom<T>(
  db: FineprintDb,
  write: () => Promise<T>,
  options: { now: number; keepDocKey: string | null; what: string },
): Promise<GuardedWrite<T>> {
  try {
    return { ok: true, value: await write(), status: null };
  } catch (error) {
    if (!isQuotaError(error)) throw error;
  }
  const freed = await freeSpace(db, options.keepDocKey);
  const removed = `${freed.snapshots} older snapshot${freed.snapshots === 1 ? '' : 's'} and ${freed.changes} seen change${freed.changes === 1 ? '' : 's'}`;
  try {
    const value = await write();
    const status: StorageStatus = {
      state: 'pruned',
      at: options.now,
      message: `Storage was full: Fineprint removed ${removed} to save ${options.what}.`,
      removedSnapshots: freed.snapshots,
      removedChanges: freed.changes,
    };
    await saveStorageStatus(db, status);
    return { ok: true, value, status };
  } catch (error) {
    if (!isQuotaError(error)) throw error;
    const status: StorageStatus = {
      state: 'full',
      at: options.now,
      message: `Storage is full: Fineprint could not save ${options.what}, even after removing ${removed}. What it saved before is kept.`,
      removedSnapshots: freed.snapshots,
      removedChanges: freed.changes,
    };
    await saveStorageStatus(db, status);
    return { ok: false, status };
  }
}

async function saveStorageStatus(db: FineprintDb, status: StorageStatus): Promise<void> {
  try {
    await db.meta.put({ key: STORAGE_STATUS_KEY, value: status });
  } catch (error) {
    // A full disk may refuse even this small record; the caller still returns the notice.
    if (!isQuotaError(error)) throw error;
  }
}

export async function readStorageStatus(db: FineprintDb): Promise<StorageStatus | null> {
  const record = await db.meta.get(STORAGE_STATUS_KEY);
  const parsed = storageStatusSchema.safeParse(record?.value);
  return parsed.success ? parsed.data : null;
}
