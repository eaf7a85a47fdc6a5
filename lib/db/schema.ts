import { Dexie, type EntityTable } from 'dexie';
import type { FeedIndex, PlatformShard } from '../feed/schema';
import type { CategoryId, DocumentType, Severity } from '../taxonomy';

// Only the background opens this database. Every schema change adds a `version(n)` below with
// its upgrade, and a fixture of the previous version in tests/unit/db-migrations.test.ts.

export interface StoredFeed {
  /** Always 'current': one row, replaced in one transaction so readers never see half a feed. */
  key: 'current';
  index: FeedIndex;
  shards: Record<string, PlatformShard>;
  etag: string | null;
  source: 'bundled' | 'remote';
  sourceUrl: string | null;
  storedAt: number;
}

export interface SnapshotClause {
  hash: string;
  text: string;
  categories: CategoryId[];
  severity: Severity | null;
}

export interface Snapshot {
  id?: number;
  /** Document key: the policy URL without query, hash and trailing slash. */
  docKey: string;
  url: string;
  title: string;
  platformId: string | null;
  documentType: DocumentType | null;
  takenAt: number;
  via: 'visit' | 'watch';
  textHash: string;
  clauses: SnapshotClause[];
}

export interface ChangeItem {
  kind: 'added' | 'removed' | 'modified';
  before: string | null;
  after: string | null;
  categories: CategoryId[];
  severity: Severity | null;
}

export interface ChangeEvent {
  id?: number;
  docKey: string;
  url: string;
  title: string;
  platformId: string | null;
  detectedAt: number;
  /** When the previous snapshot was taken: "changed since you last read it on <date>". */
  previousAt: number;
  source: 'visit' | 'watch' | 'feed';
  summary: string;
  items: ChangeItem[];
  highestSeverity: Severity | null;
  /** 0 or 1: booleans are not indexable in IndexedDB. */
  seen: 0 | 1;
}

export interface Watch {
  docKey: string;
  url: string;
  title: string;
  platformId: string | null;
  addedAt: number;
  lastCheckedAt: number | null;
  lastCheckStatus: string | null;
}

/** Small records that are not the user's data: the last feed sync status. */
export interface MetaRecord {
  key: string;
  value: unknown;
}

export type FineprintDb = Dexie & {
  feed: EntityTable<StoredFeed, 'key'>;
  meta: EntityTable<MetaRecord, 'key'>;
  snapshots: EntityTable<Snapshot, 'id'>;
  changes: EntityTable<ChangeEvent, 'id'>;
  watches: EntityTable<Watch, 'docKey'>;
};

export const DB_NAME = 'fineprint';

export function openDb(name: string = DB_NAME): FineprintDb {
  const db = new Dexie(name) as FineprintDb;
  db.version(1).stores({
    feed: 'key',
    snapshots: '++id, docKey, [docKey+takenAt], takenAt',
    changes: '++id, docKey, seen, detectedAt',
    watches: 'docKey, addedAt',
  });
  db.version(2).stores({ meta: 'key' });
  return db;
}
