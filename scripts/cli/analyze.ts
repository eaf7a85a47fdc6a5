import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { analyzeText } from '../../lib/analysis/analyze';
import { classifyClauses } from '../../lib/analysis/classifier';
import { detectPolicyPage } from '../../lib/analysis/detect';
import type { PlatformRef } from '../../lib/analysis/types';
import { createPlatformIndex } from '../../lib/feed/identify';
import { loadBundledFeed } from '../../lib/feed/load';
import { provisionsForDocument } from '../../lib/feed/match';
import type { Provision } from '../../lib/feed/schema';
import type { DocumentType } from '../../lib/taxonomy';
import { CliError, printJson } from './io';
import { loadDocument } from './load-document';

const USAGE = 'usage: analyze <file.html|.md|.txt> [--url <url>]';
const FEED_DIRECTORY = join(import.meta.dirname, '..', '..', 'public', 'feed');

function parseArgs(args: string[]): { path: string; url: string | undefined } {
  let path: string | undefined;
  let url: string | undefined;
  for (let index = 0; index < args.length; index += 1) {
    const arg = args[index]!;
    if (arg === '--url') {
      url = args[index + 1];
      if (!url) throw new CliError(USAGE);
      index += 1;
    } else if (arg.startsWith('--url=')) {
      url = arg.slice('--url='.length);
    } else if (arg.startsWith('--') || path !== undefined) {
      throw new CliError(USAGE);
    } else {
      path = arg;
    }
  }
  if (!path) throw new CliError(USAGE);
  if (url !== undefined && !URL.canParse(url)) throw new CliError(`analyze: not a URL: ${url}`);
  return { path, url };
}

/** The platform and its curated provisions for this page, from the bundled feed (if built). */
async function feedContext(
  url: string | undefined,
  documentType: DocumentType | null,
): Promise<{ platform: PlatformRef | null; provisions: Provision[] }> {
  if (!url || !existsSync(join(FEED_DIRECTORY, 'index.json'))) {
    return { platform: null, provisions: [] };
  }
  const feed = await loadBundledFeed(async (path) =>
    JSON.parse(await readFile(join(FEED_DIRECTORY, path), 'utf8')),
  );
  const index = createPlatformIndex(feed.index.platforms);
  const match = index.findDocument(url);
  const entry = match?.platform ?? index.identifyEntry(url);
  if (!entry) return { platform: null, provisions: [] };
  const shard = feed.shards[entry.id];
  const provisions = shard
    ? provisionsForDocument(shard, match ? match.document : null, documentType)
    : [];
  return { platform: { id: entry.id, name: entry.name }, provisions };
}

/** `analyze <file> [--url <url>]`: detection, clauses and feed provisions of one page (spec/cli.md). */
export default async function analyze(args: string[]): Promise<void> {
  const { path, url } = parseArgs(args);
  const loaded = await loadDocument(path, 'analyze');
  const detection =
    loaded.document && url !== undefined ? detectPolicyPage(loaded.document, url) : undefined;
  const analysis = analyzeText(loaded.extracted, {
    classify: classifyClauses,
    ...(url !== undefined ? { url } : {}),
    ...(detection ? { detection } : {}),
  });
  const { platform, provisions } = await feedContext(url, analysis.documentType);
  printJson({
    isPolicy: analysis.isPolicy,
    documentType: analysis.documentType,
    platform,
    language: analysis.language,
    clauses: analysis.clauses.map(({ text, start, end, categories, severity }) => ({
      text,
      start,
      end,
      categories,
      severity,
    })),
    provisions,
  });
}
