import { type ExtractedText, extractMainText } from '../analysis/extract';

/** Main text of an HTML string, parsed inertly: DOMParser documents run no scripts and load nothing. */
export function extractHtml(html: string): ExtractedText {
  const doc = new DOMParser().parseFromString(html, 'text/html');
  const { text, headings, title } = extractMainText(doc);
  return { text, headings, title };
}
