import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import { parseHTML } from 'linkedom';
import { type ExtractedText, extractMainText } from '../../lib/analysis/extract';
import { extractFromMarkdown, extractFromPlainText } from '../../lib/analysis/markdown';
import { CliError } from './io';

export interface LoadedDocument {
  kind: 'html' | 'markdown' | 'text';
  extracted: ExtractedText;
  /** The parsed page, for .html files (detection reads its title, links and headings). */
  document: Document | null;
}

const KINDS: Readonly<Record<string, LoadedDocument['kind']>> = {
  '.html': 'html',
  '.htm': 'html',
  '.md': 'markdown',
  '.markdown': 'markdown',
  '.txt': 'text',
};

/**
 * Reads a .html (a page as served), .md or .txt file and extracts its main text the way the
 * extension does. An unknown extension or an unreadable file is a CliError (exit 1).
 */
export async function loadDocument(path: string, command: string): Promise<LoadedDocument> {
  const kind = KINDS[extname(path).toLowerCase()];
  if (!kind) throw new CliError(`${command}: ${path}: expected a .html, .md or .txt file`);
  let content: string;
  try {
    content = await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? String(error);
    throw new CliError(`${command}: cannot read ${path}: ${code}`);
  }
  if (kind === 'markdown') {
    return { kind, extracted: extractFromMarkdown(content), document: null };
  }
  if (kind === 'text') return { kind, extracted: extractFromPlainText(content), document: null };
  const { document } = parseHTML(content) as unknown as { document: Document };
  const { text, headings, title } = extractMainText(document);
  return { kind, extracted: { text, headings, title }, document };
}
