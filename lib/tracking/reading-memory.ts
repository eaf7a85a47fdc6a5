import { hashRoutePath } from '../analysis/normalise';
import type { ClauseLabel } from '../analysis/types';
import type { ChangeEvent, ChangeItem, FineprintDb, Snapshot, SnapshotClause } from '../db/schema';
import { describeChanges, diffClauses } from '../diff/diff';
import { clauseHash } from '../diff/normalize';
import { type DocumentType, type Severity, severityRank } from '../taxonomy';
import { type StorageStatus, writeWithRoom } from './storage-guard';

/** Snapshots kept per document and way of reading (visit or watch check), latest included. */
export const SNAPSHOTS_PER_DOCUMENT = 4;
/** Across all documents; the oldest snapshots of the least recently read documents go first. */
export const MAX_SNAPSHOTS = 400;
export const MAX_CHANGE_EVENTS = 1000;

/**
 * One document, whatever tracking parameters or anchor the address carried. A hash router's path
 * ("app.example/#/about/privacy") is kept: there the fragment, not the path, tells documents apart.
 */
export function docKeyFor(url: string): string {
  try {
    const parsed = new URL(url);
    const path = parsed.pathname.replace(/\/+$/, '') || '/';
    const route = hashRoutePath(parsed.hash)?.replace(/\/+$/, '') ?? '';
    return `${parsed.protocol}//${parsed.host.toLowerCase()}${path}${route ? `#${route}` : ''}`;
  } catch {
    return url;
  }
}

export interface ReadingInput {
  url: string;
  title: string;
  platformId: string | null;
  documentType: DocumentType | null;
  textHash: string;
  clauses: SnapshotClause[];
  via: Snapshot['via'];
}

export interface ReadingOutcome {
  /** The change found by this reading, if the policy changed since the previous snapshot. */
  change: ChangeEvent | null;
  /** When the user last read it before now (null on a first reading). */
  previousAt: number | null;
  /** Set when storage was full: older records were removed, or this reading was not saved. */
  notice?: string;
  storage?: StorageStatus;
}

function worstSeverity(items: readonly ChangeItem[]): Severity | null {
  let worst: Severity | null = null;
  for (const item of items) {
    if (item.severity && (!worst || severityRank(item.severity) > severityRank(worst))) {
      worst = item.severity;
    }
  }
  return worst;
}

/**
 * Stores what was just read and compares it with the previous snapshot of the same document.
 * A cosmetic-only difference refreshes the snapshot without raising a change.
 */
export async function recordReading(
  db: FineprintDb,
  input: ReadingInput,
  now: number,
  classify?: (texts: readonly string[]) => ClauseLabel[],
): Promise<ReadingOutcome> {
  const docKey = docKeyFor(input.url);
  const template: Snapshot = {
    docKey,
    url: input.url,
    title: input.title,
    platformId: input.platformId,
    documentType: input.documentType,
    takenAt: now,
    via: input.via,
    textHash: input.textHash,
    clauses: input.clauses,
  };
  const save = () =>
    db.transaction('rw', db.snapshots, db.changes, async (): Promise<ReadingOutcome> => {
      // A fresh record per attempt: adding one sets its id, which a rolled-back attempt must
      // not leave behind for the retry.
      const snapshot: Snapshot = { ...template };
      // A page read in the browser and the same page fetched by a watch check can differ (text
      // rendered by scripts), so each is compared with the last snapshot taken the same way.
      const previous = await latestSnapshot(db, docKey, input.via);
      if (!previous) {
        await db.snapshots.add(snapshot);
        return { change: null, previousAt: null };
      }
      if (previous.textHash === input.textHash) {
        await db.snapshots.update(previous.id!, {
          takenAt: now,
          url: input.url,
          title: input.title,
        });
        return { change: null, previousAt: previous.takenAt };
      }
      const diff = diffClauses(
        previous.clauses.map((clause) => clause.text),
        input.clauses.map((clause) => clause.text),
        classify ? { classify } : {},
      );
      if (!diff.substantive) {
        await db.snapshots.update(previous.id!, { ...snapshot });
        return { change: null, previousAt: previous.takenAt };
      }
      const severityOf = new Map<string, Severity | null>();
      for (const clause of [...previous.clauses, ...input.clauses]) {
        severityOf.set(clause.text, clause.severity);
      }
      // The same edit may already have been reported by the other way of reading (a watch check
      // before this visit, or the reverse): report only what is new.
      const reported = new Set(
        (await db.changes.where('docKey').equals(docKey).toArray())
          .filter((event) => event.detectedAt > previous.takenAt)
          .flatMap((event) => event.items.map(changeKey)),
      );
      const items: ChangeItem[] = diff.changes
        .map((change) => ({
          ...change,
          severity: severityOf.get(change.after ?? change.before ?? '') ?? null,
        }))
        .filter((item) => !reported.has(changeKey(item)));
      if (items.length === 0) {
        await db.snapshots.add(snapshot);
        await pruneDocument(db, docKey);
        return { change: null, previousAt: previous.takenAt };
      }
      const change: ChangeEvent = {
        docKey,
        url: input.url,
        title: input.title,
        platformId: input.platformId,
        detectedAt: now,
        previousAt: previous.takenAt,
        source: input.via,
        summary: describeChanges({ substantive: true, changes: items }),
        items,
        highestSeverity: worstSeverity(items),
        seen: 0,
      };
      change.id = await db.changes.add(change);
      await db.snapshots.add(snapshot);
      await pruneDocument(db, docKey);
      return { change, previousAt: previous.takenAt };
    });
  const saved = await writeWithRoom(db, save, {
    now,
    keepDocKey: docKey,
    what: `your reading of ${input.title || docKey}`,
  });
  if (!saved.ok) {
    // The failed attempt was rolled back: the previous snapshot is still the one to compare with.
    const previous = await latestSnapshot(db, docKey, input.via);
    return {
      change: null,
      previousAt: previous?.takenAt ?? null,
      notice: saved.status.message,
      storage: saved.status,
    };
  }
  return saved.status
    ? { ...saved.value, notice: saved.status.message, storage: saved.status }
    : saved.value;
}

/** The last snapshot of a document taken the same way (visit or watch check). */
function latestSnapshot(
  db: FineprintDb,
  docKey: string,
  via: Snapshot['via'],
): Promise<Snapshot | undefined> {
  return db.snapshots
    .where('[docKey+via+takenAt]')
    .between([docKey, via, 0], [docKey, via, Number.MAX_SAFE_INTEGER])
    .last();
}

function changeKey(item: Pick<ChangeItem, 'kind' | 'before' | 'after'>): string {
  return `${item.kind}|${item.before === null ? '' : clauseHash(item.before)}|${item.after === null ? '' : clauseHash(item.after)}`;
}

async function pruneDocument(db: FineprintDb, docKey: string) {
  const snapshots = await db.snapshots
    .where('[docKey+takenAt]')
    .between([docKey, 0], [docKey, Number.MAX_SAFE_INTEGER])
    .toArray();
  for (const via of ['visit', 'watch'] as const) {
    const ids = snapshots
      .filter((snapshot) => snapshot.via === via)
      .map((snapshot) => snapshot.id!);
    const excess = ids.length - SNAPSHOTS_PER_DOCUMENT;
    if (excess > 0) await db.snapshots.bulkDelete(ids.slice(0, excess));
  }
}

/** Keeps storage bounded: drops the oldest snapshots and seen change events past the caps. */
export async function pruneStorage(
  db: FineprintDb,
): Promise<{ snapshots: number; changes: number }> {
  let removedSnapshots = 0;
  const total = await db.snapshots.count();
  if (total > MAX_SNAPSHOTS) {
    const oldest = await db.snapshots
      .orderBy('takenAt')
      .limit(total - MAX_SNAPSHOTS)
      .primaryKeys();
    await db.snapshots.bulkDelete(oldest);
    removedSnapshots = oldest.length;
  }
  let removedChanges = 0;
  const changeCount = await db.changes.count();
  if (changeCount > MAX_CHANGE_EVENTS) {
    const seen = await db.changes
      .where('seen')
      .equals(1)
      .sortBy('detectedAt')
      .then((rows) => rows.slice(0, changeCount - MAX_CHANGE_EVENTS).map((row) => row.id!));
    await db.changes.bulkDelete(seen);
    removedChanges = seen.length;
  }
  return { snapshots: removedSnapshots, changes: removedChanges };
}

export async function unseenChanges(db: FineprintDb, docKey?: string): Promise<ChangeEvent[]> {
  const unseen = await db.changes.where('seen').equals(0).toArray();
  return docKey === undefined ? unseen : unseen.filter((change) => change.docKey === docKey);
}

export async function markChangesSeen(db: FineprintDb, ids: readonly number[]): Promise<void> {
  await db.changes
    .where('id')
    .anyOf([...ids])
    .modify({ seen: 1 });
}

/** Clauses of the page that a still-unseen change added or reworded, by clause hash. */
export function changedClauseHashes(
  changes: readonly ChangeEvent[],
  hashOf: (text: string) => string,
): Set<string> {
  const hashes = new Set<string>();
  for (const change of changes) {
    for (const item of change.items) if (item.after !== null) hashes.add(hashOf(item.after));
  }
  return hashes;
}

export async function forgetDocument(db: FineprintDb, docKey: string): Promise<void> {
  await db.transaction('rw', db.snapshots, db.changes, async () => {
    await db.snapshots.where('docKey').equals(docKey).delete();
    await db.changes.where('docKey').equals(docKey).delete();
  });
}
