import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { detectFromUrl } from '../../lib/analysis/detect';
import type { PlatformRef } from '../../lib/analysis/types';
import { createPlatformIndex } from '../../lib/feed/identify';
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

/**
 * URL-level recognition: a document the feed knows by address is a policy of its type, whatever
 * its URL looks like (`help.instagram.com/581066165581870`); any other URL is judged by its words.
 */
export function createUrlIdentifier(
  platforms: readonly FeedIndexEntry[],
): (url: string) => UrlIdentification {
  const index = createPlatformIndex(platforms);
  return (url) => {
    const known = index.findDocument(url);
    if (known) {
      // The document's own platform: Threads' terms are Threads' even on help.instagram.com.
      return {
        isPolicy: true,
        documentType: known.document.type,
        platform: { id: known.platform.id, name: known.platform.name },
      };
    }
    const detection = detectFromUrl(url);
    return {
      isPolicy: detection.isPolicy,
      documentType: detection.documentType,
      platform: index.identify(url),
    };
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
