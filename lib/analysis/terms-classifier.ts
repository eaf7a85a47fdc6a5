import {
  type ClauseClassifier,
  type ClauseContext,
  classifyClauses,
  createClassifier,
} from './classifier';
import {
  detectLanguage,
  hasTermsModel,
  LANGUAGE_SAMPLE_LENGTH,
  type TermsModelLanguage,
} from './language';
import german from './terms-models/de.json';
import italian from './terms-models/it.json';
import polish from './terms-models/pl.json';
import type { ClauseLabel } from './types';

// The terms models of the languages besides English that CLAUDETTE annotates (`npm run train`):
// the eight terms categories and severity, nothing of privacy or AI. Kept out of classifier.ts so
// that the bundles which import it (the in-page analyzer) carry only the English model; the
// analyzer loads these from their own script when a page is in one of the languages.
const MODELS: Readonly<Record<TermsModelLanguage, unknown>> = {
  de: german,
  it: italian,
  pl: polish,
};

const classifiers = new Map<TermsModelLanguage, ClauseClassifier>();

export function termsClassifier(language: TermsModelLanguage): ClauseClassifier {
  let classifier = classifiers.get(language);
  if (!classifier) {
    classifier = createClassifier(MODELS[language]);
    classifiers.set(language, classifier);
  }
  return classifier;
}

/** The language of a page's clauses, read from about as much text as `detectLanguage` reads. */
export function languageOfClauses(texts: readonly string[]): string {
  const sample: string[] = [];
  let length = 0;
  for (const text of texts) {
    if (length >= LANGUAGE_SAMPLE_LENGTH) break;
    sample.push(text);
    length += text.length + 1;
  }
  return detectLanguage(sample.join('\n'));
}

/**
 * `classifyClauses` for a page in any language: German, Italian and Polish pages are read by their
 * terms model, every other page by the bundled English model.
 */
export function classifyClausesInTheirLanguage(
  texts: readonly string[],
  contexts?: readonly ClauseContext[],
): ClauseLabel[] {
  const language = languageOfClauses(texts);
  return hasTermsModel(language)
    ? termsClassifier(language).classifyClauses(texts, contexts)
    : classifyClauses(texts, contexts);
}
