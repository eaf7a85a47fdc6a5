import { describe, expect, it } from 'vitest';
import { segmentClauses, type TextHeading } from '../../lib/analysis/segment';

function texts(text: string, headings: TextHeading[] = []): string[] {
  return segmentClauses(text, headings).map((clause) => clause.text);
}

describe('segmentClauses', () => {
  it('does not split at common abbreviations', () => {
    expect(
      texts(
        'We collect data, e.g. your name, i.e. what you tell us. Acme Inc. is based in the U.S. and relies on Art. 6(1)(f) GDPR. See No. 5 below.',
      ),
    ).toEqual([
      'We collect data, e.g. your name, i.e. what you tell us.',
      'Acme Inc. is based in the U.S. and relies on Art. 6(1)(f) GDPR.',
      'See No. 5 below.',
    ]);
  });

  it('keeps URLs, e-mail addresses and decimals whole', () => {
    expect(
      texts(
        'Visit https://example.com/privacy.html or write to privacy@example.com. It costs 3.50 EUR!',
      ),
    ).toEqual([
      'Visit https://example.com/privacy.html or write to privacy@example.com.',
      'It costs 3.50 EUR!',
    ]);
  });

  it('still splits "no." when no number follows', () => {
    expect(texts('You may say no. Then we stop.')).toEqual(['You may say no.', 'Then we stop.']);
  });

  it('treats list items as clauses and drops their markers', () => {
    expect(
      texts(
        'We use your data to:\n1. provide the service;\n(a) improve it.\niv. comply with law.\n• sell ads',
      ),
    ).toEqual([
      'We use your data to:',
      'provide the service;',
      'improve it.',
      'comply with law.',
      'sell ads',
    ]);
  });

  it('splits all-caps legal paragraphs into sentences', () => {
    expect(
      texts(
        'THE SERVICES ARE PROVIDED "AS IS." WE DISCLAIM ALL WARRANTIES. NO ADVICE CREATES ANY WARRANTY.',
      ),
    ).toEqual([
      'THE SERVICES ARE PROVIDED "AS IS."',
      'WE DISCLAIM ALL WARRANTIES.',
      'NO ADVICE CREATES ANY WARRANTY.',
    ]);
  });

  it('splits Chinese and Japanese sentences without spaces', () => {
    expect(texts('我们收集您的信息。您可以删除它！データを保存します。')).toEqual([
      '我们收集您的信息。',
      '您可以删除它！',
      'データを保存します。',
    ]);
  });

  it('keeps closing quotes and brackets and repeated terminators with their sentence', () => {
    expect(
      texts(
        '他说：“我们不出售数据。”之后呢？！（见第3条。）结束。She asked "Why?!" Then left.) It ended…. Yes!',
      ),
    ).toEqual([
      '他说：“我们不出售数据。”',
      '之后呢？！',
      '（见第3条。）',
      '结束。',
      'She asked "Why?!"',
      'Then left.)',
      'It ended….',
      'Yes!',
    ]);
  });

  it('joins hard-wrapped lines but not separate paragraphs', () => {
    expect(texts('This line is hard\nwrapped in the middle. Next one.\n\nA new paragraph')).toEqual(
      ['This line is hard\nwrapped in the middle.', 'Next one.', 'A new paragraph'],
    );
  });

  it('gives offsets into the text and attaches the nearest heading', () => {
    const text =
      'Intro sentence.\nData we collect\nWe collect email. We keep it.\nYour rights\nYou can object.';
    const headings: TextHeading[] = ['Data we collect', 'Your rights'].map((heading) => ({
      start: text.indexOf(heading),
      end: text.indexOf(heading) + heading.length,
      level: 2,
      text: heading,
    }));
    const clauses = segmentClauses(text, headings);
    expect(clauses.map((clause) => [clause.text, clause.heading])).toEqual([
      ['Intro sentence.', null],
      ['We collect email.', 'Data we collect'],
      ['We keep it.', 'Data we collect'],
      ['You can object.', 'Your rights'],
    ]);
    for (const clause of clauses) expect(text.slice(clause.start, clause.end)).toBe(clause.text);
  });

  it('cuts very long run-on clauses at semicolons, then at a hard bound', () => {
    const part =
      'you shall not copy, modify or distribute any part of the services without consent';
    const runOn = `${Array.from({ length: 12 }, () => part).join('; ')}.`;
    const pieces = texts(runOn);
    expect(pieces.length).toBeGreaterThan(1);
    for (const piece of pieces) expect(piece.length).toBeLessThanOrEqual(800);
    const noPunctuation = 'word '.repeat(2000);
    const cut = segmentClauses(noPunctuation);
    expect(cut.length).toBeGreaterThan(10);
    for (const clause of cut) {
      expect(clause.end - clause.start).toBeLessThanOrEqual(800);
      expect(noPunctuation.slice(clause.start, clause.end)).toBe(clause.text);
    }
  });

  it('skips fragments without words', () => {
    expect(texts('---\n\n1.\n\n* * *\n\nReal text.')).toEqual(['Real text.']);
  });

  it('handles a large text in linear time without recursion', () => {
    const big = 'We collect your data, e.g. cookies. '.repeat(100_000);
    const clauses = segmentClauses(big);
    expect(clauses).toHaveLength(100_000);
  });
});
