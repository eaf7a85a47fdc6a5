import type { CategoryId, DocumentType, Severity } from '../taxonomy';

/** What the classifier says of one clause (the `cli classify` output line). */
export interface ClauseLabel {
  categories: CategoryId[];
  severity: Severity | null;
}

/** A clause of the extracted text; offsets are into that text (UTF-16 code units). */
export interface Clause extends ClauseLabel {
  text: string;
  start: number;
  end: number;
  /** The nearest heading above the clause, for context. */
  heading: string | null;
}

export interface PolicyDetection {
  isPolicy: boolean;
  documentType: DocumentType | null;
  /** 0..1; 'url' decisions are taken from URL and title alone, 'body' ones needed the text. */
  confidence: number;
  decidedBy: 'url' | 'title' | 'body' | 'none';
}

export interface PlatformRef {
  id: string;
  name: string;
}
