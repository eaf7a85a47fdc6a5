import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import { parseHTML } from 'linkedom';
import { extractMainText } from '../../lib/analysis/extract';
import { detectLanguage } from '../../lib/analysis/language';
import { extractFromMarkdown } from '../../lib/analysis/markdown';
import { classifierForLanguage } from '../../lib/analysis/terms-classifier';
import { diffTexts, type ExtractedTextLike } from '../../lib/diff/diff';
import { CliError, printJson } from './io';

const USAGE = 'usage: diff <old.html|.md|.txt> <new.html|.md|.txt>';

async function loadText(path: string): Promise<ExtractedTextLike> {
  const kind = extname(path).toLowerCase();
  if (!['.html', '.htm', '.md', '.markdown', '.txt'].includes(kind)) {
    throw new CliError(`diff: ${path}: expected a .html, .md or .txt file`);
  }
  let content: string;
  try {
    content = await readFile(path, 'utf8');
  } catch (error) {
    throw new CliError(
      `diff: cannot read ${path}: ${(error as NodeJS.ErrnoException).code ?? error}`,
    );
  }
  if (kind === '.md' || kind === '.markdown') return extractFromMarkdown(content);
  if (kind === '.txt') return { text: content };
  const { document } = parseHTML(content);
  const { text, headings } = extractMainText(document as unknown as Document);
  return { text, headings };
}

/** `diff <old> <new>`: the clause-level changes between two versions of a policy (spec/cli.md). */
export default async function diff(args: string[]): Promise<void> {
  const paths = args.filter((arg) => !arg.startsWith('--'));
  if (paths.length !== 2 || paths.length !== args.length) throw new CliError(USAGE);
  const [before, after] = await Promise.all(paths.map(loadText));
  const result = diffTexts(before!, after!, {
    classify: classifierForLanguage(detectLanguage(after!.text)),
  });
  printJson({
    substantive: result.substantive,
    changes: result.changes.map(({ kind, before, after, categories }) => ({
      kind,
      before,
      after,
      categories,
    })),
  });
}
