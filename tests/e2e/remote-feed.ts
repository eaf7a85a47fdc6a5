import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { FixtureServer } from './server';

interface Index {
  version: number;
  publishedAt: string;
  platforms: { id: string; shard: string; sha256: string }[];
  [key: string]: unknown;
}
type Shard = { id: string; provisions: { id: string; title: string }[]; [key: string]: unknown };

const BUNDLED = resolve('public/feed');

/** A copy of the bundled feed, edited by `edit`, served under `prefix` with a given version. */
export function publishFeed(
  server: FixtureServer,
  prefix: string,
  version: number,
  edit: (shards: Map<string, Shard>) => void,
  options: { etag?: string } = {},
): string {
  const index = JSON.parse(readFileSync(`${BUNDLED}/index.json`, 'utf8')) as Index;
  const shards = new Map<string, Shard>();
  for (const entry of index.platforms) {
    shards.set(entry.id, JSON.parse(readFileSync(`${BUNDLED}/${entry.shard}`, 'utf8')) as Shard);
  }
  edit(shards);
  for (const entry of index.platforms) {
    const body = JSON.stringify(shards.get(entry.id));
    entry.sha256 = createHash('sha256').update(body).digest('hex');
    server.route(`${prefix}/${entry.shard}`, body, 'application/json');
  }
  index.version = version;
  index.publishedAt = new Date(Date.UTC(2026, 10, version)).toISOString();
  server.route(
    `${prefix}/index.json`,
    JSON.stringify(index),
    'application/json',
    options.etag ? { ETag: options.etag } : {},
  );
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
