import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { detectFromUrl } from '../../lib/analysis/detect';
import type { PlatformRef } from '../../lib/analysis/types';
import { createPlatformIndex, documentKey } from '../../lib/feed/identify';
import { type FeedIndexEntry, feedIndexSchema } from '../../lib/feed/schema';
import type { DocumentType } from '../../lib/taxonomy';
import { CliError, mapJsonLines } from './io';

const FEED_INDEX = join(import.meta.dirname, '..', '..', 'public', 'feed', 'index.json');

/** What `identify` prints for one URL (spec/cli.md). */
export interface UrlIdentification {
  isPolicy: boolean;
  documentType: DocumentType | null;
  platform: PlatformRef | null;
}

// Query parameters that never tell one document from another (tracking, encoding, language).
const INSIGNIFICANT_PARAM =
  /^(?:utm_\w+|ref|ref_|ie|hl|gl|lang|language|locale|fbclid|gclid|mc_\w+|_ga|source|src)$/i;

function significantParams(url: URL): [string, string][] {
  return [...url.searchParams].filter(([name]) => !INSIGNIFICANT_PARAM.test(name));
}

interface KnownAddress {
  platform: FeedIndexEntry;
  type: DocumentType;
  params: [string, string][];
}

/**
 * The feed's documents by address. `documentKey` drops the query, so pages that differ only by
 * it (Amazon's help pages are all `display.html?nodeId=…`) share a key: the address's own
 * significant parameters must then be in the URL too, and the most specific address wins.
 */
function createDocumentLookup(platforms: readonly FeedIndexEntry[]) {
  const byKey = new Map<string, KnownAddress[]>();
  for (const platform of platforms) {
    for (const document of platform.documents) {
      for (const address of [document.url, ...document.alternateUrls]) {
        const key = documentKey(address);
        if (key === null) continue;
        const known = byKey.get(key) ?? [];
        known.push({ platform, type: document.type, params: significantParams(new URL(address)) });
        byKey.set(key, known);
      }
    }
  }
  /** `ownerId`: the platform whose site the URL is on, preferred when several documents fit. */
  return (url: string, ownerId: string | null): KnownAddress | null => {
    const key = documentKey(url);
    const candidates = key === null ? undefined : byKey.get(key);
    if (!candidates) return null;
    const query = new URL(url).searchParams;
    let best: KnownAddress | null = null;
    for (const candidate of candidates) {
      if (!candidate.params.every(([name, value]) => query.get(name) === value)) continue;
      const moreSpecific = !best || candidate.params.length > best.params.length;
      const sameButOwned =
        best !== null &&
        candidate.params.length === best.params.length &&
        candidate.platform.id === ownerId &&
        best.platform.id !== ownerId;
      if (moreSpecific || sameButOwned) best = candidate;
    }
    return best;
  };
}

/**
 * URL-level recognition: a document the feed knows by address is a policy of its type, whatever
 * its URL looks like (`help.instagram.com/581066165581870`); any other URL is judged by its words.
 */
export function createUrlIdentifier(
  platforms: readonly FeedIndexEntry[],
): (url: string) => UrlIdentification {
  const index = createPlatformIndex(platforms);
  const findKnown = createDocumentLookup(platforms);
  return (url) => {
    const platform = index.identify(url);
    const known = findKnown(url, platform?.id ?? null);
    if (known) {
      // The document's own platform: Threads' terms are Threads' even on help.instagram.com.
      return {
        isPolicy: true,
        documentType: known.type,
        platform: { id: known.platform.id, name: known.platform.name },
      };
    }
    const detection = detectFromUrl(url);
    return { isPolicy: detection.isPolicy, documentType: detection.documentType, platform };
  };
}

/** The bundled feed's platforms; none when the feed has not been built. */
export function loadFeedPlatforms(): FeedIndexEntry[] {
  if (!existsSync(FEED_INDEX)) return [];
  const parsed = feedIndexSchema.safeParse(JSON.parse(readFileSync(FEED_INDEX, 'utf8')));
  if (!parsed.success) throw new CliError(`identify: ${FEED_INDEX} is not a valid feed index`);
  return parsed.data.platforms;
}

/** `identify`: URL-level recognition, JSON lines in and out (spec/cli.md). No network. */
export default async function identify(args: string[]): Promise<void> {
  if (args.length > 0) throw new CliError('usage: identify < lines of {"url": "<absolute URL>"}');
  const identifyUrl = createUrlIdentifier(loadFeedPlatforms());
  await mapJsonLines((value, lineNumber) => {
    const url = (value as { url?: unknown } | null)?.url;
    if (typeof url !== 'string' || !URL.canParse(url)) {
      throw new CliError(`identify: line ${lineNumber}: expected {"url": "<absolute URL>"}`);
    }
    return identifyUrl(url);
  });
}
