import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildFeed, serializeJson } from '../../lib/feed/build';
import {
  base64ToBytes,
  bytesToBase64,
  type FeedKeyPair,
  feedSignatureVerifier,
  generateFeedKeyPair,
  signFeedIndex,
} from '../../lib/feed/signature';
import {
  type FeedStore,
  type FeedSyncStatus,
  type FetchLike,
  MAX_INDEX_BYTES,
  type StoredFeedData,
  sha256Hex,
  syncFeed,
} from '../../lib/feed/sync';

// Throws generated malformed or forged feeds at syncFeed with signature checking on, and checks
// that every one is refused, that the stored feed stays byte for byte the last good one, and that
// nothing throws. The generator is seeded, so a failure names a case that can be replayed.

const FEED = 'https://feed.example.org/fineprint/';
const INDEX_URL = `${FEED}index.json`;
const SIGNATURE_URL = `${INDEX_URL}.sig`;
const SEED = 0x5eed_f00d;
const CASES = 1200;
const STORED_VERSION = 5;
const NEXT_VERSION = 6;

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };
type Path = (string | number)[];

/** Small, fast, seeded PRNG (mulberry32). */
function createRandom(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1));
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!;
  const alphabet = [...'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 .,é漢😀'];
  const letters = (length: number) => {
    // Long strings repeat a random run: building megabytes one character at a time is slow.
    const run = Array.from({ length: Math.min(length, 512) }, () => pick(alphabet)).join('');
    return run.repeat(Math.ceil(length / Math.max(run.length, 1))).slice(0, length);
  };
  return { next, int, pick, letters };
}
type Random = ReturnType<typeof createRandom>;

const encoder = new TextEncoder();
const utf8 = (text: string) => encoder.encode(text);
const concat = (...parts: Uint8Array[]) => {
  const bytes = new Uint8Array(parts.reduce((total, part) => total + part.length, 0));
  let offset = 0;
  for (const part of parts) {
    bytes.set(part, offset);
    offset += part.length;
  }
  return bytes;
};

/** Keys whose schema accepts null: a null there is not malformed. */
const NULLABLE_KEYS = new Set(['updatedAt', 'aiTraining', 'settingsUrl', 'happens', 'retention']);
const REQUIRED_INDEX_KEYS = ['formatVersion', 'version', 'publishedAt', 'platforms'];
const REQUIRED_ENTRY_KEYS = [
  'id',
  'name',
  'kind',
  'hosts',
  'documents',
  'shard',
  'sha256',
  'updatedAt',
];
const REQUIRED_SHARD_KEYS = ['id', 'name', 'kind', 'hosts', 'documents', 'provisions'];
const REQUIRED_PROVISION_KEYS = ['id', 'category', 'severity', 'title', 'summary', 'excerpts'];
/** Byte sequences no UTF-8 decoder may accept. */
const INVALID_UTF8 = [
  [0xff],
  [0xfe, 0xff],
  [0xc0, 0xaf],
  [0xed, 0xa0, 0x80],
  [0xf8, 0x88, 0x80, 0x80, 0x80],
  [0x80],
  [0xe2, 0x82],
];
/** A token swapped for raw text after serialising (deep nesting JSON.stringify cannot write). */
const RAW = '\u0000raw\u0000';

function kindOf(value: Json): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}

function allPaths(value: Json, path: Path = [], out: Path[] = []): Path[] {
  if (path.length > 0) out.push(path);
  if (Array.isArray(value)) {
    for (const [index, item] of value.entries()) allPaths(item, [...path, index], out);
  } else if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) allPaths(item, [...path, key], out);
  }
  return out;
}

function getAt(root: Json, path: Path): Json {
  let node = root;
  for (const key of path) node = (node as Record<string | number, Json>)[key]!;
  return node;
}

function setAt(root: Json, path: Path, value: Json | undefined) {
  const parent = getAt(root, path.slice(0, -1)) as Record<string | number, Json>;
  const key = path[path.length - 1]!;
  if (value === undefined) delete parent[key];
  else parent[key] = value;
}

/** A value of another JSON type than `original`, never null where null is allowed. */
function wrongTypeValue(random: Random, original: Json, key: string | number): Json {
  const kinds = ['null', 'boolean', 'number', 'string', 'array', 'object'].filter(
    (kind) => kind !== kindOf(original) && !(kind === 'null' && NULLABLE_KEYS.has(String(key))),
  );
  switch (random.pick(kinds)) {
    case 'null':
      return null;
    case 'boolean':
      return random.next() < 0.5;
    case 'number':
      return random.pick([0, -1, 1, 3.5, -0.0001, 1e308, Number.MAX_SAFE_INTEGER]);
    case 'string':
      return random.pick(['', ' ', '0', 'true', 'null', random.letters(random.int(1, 40))]);
    case 'array':
      return random.pick([[], [null], [1, 'a', {}], [[[]]]]);
    default:
      return random.pick([
        {},
        { a: 1 },
        JSON.parse('{"__proto__": {"polluted": true}}'),
        { '': [] },
      ]);
  }
}

function deepJunk(random: Random): string {
  const depth = random.int(50, 100_000);
  const [open, close] = random.pick([
    ['[', ']'],
    ['{"a":', '}'],
    ['[{"x":[', ']}]'],
  ] as const);
  return `${open.repeat(depth)}${random.pick(['1', 'null', '"x"', '[]'])}${close.repeat(depth)}`;
}

interface Publication {
  index: Uint8Array;
  /** Body of index.json.sig, or a response for it (null: not published). */
  signature: Uint8Array | (() => Response) | null;
  shards: Map<string, Uint8Array | (() => Response)>;
}

interface FuzzCase {
  category: string;
  publication: Publication;
  /** Same-version feeds are not refused, just not installed. */
  expected: 'failed' | 'up-to-date';
  /** Cases a valid feed was forged from: the signature alone must stop them. */
  signatureOnly: boolean;
}

/** Keeps the feed the way a database would: serialized, so "intact" means byte for byte. */
function serializedStore(initial: StoredFeedData | null) {
  let bytes = initial === null ? null : JSON.stringify(initial);
  let replacements = 0;
  const statuses: FeedSyncStatus[] = [];
  const store: FeedStore = {
    getCurrent: async () => (bytes === null ? null : (JSON.parse(bytes) as StoredFeedData)),
    replace: async (feed) => {
      bytes = JSON.stringify(feed);
      replacements += 1;
    },
    setStatus: async (status) => {
      statuses.push(status);
    },
  };
  return { store, statuses, bytes: () => bytes, replacements: () => replacements };
}

function serve(publication: Publication): FetchLike {
  const respond = (body: Uint8Array | (() => Response) | null | undefined) => {
    if (body === null || body === undefined) return new Response('not found', { status: 404 });
    return typeof body === 'function' ? body() : new Response(body.slice());
  };
  return async (url) => {
    if (url === INDEX_URL) return respond(publication.index);
    if (url === SIGNATURE_URL) return respond(publication.signature);
    const shard = url.startsWith(FEED) ? publication.shards.get(url.slice(FEED.length)) : null;
    return respond(shard);
  };
}

let keys: FeedKeyPair;
let otherKeys: FeedKeyPair;
let baseIndex: JsonObject;
let baseShards: Map<string, JsonObject>;

function syncWith(store: FeedStore, publication: Publication, publicKeys = [keys.publicKey]) {
  const fetch = serve(publication);
  return syncFeed({
    feedUrl: FEED,
    store,
    fetch,
    verifyIndex: feedSignatureVerifier({ feedUrl: FEED, fetch, publicKeys }),
  });
}

/** The base feed at `version`, with shard hashes computed from the shards given. */
async function composeIndex(version: number, shards: Map<string, JsonObject>) {
  const index = structuredClone(baseIndex);
  index.version = version;
  const shardBytes = new Map<string, Uint8Array>();
  for (const entry of index.platforms as JsonObject[]) {
    const bytes = utf8(serializeJson(shards.get(entry.id as string)));
    shardBytes.set(entry.shard as string, bytes);
    entry.sha256 = await sha256Hex(bytes);
  }
  return { index, shardBytes };
}

async function signed(index: Uint8Array, shards: Map<string, Uint8Array | (() => Response)>) {
  return { index, signature: utf8(await signFeedIndex(index, keys.privateKey)), shards };
}

function withRaw(text: string, raw: string | null): string {
  return raw === null ? text : text.replace(JSON.stringify(RAW), raw);
}

/** Replaces, removes or oversizes one value of `root`; returns the raw text for RAW, if any. */
function mutateValue(random: Random, root: JsonObject, kind: string): string | null {
  const paths = allPaths(root);
  if (kind === 'wrong-type') {
    // A null may stand where another type is allowed too (`happens`: boolean or null).
    const path = random.pick(paths.filter((candidate) => getAt(root, candidate) !== null));
    setAt(root, path, wrongTypeValue(random, getAt(root, path), path[path.length - 1]!));
    return null;
  }
  if (kind === 'huge-string') {
    const stringPaths = paths.filter((path) => typeof getAt(root, path) === 'string');
    setAt(root, random.pick(stringPaths), random.letters(random.int(2_100, 200_000)));
    return null;
  }
  const path = random.pick(paths);
  setAt(root, path, RAW);
  return deepJunk(random);
}

const generators: Record<string, (random: Random) => Promise<Omit<FuzzCase, 'category'>>> = {
  async 'index: wrong type'(random) {
    const { index, shardBytes } = await composeIndex(NEXT_VERSION, baseShards);
    mutateValue(random, index, 'wrong-type');
    return refused(await signed(utf8(serializeJson(index)), shardBytes));
  },
  async 'index: missing field'(random) {
    const { index, shardBytes } = await composeIndex(NEXT_VERSION, baseShards);
    const entries = index.platforms as JsonObject[];
    const where = random.next();
    if (where < 0.3) delete index[random.pick(REQUIRED_INDEX_KEYS)];
    else if (where < 0.8) delete random.pick(entries)[random.pick(REQUIRED_ENTRY_KEYS)];
    else {
      const entry = random.pick(entries);
      const document = random.pick(entry.documents as JsonObject[]);
      delete document[random.pick(['id', 'type', 'title', 'url'])];
    }
    return refused(await signed(utf8(serializeJson(index)), shardBytes));
  },
  async 'index: huge string'(random) {
    const { index, shardBytes } = await composeIndex(NEXT_VERSION, baseShards);
    mutateValue(random, index, 'huge-string');
    return refused(await signed(utf8(serializeJson(index)), shardBytes));
  },
  async 'index: over the size limit'(random) {
    const { index, shardBytes } = await composeIndex(NEXT_VERSION, baseShards);
    index.padding = random.letters(MAX_INDEX_BYTES);
    return refused(await signed(utf8(serializeJson(index)), shardBytes));
  },
  async 'index: deeply nested junk'(random) {
    const { index, shardBytes } = await composeIndex(NEXT_VERSION, baseShards);
    let text: string;
    if (random.next() < 0.2) text = deepJunk(random);
    else {
      const raw = mutateValue(random, index, 'deep');
      text = withRaw(serializeJson(index), raw);
    }
    return refused(await signed(utf8(text), shardBytes));
  },
  async 'index: not an object'(random) {
    const { shardBytes } = await composeIndex(NEXT_VERSION, baseShards);
    const text = random.pick(['null', '[]', '"index"', '42', 'true', '[{}]', '{}', '""']);
    return refused(await signed(utf8(text), shardBytes));
  },
  async 'index: NaN or Infinity'(random) {
    const { index, shardBytes } = await composeIndex(NEXT_VERSION, baseShards);
    const field = random.pick(['version', 'formatVersion']);
    index[field] = RAW as Json;
    const value = random.pick(['NaN', 'Infinity', '-Infinity', '1e999', '-1e999', '0x10', '+6']);
    return refused(await signed(utf8(withRaw(serializeJson(index), value)), shardBytes));
  },
  async 'index: bad numbers'(random) {
    const { index, shardBytes } = await composeIndex(NEXT_VERSION, baseShards);
    if (random.next() < 0.5) index.version = random.pick([0, -6, 6.5, 1e-9, -0.5]);
    else index.formatVersion = random.pick([0, 2, 1.5, -1, 1e9]);
    return refused(await signed(utf8(serializeJson(index)), shardBytes));
  },
  async 'index: truncated JSON'(random) {
    const { index, shardBytes } = await composeIndex(NEXT_VERSION, baseShards);
    const text = serializeJson(index);
    const cut = utf8(text.slice(0, random.int(0, text.trimEnd().length - 1)));
    if (random.next() < 0.7) return refused(await signed(cut, shardBytes));
    const whole = await signed(utf8(text), shardBytes);
    return refused({ ...whole, index: cut });
  },
  async 'index: not UTF-8'(random) {
    const { index, shardBytes } = await composeIndex(NEXT_VERSION, baseShards);
    const bytes = utf8(serializeJson(index));
    const at = random.int(0, bytes.length);
    const bad = concat(
      bytes.slice(0, at),
      new Uint8Array(random.pick(INVALID_UTF8)),
      bytes.slice(at),
    );
    return refused(await signed(bad, shardBytes));
  },
  async 'index: older or same version'(random) {
    const version = random.int(1, STORED_VERSION);
    const { index, shardBytes } = await composeIndex(version, baseShards);
    const publication = await signed(utf8(serializeJson(index)), shardBytes);
    return {
      publication,
      expected: version === STORED_VERSION ? 'up-to-date' : 'failed',
      signatureOnly: false,
    };
  },
  async 'index: extra or duplicate platforms'(random) {
    const { index, shardBytes } = await composeIndex(NEXT_VERSION, baseShards);
    const entries = index.platforms as JsonObject[];
    const count = random.int(1, 5);
    for (let extra = 0; extra < count; extra++) {
      const copy = structuredClone(random.pick(entries.slice(0, 2)));
      if (random.next() < 0.3) {
        entries.push(copy);
        continue;
      }
      const id = `extra-${random.int(0, 1e6)}`;
      copy.id = id;
      copy.shard = `shards/${id}.json`;
      if (random.next() < 0.5) {
        copy.sha256 = await sha256Hex(random.letters(20));
        shardBytes.set(copy.shard, utf8(random.letters(random.int(0, 100))));
      }
      entries.push(copy);
    }
    return refused(await signed(utf8(serializeJson(index)), shardBytes));
  },
  async 'shard: hash does not match'(random) {
    const { index, shardBytes } = await composeIndex(NEXT_VERSION, baseShards);
    const entry = random.pick(index.platforms as JsonObject[]);
    if (random.next() < 0.5) {
      entry.sha256 = await sha256Hex(random.letters(30));
    } else {
      const original = shardBytes.get(entry.shard as string)!;
      const changed = original.slice();
      const at = random.int(0, changed.length - 1);
      changed[at] = changed[at] === 0x20 ? 0x09 : 0x20;
      shardBytes.set(entry.shard as string, changed);
    }
    return refused(await signed(utf8(serializeJson(index)), shardBytes));
  },
  async 'shard: id mismatch'(random) {
    const shards = new Map(baseShards);
    const [first, second] = [...baseShards.keys()];
    const target = random.pick([first!, second!]);
    const swapped = structuredClone(shards.get(target === first ? second! : first!)!);
    if (random.next() < 0.5) swapped.id = `not-${target}`;
    shards.set(target, swapped);
    const { index, shardBytes } = await composeIndex(NEXT_VERSION, shards);
    return refused(await signed(utf8(serializeJson(index)), shardBytes));
  },
  async 'shard: malformed with a matching hash'(random) {
    const target = random.pick([...baseShards.keys()]);
    const shard = structuredClone(baseShards.get(target)!);
    const kind = random.pick(['wrong-type', 'huge-string', 'deep', 'missing', 'missing']);
    let raw: string | null = null;
    if (kind === 'missing') {
      if (random.next() < 0.5) delete shard[random.pick(REQUIRED_SHARD_KEYS)];
      else {
        const provision = random.pick(shard.provisions as JsonObject[]);
        delete provision[random.pick(REQUIRED_PROVISION_KEYS)];
      }
    } else {
      raw = mutateValue(random, shard, kind);
    }
    const { index, shardBytes } = await composeIndex(NEXT_VERSION, baseShards);
    const bytes = utf8(withRaw(serializeJson(shard), raw));
    const entry = (index.platforms as JsonObject[]).find((item) => item.id === target)!;
    shardBytes.set(entry.shard as string, bytes);
    entry.sha256 = await sha256Hex(bytes);
    return refused(await signed(utf8(serializeJson(index)), shardBytes));
  },
  async 'shard: truncated, not UTF-8 or not served'(random) {
    const { index, shardBytes } = await composeIndex(NEXT_VERSION, baseShards);
    const entry = random.pick(index.platforms as JsonObject[]);
    const original = shardBytes.get(entry.shard as string)!;
    const how = random.pick(['truncated', 'not-utf8', 'http-error', 'missing']);
    if (how === 'http-error') {
      const status = random.pick([500, 403, 410, 301]);
      const served: Publication['shards'] = new Map(shardBytes);
      served.set(entry.shard as string, () => new Response('', { status }));
      return refused(await signed(utf8(serializeJson(index)), served));
    } else if (how === 'missing') {
      shardBytes.delete(entry.shard as string);
    } else {
      const bytes =
        how === 'truncated'
          ? original.slice(0, random.int(0, original.length - 3))
          : concat(original.slice(0, 10), new Uint8Array(random.pick(INVALID_UTF8)));
      shardBytes.set(entry.shard as string, bytes);
      entry.sha256 = await sha256Hex(bytes);
    }
    return refused(await signed(utf8(serializeJson(index)), shardBytes));
  },
  async 'signature: missing, malformed or wrong'(random) {
    const { index, shardBytes } = await composeIndex(NEXT_VERSION, baseShards);
    const bytes = utf8(serializeJson(index));
    const good = await signFeedIndex(bytes, keys.privateKey);
    const flipped = base64ToBytes(good)!;
    const flipAt = random.int(0, 63);
    flipped[flipAt] = flipped[flipAt]! ^ (1 << random.int(0, 7));
    const randomBytes = new Uint8Array(64).map(() => random.int(0, 255));
    const previous = await composeIndex(STORED_VERSION, baseShards);
    const choices: (() => Promise<Publication['signature']>)[] = [
      async () => null,
      async () => () => new Response('', { status: random.pick([500, 403, 401]) }),
      async () => utf8(''),
      async () => utf8(' \n'),
      async () => utf8(bytesToBase64(flipped)),
      async () => utf8(bytesToBase64(randomBytes)),
      async () => utf8(await signFeedIndex(bytes, otherKeys.privateKey)),
      async () => utf8(await signFeedIndex(utf8(serializeJson(previous.index)), keys.privateKey)),
      async () => utf8(await signFeedIndex(utf8(JSON.stringify(index)), keys.privateKey)),
      async () => utf8(await signFeedIndex(concat(bytes, utf8(' ')), keys.privateKey)),
      async () => utf8(good.slice(0, random.int(0, good.length - 1))),
      async () => utf8(`${good}${random.letters(random.int(1, 8))}`),
      async () => utf8(good.replaceAll('+', '-').replaceAll('/', '_').replaceAll('=', '')),
      async () => utf8(random.letters(random.int(1, 200))),
      async () => utf8(`${good}${' '.repeat(2000)}`),
      async () => concat(utf8(good.slice(0, 40)), new Uint8Array(random.pick(INVALID_UTF8))),
      async () => utf8(`{"signature": "${good}"}`),
    ];
    const signature = await random.pick(choices)();
    return { publication: { index: bytes, signature, shards: shardBytes }, ...forged };
  },
  async 'signature: index changed after signing'(random) {
    const { index, shardBytes } = await composeIndex(NEXT_VERSION, baseShards);
    const honest = await signed(utf8(serializeJson(index)), shardBytes);
    const tampered = structuredClone(index);
    const how = random.pick(['version', 'name', 'url', 'reformat', 'whitespace', 'shard']);
    let text: string;
    if (how === 'reformat') text = JSON.stringify(index);
    else if (how === 'whitespace')
      text = `${serializeJson(index)}${random.pick([' ', '\n', '\t'])}`;
    else {
      const entry = random.pick(tampered.platforms as JsonObject[]);
      if (how === 'version') tampered.version = NEXT_VERSION + random.int(1, 1000);
      if (how === 'name') entry.name = `Forged ${random.letters(8).trim() || 'name'}`;
      if (how === 'url') {
        const document = (entry.documents as JsonObject[])[0]!;
        document.url = `https://attacker.example/${random.int(0, 1e6)}`;
      }
      if (how === 'shard') {
        const shard = structuredClone(baseShards.get(entry.id as string)!);
        const provision = (shard.provisions as JsonObject[])[0]!;
        provision.title = 'Nothing to worry about';
        const bytes = utf8(serializeJson(shard));
        honest.shards.set(entry.shard as string, bytes);
        entry.sha256 = await sha256Hex(bytes);
      }
      text = serializeJson(tampered);
    }
    return { publication: { ...honest, index: utf8(text) }, ...forged };
  },
};

function refused(publication: Publication): Omit<FuzzCase, 'category'> {
  return { publication, expected: 'failed', signatureOnly: false };
}
const forged = { expected: 'failed', signatureOnly: true } as const;

/** How often each generator runs, relative to the others. */
const WEIGHTS: Record<keyof typeof generators, number> = {
  'index: wrong type': 12,
  'index: missing field': 6,
  'index: huge string': 5,
  'index: over the size limit': 0.4,
  'index: deeply nested junk': 4,
  'index: not an object': 3,
  'index: NaN or Infinity': 3,
  'index: bad numbers': 3,
  'index: truncated JSON': 6,
  'index: not UTF-8': 4,
  'index: older or same version': 3,
  'index: extra or duplicate platforms': 4,
  'shard: hash does not match': 4,
  'shard: id mismatch': 3,
  'shard: malformed with a matching hash': 12,
  'shard: truncated, not UTF-8 or not served': 5,
  'signature: missing, malformed or wrong': 12,
  'signature: index changed after signing': 10,
};

function pickCategory(random: Random): string {
  const entries = Object.entries(WEIGHTS);
  const total = entries.reduce((sum, [, weight]) => sum + weight, 0);
  let roll = random.next() * total;
  for (const [category, weight] of entries) {
    roll -= weight;
    if (roll < 0) return category;
  }
  return entries[entries.length - 1]![0];
}

async function generateCases(seed: number, count: number): Promise<FuzzCase[]> {
  const random = createRandom(seed);
  const cases: FuzzCase[] = [];
  for (let made = 0; made < count; made++) {
    const category = pickCategory(random);
    cases.push({ category, ...(await generators[category]!(random)) });
  }
  return cases;
}

let lastGood: StoredFeedData;

beforeAll(async () => {
  keys = await generateFeedKeyPair();
  otherKeys = await generateFeedKeyPair();
  const fixtures = resolve(import.meta.dirname, '../fixtures/feed');
  const built = await buildFeed({
    sources: [
      {
        file: 'example-chat.json',
        content: readFileSync(join(fixtures, 'good/example-chat.json'), 'utf8'),
      },
    ],
    readArchive: (file) => {
      const path = resolve(fixtures, 'archive', file);
      return existsSync(path) ? readFileSync(path, 'utf8') : null;
    },
    state: null,
    now: () => new Date('2025-01-01T00:00:00Z'),
  });
  // A second platform, so shards can be swapped and one of several can fail.
  const first = JSON.parse(built.files.get('shards/example-chat.json')!) as JsonObject;
  const second = { ...structuredClone(first), id: 'second-chat', name: 'Second Chat' };
  baseShards = new Map([
    ['example-chat', first],
    ['second-chat', second],
  ]);
  baseIndex = JSON.parse(built.files.get('index.json')!) as JsonObject;
  const entries = baseIndex.platforms as JsonObject[];
  entries.push({
    ...structuredClone(entries[0]!),
    id: 'second-chat',
    name: 'Second Chat',
    shard: 'shards/second-chat.json',
  });

  const { index, shardBytes } = await composeIndex(STORED_VERSION, baseShards);
  const memory = serializedStore(null);
  const status = await syncWith(memory.store, await signed(utf8(serializeJson(index)), shardBytes));
  expect(status.outcome).toBe('updated');
  lastGood = JSON.parse(memory.bytes()!) as StoredFeedData;
});

describe('feed sync under fuzzing', () => {
  it('installs the unmutated next version, so what the fuzzer refuses is its mutations', async () => {
    const { index, shardBytes } = await composeIndex(NEXT_VERSION, baseShards);
    const memory = serializedStore(lastGood);
    const status = await syncWith(
      memory.store,
      await signed(utf8(serializeJson(index)), shardBytes),
    );
    expect(status.outcome).toBe('updated');
    expect(memory.replacements()).toBe(1);
  });

  it('generates the same cases from the same seed', async () => {
    const [first, second] = await Promise.all([generateCases(7, 40), generateCases(7, 40)]);
    expect(first.map((fuzz) => fuzz.category)).toEqual(second.map((fuzz) => fuzz.category));
    expect(first.map((fuzz) => fuzz.publication.index)).toEqual(
      second.map((fuzz) => fuzz.publication.index),
    );
  });

  it(`refuses ${CASES} malformed, forged or stale feeds and keeps the last good feed byte for byte`, async () => {
    const cases = await generateCases(SEED, CASES);
    const goodBytes = JSON.stringify(lastGood);
    let memory = serializedStore(lastGood);
    let statuses = 0;
    const perCategory = new Map<string, number>();
    const problems: string[] = [];
    for (const [number, fuzz] of cases.entries()) {
      perCategory.set(fuzz.category, (perCategory.get(fuzz.category) ?? 0) + 1);
      const label = `case ${number} (${fuzz.category})`;
      let status: FeedSyncStatus;
      try {
        status = await syncWith(memory.store, fuzz.publication);
        statuses += memory.statuses.length;
        memory.statuses.length = 0;
      } catch (error) {
        problems.push(`${label}: threw ${String(error)}`);
        continue;
      }
      if (status.outcome !== fuzz.expected) {
        problems.push(`${label}: ${status.outcome}, expected ${fuzz.expected}`);
      }
      if (status.outcome === 'failed' && !status.error) problems.push(`${label}: no reason`);
      if (
        fuzz.signatureOnly &&
        !/The feed's signature is (missing|invalid)/.test(status.error ?? '')
      ) {
        problems.push(`${label}: not refused for its signature: ${status.error}`);
      }
      if (status.version !== STORED_VERSION) problems.push(`${label}: version ${status.version}`);
      if (memory.bytes() !== goodBytes) {
        problems.push(`${label}: the stored feed changed`);
        // Back to the last good feed, so one acceptance does not hide what the rest would do.
        memory = serializedStore(lastGood);
      }
    }
    expect(problems).toEqual([]);
    expect(memory.replacements()).toBe(0);
    expect(statuses).toBe(CASES);
    expect(cases.length).toBeGreaterThanOrEqual(1000);
    // Every generator ran often enough to matter (the rare oversized index at least twice).
    for (const category of Object.keys(generators)) {
      expect(perCategory.get(category) ?? 0, category).toBeGreaterThanOrEqual(
        category === 'index: over the size limit' ? 2 : 15,
      );
    }
  }, 60_000);
});
