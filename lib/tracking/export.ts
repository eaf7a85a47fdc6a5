import { z } from 'zod';
import type { ChangeEvent, FineprintDb, Snapshot } from '../db/schema';
import { type Settings, settingsSchema } from '../settings/settings';
import { categoryIdSchema, documentTypeSchema, severitySchema } from '../taxonomy';
import { isQuotaError } from './storage-guard';

// The user's own data as one JSON file: validated field by field on import so a damaged or
// hostile file is refused whole and nothing already stored is touched.

export const EXPORT_FORMAT = 'fineprint-user-data';
export const EXPORT_VERSION = 1;

const text = (max: number) => z.string().max(max);
const clauseSchema = z.object({
  hash: text(64),
  text: text(20_000),
  categories: z.array(categoryIdSchema).max(30),
  severity: severitySchema.nullable(),
});
const snapshotSchema = z.object({
  docKey: text(2048),
  url: text(2048),
  title: text(1000),
  platformId: text(80).nullable(),
  documentType: documentTypeSchema.nullable(),
  takenAt: z.number().int().nonnegative(),
  via: z.enum(['visit', 'watch']),
  textHash: text(64),
  clauses: z.array(clauseSchema).max(20_000),
});
const changeItemSchema = z.object({
  kind: z.enum(['added', 'removed', 'modified']),
  before: text(20_000).nullable(),
  after: text(20_000).nullable(),
  categories: z.array(categoryIdSchema).max(30),
  severity: severitySchema.nullable(),
});
const changeSchema = z.object({
  docKey: text(2048),
  url: text(2048),
  title: text(1000),
  platformId: text(80).nullable(),
  detectedAt: z.number().int().nonnegative(),
  previousAt: z.number().int().nonnegative(),
  source: z.enum(['visit', 'watch', 'feed']),
  summary: text(2000),
  items: z.array(changeItemSchema).max(20_000),
  highestSeverity: severitySchema.nullable(),
  seen: z.union([z.literal(0), z.literal(1)]),
});
const watchSchema = z.object({
  docKey: text(2048),
  url: text(2048),
  title: text(1000),
  platformId: text(80).nullable(),
  addedAt: z.number().int().nonnegative(),
  lastCheckedAt: z.number().int().nonnegative().nullable(),
  lastCheckStatus: text(2000).nullable(),
});

export const userDataSchema = z.object({
  format: z.literal(EXPORT_FORMAT),
  version: z.literal(EXPORT_VERSION),
  exportedAt: z.number().int().nonnegative(),
  settings: settingsSchema,
  watches: z.array(watchSchema).max(10_000),
  snapshots: z.array(snapshotSchema).max(10_000),
  changes: z.array(changeSchema).max(10_000),
});
export type UserData = z.infer<typeof userDataSchema>;

export async function exportUserData(
  db: FineprintDb,
  settings: Settings,
  now: number,
): Promise<UserData> {
  const strip = <T extends { id?: number }>({ id: _id, ...rest }: T) => rest;
  return {
    format: EXPORT_FORMAT,
    version: EXPORT_VERSION,
    exportedAt: now,
    settings,
    watches: await db.watches.toArray(),
    snapshots: (await db.snapshots.toArray()).map(strip),
    changes: (await db.changes.toArray()).map(strip),
  };
}

export class ImportError extends Error {}

type Identified<T> = Omit<T, 'id'>;
const snapshotIdentity = (row: Identified<Snapshot>) =>
  JSON.stringify([row.docKey, row.via, row.takenAt, row.textHash]);
// A feed update raises several alerts for one document at the same moment: the summary tells
// them apart.
const changeIdentity = (row: Identified<ChangeEvent>) =>
  JSON.stringify([row.docKey, row.source, row.detectedAt, row.summary]);

function isNew(known: Set<string>, key: string): boolean {
  if (known.has(key)) return false;
  known.add(key);
  return true;
}

/** Validates a file's content, then merges it in one transaction: all of it or none. */
export async function importUserData(
  db: FineprintDb,
  raw: unknown,
  saveSettings: (settings: Settings) => Promise<unknown>,
): Promise<{ watches: number; snapshots: number; changes: number }> {
  const parsed = userDataSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ImportError(
      `This is not a Fineprint export: ${issue?.message ?? 'invalid'}${issue?.path.length ? ` at ${issue.path.join('.')}` : ''}`,
    );
  }
  const data = parsed.data;
  const merge = db.transaction('rw', db.watches, db.snapshots, db.changes, async () => {
    await db.watches.bulkPut(data.watches);
    // Importing the same file twice, or a file holding records twice, adds each record once.
    const snapshotKeys = new Set((await db.snapshots.toArray()).map(snapshotIdentity));
    await db.snapshots.bulkAdd(
      data.snapshots.filter((row) => isNew(snapshotKeys, snapshotIdentity(row))),
    );
    const changeKeys = new Set((await db.changes.toArray()).map(changeIdentity));
    await db.changes.bulkAdd(data.changes.filter((row) => isNew(changeKeys, changeIdentity(row))));
  });
  // Deleting the user's history to fit an import is not ours to decide: refuse it whole instead.
  await merge.catch((error: unknown) => {
    throw isQuotaError(error)
      ? new ImportError('There is not enough storage space for this file: nothing was imported.')
      : error;
  });
  await saveSettings(data.settings);
  return {
    watches: data.watches.length,
    snapshots: data.snapshots.length,
    changes: data.changes.length,
  };
}
