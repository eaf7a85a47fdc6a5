import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type FineprintDb, openDb, type SnapshotClause } from '@/lib/db/schema';
import { clauseHash, fnv1a64 } from '@/lib/diff/normalize';
import {
  changedClauseHashes,
  docKeyFor,
  forgetDocument,
  markChangesSeen,
  type ReadingInput,
  recordReading,
  SNAPSHOTS_PER_DOCUMENT,
  unseenChanges,
} from '@/lib/tracking/reading-memory';

let db: FineprintDb;
beforeEach(() => {
  db = openDb(`memory-${crypto.randomUUID()}`);
});
afterEach(async () => {
  await db.delete();
});

function reading(texts: string[], url = 'https://example.com/privacy?ref=mail'): ReadingInput {
  const clauses: SnapshotClause[] = texts.map((text) => ({
    text,
    hash: clauseHash(text),
    categories: text.includes('train') ? ['ai-training'] : [],
    severity: text.includes('train') ? 'high' : null,
  }));
  return {
    url,
    title: 'Privacy',
    platformId: null,
    documentType: 'privacy-policy',
    textHash: fnv1a64(texts.join('\n')),
    clauses,
    via: 'visit',
  };
}

const V1 = ['We collect your email address.', 'We keep logs for 30 days.'];

describe('reading memory', () => {
  it('keys documents without query, fragment or trailing slash', () => {
    expect(docKeyFor('https://Example.com/privacy/?a=1#x')).toBe('https://example.com/privacy');
    // A hash router's documents share one path and differ in the fragment.
    expect(docKeyFor('https://app.example/#/about/privacy/?lang=en')).toBe(
      'https://app.example/#/about/privacy',
    );
    expect(docKeyFor('https://app.example/#!/terms')).toBe('https://app.example/#/terms');
    expect(docKeyFor('https://app.example/legal#terms')).toBe('https://app.example/legal');
  });

  it('records a first reading without raising a change', async () => {
    const outcome = await recordReading(db, reading(V1), 1000);
    expect(outcome).toEqual({ change: null, previousAt: null });
    await expect(db.snapshots.count()).resolves.toBe(1);
  });

  it('raises a change with the added clause when the policy gains one', async () => {
    await recordReading(db, reading(V1), 1000);
    const v2 = [...V1, 'We may use your conversations to train our models.'];
    const outcome = await recordReading(db, reading(v2), 2000);
    expect(outcome.previousAt).toBe(1000);
    expect(outcome.change).toMatchObject({
      docKey: 'https://example.com/privacy',
      previousAt: 1000,
      seen: 0,
      highestSeverity: 'high',
      items: [{ kind: 'added', after: v2[2] }],
    });
    const unseen = await unseenChanges(db, 'https://example.com/privacy');
    expect(unseen).toHaveLength(1);
    expect(changedClauseHashes(unseen, clauseHash)).toEqual(new Set([clauseHash(v2[2]!)]));
    await markChangesSeen(db, [unseen[0]!.id!]);
    await expect(unseenChanges(db)).resolves.toHaveLength(0);
  });

  it('ignores cosmetic edits: white space, case, invisible characters, punctuation', async () => {
    await recordReading(db, reading(V1), 1000);
    const cosmetic = ['We  collect your\u200b EMAIL address', 'We keep logs for 30 days!'];
    const outcome = await recordReading(db, reading(cosmetic), 2000);
    expect(outcome.change).toBeNull();
    await expect(db.changes.count()).resolves.toBe(0);
  });

  it('keeps a bounded history per document and forgets a document on request', async () => {
    for (let version = 0; version < SNAPSHOTS_PER_DOCUMENT + 3; version += 1) {
      await recordReading(
        db,
        reading([...V1, `Clause number ${version} about retention periods.`]),
        version + 1,
      );
    }
    await expect(db.snapshots.count()).resolves.toBe(SNAPSHOTS_PER_DOCUMENT);
    await forgetDocument(db, 'https://example.com/privacy');
    await expect(db.snapshots.count()).resolves.toBe(0);
    await expect(db.changes.count()).resolves.toBe(0);
  });
});
