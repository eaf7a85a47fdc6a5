import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { detectFromUrl } from '../../lib/analysis/detect';
import { createPlatformIndex, type PlatformIndex } from '../../lib/feed/identify';
import { feedIndexSchema } from '../../lib/feed/schema';
import { CliError, mapJsonLines } from './io';

const FEED_INDEX = join(import.meta.dirname, '..', '..', 'public', 'feed', 'index.json');

function loadPlatformIndex(): PlatformIndex | null {
  if (!existsSync(FEED_INDEX)) return null;
  const parsed = feedIndexSchema.safeParse(JSON.parse(readFileSync(FEED_INDEX, 'utf8')));
  if (!parsed.success) throw new CliError(`identify: ${FEED_INDEX} is not a valid feed index`);
  return createPlatformIndex(parsed.data.platforms);
}

/** `identify`: URL-level recognition, JSON lines in and out (spec/cli.md). No network. */
export default async function identify(args: string[]): Promise<void> {
  if (args.length > 0) throw new CliError('usage: identify < lines of {"url": "<absolute URL>"}');
  const platforms = loadPlatformIndex();
  await mapJsonLines((value, lineNumber) => {
    const url = (value as { url?: unknown } | null)?.url;
    if (typeof url !== 'string' || !URL.canParse(url)) {
      throw new CliError(`identify: line ${lineNumber}: expected {"url": "<absolute URL>"}`);
    }
    const detection = detectFromUrl(url);
    return {
      isPolicy: detection.isPolicy,
      documentType: detection.documentType,
      platform: platforms?.identify(url) ?? null,
    };
  });
}
