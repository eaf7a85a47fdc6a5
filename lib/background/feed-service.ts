import type { FineprintDb, StoredFeed } from '../db/schema';
import { createPlatformIndex } from '../feed/identify';
import { type FeedJsonReader, loadBundledFeed } from '../feed/load';
import type { FeedIndex, PlatformShard } from '../feed/schema';
import { feedIndexSchema } from '../feed/schema';
import type { FeedLookup } from './enrich';

export interface LoadedFeed {
  stored: StoredFeed;
  lookup: FeedLookup;
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

  constructor(
    private readonly db: FineprintDb,
    private readonly readPackaged: FeedJsonReader,
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

  async #load(): Promise<LoadedFeed> {
    const stored = await this.db.feed.get('current');
    const validStored = stored && feedIndexSchema.safeParse(stored.index).success ? stored : null;
    let chosen = validStored;
    if (!validStored || validStored.source === 'bundled') {
      const bundled = await loadBundledFeed(this.readPackaged);
      if (!validStored || bundled.index.version > validStored.index.version) {
        chosen = {
          key: 'current',
          ...bundled,
          etag: null,
          source: 'bundled',
          sourceUrl: null,
          storedAt: this.now(),
        };
        await this.db.feed.put(chosen);
      }
    }
    if (!chosen) throw new Error('no feed available');
    return { stored: chosen, lookup: createLookup(chosen.index, chosen.shards) };
  }
}
