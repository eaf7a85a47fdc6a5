import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { Dexie } from 'dexie';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { DB_VERSION, type FineprintDb, openDb, type Snapshot } from '@/lib/db/schema';
import { readSettings, settingsItem } from '@/lib/settings/settings';
import { exportUserData, userDataSchema } from '@/lib/tracking/export';
import { recordReading } from '@/lib/tracking/reading-memory';

// Data written by every earlier version, opened by the current code. A new schema version adds
// the fixture of the version before it (tests/fixtures/db/vN.json) and, when its upgrade changes
// records or adds indexes, one entry in AFTER_UPGRADE_TO.

const FIXTURES = resolve('tests/fixtures/db');

interface DbFixture {
  version: number;
  stores: Record<string, string>;
  tables: Record<string, Record<string, unknown>[]>;
}

interface SettingsFixture {
  version: number;
  storage: Record<string, unknown>;
  expected: unknown;
}

function fixturesMatching<T>(pattern: RegExp): { file: string; fixture: T }[] {
  return readdirSync(FIXTURES)
    .filter((file) => pattern.test(file))
    .map((file) => ({ file, fixture: JSON.parse(readFileSync(resolve(FIXTURES, file), 'utf8')) }))
    .sort((a, b) => a.fixture.version - b.fixture.version);
}

const dbFixtures = fixturesMatching<DbFixture>(/^v\d+\.json$/);
const settingsFixtures = fixturesMatching<SettingsFixture>(/^settings-v\d+\.json$/);

const rows = <T>(fixture: DbFixture, table: string) => (fixture.tables[table] ?? []) as T[];

/** What the upgrade to a version must have done to older data, beyond keeping every record. */
const AFTER_UPGRADE_TO: Record<number, (db: FineprintDb, fixture: DbFixture) => Promise<void>> = {
  3: async (db, fixture) => {
    const snapshots = rows<Snapshot>(fixture, 'snapshots');
    for (const { docKey, via } of snapshots) {
      const indexed = await db.snapshots
        .where('[docKey+via+takenAt]')
        .between([docKey, via, 0], [docKey, via, Number.MAX_SAFE_INTEGER])
        .toArray();
      expect(indexed).toEqual(
        snapshots
          .filter((row) => row.docKey === docKey && row.via === via)
          .sort((a, b) => a.takenAt - b.takenAt),
      );
    }
    const seenOldestFirst = await db.changes
      .where('[seen+detectedAt]')
      .between([1, 0], [1, Number.MAX_SAFE_INTEGER])
      .primaryKeys();
    expect(seenOldestFirst).toEqual(
      rows<{ id: number; seen: number; detectedAt: number }>(fixture, 'changes')
        .filter((row) => row.seen === 1)
        .sort((a, b) => a.detectedAt - b.detectedAt)
        .map((row) => row.id),
    );
  },
};

let names: string[] = [];
afterEach(async () => {
  for (const name of names) await Dexie.delete(name);
  names = [];
});

/** A database exactly as the old version left it: only that version's schema declared. */
async function createAtVersion(fixture: DbFixture): Promise<string> {
  const name = `migration-v${fixture.version}-${crypto.randomUUID()}`;
  names.push(name);
  const old = new Dexie(name);
  old.version(fixture.version).stores(fixture.stores);
  await old.open();
  expect(old.verno).toBe(fixture.version);
  await old.transaction('rw', old.tables, async () => {
    for (const [table, records] of Object.entries(fixture.tables)) {
      await old.table(table).bulkAdd(records);
    }
  });
  old.close();
  return name;
}

describe('database migrations', () => {
  it('has a fixture of every earlier schema version', () => {
    expect(dbFixtures.map(({ fixture }) => fixture.version)).toEqual(
      Array.from({ length: DB_VERSION - 1 }, (_, index) => index + 1),
    );
  });

  for (const { file, fixture } of dbFixtures) {
    describe(`from version ${fixture.version} (${file})`, () => {
      let db: FineprintDb;
      beforeEach(async () => {
        db = openDb(await createAtVersion(fixture));
        await db.open();
      });
      afterEach(() => db.close());

      it('opens at the current version with every record intact', async () => {
        expect(db.verno).toBe(DB_VERSION);
        for (const [table, records] of Object.entries(fixture.tables)) {
          expect(records.length, `${table} fixture rows`).toBeGreaterThan(0);
          await expect(db.table(table).toArray(), table).resolves.toEqual(records);
        }
      });

      it('ran every later upgrade', async () => {
        for (let version = fixture.version + 1; version <= DB_VERSION; version += 1) {
          await AFTER_UPGRADE_TO[version]?.(db, fixture);
        }
      });

      it('exports the old records in the current file format', async () => {
        const exported = userDataSchema.parse(
          await exportUserData(db, await readSettings(), Date.now()),
        );
        expect(exported.watches).toHaveLength(rows(fixture, 'watches').length);
        expect(exported.snapshots).toHaveLength(rows(fixture, 'snapshots').length);
        expect(exported.changes).toHaveLength(rows(fixture, 'changes').length);
      });

      it('compares the next reading of each document with its old snapshot', async () => {
        const latest = new Map<string, Snapshot>();
        for (const snapshot of rows<Snapshot>(fixture, 'snapshots')) {
          const key = `${snapshot.docKey}|${snapshot.via}`;
          if ((latest.get(key)?.takenAt ?? -1) < snapshot.takenAt) latest.set(key, snapshot);
        }
        expect(latest.size).toBeGreaterThan(1);
        const now = Math.max(...[...latest.values()].map((snapshot) => snapshot.takenAt)) + 1000;
        for (const snapshot of latest.values()) {
          const outcome = await recordReading(db, snapshot, now);
          expect(outcome.previousAt, snapshot.docKey).toBe(snapshot.takenAt);
          expect(outcome.change).toBeNull();
        }
      });
    });
  }
});

describe('settings migrations', () => {
  beforeEach(() => fakeBrowser.reset());

  it('has a fixture of the first settings version', () => {
    expect(settingsFixtures.map(({ fixture }) => fixture.version)).toContain(1);
  });

  for (const { file, fixture } of settingsFixtures) {
    it(`reads settings stored by version ${fixture.version} (${file})`, async () => {
      await fakeBrowser.storage.local.set(fixture.storage);
      await settingsItem.migrate();
      await expect(readSettings()).resolves.toEqual(fixture.expected);
    });
  }
});
