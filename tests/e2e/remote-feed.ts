import {
  createHash,
  createPrivateKey,
  generateKeyPairSync,
  type KeyObject,
  sign,
} from 'node:crypto';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { FixtureServer } from './server';

export interface Index {
  version: number;
  publishedAt: string;
  platforms: { id: string; shard: string; sha256: string }[];
  [key: string]: unknown;
}
export type Shard = {
  id: string;
  provisions: { id: string; title: string }[];
  [key: string]: unknown;
};

const BUNDLED = resolve('public/feed');
/** The test key only `--mode e2e` builds trust (`.env.e2e`); release builds refuse its feeds. */
const E2E_SIGNING_KEY = createPrivateKey({
  key: JSON.parse(readFileSync(resolve('tests/fixtures/feed-keys/e2e-private-key.jwk'), 'utf8')),
  format: 'jwk',
});

/** Base64 Ed25519 signature, the content of `index.json.sig` (see lib/feed/signature.ts). */
function signIndex(indexText: string, key: KeyObject): string {
  return `${sign(null, Buffer.from(indexText, 'utf8'), key).toString('base64')}\n`;
}

function hashShards(index: Index, shards: Map<string, Shard>): Map<string, string> {
  const bodies = new Map<string, string>();
  for (const entry of index.platforms) {
    const body = JSON.stringify(shards.get(entry.id));
    entry.sha256 = createHash('sha256').update(body).digest('hex');
    bodies.set(entry.shard, body);
  }
  return bodies;
}

export interface PublishOptions {
  etag?: string;
  /**
   * The `index.json.sig` served: by the e2e key over the index as first built (the default), by
   * a key no build trusts, or none.
   */
  signature?: 'e2e-key' | 'untrusted-key' | 'none';
  /**
   * Changes made after signing, as someone without the key would: shard hashes in the index are
   * brought up to date, so only the signature can tell.
   */
  tamper?: (shards: Map<string, Shard>, index: Index) => void;
}

/**
 * A copy of the bundled feed, edited by `edit`, served under `prefix` with a given version and
 * its detached signature.
 */
export function publishFeed(
  server: FixtureServer,
  prefix: string,
  version: number,
  edit: (shards: Map<string, Shard>) => void,
  options: PublishOptions = {},
): string {
  const index = JSON.parse(readFileSync(`${BUNDLED}/index.json`, 'utf8')) as Index;
  const shards = new Map<string, Shard>();
  for (const entry of index.platforms) {
    shards.set(entry.id, JSON.parse(readFileSync(`${BUNDLED}/${entry.shard}`, 'utf8')) as Shard);
  }
  edit(shards);
  index.version = version;
  index.publishedAt = new Date(Date.UTC(2026, 10, version)).toISOString();
  let bodies = hashShards(index, shards);
  let indexText = JSON.stringify(index);
  const kind = options.signature ?? 'e2e-key';
  const signature =
    kind === 'none'
      ? null
      : signIndex(
          indexText,
          kind === 'e2e-key' ? E2E_SIGNING_KEY : generateKeyPairSync('ed25519').privateKey,
        );
  if (options.tamper) {
    options.tamper(shards, index);
    bodies = hashShards(index, shards);
    indexText = JSON.stringify(index);
  }
  for (const [path, body] of bodies) server.route(`${prefix}/${path}`, body, 'application/json');
  server.route(
    `${prefix}/index.json`,
    indexText,
    'application/json',
    options.etag ? { ETag: options.etag } : {},
  );
  if (signature === null) server.unroute(`${prefix}/index.json.sig`);
  else server.route(`${prefix}/index.json.sig`, signature, 'text/plain');
  return `http://127.0.0.1:${server.port}${prefix}/index.json`;
}

/** Renames a platform's first provision so a test can tell which feed the panel shows. */
export function renameFirstProvision(platformId: string, title: string) {
  return (shards: Map<string, Shard>) => {
    const shard = shards.get(platformId);
    const provision = shard?.provisions[0];
    if (!provision) throw new Error(`no provision to rename in ${platformId}`);
    provision.title = title;
  };
}
