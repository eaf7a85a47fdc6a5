import type { Excerpt, PlatformSource } from './schema';

/**
 * How an excerpt is compared with the archived markdown it quotes. Both sides get exactly this
 * treatment, and nothing else, so an excerpt still has to be the provider's own words in order:
 *
 * - markdown syntax a reader never sees is dropped: link and image targets (`[text](url)` →
 *   `text`, `<https://…>` → the URL), reference definitions, HTML tags and comments, emphasis and
 *   code markers (`*`, `_` runs at word edges, backticks), backslash escapes (`1\.` → `1.`), and at
 *   the start of a line heading `#`s, blockquote `>`, list bullets, and setext/rule lines
 *   (`===`, `---`);
 * - invisible characters (zero-width spaces and joiners, soft hyphens, bidi marks) are removed;
 * - every run of white space (any Unicode space, line breaks, NBSP) becomes one space.
 *
 * Case, punctuation, quotes and numbering are kept: `"` and `”` are different text.
 */
export function normalizeForExcerpt(text: string): string {
  return (
    text
      .replace(/<!--[\s\S]*?-->/g, ' ')
      .replace(/^[ \t]*\[[^\]]+\]:[ \t]*\S+.*$/gm, ' ')
      .replace(/^[ \t]*(?:={3,}|-{3,}|\*{3,}|_{3,})[ \t]*$/gm, ' ')
      .replace(/^[ \t]*(?:>[ \t]?)+/gm, '')
      .replace(/^[ \t]*#{1,6}[ \t]+/gm, '')
      .replace(/^[ \t]*(?:[*+-]|\d{1,3}[.)])[ \t]+/gm, '')
      // Images before links: `![alt](src)` keeps its alt text like a link keeps its label.
      .replace(/!?\[([^\]]*)\]\((?:[^()]|\([^()]*\))*\)/g, '$1')
      .replace(/!?\[([^\]]*)\]\[[^\]]*\]/g, '$1')
      .replace(/<((?:https?|mailto|ftp):[^>\s]+)>/gi, '$1')
      .replace(/<\/?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?\/?>/g, ' ')
      .replace(/\\([\\`*_{}[\]()#+\-.!|<>~"'])/g, '$1')
      .replace(/`+/g, '')
      .replace(/\*+/g, '')
      .replace(/(^|[\s(["'“‘])_+|_+(?=$|[\s)\]"'”’.,;:!?])/gm, '$1')
      .replace(/[\u00AD\u180E\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF]/g, '')
      .replace(/[\s\u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000]+/g, ' ')
      .trim()
  );
}

/** An excerpt and where it sits in the source, e.g. `provisions[3].excerpts[0]`. */
export interface LocatedExcerpt {
  path: string;
  excerpt: Excerpt;
}

/** Every excerpt of a source: provisions and all parts of the AI-training card. */
export function collectExcerpts(source: PlatformSource): LocatedExcerpt[] {
  const found: LocatedExcerpt[] = [];
  const add = (path: string, excerpts: readonly Excerpt[]) => {
    excerpts.forEach((excerpt, index) => {
      found.push({ path: `${path}.excerpts[${index}]`, excerpt });
    });
  };
  source.provisions.forEach((provision, index) => {
    add(`provisions[${index}]`, provision.excerpts);
  });
  const card = source.aiTraining;
  if (card) {
    card.tiers.forEach((tier, index) => {
      add(`aiTraining.tiers[${index}]`, tier.excerpts);
    });
    add('aiTraining.optOut', card.optOut.excerpts);
    card.carveOuts.forEach((carveOut, index) => {
      add(`aiTraining.carveOuts[${index}]`, carveOut.excerpts);
    });
    add('aiTraining.humanReview', card.humanReview.excerpts);
    if (card.retention) add('aiTraining.retention', card.retention.excerpts);
  }
  return found;
}

export interface ExcerptProblem {
  platform: string;
  /** Where the excerpt is in the source, e.g. `provisions[3].excerpts[0]`. */
  path: string;
  document: string;
  version: string;
  text: string;
  reason: 'unknown-document' | 'unknown-version' | 'archive-missing' | 'not-verbatim';
  message: string;
}

/** Compares dates written as `2025-01-02T03:04:05Z`, `…+00:00`, `…0.000Z` or `2025-01-02`. */
function sameInstant(a: string, b: string): boolean {
  if (a === b) return true;
  const left = Date.parse(a);
  const right = Date.parse(b);
  return Number.isFinite(left) && left === right;
}

/**
 * Checks that every excerpt of a source cites an existing document version and is found in that
 * archived text (see `normalizeForExcerpt`). `readArchive` gets a path relative to data/archive/
 * and returns the markdown, or null when the file does not exist.
 */
export function verifyExcerpts(
  source: PlatformSource,
  readArchive: (file: string) => string | null,
): ExcerptProblem[] {
  const problems: ExcerptProblem[] = [];
  const normalizedArchives = new Map<string, string | null>();
  const archiveText = (file: string) => {
    if (!normalizedArchives.has(file)) {
      const raw = readArchive(file);
      normalizedArchives.set(file, raw === null ? null : normalizeForExcerpt(raw));
    }
    return normalizedArchives.get(file)!;
  };

  for (const { path, excerpt } of collectExcerpts(source)) {
    const problem = (reason: ExcerptProblem['reason'], message: string) =>
      problems.push({
        platform: source.id,
        path,
        document: excerpt.document,
        version: excerpt.version,
        text: excerpt.text,
        reason,
        message,
      });
    const document = source.documents.find((candidate) => candidate.id === excerpt.document);
    if (!document) {
      problem('unknown-document', `cites document "${excerpt.document}", which is not listed`);
      continue;
    }
    const version = document.versions.find((candidate) =>
      sameInstant(candidate.date, excerpt.version),
    );
    if (!version) {
      problem(
        'unknown-version',
        `cites version ${excerpt.version} of "${excerpt.document}", which is not in its versions`,
      );
      continue;
    }
    const archived = archiveText(version.file);
    if (archived === null) {
      problem('archive-missing', `archived file data/archive/${version.file} does not exist`);
      continue;
    }
    const needle = normalizeForExcerpt(excerpt.text);
    if (needle === '' || !archived.includes(needle)) {
      problem('not-verbatim', `text not found verbatim in data/archive/${version.file}`);
    }
  }
  return problems;
}

/** One line per problem, for the build's error output. */
export function formatExcerptProblem(problem: ExcerptProblem, file?: string): string {
  const where = file ? `${file}: ` : `${problem.platform}: `;
  const quote = problem.text.length > 120 ? `${problem.text.slice(0, 117)}...` : problem.text;
  return `${where}${problem.path}: ${problem.message}\n    "${quote}"`;
}
