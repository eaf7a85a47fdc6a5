import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { platformSourceSchema } from '../../lib/feed/schema';
import {
  collectExcerpts,
  formatExcerptProblem,
  normalizeForExcerpt,
  verifyExcerpts,
} from '../../lib/feed/verify';

const root = resolve(import.meta.dirname, '../..');
const fixtures = join(root, 'tests/fixtures/feed');

function reader(archiveDir: string) {
  return (file: string) => {
    const path = resolve(archiveDir, file);
    return path.startsWith(`${archiveDir}/`) && existsSync(path)
      ? readFileSync(path, 'utf8')
      : null;
  };
}

function fixtureSource(folder: string) {
  return platformSourceSchema.parse(
    JSON.parse(readFileSync(join(fixtures, folder, 'example-chat.json'), 'utf8')),
  );
}

describe('normalizeForExcerpt', () => {
  it('drops markdown a reader does not see and folds white space', () => {
    expect(normalizeForExcerpt('See [our **policy**](https://x.example/p "t")\n  for  more.')).toBe(
      'See our policy for more.',
    );
    expect(normalizeForExcerpt('1\\. Data controller\n-----------------')).toBe(
      '1. Data controller',
    );
    expect(normalizeForExcerpt('## Heading\n\n* item _one_\n* item two')).toBe(
      'Heading item one item two',
    );
    expect(normalizeForExcerpt('a\u200bb\u00a0c')).toBe('ab c');
    expect(normalizeForExcerpt('keep snake_case_words and `code`')).toBe(
      'keep snake_case_words and code',
    );
  });

  it('keeps punctuation, case and quotes', () => {
    expect(normalizeForExcerpt('We “may” Share, data.')).toBe('We “may” Share, data.');
  });
});

describe('verifyExcerpts', () => {
  const readFixture = reader(join(fixtures, 'archive'));

  it('accepts excerpts found verbatim across links, emphasis and line breaks', () => {
    const source = fixtureSource('good');
    expect(collectExcerpts(source)).toHaveLength(9);
    expect(verifyExcerpts(source, readFixture)).toEqual([]);
  });

  it('reports each paraphrased excerpt with where it is', () => {
    const problems = verifyExcerpts(fixtureSource('non-verbatim'), readFixture);
    expect(problems.map(({ path, reason }) => ({ path, reason }))).toEqual([
      { path: 'provisions[1].excerpts[0]', reason: 'not-verbatim' },
      { path: 'aiTraining.carveOuts[0].excerpts[0]', reason: 'not-verbatim' },
    ]);
    expect(formatExcerptProblem(problems[0]!, 'x.json')).toMatch(
      /^x\.json: provisions\[1\]\.excerpts\[0\]: text not found verbatim in data\/archive\/example-chat\/privacy-policy\/2024-02-01T00-00-00Z\.md/,
    );
  });

  it('reports unknown versions and documents, and a version that lacks the text', () => {
    const problems = verifyExcerpts(fixtureSource('bad-version'), readFixture);
    expect(problems.map(({ path, reason }) => ({ path, reason }))).toEqual([
      { path: 'provisions[0].excerpts[0]', reason: 'unknown-version' },
      { path: 'aiTraining.tiers[0].excerpts[0]', reason: 'not-verbatim' },
      { path: 'aiTraining.humanReview.excerpts[0]', reason: 'unknown-document' },
    ]);
  });

  it('reports a cited archive file that does not exist', () => {
    const problems = verifyExcerpts(fixtureSource('good'), () => null);
    expect(new Set(problems.map((problem) => problem.reason))).toEqual(
      new Set(['archive-missing']),
    );
  });
});

describe('committed sources', () => {
  const platformsDir = join(root, 'data/platforms');
  const files = existsSync(platformsDir)
    ? readdirSync(platformsDir).filter((name) => name.endsWith('.json'))
    : [];
  const readArchive = reader(join(root, 'data/archive'));

  it.each(files)(
    'every excerpt of data/platforms/%s is verbatim in the version it cites',
    (name) => {
      const source = platformSourceSchema.parse(
        JSON.parse(readFileSync(join(platformsDir, name), 'utf8')),
      );
      const problems = verifyExcerpts(source, readArchive).map((problem) =>
        formatExcerptProblem(problem, `data/platforms/${name}`),
      );
      expect(problems).toEqual([]);
    },
  );
});
