// The pages the benchmark runs on: the real policy pages copied into tests/fixtures (Open Terms
// Archive snapshots, with the address each was published at), the archived text of the same
// documents (data/archive) as the reference of what the policy text is, and ordinary pages.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { z } from 'zod';

const pageIndexSchema = z.array(
  z.object({
    service: z.string(),
    documentType: z.string(),
    url: z.string().url(),
    fetchedAt: z.string(),
    fixture: z.string().optional(),
    file: z.string(),
  }),
);

export interface PolicyPage {
  /** Short name for tables: the fixture file without extension. */
  id: string;
  /** Path under tests/fixtures. */
  fixturePath: string;
  html: string;
  /** Where the page was published; the bench serves it at the same host and path. */
  url: string;
  service: string;
  documentType: string;
  fetchedAt: string;
}

export const FIXTURES_ROOT = resolve('tests/fixtures');

function loadIndex(folder: string): PolicyPage[] {
  const rows = pageIndexSchema.parse(
    JSON.parse(readFileSync(join(FIXTURES_ROOT, folder, 'index.json'), 'utf8')),
  );
  const files = new Set(readdirSync(join(FIXTURES_ROOT, folder)));
  return rows.flatMap((row) => {
    const fixture = row.fixture ?? htmlFileFor(row, files);
    if (!fixture) return [];
    const fixturePath = `${folder}/${fixture}`;
    return [
      {
        id: fixture.replace(/\.html$/, ''),
        fixturePath,
        html: readFileSync(join(FIXTURES_ROOT, fixturePath), 'utf8'),
        url: row.url,
        service: row.service,
        documentType: row.documentType,
        fetchedAt: row.fetchedAt,
      },
    ];
  });
}

/** extra-pages/index.json has no `fixture` column: its single file is named after service and type. */
function htmlFileFor(
  row: { service: string; documentType: string },
  files: ReadonlySet<string>,
): string | undefined {
  const slug = (text: string) =>
    text
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '');
  const name = `${slug(row.service)}-${slug(row.documentType)}.html`;
  return files.has(name) ? name : undefined;
}

export function loadPolicyPages(): PolicyPage[] {
  return [...loadIndex('pages'), ...loadIndex('extra-pages')];
}

// Open Terms Archive names → data/archive folders (one folder per platform and document).
const ARCHIVE_PLATFORM: Readonly<Record<string, string>> = {
  ChatGPT: 'chatgpt',
  'Claude.ai': 'claude',
  'Microsoft Copilot': 'microsoft-copilot',
  'GitHub Copilot': 'github-copilot',
  'Google Generative AI Services': 'google-gemini',
  Midjourney: 'midjourney',
  Perplexity: 'perplexity',
  Grok: 'grok',
  DeepSeek: 'deepseek',
  'Qwen Chat': 'qwen-chat',
  Doubao: 'doubao',
};
const ARCHIVE_DOCUMENT: Readonly<Record<string, string>> = {
  'Privacy Policy': 'privacy-policy',
  'Trackers Policy': 'cookie-policy',
  'Terms of Service': 'terms-of-service',
  'Acceptable Use Policy': 'acceptable-use-policy',
};

export interface ArchivedVersion {
  file: string;
  markdown: string;
}

/**
 * The archived text (Open Terms Archive's own extraction of the policy, as markdown) of the same
 * document, the version nearest in time to the page's snapshot; null when the archive lacks it.
 */
export function archivedVersionOf(page: PolicyPage): ArchivedVersion | null {
  const platform = ARCHIVE_PLATFORM[page.service];
  const document = ARCHIVE_DOCUMENT[page.documentType];
  if (!platform || !document) return null;
  const folder = resolve('data/archive', platform, document);
  if (!existsSync(folder)) return null;
  const fetched = Date.parse(page.fetchedAt);
  const dated = readdirSync(folder)
    .filter((name) => name.endsWith('.md'))
    .map((name) => ({
      name,
      at: Date.parse(name.replace(/\.md$/, '').replace(/T(\d\d)-(\d\d)-(\d\d)Z$/, 'T$1:$2:$3Z')),
    }))
    .filter((entry) => Number.isFinite(entry.at));
  if (dated.length === 0) return null;
  dated.sort((left, right) => Math.abs(left.at - fetched) - Math.abs(right.at - fetched));
  const file = join(folder, dated[0]!.name);
  return { file, markdown: readFileSync(file, 'utf8') };
}

/** Plain words of a markdown text: link targets, image sources and markup left out. */
export function markdownText(markdown: string): string {
  return markdown
    .replace(/!\[[^\]]*\]\([^)]*\)/g, ' ')
    .replace(/\]\([^)]*\)/g, '] ')
    .replace(/<[^>]+>/g, ' ');
}
