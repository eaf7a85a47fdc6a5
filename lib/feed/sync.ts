import { type FeedIndex, feedIndexSchema, type PlatformShard, platformShardSchema } from './schema';

/**
 * Remote feed sync: fetch the index (conditionally), then every shard, check each shard against
 * the hash the index gives, validate everything, and only then replace the stored feed in one
 * step. Any failure leaves the last good feed in place and says why in the status.
 * Requests go only to the configured feed URL and the shard URLs it lists, without cookies or
 * referrer: nothing about the pages the user visits.
 */

export interface StoredFeedData {
  index: FeedIndex;
  /** By platform id. */
  shards: Record<string, PlatformShard>;
  etag: string | null;
  source: 'bundled' | 'remote';
  /** The index URL a remote feed came from (an ETag only means something for that URL). */
  sourceUrl: string | null;
}

export type FeedSyncOutcome = 'updated' | 'not-modified' | 'up-to-date' | 'failed';

export interface FeedSyncStatus {
  outcome: FeedSyncOutcome;
  /** Epoch milliseconds of this attempt. */
  checkedAt: number;
  /** One sentence for the options page. */
  message: string;
  /** Set when `outcome` is 'failed'. */
  error: string | null;
  /** Version of the feed in use after this attempt (null when none is stored). */
  version: number | null;
  feedUrl: string;
}

/** Storage of the current feed, implemented over IndexedDB by the background. */
export interface FeedStore {
  getCurrent(): Promise<StoredFeedData | null>;
  /** Must be atomic: readers see the old feed or the new one, never a mix. */
  replace(feed: StoredFeedData): Promise<void>;
  setStatus(status: FeedSyncStatus): Promise<void>;
}

export type FetchLike = (input: string, init?: RequestInit) => Promise<Response>;

export interface SyncOptions {
  /** The index URL (`…/index.json`) or the folder that holds it (`…/feed/`). */
  feedUrl: string;
  store: FeedStore;
  fetch: FetchLike;
  now?: () => number;
  signal?: AbortSignal;
  /**
   * Checks the index before anything is fetched from it, given its exact bytes and the parsed
   * JSON (unknown fields included): where a signature over the index will be verified. Throwing
   * rejects the feed with the error's message.
   */
  verifyIndex?: (indexBytes: Uint8Array, indexJson: unknown) => Promise<void> | void;
  /** Shards fetched at once. */
  concurrency?: number;
}

export const MAX_INDEX_BYTES = 4 * 1024 * 1024;
export const MAX_SHARD_BYTES = 2 * 1024 * 1024;
const DEFAULT_CONCURRENCY = 4;

class SyncFailure extends Error {}

/** Hex SHA-256 of bytes (WebCrypto: the same in browsers and Node 20). */
export async function sha256Hex(data: Uint8Array | string): Promise<string> {
  const bytes = typeof data === 'string' ? new TextEncoder().encode(data) : data;
  const digest = await crypto.subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>);
  return Array.from(new Uint8Array(digest), (byte) => byte.toString(16).padStart(2, '0')).join('');
}

/**
 * The index URL for a configured feed URL. https only, except http on the loopback host, which
 * tests use. Throws with a message fit for the options page.
 */
export function resolveIndexUrl(feedUrl: string): URL {
  let url: URL;
  try {
    url = new URL(feedUrl);
  } catch {
    throw new SyncFailure(`The feed URL "${feedUrl}" is not a valid absolute URL.`);
  }
  const loopback =
    url.hostname === '127.0.0.1' || url.hostname === 'localhost' || url.hostname === '[::1]';
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && loopback)) {
    throw new SyncFailure('The feed URL must use https:.');
  }
  if (url.username || url.password) {
    throw new SyncFailure('The feed URL must not contain a user name or password.');
  }
  url.hash = '';
  if (!url.pathname.endsWith('.json')) {
    if (!url.pathname.endsWith('/')) url.pathname += '/';
    url = new URL('index.json', url);
  }
  return url;
}

function describeError(error: unknown): string {
  if (error instanceof Error) return error.message;
  return String(error);
}

async function download(
  fetchImpl: FetchLike,
  url: URL,
  what: string,
  maxBytes: number,
  init: RequestInit,
): Promise<{ response: Response; bytes: Uint8Array | null }> {
  let response: Response;
  try {
    response = await fetchImpl(url.href, {
      ...init,
      method: 'GET',
      credentials: 'omit',
      referrerPolicy: 'no-referrer',
      cache: 'no-cache',
      redirect: 'follow',
    });
  } catch (error) {
    throw new SyncFailure(`Could not reach ${url.href} for the ${what}: ${describeError(error)}`);
  }
  if (response.status === 304) return { response, bytes: null };
  if (!response.ok) {
    throw new SyncFailure(`The ${what} at ${url.href} answered HTTP ${response.status}.`);
  }
  if (response.redirected && response.url && new URL(response.url).protocol !== url.protocol) {
    throw new SyncFailure(`The ${what} at ${url.href} redirected to another protocol.`);
  }
  const declared = Number(response.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > maxBytes) {
    throw new SyncFailure(`The ${what} at ${url.href} is larger than ${maxBytes} bytes.`);
  }
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(await response.arrayBuffer());
  } catch (error) {
    throw new SyncFailure(
      `The ${what} download from ${url.href} broke off: ${describeError(error)}`,
    );
  }
  if (bytes.byteLength > maxBytes) {
    throw new SyncFailure(`The ${what} at ${url.href} is larger than ${maxBytes} bytes.`);
  }
  return { response, bytes };
}

function parseJson(bytes: Uint8Array, what: string): unknown {
  try {
    return JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch (error) {
    throw new SyncFailure(`The ${what} is not valid JSON: ${describeError(error)}`);
  }
}

function schemaMessage(issues: readonly { path: PropertyKey[]; message: string }[]): string {
  const first = issues[0];
  if (!first) return 'invalid';
  const where = first.path.length > 0 ? first.path.map(String).join('.') : '(root)';
  const more = issues.length > 1 ? ` (and ${issues.length - 1} more problems)` : '';
  return `${where}: ${first.message}${more}`;
}

async function mapLimited<T, R>(
  items: readonly T[],
  limit: number,
  task: (item: T) => Promise<R>,
): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  let failed = false;
  const worker = async () => {
    while (!failed && next < items.length) {
      const index = next++;
      try {
        results[index] = await task(items[index]!);
      } catch (error) {
        failed = true;
        throw error;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
  return results;
}

/** Downloads the index and every shard, checks them, and returns the complete feed. */
async function downloadFeed(
  options: SyncOptions,
  indexUrl: URL,
  current: StoredFeedData | null,
): Promise<
  { kind: 'not-modified' } | { kind: 'same-version' } | { kind: 'feed'; feed: StoredFeedData }
> {
  const etag =
    current?.source === 'remote' && current.sourceUrl === indexUrl.href ? current.etag : null;
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (etag) headers['If-None-Match'] = etag;
  const indexInit: RequestInit = { headers };
  if (options.signal) indexInit.signal = options.signal;
  const { response, bytes } = await download(
    options.fetch,
    indexUrl,
    'feed index',
    MAX_INDEX_BYTES,
    indexInit,
  );
  if (bytes === null) {
    if (!current) throw new SyncFailure('The feed index answered 304 but no feed is stored.');
    return { kind: 'not-modified' };
  }
  const indexJson = parseJson(bytes, 'feed index');
  if (options.verifyIndex) {
    try {
      await options.verifyIndex(bytes, indexJson);
    } catch (error) {
      throw new SyncFailure(`The feed index was refused: ${describeError(error)}`);
    }
  }
  const parsedIndex = feedIndexSchema.safeParse(indexJson);
  if (!parsedIndex.success) {
    throw new SyncFailure(
      `The feed index does not match the feed format: ${schemaMessage(parsedIndex.error.issues)}`,
    );
  }
  const index = parsedIndex.data;
  if (current && index.version < current.index.version) {
    throw new SyncFailure(
      `The feed at ${indexUrl.href} is older (version ${index.version}) than the one in use (version ${current.index.version}); it was not installed.`,
    );
  }
  if (current && index.version === current.index.version) return { kind: 'same-version' };

  const seen = new Set<string>();
  for (const entry of index.platforms) {
    if (seen.has(entry.id)) throw new SyncFailure(`The feed index lists "${entry.id}" twice.`);
    seen.add(entry.id);
  }

  const shardInit: RequestInit = { headers: { Accept: 'application/json' } };
  if (options.signal) shardInit.signal = options.signal;
  const shards = await mapLimited(
    index.platforms,
    options.concurrency ?? DEFAULT_CONCURRENCY,
    async (entry) => {
      const shardUrl = new URL(entry.shard, indexUrl);
      if (shardUrl.origin !== indexUrl.origin) {
        throw new SyncFailure(`The shard of "${entry.id}" is not on the feed's origin.`);
      }
      const what = `shard of "${entry.id}"`;
      const shard = await download(options.fetch, shardUrl, what, MAX_SHARD_BYTES, shardInit);
      if (shard.bytes === null) {
        throw new SyncFailure(`The ${what} answered 304 to an unconditional request.`);
      }
      const digest = await sha256Hex(shard.bytes);
      if (digest !== entry.sha256) {
        throw new SyncFailure(
          `The ${what} does not match the index (SHA-256 ${digest}, expected ${entry.sha256}).`,
        );
      }
      const parsed = platformShardSchema.safeParse(parseJson(shard.bytes, what));
      if (!parsed.success) {
        throw new SyncFailure(
          `The ${what} does not match the feed format: ${schemaMessage(parsed.error.issues)}`,
        );
      }
      if (parsed.data.id !== entry.id) {
        throw new SyncFailure(`The ${what} is the shard of "${parsed.data.id}".`);
      }
      return parsed.data;
    },
  );

  return {
    kind: 'feed',
    feed: {
      index,
      shards: Object.fromEntries(shards.map((shard) => [shard.id, shard])),
      etag: response.headers.get('etag'),
      source: 'remote',
      sourceUrl: indexUrl.href,
    },
  };
}

/** Checks the remote feed once and installs it when it is newer and whole. Never throws. */
export async function syncFeed(options: SyncOptions): Promise<FeedSyncStatus> {
  const now = options.now ?? Date.now;
  let current: StoredFeedData | null = null;
  let status: FeedSyncStatus;
  try {
    current = await options.store.getCurrent();
    const indexUrl = resolveIndexUrl(options.feedUrl);
    const result = await downloadFeed(options, indexUrl, current);
    if (result.kind === 'feed') {
      await options.store.replace(result.feed);
      status = {
        outcome: 'updated',
        checkedAt: now(),
        message: `Installed feed version ${result.feed.index.version} (${result.feed.index.platforms.length} platforms).`,
        error: null,
        version: result.feed.index.version,
        feedUrl: options.feedUrl,
      };
    } else {
      const version = current?.index.version ?? null;
      status = {
        outcome: result.kind === 'not-modified' ? 'not-modified' : 'up-to-date',
        checkedAt: now(),
        message:
          result.kind === 'not-modified'
            ? `The feed has not changed since the last check (version ${version}).`
            : `The feed is up to date (version ${version}).`,
        error: null,
        version,
        feedUrl: options.feedUrl,
      };
    }
  } catch (error) {
    const message =
      error instanceof SyncFailure
        ? error.message
        : `The feed could not be updated: ${describeError(error)}`;
    status = {
      outcome: 'failed',
      checkedAt: now(),
      message: `${message} The feed in use was kept.`,
      error: message,
      version: current?.index.version ?? null,
      feedUrl: options.feedUrl,
    };
  }
  try {
    await options.store.setStatus(status);
  } catch {
    // The status is also returned; a store that cannot record it must not turn a good sync bad.
  }
  return status;
}
