import { Dexie, type EntityTable, type Transaction } from 'dexie';
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

/**
 * Every schema the database has had, oldest first. Never edit a published entry: add the next
 * version with its changed stores (and an upgrade when records must change shape), plus a
 * fixture of the version before it in tests/fixtures/db/.
 */
export const SCHEMA_VERSIONS: readonly {
  version: number;
  stores: Record<string, string | null>;
  upgrade?: (transaction: Transaction) => Promise<void>;
}[] = [
  {
    version: 1,
    stores: {
      feed: 'key',
      snapshots: '++id, docKey, [docKey+takenAt], takenAt',
      changes: '++id, docKey, seen, detectedAt',
      watches: 'docKey, addedAt',
    },
  },
  { version: 2, stores: { meta: 'key' } },
  {
    // Freeing space when storage is full looks for superseded snapshots (not the latest of their
    // document and way of reading) and the oldest change events already seen, without reading
    // every record.
    version: 3,
    stores: {
      snapshots: '++id, docKey, [docKey+takenAt], takenAt, [docKey+via+takenAt]',
      changes: '++id, docKey, seen, detectedAt, [seen+detectedAt]',
    },
  },
];

export const DB_VERSION = SCHEMA_VERSIONS[SCHEMA_VERSIONS.length - 1]!.version;

export function openDb(name: string = DB_NAME): FineprintDb {
  const db = new Dexie(name) as FineprintDb;
  for (const { version, stores, upgrade } of SCHEMA_VERSIONS) {
    const declared = db.version(version).stores(stores);
    if (upgrade) declared.upgrade(upgrade);
  }
  return db;
}
