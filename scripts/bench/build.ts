// Makes sure the benchmark measures the current code: rebuilds the extension when its output is
// missing or older than any source, snapshots it (other builds may rewrite .output meanwhile),
// and bundles the page-side engine for the highlighting comparison.
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { build } from 'vite';

export const BUILD_OUTPUT = resolve('.output/chrome-mv3');
export const BENCH_DIR = resolve('.bench');
export const EXTENSION_SNAPSHOT = join(BENCH_DIR, 'chrome-mv3');

const SOURCES = [
  'entrypoints',
  'lib',
  'components',
  'public',
  'assets',
  'wxt.config.ts',
  'package.json',
];

function newestMtime(path: string): number {
  if (!existsSync(path)) return 0;
  const stats = statSync(path);
  if (!stats.isDirectory()) return stats.mtimeMs;
  let newest = stats.mtimeMs;
  for (const entry of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, entry)));
  return newest;
}

/** Whether `.output/chrome-mv3` is missing or older than a source file. */
export function buildIsStale(): boolean {
  const manifest = join(BUILD_OUTPUT, 'manifest.json');
  if (!existsSync(manifest)) return true;
  const built = statSync(manifest).mtimeMs;
  return SOURCES.some((source) => newestMtime(resolve(source)) > built);
}

/** Builds when stale and copies the build to .bench/, returning the copy's path. */
export function ensureExtensionBuild(log: (line: string) => void): {
  path: string;
  rebuilt: boolean;
} {
  const rebuilt = buildIsStale();
  if (rebuilt) {
    log('building the extension (npx wxt build)…');
    execFileSync('npx', ['wxt', 'build'], { stdio: ['ignore', 'ignore', 'inherit'] });
  }
  rmSync(EXTENSION_SNAPSHOT, { recursive: true, force: true });
  cpSync(BUILD_OUTPUT, EXTENSION_SNAPSHOT, { recursive: true });
  return { path: EXTENSION_SNAPSHOT, rebuilt };
}

/** The page-side engine (scripts/bench/page-engine.ts) as one classic script. */
export async function bundlePageEngine(): Promise<string> {
  const output = await build({
    configFile: false,
    logLevel: 'silent',
    build: {
      write: false,
      minify: true,
      lib: {
        entry: resolve('scripts/bench/page-engine.ts'),
        formats: ['iife'],
        name: 'fineprintBenchBundle',
      },
    },
  });
  const results = Array.isArray(output) ? output : [output];
  for (const result of results) {
    if (!('output' in result)) continue;
    for (const chunk of result.output) {
      if (chunk.type === 'chunk') return chunk.code;
    }
  }
  throw new Error('vite produced no bundle for scripts/bench/page-engine.ts');
}
