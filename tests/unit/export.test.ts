import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type FineprintDb, openDb } from '@/lib/db/schema';
import { DEFAULT_SETTINGS, type Settings } from '@/lib/settings/settings';
import {
  EXPORT_FORMAT,
  exportUserData,
  ImportError,
  importUserData,
  type UserData,
} from '@/lib/tracking/export';

// The user's data leaves as one JSON file and comes back through importUserData: whatever the
// file holds, either all of it is merged or nothing is touched.

const fixture = JSON.parse(readFileSync(resolve('tests/fixtures/db/v2.json'), 'utf8')) as {
  tables: Record<string, Record<string, unknown>[]>;
};

const SETTINGS: Settings = {
  feedUrl: 'https://feed.example/fineprint/index.json',
  highlightDisabledHosts: ['docs.example.com'],
  watchIntervalHours: 6,
  notifications: true,
};

let opened: FineprintDb[] = [];
function freshDb(): FineprintDb {
  const db = openDb(`export-${crypto.randomUUID()}`);
  opened.push(db);
  return db;
}
afterEach(async () => {
  for (const db of opened) await db.delete();
  opened = [];
});

/** A database holding a user's realistic history (the version-2 fixture's records). */
async function filledDb(): Promise<FineprintDb> {
  const db = freshDb();
  await db.transaction('rw', db.snapshots, db.changes, db.watches, async () => {
    await db.snapshots.bulkAdd(fixture.tables.snapshots as never[]);
    await db.changes.bulkAdd(fixture.tables.changes as never[]);
    await db.watches.bulkAdd(fixture.tables.watches as never[]);
  });
  return db;
}

/** What a file round-trips through: the text the options page downloads and reads back. */
const asFile = (data: UserData): unknown => JSON.parse(JSON.stringify(data, null, 2));

async function contents(db: FineprintDb) {
  const strip = <T extends { id?: number }>({ id: _id, ...rest }: T) => rest;
  return {
    watches: await db.watches.toArray(),
    snapshots: (await db.snapshots.toArray()).map(strip),
    changes: (await db.changes.toArray()).map(strip),
  };
}

function settingsSink() {
  const saved: Settings[] = [];
  return { saved, save: async (settings: Settings) => void saved.push(settings) };
}

describe('export and import', () => {
  let source: FineprintDb;
  let file: unknown;
  beforeEach(async () => {
    source = await filledDb();
    file = asFile(await exportUserData(source, SETTINGS, 1_775_000_000_000));
  });

  it('exports every watch, snapshot and change with the settings', async () => {
    expect(file).toMatchObject({ format: EXPORT_FORMAT, version: 1, settings: SETTINGS });
    const data = file as UserData;
    expect(data.watches).toHaveLength(fixture.tables.watches!.length);
    expect(data.snapshots).toHaveLength(fixture.tables.snapshots!.length);
    expect(data.changes).toHaveLength(fixture.tables.changes!.length);
    // Record ids belong to one browser's database, not to the file.
    expect(data.snapshots.some((snapshot) => 'id' in snapshot)).toBe(false);
  });

  it('round-trips into a fresh profile', async () => {
    const target = freshDb();
    const sink = settingsSink();
    await expect(importUserData(target, file, sink.save)).resolves.toEqual({
      watches: fixture.tables.watches!.length,
      snapshots: fixture.tables.snapshots!.length,
      changes: fixture.tables.changes!.length,
    });
    expect(await contents(target)).toEqual(await contents(source));
    expect(sink.saved).toEqual([SETTINGS]);
  });

  it('adds nothing twice when the same file is imported again, or into its own profile', async () => {
    const target = freshDb();
    const sink = settingsSink();
    await importUserData(target, file, sink.save);
    const once = await contents(target);
    await importUserData(target, file, sink.save);
    expect(await contents(target)).toEqual(once);

    await importUserData(source, file, sink.save);
    expect(await contents(source)).toEqual(once);
  });

  it('keeps records of the profile that the file does not have', async () => {
    const target = freshDb();
    await target.watches.put({
      docKey: 'https://kept.example/terms',
      url: 'https://kept.example/terms',
      title: 'Kept',
      platformId: null,
      addedAt: 1,
      lastCheckedAt: null,
      lastCheckStatus: null,
    });
    await importUserData(target, file, settingsSink().save);
    await expect(target.watches.get('https://kept.example/terms')).resolves.toMatchObject({
      title: 'Kept',
    });
    await expect(target.watches.count()).resolves.toBe(fixture.tables.watches!.length + 1);
  });
});

describe('a damaged or hostile file', () => {
  let target: FineprintDb;
  let valid: UserData;
  beforeEach(async () => {
    valid = asFile(await exportUserData(await filledDb(), SETTINGS, 1)) as UserData;
    target = freshDb();
    await target.watches.put({
      docKey: 'https://already.example/privacy',
      url: 'https://already.example/privacy',
      title: 'Already watched',
      platformId: null,
      addedAt: 1,
      lastCheckedAt: null,
      lastCheckStatus: null,
    });
  });

  const damaged: [string, (data: UserData) => unknown][] = [
    ['not an object', () => 'fineprint'],
    ['an array', (data) => [data]],
    ['another format', (data) => ({ ...data, format: 'something-else' })],
    ['a future version', (data) => ({ ...data, version: 2 })],
    ['no watches', ({ watches: _watches, ...data }) => data],
    [
      'settings out of range',
      (data) => ({ ...data, settings: { ...data.settings, watchIntervalHours: 0 } }),
    ],
    [
      'an unknown severity deep inside the last snapshot',
      (data) => {
        const snapshots = structuredClone(data.snapshots);
        (snapshots.at(-1)!.clauses[0] as { severity: string }).severity = 'catastrophic';
        return { ...data, snapshots };
      },
    ],
    [
      'a time written as text',
      (data) => ({
        ...data,
        changes: data.changes.map((c, i) =>
          i === 3 ? { ...c, detectedAt: String(c.detectedAt) } : c,
        ),
      }),
    ],
    [
      'a title of a megabyte',
      (data) => ({
        ...data,
        watches: [...data.watches, { ...data.watches[0]!, title: 'x'.repeat(1_000_000) }],
      }),
    ],
    ['a snapshot that is null', (data) => ({ ...data, snapshots: [...data.snapshots, null] })],
  ];

  for (const [what, damage] of damaged) {
    it(`is refused whole when it has ${what}, changing nothing`, async () => {
      const before = await contents(target);
      const sink = settingsSink();
      await expect(
        importUserData(target, damage(structuredClone(valid)), sink.save),
      ).rejects.toBeInstanceOf(ImportError);
      expect(await contents(target)).toEqual(before);
      expect(sink.saved).toEqual([]);
    });
  }

  it('says what is wrong and where', async () => {
    const snapshots = structuredClone(valid.snapshots);
    (snapshots[2] as { via: string }).via = 'telepathy';
    await expect(
      importUserData(target, { ...valid, snapshots }, settingsSink().save),
    ).rejects.toThrow(/^This is not a Fineprint export: .* at snapshots\.2\.via$/);
  });

  it('keeps markup, script URLs and prototype keys as inert strings', async () => {
    const hostileText = '<img src=x onerror="alert(1)"><script>alert(2)</script>';
    const hostile = JSON.parse(
      JSON.stringify({
        ...valid,
        settings: { ...valid.settings, highlightDisabledHosts: ['javascript:alert(3)'] },
        watches: [
          {
            ...valid.watches[0]!,
            docKey: 'javascript:alert(4)',
            url: 'javascript:alert(4)',
            title: hostileText,
            lastCheckStatus: '{{constructor.constructor("alert(5)")()}}',
          },
        ],
        snapshots: [
          { ...valid.snapshots[0]!, id: 1, title: hostileText, injected: '<b>extra field</b>' },
        ],
      }).replace('"injected"', '"__proto__":{"polluted":"yes"},"injected"'),
    );
    const victim = freshDb();
    const existing = await victim.snapshots.add({ ...valid.snapshots[1]!, title: 'Mine' });
    const sink = settingsSink();
    await importUserData(victim, hostile, sink.save);

    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    const watch = await victim.watches.get('javascript:alert(4)');
    expect(watch).toMatchObject({ title: hostileText, url: 'javascript:alert(4)' });
    expect(typeof watch!.lastCheckStatus).toBe('string');
    const snapshots = await victim.snapshots.toArray();
    // A file's record id does not overwrite the profile's record with that id.
    expect(snapshots.find((snapshot) => snapshot.id === existing)).toMatchObject({ title: 'Mine' });
    const imported = snapshots.find((snapshot) => snapshot.title === hostileText)!;
    expect(Object.keys(imported).sort()).toEqual([
      'clauses',
      'docKey',
      'documentType',
      'id',
      'platformId',
      'takenAt',
      'textHash',
      'title',
      'url',
      'via',
    ]);
    expect(Object.getPrototypeOf(imported)).toBe(Object.prototype);
    expect(sink.saved[0]!.highlightDisabledHosts).toEqual(['javascript:alert(3)']);
  });
});

describe('settings in a file', () => {
  it('are the validated ones, not defaults, when the file is good', async () => {
    const db = freshDb();
    const sink = settingsSink();
    const data = asFile(await exportUserData(db, { ...DEFAULT_SETTINGS, notifications: true }, 5));
    await importUserData(db, data, sink.save);
    expect(sink.saved).toEqual([{ ...DEFAULT_SETTINGS, notifications: true }]);
  });
});
