import { describe, expect, it } from 'vitest';
import type { ClauseContext } from '../../lib/analysis/classifier';
import type { ClauseLabel } from '../../lib/analysis/types';
import { type ClauseDiff, describeChanges, diffClauses, diffTexts } from '../../lib/diff/diff';
import type { CategoryId } from '../../lib/taxonomy';

const POLICY = [
  'We collect the messages you send to the assistant.',
  'We use your conversations to improve our models unless you opt out.',
  'We share data with service providers who process it for us.',
  'You can delete your account at any time from the settings page.',
  'These terms are governed by the laws of the State of California.',
];

const kinds = (diff: ClauseDiff) => diff.changes.map((change) => change.kind);

describe('diffClauses', () => {
  it('finds nothing between identical or cosmetically different versions', () => {
    expect(diffClauses(POLICY, POLICY)).toEqual({ substantive: false, changes: [] });
    const cosmetic = POLICY.map((clause) =>
      clause
        .replace(/ /g, '\u00A0 ')
        .replace('our models', '[our models](https://x)')
        .toUpperCase(),
    );
    expect(diffClauses(POLICY, cosmetic)).toEqual({ substantive: false, changes: [] });
  });

  it('treats a moved clause as unchanged', () => {
    const moved = [POLICY[4]!, ...POLICY.slice(0, 4)];
    expect(diffClauses(POLICY, moved).changes).toEqual([]);
  });

  it('treats a clause split in two or two merged into one as unchanged', () => {
    const split = [
      ...POLICY.slice(0, 3),
      'You can delete your account at any time;',
      'from the settings page.',
      POLICY[4]!,
    ];
    expect(diffClauses(POLICY, split).changes).toEqual([]);
    expect(diffClauses(split, POLICY).changes).toEqual([]);
  });

  it('reports reworded, removed and added clauses where they are, removals first', () => {
    const after = [
      POLICY[0]!,
      'We use your conversations to train and improve our models unless you opt out in settings.',
      'Staff may review conversations flagged by our safety systems.',
      POLICY[3]!,
      POLICY[4]!,
    ];
    const diff = diffClauses(POLICY, after);
    expect(diff.substantive).toBe(true);
    expect(diff.changes).toEqual([
      { kind: 'modified', before: POLICY[1], after: after[1], categories: [] },
      { kind: 'removed', before: POLICY[2], after: null, categories: [] },
      { kind: 'added', before: null, after: after[2], categories: [] },
    ]);
  });

  it('does not pair unrelated clauses as reworded', () => {
    const after = [...POLICY.slice(0, 4), 'Disputes go to binding arbitration in Delaware.'];
    expect(kinds(diffClauses(POLICY, after))).toEqual(['removed', 'added']);
  });

  it('counts a duplicated clause as added', () => {
    const after = [...POLICY, POLICY[0]!];
    expect(diffClauses(POLICY, after).changes).toEqual([
      { kind: 'added', before: null, after: POLICY[0], categories: [] },
    ]);
  });

  it('ignores markup-only clauses on either side', () => {
    expect(diffClauses(POLICY, ['---', ...POLICY, '[](https://x)']).changes).toEqual([]);
  });

  it('asks the classifier once and unites both sides of a reworded clause', () => {
    const calls: (readonly string[])[] = [];
    const contexts: (readonly ClauseContext[] | undefined)[] = [];
    const classify = (
      texts: readonly string[],
      context?: readonly ClauseContext[],
    ): ClauseLabel[] => {
      calls.push(texts);
      contexts.push(context);
      return texts.map((text) => {
        const categories: CategoryId[] = [];
        if (/train/.test(text)) categories.push('ai-training');
        if (/opt out/.test(text)) categories.push('opt-out');
        if (/share/.test(text)) categories.push('data-sharing');
        return { categories, severity: null };
      });
    };
    const after = [
      POLICY[0]!,
      'We use your conversations to train our models.',
      ...POLICY.slice(3),
    ];
    const diff = diffClauses(POLICY, after, { classify });
    expect(calls).toHaveLength(1);
    expect(diff.changes.map((change) => [change.kind, change.categories])).toEqual([
      ['modified', ['ai-training', 'opt-out']],
      ['removed', ['data-sharing']],
    ]);
    // Each changed clause comes with the clause before it in its own version.
    expect(contexts[0]).toEqual([
      { previous: POLICY[0] },
      { previous: POLICY[0] },
      { previous: POLICY[1] },
    ]);
  });

  it('stays exact on large documents with scattered edits', () => {
    const size = 3000;
    const words = (seed: number) =>
      Array.from({ length: 14 }, (_, k) => `w${(seed * 7919 + k * 104729) % 5003}`).join(' ');
    const before = Array.from({ length: size }, (_, index) => `Clause ${index}: ${words(index)}.`);
    const after = before.slice();
    after[100] = `${before[100]} And a new proviso about arbitration.`;
    after.splice(2000, 1);
    after.splice(500, 0, 'An entirely new clause about children under thirteen.');
    after.reverse();
    const diff = diffClauses(before, after);
    expect(diff.changes.map((change) => [change.kind, change.before, change.after])).toEqual(
      expect.arrayContaining([
        ['modified', before[100], after[after.length - 1 - 100]],
        ['removed', before[2000], null],
        ['added', null, 'An entirely new clause about children under thirteen.'],
      ]),
    );
    expect(diff.changes).toHaveLength(3);
  });

  it('pairs reworded clauses in a large rewrite where nothing is left equal', () => {
    const before = Array.from(
      { length: 2500 },
      (_, index) => `Section ${index} says term${index} applies to topic${index % 97} and more.`,
    );
    const after = before.map((clause) => clause.replace('applies to', 'covers'));
    const diff = diffClauses(before, after);
    expect(diff.changes).toHaveLength(2500);
    expect(
      diff.changes.every(
        (change, index) => change.kind === 'modified' && change.before === before[index],
      ),
    ).toBe(true);
  });
});

describe('diffTexts', () => {
  it('segments both texts into clauses before comparing', () => {
    const diff = diffTexts(
      { text: `${POLICY.join(' ')}\n\nWe never sell your data.` },
      { text: POLICY.join('\n\n') },
    );
    expect(diff.changes).toEqual([
      { kind: 'removed', before: 'We never sell your data.', after: null, categories: [] },
    ]);
  });

  it('compares headings too, whichever role a line has', () => {
    const headed = (title: string) => ({
      text: `${title}\n\n${POLICY.join(' ')}`,
      headings: [{ start: 0, end: title.length, level: 2, text: title }],
    });
    const plain = { text: `Your data\n\n${POLICY.join(' ')}` };
    expect(diffTexts(headed('Your data'), plain).changes).toEqual([]);
    expect(
      diffTexts(headed('How we use your data'), headed('How we use your personal data')).changes,
    ).toEqual([
      {
        kind: 'modified',
        before: 'How we use your data',
        after: 'How we use your personal data',
        categories: [],
      },
    ]);
  });
});

describe('describeChanges', () => {
  const change = (
    kind: 'added' | 'removed' | 'modified',
    categories: CategoryId[] = [],
  ): ClauseDiff['changes'][number] => ({
    kind,
    before: kind === 'added' ? null : 'old',
    after: kind === 'removed' ? null : 'new',
    categories,
  });

  it('counts the kinds of change and names the categories touched', () => {
    const diff: ClauseDiff = {
      substantive: true,
      changes: [
        change('added', ['ai-training']),
        change('added', ['ai-training', 'data-sharing']),
        change('added'),
        change('removed', ['data-sharing']),
        change('modified', ['ai-training']),
        change('modified'),
      ],
    };
    expect(describeChanges(diff)).toBe(
      '3 clauses added, 1 removed, 2 reworded; touches AI training and data sharing',
    );
  });

  it('uses the singular and caps the list of categories', () => {
    const diff: ClauseDiff = {
      substantive: true,
      changes: [change('removed', ['arbitration', 'jurisdiction', 'governing-law', 'tracking'])],
    };
    expect(describeChanges(diff, { maxCategories: 2 })).toBe(
      '1 clause removed; touches tracking, arbitration and 2 more',
    );
  });

  it('says when nothing changed', () => {
    expect(describeChanges({ substantive: false, changes: [] })).toBe('No change in wording');
  });
});
