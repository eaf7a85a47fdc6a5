import { describe, expect, it } from 'vitest';
import { classifyClauses } from '../../lib/analysis/classifier';
import { detectLanguage } from '../../lib/analysis/language';
import { classifierForLanguage, termsClassifier } from '../../lib/analysis/terms-classifier';
import german from '../../lib/analysis/terms-models/de.json';
import italian from '../../lib/analysis/terms-models/it.json';
import polish from '../../lib/analysis/terms-models/pl.json';
import { diffTexts } from '../../lib/diff/diff';
import { CLAUDETTE_TAG_TO_CATEGORY } from '../../lib/taxonomy';
import { classifyLine } from '../../scripts/cli/classify';

const TERMS_CATEGORIES = Object.values(CLAUDETTE_TAG_TO_CATEGORY);

/** A page's language, as the analyzer reads it from the page's text. */
const languageOfPage = (texts: readonly string[]) => detectLanguage(texts.join('\n'));
const classifyPage = (texts: readonly string[]) =>
  classifierForLanguage(languageOfPage(texts))(texts);

// Sentences written for these tests, not taken from the training data.
const GERMAN_PAGE = [
  'Nutzungsbedingungen',
  'Wir haften nicht für Schäden, die durch die Nutzung der Dienste entstehen.',
  'Für alle Streitigkeiten aus diesen Bedingungen sind ausschließlich die Gerichte in Dublin, Irland, zuständig.',
  'Diese Bedingungen unterliegen irischem Recht.',
  'Wir können diese Bedingungen jederzeit ändern.',
  'Durch die Nutzung der Dienste erklären Sie sich mit diesen Bedingungen einverstanden.',
  'Wir erheben Ihre personenbezogenen Daten und geben sie an Werbepartner weiter.',
];

describe('terms models of other languages', () => {
  it('have a head for each of the eight terms categories and nothing else', () => {
    for (const model of [german, italian, polish]) {
      expect(model.heads.map((head) => head.category).sort()).toEqual([...TERMS_CATEGORIES].sort());
    }
  });

  it('read a German page with the German model: its terms, not its privacy clauses', () => {
    expect(languageOfPage(GERMAN_PAGE)).toBe('de');
    const labels = classifyPage(GERMAN_PAGE);
    expect(labels).toEqual(termsClassifier('de').classifyClauses(GERMAN_PAGE));
    expect(labels.map((label) => label.categories)).toEqual([
      [],
      ['liability'],
      ['jurisdiction'],
      ['governing-law'],
      ['unilateral-change'],
      ['contract-by-using'],
      [],
    ]);
  });

  it('read Italian and Polish terms with their own models', () => {
    const italianPage = [
      'Le presenti condizioni sono regolate dalla legge irlandese.',
      'Per qualsiasi controversia è competente in via esclusiva il tribunale di Dublino.',
      'Non saremo responsabili per eventuali danni derivanti dall’uso dei servizi.',
    ];
    const polishPage = [
      'Niniejszy Regulamin podlega prawu irlandzkiemu.',
      'Wszelkie spory będą rozstrzygane wyłącznie przez sądy w Dublinie.',
      'Nie ponosimy odpowiedzialności za jakiekolwiek szkody wynikające z korzystania z usług.',
    ];
    const expected = [['governing-law'], ['jurisdiction'], ['liability']];
    expect(languageOfPage(italianPage)).toBe('it');
    expect(classifyPage(italianPage).map((label) => label.categories)).toEqual(expected);
    expect(languageOfPage(polishPage)).toBe('pl');
    expect(classifyPage(polishPage).map((label) => label.categories)).toEqual(expected);
  });

  it('leave English pages, and languages without a model, to the English model', () => {
    const english = [
      'We may share your personal information with advertising partners.',
      'These terms are governed by the laws of Ireland.',
    ];
    expect(classifyPage(english)).toEqual(classifyClauses(english));
    const french = [
      'Nous pouvons modifier les présentes conditions à tout moment.',
      'Les présentes conditions sont régies par le droit irlandais.',
    ];
    expect(languageOfPage(french)).toBe('fr');
    expect(classifyPage(french)).toEqual(classifyClauses(french));
  });
});

describe('cli classify', () => {
  it('reads a line as English unless it names a language with a terms model', () => {
    const german = 'Diese Bedingungen unterliegen irischem Recht.';
    expect(classifyLine({ text: german, language: 'de' }, 1).categories).toEqual(['governing-law']);
    expect(classifyLine({ text: german }, 2)).toEqual(classifyClauses([german])[0]);
    const english = 'We may share your personal information with advertising partners.';
    expect(classifyLine({ text: english, language: 'en' }, 3)).toEqual(
      classifyClauses([english])[0],
    );
    expect(() => classifyLine({ text: german, language: 'fr' }, 4)).toThrow(
      'line 4: no model for "language" "fr" (en, de, it, pl)',
    );
    expect(() => classifyLine({ language: 'de' }, 5)).toThrow('line 5: expected an object');
  });
});

describe('a diff of a German policy', () => {
  it("labels its changed clauses by the document's language, which they alone do not tell", () => {
    const opening = 'Wir freuen uns, dass Sie unsere Dienste nutzen und die Bedingungen lesen.';
    const before = { text: `${opening}\nDiese Bedingungen unterliegen deutschem Recht.` };
    const after = { text: `${opening}\nEs gilt irisches Recht.` };
    const changed = ['Diese Bedingungen unterliegen deutschem Recht.', 'Es gilt irisches Recht.'];
    expect(detectLanguage(changed.join('\n'))).not.toBe('de');
    const result = diffTexts(before, after, {
      classify: classifierForLanguage(detectLanguage(after.text)),
    });
    expect(result.changes.map((change) => [change.kind, change.categories])).toEqual([
      ['removed', ['governing-law']],
      ['added', []],
    ]);
  });
});
