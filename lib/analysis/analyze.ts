import type { DocumentType } from '../taxonomy';
import type { ClauseClassifier } from './classifier';
import { clauseContexts } from './context';
import { detectFromText, detectFromUrl } from './detect';
import type { ExtractedText } from './extract';
import { detectLanguage } from './language';
import { segmentClauses } from './segment';
import type { Clause, PolicyDetection } from './types';

export interface AnalyzeOptions {
  /** The page's address, when known: the cheapest and surest policy signal. */
  url?: string;
  /** A detection already made (by `detectPolicyPage` on the live DOM); taken as is. */
  detection?: PolicyDetection;
  /**
   * The clause classifier for the text's language (`detectLanguage`), passed in so that callers
   * choose the models (and tests can fake them).
   */
  classifierFor: (language: string) => ClauseClassifier['classifyClauses'];
}

export interface TextAnalysis {
  isPolicy: boolean;
  documentType: DocumentType | null;
  /** BCP 47 tag, 'und' when undetermined. */
  language: string;
  clauses: Clause[];
}

/** Detects, segments and classifies an extracted text: the engine behind the page annotations and `cli analyze`. */
export function analyzeText(extracted: ExtractedText, options: AnalyzeOptions): TextAnalysis {
  const detection = options.detection ?? detect(extracted, options.url);
  const segments = segmentClauses(extracted.text, extracted.headings);
  const language = detectLanguage(extracted.text);
  const labels =
    segments.length > 0
      ? options.classifierFor(language)(
          segments.map((clause) => clause.text),
          clauseContexts(segments),
        )
      : [];
  if (labels.length !== segments.length) {
    throw new Error(`classify returned ${labels.length} labels for ${segments.length} clauses`);
  }
  // Written out rather than spread: spreading the segment cost 2 ms per 2,500 clauses.
  const clauses = segments.map((segment, index): Clause => {
    const label = labels[index]!;
    return {
      text: segment.text,
      start: segment.start,
      end: segment.end,
      heading: segment.heading,
      categories: [...label.categories],
      severity: label.severity,
    };
  });
  return {
    isPolicy: detection.isPolicy,
    documentType: detection.documentType,
    language,
    clauses,
  };
}

function detect(extracted: ExtractedText, url: string | undefined): PolicyDetection {
  const fromText = () => detectFromText(extracted.text, extracted.title, extracted.headings);
  if (url === undefined) return fromText();
  const fromUrl = detectFromUrl(url, extracted.title ?? undefined);
  if (fromUrl.isPolicy) {
    // An address under a legal section without a named type ("/legal/abc"): let the text name it.
    if (fromUrl.documentType === 'other-policy') {
      const text = fromText();
      if (text.isPolicy && text.documentType)
        return { ...fromUrl, documentType: text.documentType };
    }
    return fromUrl;
  }
  if (fromUrl.confidence >= 0.9) return fromUrl;
  const text = fromText();
  return text.isPolicy ? text : fromUrl;
}
