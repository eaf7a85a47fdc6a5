import { describe, expect, it } from 'vitest';
import { analyzeText } from '../../lib/analysis/analyze';
import type { ClauseContext } from '../../lib/analysis/classifier';
import { extractFromMarkdown } from '../../lib/analysis/markdown';
import type { ClauseLabel } from '../../lib/analysis/types';

// A stand-in classifier: the real one is trained elsewhere; here only the contract is under test.
function fakeClassify(texts: readonly string[]): ClauseLabel[] {
  return texts.map((text) =>
    /arbitration/i.test(text)
      ? { categories: ['arbitration'], severity: 'high' }
      : { categories: [], severity: null },
  );
}

const TERMS = extractFromMarkdown(
  '# Terms of Service\n\n## Disputes\n\nAny dispute goes to binding arbitration. You waive class actions.\n\n## Changes\n\nWe may change these terms.\n',
);

describe('analyzeText', () => {
  it('gives the classifier each clause with its heading and the clause before it', () => {
    let seen: readonly ClauseContext[] | undefined;
    analyzeText(TERMS, {
      classifierFor: () => (texts, contexts) => {
        seen = contexts;
        return fakeClassify(texts);
      },
    });
    expect(seen).toEqual([
      { heading: 'Disputes', previous: 'Disputes' },
      { heading: 'Disputes', previous: 'Any dispute goes to binding arbitration.' },
      { heading: 'Changes', previous: 'Changes' },
    ]);
  });

  it('segments, classifies in order and keeps offsets into the extracted text', () => {
    const asked: string[] = [];
    const result = analyzeText(TERMS, {
      url: 'https://acme.example/terms',
      classifierFor: (language) => {
        asked.push(language);
        return fakeClassify;
      },
    });
    // The classifier is chosen once, for the language of the whole text.
    expect(asked).toEqual(['en']);
    expect(result.isPolicy).toBe(true);
    expect(result.documentType).toBe('terms-of-service');
    expect(result.language).toBe('en');
    expect(
      result.clauses.map((clause) => [clause.text, clause.heading, clause.categories]),
    ).toEqual([
      ['Any dispute goes to binding arbitration.', 'Disputes', ['arbitration']],
      ['You waive class actions.', 'Disputes', []],
      ['We may change these terms.', 'Changes', []],
    ]);
    for (const clause of result.clauses) {
      expect(TERMS.text.slice(clause.start, clause.end)).toBe(clause.text);
    }
    expect(result.clauses[0]!.severity).toBe('high');
  });

  it('takes a given detection as is and detects from the text without a URL', () => {
    const given = analyzeText(TERMS, {
      detection: { isPolicy: false, documentType: null, confidence: 0.9, decidedBy: 'url' },
      classifierFor: () => fakeClassify,
    });
    expect(given.isPolicy).toBe(false);
    const fromText = analyzeText(TERMS, { classifierFor: () => fakeClassify });
    expect(fromText.documentType).toBe('terms-of-service');
  });

  it('says a page about a policy is not one, and does not call classify on empty text', () => {
    let calls = 0;
    const result = analyzeText(
      { text: '', headings: [], title: null },
      {
        url: 'https://acme.example/blog/privacy-tips',
        classifierFor: () => (texts) => {
          calls += 1;
          return fakeClassify(texts);
        },
      },
    );
    expect(result).toEqual({ isPolicy: false, documentType: null, language: 'und', clauses: [] });
    expect(calls).toBe(0);
  });

  it('rejects a classifier that returns the wrong number of labels', () => {
    expect(() => analyzeText(TERMS, { classifierFor: () => () => [] })).toThrow(/labels/);
  });
});
