import { afterEach, describe, expect, it } from 'vitest';
import { type FineprintDb, openDb } from '@/lib/db/schema';

let db: FineprintDb | null = null;
afterEach(async () => {
  await db?.delete();
  db = null;
});

describe('Dexie database', () => {
  it('stores and reads back a snapshot, indexed by document', async () => {
    db = openDb(`test-${crypto.randomUUID()}`);
    const id = await db.snapshots.add({
      docKey: 'https://example.com/privacy',
      url: 'https://example.com/privacy?utm=1',
      title: 'Privacy',
      platformId: null,
      documentType: 'privacy-policy',
      takenAt: 1000,
      via: 'visit',
      textHash: 'abc',
      clauses: [
        { hash: 'h1', text: 'We keep logs.', categories: ['data-retention'], severity: 'low' },
      ],
    });
    const byDoc = await db.snapshots
      .where('docKey')
      .equals('https://example.com/privacy')
      .toArray();
    expect(byDoc).toHaveLength(1);
    expect(byDoc[0]).toMatchObject({ id, takenAt: 1000, clauses: [{ hash: 'h1' }] });
  });

  it('survives closing and reopening the same database', async () => {
    const name = `test-${crypto.randomUUID()}`;
    db = openDb(name);
    await db.watches.put({
      docKey: 'https://example.com/terms',
      url: 'https://example.com/terms',
      title: 'Terms',
      platformId: null,
      addedAt: 5,
      lastCheckedAt: null,
      lastCheckStatus: null,
    });
    db.close();
    db = openDb(name);
    await expect(db.watches.get('https://example.com/terms')).resolves.toMatchObject({
      addedAt: 5,
    });
  });
});
