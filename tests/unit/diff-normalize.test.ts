import { describe, expect, it } from 'vitest';
import {
  clauseHash,
  comparisonTokens,
  fnv1a64,
  normalizeForComparison,
} from '../../lib/diff/normalize';

describe('normalizeForComparison', () => {
  const same = (a: string, b: string) =>
    expect(normalizeForComparison(a)).toBe(normalizeForComparison(b));
  const different = (a: string, b: string) =>
    expect(normalizeForComparison(a)).not.toBe(normalizeForComparison(b));

  it('folds white space of every kind', () => {
    same('We  collect\n data.', 'We collect data.');
    same('We\u00A0collect\u202Fdata\u3000now', 'We collect data now');
  });

  it('drops invisible characters', () => {
    same('We\u200B col\u00ADlect\u2060 da\u200Dta\uFEFF\u200E.', 'We collect data.');
  });

  it('drops markup and link targets but keeps link text', () => {
    same('See our [Privacy Policy](https://a.example/privacy).', 'See our Privacy Policy.');
    same('See our [Privacy Policy](https://b.example/p_(x)).', 'See our **Privacy Policy**.');
    same('See <a href="/x">our</a> <br/>policy &amp; terms', 'See our policy & terms');
    same('### [](#)About Our Services', 'About Our Services');
    same('| Cookie | Purpose |', 'Cookie Purpose');
  });

  it('ignores case, quote and dash styles, and trailing punctuation', () => {
    same('You DON’T own “Output” — we do.', 'you don\'t own "output" - we do');
    same('We may share data, including logs', 'We may share data including logs.');
  });

  it('ignores list numbering', () => {
    same('3. You must be 13.', 'You must be 13.');
    same('(iv) You must be 13.', '(b) You must be 13.');
    same('* c. Facilitating spyware', '* Facilitating spyware');
  });

  it('keeps words, numbers and signs that change the meaning', () => {
    different('You must be 13 years old.', 'You must be 18 years old.');
    different('We keep data for 10.5 days.', 'We keep data for 105 days.');
    different('A fee of 10% applies.', 'A fee of 10 applies.');
    different('We do not sell your data.', 'We sell your data.');
    different('Did you agree?', 'You did agree.');
  });

  it('treats the two English date orders alike', () => {
    same('Effective 15 September 2025', 'Effective September 15, 2025');
    different('Effective 15 September 2025', 'Effective September 16, 2025');
  });

  it('gives an empty key for markup-only clauses', () => {
    expect(normalizeForComparison('---')).toBe('');
    expect(normalizeForComparison('[](https://x.ai/legal)')).toBe('');
  });
});

describe('comparisonTokens', () => {
  it('splits words, and unspaced scripts into character pairs', () => {
    expect(comparisonTokens('we collect data')).toEqual(['we', 'collect', 'data']);
    expect(comparisonTokens('我们收集')).toEqual(['我们', '们收', '收集']);
    expect(comparisonTokens('')).toEqual([]);
  });
});

describe('fnv1a64 / clauseHash', () => {
  it('matches the published FNV-1a 64 test vectors', () => {
    expect(fnv1a64('')).toBe('cbf29ce484222325');
    expect(fnv1a64('a')).toBe('af63dc4c8601ec8c');
    expect(fnv1a64('foobar')).toBe('85944171f73967e8');
  });

  it('hashes UTF-8 bytes, astral characters included', () => {
    // Reference value computed with Python over 'é€😀'.encode('utf-8').
    expect(fnv1a64('é€😀')).toBe('0a289ca40199fa06');
  });

  it('is equal for cosmetically equal clauses and differs otherwise', () => {
    expect(clauseHash('We  sell [data](https://x).')).toBe(clauseHash('we sell data'));
    expect(clauseHash('We sell data')).not.toBe(clauseHash('We share data'));
    expect(clauseHash('x')).toMatch(/^[0-9a-f]{16}$/);
  });
});
