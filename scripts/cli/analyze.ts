import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { analyzeText } from '../../lib/analysis/analyze';
import { detectPolicyPage } from '../../lib/analysis/detect';
import { classifierForLanguage } from '../../lib/analysis/terms-classifier';
import type { PlatformRef, PolicyDetection } from '../../lib/analysis/types';
import { createPlatformIndex, type DocumentMatch } from '../../lib/feed/identify';
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

interface FeedContext {
  /** The feed document at this address (the page is then that policy, whatever its wording). */
  match: DocumentMatch | null;
  platform: PlatformRef | null;
  provisionsFor: (documentType: DocumentType | null) => Provision[];
}

const NO_FEED: FeedContext = { match: null, platform: null, provisionsFor: () => [] };

/** The platform, feed document and curated provisions for this address, from the bundled feed. */
async function feedContext(url: string | undefined): Promise<FeedContext> {
  if (!url || !existsSync(join(FEED_DIRECTORY, 'index.json'))) return NO_FEED;
  const feed = await loadBundledFeed(async (path) =>
    JSON.parse(await readFile(join(FEED_DIRECTORY, path), 'utf8')),
  );
  const index = createPlatformIndex(feed.index.platforms);
  const match = index.findDocument(url);
  const entry = match?.platform ?? index.identifyEntry(url);
  if (!entry) return NO_FEED;
  const shard = feed.shards[entry.id];
  return {
    match,
    platform: { id: entry.id, name: entry.name },
    provisionsFor: (documentType) =>
      shard ? provisionsForDocument(shard, match ? match.document : null, documentType) : [],
  };
}

/** A page at one of the feed's document addresses is that document, as `identify` says too. */
function detectionOf(
  loaded: Awaited<ReturnType<typeof loadDocument>>,
  url: string | undefined,
  match: DocumentMatch | null,
): PolicyDetection | undefined {
  if (match) {
    return { isPolicy: true, documentType: match.document.type, confidence: 1, decidedBy: 'url' };
  }
  return loaded.document && url !== undefined ? detectPolicyPage(loaded.document, url) : undefined;
}

/** `analyze <file> [--url <url>]`: detection, clauses and feed provisions of one page (spec/cli.md). */
export default async function analyze(args: string[]): Promise<void> {
  const { path, url } = parseArgs(args);
  const loaded = await loadDocument(path, 'analyze');
  const feed = await feedContext(url);
  const detection = detectionOf(loaded, url, feed.match);
  const analysis = analyzeText(loaded.extracted, {
    classifierFor: classifierForLanguage,
    ...(url !== undefined ? { url } : {}),
    ...(detection ? { detection } : {}),
  });
  printJson({
    isPolicy: analysis.isPolicy,
    documentType: analysis.documentType,
    platform: feed.platform,
    language: analysis.language,
    clauses: analysis.clauses.map(({ text, start, end, categories, severity }) => ({
      text,
      start,
      end,
      categories,
      severity,
    })),
    provisions: feed.provisionsFor(analysis.documentType),
  });
}
