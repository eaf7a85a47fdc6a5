import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { classifyClauses } from '../lib/analysis/classifier';
import { buildFeed, FeedBuildError, feedStateSchema, serializeJson } from '../lib/feed/build';
import { signFeedIndex } from '../lib/feed/signature';
import {
  PLATFORM_DOMAINS_FILE,
  platformDomains,
  platformDomainsSource,
} from './detect/write-platform-domains';

// `npm run build:feed` writes public/feed/ from data/platforms/*.json and data/archive/;
// `npm run build:feed -- --check` writes nothing and fails when public/feed/ is not what the
// sources give (for CI, so a committed feed cannot drift from its sources).
// With FINEPRINT_FEED_SIGNING_KEY=<path to the Ed25519 private JWK> it also writes
// public/feed/index.json.sig (see lib/feed/signature.ts); Ed25519 is deterministic, so the build
// stays byte for byte reproducible.

const root = resolve(import.meta.dirname, '..');
const platformsDir = join(root, 'data/platforms');
const archiveDir = join(root, 'data/archive');
const stateFile = join(root, 'data/feed.json');
const outputDir = join(root, 'public/feed');
const SIGNATURE_FILE = 'index.json.sig';

async function signIndex(indexBytes: string): Promise<string | null> {
  const keyPath = process.env.FINEPRINT_FEED_SIGNING_KEY;
  if (!keyPath) return null;
  let jwk: JsonWebKey;
  try {
    jwk = JSON.parse(readFileSync(resolve(keyPath), 'utf8')) as JsonWebKey;
  } catch (error) {
    throw new Error(
      `FINEPRINT_FEED_SIGNING_KEY: cannot read a JWK from ${keyPath}: ${(error as Error).message}`,
    );
  }
  return `${await signFeedIndex(new TextEncoder().encode(indexBytes), jwk)}\n`;
}

function readState() {
  if (!existsSync(stateFile)) return null;
  const parsed = feedStateSchema.safeParse(JSON.parse(readFileSync(stateFile, 'utf8')));
  if (!parsed.success) {
    throw new Error(`data/feed.json is invalid: ${parsed.error.issues[0]?.message ?? 'unknown'}`);
  }
  return parsed.data;
}

function existingOutput(): Map<string, string> {
  const files = new Map<string, string>();
  if (existsSync(join(outputDir, 'index.json'))) {
    files.set('index.json', readFileSync(join(outputDir, 'index.json'), 'utf8'));
  }
  const shardsDir = join(outputDir, 'shards');
  if (existsSync(shardsDir)) {
    for (const name of readdirSync(shardsDir)) {
      files.set(`shards/${name}`, readFileSync(join(shardsDir, name), 'utf8'));
    }
  }
  if (existsSync(join(outputDir, SIGNATURE_FILE))) {
    files.set(SIGNATURE_FILE, readFileSync(join(outputDir, SIGNATURE_FILE), 'utf8'));
  }
  return files;
}

async function main(): Promise<number> {
  const check = process.argv.includes('--check');
  const sources = readdirSync(platformsDir)
    .filter((name) => name.endsWith('.json'))
    .sort()
    .map((name) => ({
      file: `data/platforms/${name}`,
      content: readFileSync(join(platformsDir, name), 'utf8'),
    }));
  const started = performance.now();
  const built = await buildFeed({
    sources,
    readArchive: (file) => {
      const path = resolve(archiveDir, file);
      if (!path.startsWith(`${archiveDir}/`) || !existsSync(path)) return null;
      return readFileSync(path, 'utf8');
    },
    state: readState(),
    changeOptions: { classify: classifyClauses },
  });
  const seconds = ((performance.now() - started) / 1000).toFixed(1);

  const previous = existingOutput();
  const signature = await signIndex(built.files.get('index.json')!);
  if (signature !== null) {
    built.files.set(SIGNATURE_FILE, signature);
  } else if (previous.get('index.json') === built.files.get('index.json')) {
    // Unsigned build of an unchanged index: a signature already there still matches it.
    const kept = previous.get(SIGNATURE_FILE);
    if (kept !== undefined) built.files.set(SIGNATURE_FILE, kept);
  }
  if (signature === null) {
    console.error(
      built.files.has(SIGNATURE_FILE)
        ? `Note: FINEPRINT_FEED_SIGNING_KEY is not set; the existing ${SIGNATURE_FILE} still matches index.json and was kept.`
        : `Note: FINEPRINT_FEED_SIGNING_KEY is not set, so there is no ${SIGNATURE_FILE}: extensions refuse a remote copy of this feed until it is signed.`,
    );
  }
  const stale = [...previous.keys()].filter((path) => !built.files.has(path));
  const differing = [...built.files].filter(([path, bytes]) => previous.get(path) !== bytes);

  // The sentinel bundles the platforms' domains alone, from a generated module.
  const domainsSource = platformDomainsSource(
    platformDomains(sources.map((source) => source.content)),
  );
  const domainsStale = readFileSync(PLATFORM_DOMAINS_FILE, 'utf8') !== domainsSource;

  if (check) {
    if (domainsStale) {
      console.error(
        'lib/content/platform-domains.ts is out of date with data/platforms/: run npm run build:feed',
      );
      return 1;
    }
    if (built.stateChanged || stale.length > 0 || differing.length > 0) {
      const names = [...differing.map(([path]) => path), ...stale];
      console.error(
        `public/feed/ is out of date with data/platforms/ (${names.join(', ') || 'data/feed.json'}): run npm run build:feed`,
      );
      return 1;
    }
    console.error(`public/feed/ is up to date (version ${built.index.version}).`);
    return 0;
  }

  if (domainsStale) writeFileSync(PLATFORM_DOMAINS_FILE, domainsSource);
  for (const path of stale) rmSync(join(outputDir, path));
  for (const [path, bytes] of differing) {
    mkdirSync(dirname(join(outputDir, path)), { recursive: true });
    writeFileSync(join(outputDir, path), bytes);
  }
  if (built.stateChanged) writeFileSync(stateFile, serializeJson(built.state));
  const changes = built.index.platforms.length;
  console.error(
    `Feed version ${built.index.version}: ${changes} platforms, ${differing.length} files written, ${stale.length} removed, in ${seconds} s.`,
  );
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    // A build problem is listed plainly; anything else (an unreadable file, a model that does not
    // load) keeps its stack so the failing module can be found.
    console.error(
      error instanceof FeedBuildError
        ? error.message
        : `build:feed failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
    );
    process.exit(1);
  },
);
