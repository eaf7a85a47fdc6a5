import type { FineprintDb, StoredFeed } from '../db/schema';
import { createPlatformIndex } from '../feed/identify';
import {
  type FeedIndex,
  feedIndexSchema,
  type PlatformShard,
  platformShardSchema,
} from '../feed/schema';
import type { FeedStatus } from '../messaging/protocol';
import type { FeedLookup } from './enrich';

/** Reads a file of the packaged extension (public/), e.g. via fetch(runtime.getURL(path)). */
export type PackagedReader = (path: string) => Promise<unknown>;

export interface LoadedFeed {
  stored: StoredFeed;
  lookup: FeedLookup;
}

export const BUNDLED_FEED_DIR = 'feed';

/** Loads and validates the feed shipped inside the extension. */
export async function readBundledFeed(
  read: PackagedReader,
): Promise<Omit<StoredFeed, 'key' | 'storedAt'>> {
  const index = feedIndexSchema.parse(await read(`${BUNDLED_FEED_DIR}/index.json`));
  const shards: Record<string, PlatformShard> = {};
  await Promise.all(
    index.platforms.map(async (entry) => {
      shards[entry.id] = platformShardSchema.parse(
        await read(`${BUNDLED_FEED_DIR}/${entry.shard}`),
      );
    }),
  );
  return { index, shards, etag: null, source: 'bundled', sourceUrl: null };
}

export function createLookup(index: FeedIndex, shards: Record<string, PlatformShard>): FeedLookup {
  const platforms = createPlatformIndex(index.platforms);
  const allShards = Object.values(shards);
  return {
    platformFor(url) {
      const documentMatch = platforms.findDocument(url);
      const entry = documentMatch?.platform ?? platforms.identifyEntry(url);
      if (!entry) return null;
      return {
        ref: { id: entry.id, name: entry.name },
        entry,
        document: documentMatch?.document ?? null,
      };
    },
    shard: (platformId) => shards[platformId] ?? null,
    allShards: () => allShards,
  };
}

/** No feed at all (a broken install): pages still get their automatic analysis. */
export const EMPTY_LOOKUP: FeedLookup = {
  platformFor: () => null,
  shard: () => null,
  allShards: () => [],
};

/**
 * The feed the background serves: the stored one (a synced remote feed or an earlier copy of the
 * bundled one), replaced by the bundled feed when an extension update ships a newer version.
 */
export class FeedService {
  #loaded: Promise<LoadedFeed> | null = null;
  #lastSyncAt: number | null = null;
  #lastError: string | null = null;

  constructor(
    private readonly db: FineprintDb,
    private readonly readPackaged: PackagedReader,
    private readonly now: () => number = Date.now,
  ) {}

  current(): Promise<LoadedFeed> {
    this.#loaded ??= this.#load().catch((error: unknown) => {
      this.#loaded = null;
      throw error;
    });
    return this.#loaded;
  }

  /** The lookup, or an empty one when no feed can be loaded (the reason is logged). */
  async lookup(): Promise<FeedLookup> {
    try {
      return (await this.current()).lookup;
    } catch (error) {
      console.warn('[fineprint] feed unavailable', error);
      return EMPTY_LOOKUP;
    }
  }

  /** Forget the cached copy: the stored feed was replaced. */
  invalidate(): void {
    this.#loaded = null;
  }

  recordSync(at: number, error: string | null): void {
    this.#lastSyncAt = at;
    this.#lastError = error;
  }

  async status(feedUrl: string): Promise<FeedStatus> {
    const { stored } = await this.current();
    return {
      source: stored.source,
      version: stored.index.version,
      publishedAt: stored.index.publishedAt,
      platformCount: stored.index.platforms.length,
      lastSyncAt: this.#lastSyncAt,
      lastError: this.#lastError,
      feedUrl,
    };
  }

  async #load(): Promise<LoadedFeed> {
    const stored = await this.db.feed.get('current');
    const validStored = stored && feedIndexSchema.safeParse(stored.index).success ? stored : null;
    let bundled: Omit<StoredFeed, 'key' | 'storedAt'> | null = null;
    if (!validStored || validStored.source === 'bundled') {
      bundled = await readBundledFeed(this.readPackaged);
    }
    let chosen: StoredFeed;
    if (validStored && (!bundled || validStored.index.version >= bundled.index.version)) {
      chosen = validStored;
    } else if (bundled) {
      chosen = { key: 'current', ...bundled, storedAt: this.now() };
      await this.db.feed.put(chosen);
    } else {
      throw new Error('no feed available');
    }
    return { stored: chosen, lookup: createLookup(chosen.index, chosen.shards) };
  }
}
