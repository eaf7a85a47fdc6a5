import type { ClauseClassifier } from '../analysis/classifier';
import type { TermsModelLanguage } from '../analysis/language';
import type { PolicyDetection } from '../analysis/types';

// The sentinel (always injected) and the analyzer (injected on policy pages only) run in the
// same isolated world of the tab, which the page's own scripts cannot see; they meet here.

export interface AnalyzerHandle {
  /** Analyse the current document and report it; safe to call again after SPA renders. */
  run(reason: 'detected' | 'rerender' | 'navigation'): Promise<void>;
  /** Remove highlights and UI: the page navigated away from the policy. */
  clear(): void;
}

const KEY = '__fineprintAnalyzer';

export function registerAnalyzer(handle: AnalyzerHandle): void {
  (globalThis as Record<string, unknown>)[KEY] = handle;
}

export function findAnalyzer(): AnalyzerHandle | null {
  const handle = (globalThis as Record<string, unknown>)[KEY];
  return handle && typeof handle === 'object' ? (handle as AnalyzerHandle) : null;
}

/** The detector, loaded by the sentinel on pages its first pass cannot turn away. */
export type DetectorHandle = (doc: Document, url: string) => PolicyDetection;

const DETECTOR_KEY = '__fineprintDetector';

export function registerDetector(detect: DetectorHandle): void {
  (globalThis as Record<string, unknown>)[DETECTOR_KEY] = detect;
}

export function findDetector(): DetectorHandle | null {
  const detect = (globalThis as Record<string, unknown>)[DETECTOR_KEY];
  return typeof detect === 'function' ? (detect as DetectorHandle) : null;
}

/** The terms models of other languages, loaded by the analyzer on pages in one of them. */
export type TermsClassifierHandle = (language: TermsModelLanguage) => ClauseClassifier;

const TERMS_KEY = '__fineprintTermsClassifier';

export function registerTermsClassifier(classifierFor: TermsClassifierHandle): void {
  (globalThis as Record<string, unknown>)[TERMS_KEY] = classifierFor;
}

export function findTermsClassifier(): TermsClassifierHandle | null {
  const classifierFor = (globalThis as Record<string, unknown>)[TERMS_KEY];
  return typeof classifierFor === 'function' ? (classifierFor as TermsClassifierHandle) : null;
}
