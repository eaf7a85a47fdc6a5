import { type FeedIndex, feedIndexSchema, type PlatformShard, platformShardSchema } from './schema';

/** Reads a file of the packaged feed folder (`public/feed/`) by its path inside that folder. */
export type FeedJsonReader = (path: string) => Promise<unknown>;

export interface LoadedFeed {
  index: FeedIndex;
  /** By platform id. */
  shards: Record<string, PlatformShard>;
}

export class FeedLoadError extends Error {
  override name = 'FeedLoadError';
}

function firstIssue(issues: readonly { path: PropertyKey[]; message: string }[]): string {
  const first = issues[0];
  if (!first) return 'invalid';
  return `${first.path.length > 0 ? first.path.map(String).join('.') : '(root)'}: ${first.message}`;
}

/**
 * The feed packaged with the extension (or the CLI's copy of it), validated like a downloaded one.
 * The extension passes a reader over `browser.runtime.getURL`, the CLI one over the file system.
 * Shard hashes are not checked: the files come from the same package as the index.
 */
export async function loadBundledFeed(readJson: FeedJsonReader): Promise<LoadedFeed> {
  let rawIndex: unknown;
  try {
    rawIndex = await readJson('index.json');
  } catch (error) {
    throw new FeedLoadError(`Cannot read the bundled feed index: ${(error as Error).message}`);
  }
  const index = feedIndexSchema.safeParse(rawIndex);
  if (!index.success) {
    throw new FeedLoadError(`The bundled feed index is invalid: ${firstIssue(index.error.issues)}`);
  }
  const shards: Record<string, PlatformShard> = {};
  for (const entry of index.data.platforms) {
    let rawShard: unknown;
    try {
      rawShard = await readJson(entry.shard);
    } catch (error) {
      throw new FeedLoadError(
        `Cannot read the bundled shard ${entry.shard}: ${(error as Error).message}`,
      );
    }
    const shard = platformShardSchema.safeParse(rawShard);
    if (!shard.success) {
      throw new FeedLoadError(
        `The bundled shard ${entry.shard} is invalid: ${firstIssue(shard.error.issues)}`,
      );
    }
    if (shard.data.id !== entry.id) {
      throw new FeedLoadError(`The bundled shard ${entry.shard} is that of "${shard.data.id}".`);
    }
    shards[entry.id] = shard.data;
  }
  return { index: index.data, shards };
}
