import { type ClauseClassifier, classifyClauses, createClassifier } from './classifier';
import { hasTermsModel, type TermsModelLanguage } from './language';
import german from './terms-models/de.json';
import italian from './terms-models/it.json';
import polish from './terms-models/pl.json';

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

/**
 * How to classify a document's clauses, given the document's language (`detectLanguage` of its
 * whole text, known before any clause is classified): German, Italian and Polish documents by their
 * terms model, every other one by the bundled English model. Chosen per document, not per call,
 * because a call may carry only a few clauses of it (the changed ones of a diff), too few to tell.
 */
export function classifierForLanguage(language: string): ClauseClassifier['classifyClauses'] {
  return hasTermsModel(language) ? termsClassifier(language).classifyClauses : classifyClauses;
}
