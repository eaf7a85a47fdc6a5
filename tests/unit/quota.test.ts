import { type DBCore, type DBCoreKeyRange, type DBCoreTransaction, Dexie } from 'dexie';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { type FineprintDb, openDb, type Snapshot, type SnapshotClause } from '@/lib/db/schema';
import { clauseHash } from '@/lib/diff/normalize';
import { DEFAULT_SETTINGS, readSettings } from '@/lib/settings/settings';
import { exportUserData, ImportError, importUserData } from '@/lib/tracking/export';
import {
  markChangesSeen,
  type ReadingInput,
  recordReading,
  unseenChanges,
} from '@/lib/tracking/reading-memory';
import { isQuotaError, readStorageStatus } from '@/lib/tracking/storage-guard';

// A browser refuses a write once an origin's data reaches its quota. Here the database gets a
// byte budget over snapshots and change events: an add or put that would take the stored
// records past it fails with the browser's QuotaExceededError, so only freeing real space lets
// a retry through.

const BUDGETED = ['snapshots', 'changes'];
const ANY_KEY = { type: 3 } as DBCoreKeyRange;
const sizeOf = (value: unknown) => JSON.stringify(value).length;

interface Budget {
  bytes: number;
  refusals: number;
  /** Fails the next write with this instead (a failure that is not about space). */
  failNext: Error | null;
}

async function storedBytes(
  core: DBCore,
  trans: DBCoreTransaction,
  replacing: Map<string, Set<unknown>>,
): Promise<number> {
  let total = 0;
  const inScope = (trans as unknown as IDBTransaction).objectStoreNames;
  for (const name of BUDGETED) {
    if (!inScope.contains(name)) continue;
    const table = core.table(name);
    const { result } = await table.query({
      trans,
      values: true,
      query: { index: table.schema.primaryKey, range: ANY_KEY },
    });
    const keyPath = table.schema.primaryKey.keyPath as string;
    const replaced = replacing.get(name) ?? new Set();
    for (const value of result) if (!replaced.has(value[keyPath])) total += sizeOf(value);
  }
  return total;
}

function withBudget(db: FineprintDb): Budget {
  const budget: Budget = { bytes: Number.POSITIVE_INFINITY, refusals: 0, failNext: null };
  db.use({
    stack: 'dbcore',
    name: 'quota-budget',
    create: (down) => ({
      ...down,
      table: (name) => {
        const table = down.table(name);
        if (!BUDGETED.includes(name)) return table;
        return {
          ...table,
          mutate: async (request) => {
            if (budget.failNext) {
              const failure = budget.failNext;
              budget.failNext = null;
              throw failure;
            }
            if (request.type === 'add' || request.type === 'put') {
              const keyPath = table.schema.primaryKey.keyPath as string;
              const replacing = new Map([
                [name, new Set(request.values.map((value) => value[keyPath]))],
              ]);
              const used = await storedBytes(down, request.trans, replacing);
              const adding = request.values.reduce((sum, value) => sum + sizeOf(value), 0);
              if (used + adding > budget.bytes) {
                budget.refusals += 1;
                throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
              }
            }
            return table.mutate(request);
          },
        };
      },
    }),
  });
  return budget;
}

async function usedBytes(db: FineprintDb): Promise<number> {
  const rows = [...(await db.snapshots.toArray()), ...(await db.changes.toArray())];
  return rows.reduce((sum, row) => sum + sizeOf(row), 0);
}

/** The document key of `host`'s policy. */
const doc = (host: string) => `https://${host}/privacy`;

function reading(host: string, texts: string[], via: Snapshot['via'] = 'visit'): ReadingInput {
  const clauses: SnapshotClause[] = texts.map((text) => ({
    text,
    hash: clauseHash(text),
    categories: [],
    severity: null,
  }));
  return {
    url: `${doc(host)}?from=mail`,
    title: `Privacy of ${host}`,
    platformId: null,
    documentType: 'privacy-policy',
    textHash: clauseHash(texts.join('\n')),
    clauses,
    via,
  };
}

const BASE = [
  'We collect your email address and the messages you send.',
  'We keep server logs for ninety days and then delete them.',
  'You can ask for a copy of your personal data at any time.',
];
const version = (n: number) => [
  ...BASE,
  `Version ${n}: we share usage statistics with ${n} analytics partners for advertising.`,
];

let db: FineprintDb;
let budget: Budget;
beforeEach(async () => {
  fakeBrowser.reset();
  db = openDb(`quota-${crypto.randomUUID()}`);
  budget = withBudget(db);
  await db.open();
});
afterEach(async () => {
  await db.delete();
});

/** Readings a second apart. */
function makeClock(start = 1_000) {
  let now = start;
  return {
    tick() {
      now += 1000;
      return now;
    },
    get now() {
      return now;
    },
  };
}

/** A history: superseded snapshots, seen and unseen changes, over three documents. */
async function fillHistory() {
  const clock = makeClock();
  for (const doc of ['a.example', 'b.example']) {
    for (let n = 1; n <= 4; n += 1) await recordReading(db, reading(doc, version(n)), clock.tick());
  }
  await recordReading(db, reading('c.example', version(1)), clock.tick());
  // The user opened the first change of each document; the later ones are still unseen.
  const changes = await db.changes.orderBy('detectedAt').toArray();
  const firsts = new Map<string, number>();
  for (const change of changes)
    if (!firsts.has(change.docKey)) firsts.set(change.docKey, change.id!);
  await markChangesSeen(db, [...firsts.values()]);
  return clock.now;
}

describe('storage quota', () => {
  it('frees the oldest superseded snapshots and seen changes, then saves the reading', async () => {
    const now = await fillHistory();
    const before = await db.snapshots.toArray();
    const unseenBefore = await unseenChanges(db);
    const latestBefore = new Map(before.map((snapshot) => [snapshot.docKey, snapshot.id]));
    const input = reading('d.example', version(1));
    // Room for less than one more snapshot: only freeing space lets it in.
    budget.bytes = (await usedBytes(db)) + 100;

    const outcome = await recordReading(db, input, now + 1000);

    expect(budget.refusals).toBe(1);
    expect(outcome.storage).toMatchObject({ state: 'pruned' });
    expect(outcome.notice).toMatch(
      /^Storage was full: Fineprint removed \d+ older snapshots? and \d+ seen changes?/,
    );
    const after = await db.snapshots.toArray();
    expect(after.find((snapshot) => snapshot.docKey === doc('d.example'))).toMatchObject({
      textHash: input.textHash,
    });
    const removed = before.filter((snapshot) => !after.some((kept) => kept.id === snapshot.id));
    expect(removed.length).toBe(outcome.storage!.removedSnapshots);
    expect(removed.length).toBeGreaterThan(0);
    // The oldest went first, and never the latest snapshot of a document.
    const removedIds = new Set(removed.map((snapshot) => snapshot.id));
    for (const id of latestBefore.values()) expect(removedIds.has(id)).toBe(false);
    const survivorsOlderThanRemoved = after.filter(
      (snapshot) =>
        snapshot.takenAt < Math.max(...removed.map((gone) => gone.takenAt)) &&
        ![...latestBefore.values()].includes(snapshot.id),
    );
    expect(survivorsOlderThanRemoved).toEqual([]);
    await expect(unseenChanges(db)).resolves.toEqual(unseenBefore);
    expect(outcome.storage!.removedChanges).toBeGreaterThan(0);
    await expect(readStorageStatus(db)).resolves.toEqual(outcome.storage);
  });

  it('reports a reading that still does not fit, keeping the snapshot it is compared with', async () => {
    const now = await fillHistory();
    const previous = await db.snapshots.where('docKey').equals(doc('c.example')).last();
    const changesBefore = await db.changes.count();
    budget.bytes = 0;

    const outcome = await recordReading(db, reading('c.example', version(2)), now + 1000);

    expect(budget.refusals).toBe(2);
    expect(outcome).toMatchObject({ change: null, previousAt: previous!.takenAt });
    expect(outcome.storage).toMatchObject({ state: 'full' });
    expect(outcome.notice).toMatch(/^Storage is full: Fineprint could not save your reading/);
    await expect(db.snapshots.where('docKey').equals(doc('c.example')).toArray()).resolves.toEqual([
      previous,
    ]);
    // The change event the reading would have raised was rolled back with it.
    await expect(db.changes.count()).resolves.toBe(changesBefore - outcome.storage!.removedChanges);
    await expect(readStorageStatus(db)).resolves.toMatchObject({ state: 'full' });

    // Once there is room again, the same reading goes through and raises its change.
    budget.bytes = Number.POSITIVE_INFINITY;
    const retried = await recordReading(db, reading('c.example', version(2)), now + 2000);
    expect(retried.change).not.toBeNull();
    expect(retried.previousAt).toBe(previous!.takenAt);
  });

  it('frees the latest snapshots of unwatched documents only when there is nothing older', async () => {
    const clock = makeClock();
    for (const doc of ['a.example', 'b.example', 'c.example', 'd.example']) {
      await recordReading(db, reading(doc, version(1)), clock.tick());
    }
    await db.watches.put({
      docKey: doc('a.example'),
      url: doc('a.example'),
      title: 'A',
      platformId: null,
      addedAt: 0,
      lastCheckedAt: null,
      lastCheckStatus: null,
    });
    budget.bytes = (await usedBytes(db)) + 100;
    const outcome = await recordReading(db, reading('e.example', version(1)), clock.tick());
    expect(outcome.storage).toMatchObject({ state: 'pruned', removedSnapshots: 2 });
    const kept = (await db.snapshots.toArray()).map((snapshot) => snapshot.docKey);
    // The watched document stays; of the others, the two read longest ago went.
    expect(kept.sort()).toEqual([doc('a.example'), doc('d.example'), doc('e.example')]);
  });

  it('passes on errors that are not about space, freeing nothing', async () => {
    const now = await fillHistory();
    const before = await db.snapshots.count();
    budget.failNext = new DOMException('Key already exists.', 'ConstraintError');
    await expect(recordReading(db, reading('d.example', BASE), now + 1000)).rejects.toThrow(
      'Key already exists.',
    );
    await expect(db.snapshots.count()).resolves.toBe(before);
    await expect(readStorageStatus(db)).resolves.toBeNull();
  });

  it('refuses an import that does not fit, writing nothing and keeping the settings', async () => {
    await fillHistory();
    const file = await exportUserData(db, { ...DEFAULT_SETTINGS, watchIntervalHours: 3 }, 9_999);
    const target = openDb(`quota-import-${crypto.randomUUID()}`);
    const targetBudget = withBudget(target);
    await recordReading(target, reading('z.example', BASE), 1);
    targetBudget.bytes = (await usedBytes(target)) + 500;
    const snapshotsBefore = await target.snapshots.toArray();
    await expect(
      importUserData(target, file, async () => {
        throw new Error('settings must not be saved');
      }),
    ).rejects.toThrow(
      new ImportError('There is not enough storage space for this file: nothing was imported.'),
    );
    await expect(target.snapshots.toArray()).resolves.toEqual(snapshotsBefore);
    await expect(target.watches.count()).resolves.toBe(0);
    await expect(target.changes.count()).resolves.toBe(0);
    await expect(readSettings()).resolves.toEqual(DEFAULT_SETTINGS);
    await target.delete();
  });
});

describe('isQuotaError', () => {
  const quota = () => new DOMException('The quota has been exceeded.', 'QuotaExceededError');

  it('recognises the shapes browsers and Dexie give a full storage', () => {
    expect(isQuotaError(quota())).toBe(true);
    // Chrome: the commit fails and Dexie rejects with an AbortError around it.
    expect(isQuotaError(new Dexie.AbortError(quota()))).toBe(true);
    expect(isQuotaError(new Dexie.QuotaExceededError('full'))).toBe(true);
    expect(isQuotaError(new Dexie.BulkError('bulkAdd failed', { 3: quota() }))).toBe(true);
    expect(isQuotaError(new Error('write failed', { cause: quota() }))).toBe(true);
    expect(isQuotaError({ name: 'NS_ERROR_DOM_QUOTA_REACHED' })).toBe(true);
  });

  it('does not mistake other failures for it', () => {
    expect(isQuotaError(new Dexie.AbortError(new DOMException('x', 'ConstraintError')))).toBe(
      false,
    );
    expect(isQuotaError(new Dexie.AbortError())).toBe(false);
    expect(isQuotaError(new TypeError('QuotaExceededError'))).toBe(false);
    expect(isQuotaError('QuotaExceededError')).toBe(false);
    expect(isQuotaError(null)).toBe(false);
  });
});
