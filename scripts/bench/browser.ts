// Chromium with and without the built extension, and a local HTTP server for the pages.
import { type BrowserContext, chromium } from '@playwright/test';
import { CHROMIUM_ARGS, extensionWorker, findChromium, tabIdOf } from '../chromium';

/**
 * The mapped hosts resolve to 127.0.0.1; every other name fails at once. There is no network
 * here, and without the catch-all a page's third-party scripts hold DOMContentLoaded for seconds
 * while their lookups time out, which would time the sandbox rather than the extension.
 */
function hostRules(mappedHosts: readonly string[]): string[] {
  const rules = [
    ...mappedHosts.map((host) => `MAP ${host} 127.0.0.1`),
    'MAP * ~NOTFOUND',
    'EXCLUDE 127.0.0.1',
  ];
  return [`--host-resolver-rules=${rules.join(', ')}`];
}

/** Chromium with the extension at `extensionPath` (the same flags as the e2e suite). */
export function launchWithExtension(
  extensionPath: string,
  mappedHosts: readonly string[] = [],
): Promise<BrowserContext> {
  return chromium.launchPersistentContext('', {
    executablePath: findChromium(),
    headless: true,
    args: [
      `--disable-extensions-except=${extensionPath}`,
      `--load-extension=${extensionPath}`,
      ...CHROMIUM_ARGS,
      ...hostRules(mappedHosts),
    ],
  });
}

/** The same browser and flags, without any extension: the baseline. */
export function launchPlain(mappedHosts: readonly string[] = []): Promise<BrowserContext> {
  return chromium.launchPersistentContext('', {
    executablePath: findChromium(),
    headless: true,
    args: [...CHROMIUM_ARGS, ...hostRules(mappedHosts)],
  });
}

export { extensionWorker, tabIdOf };

export interface CpuProfile {
  nodes: { id: number; callFrame: { url: string; functionName: string }; children?: number[] }[];
  samples?: number[];
  timeDeltas?: number[];
}

/**
 * Milliseconds of sampled main-thread time spent with a function whose script URL starts with
 * `urlPrefix` anywhere on the stack (so DOM calls made by that code count as its time).
 */
export function profiledTimeUnder(profile: CpuProfile, urlPrefix: string): number {
  let total = 0;
  for (const ms of framesUnder(profile, urlPrefix).values()) total += ms;
  return total;
}

/**
 * The same time broken down by innermost frame ("function file", the file part of the URL only;
 * native bindings have no file): where the time under `urlPrefix` goes.
 */
export function framesUnder(profile: CpuProfile, urlPrefix: string): Map<string, number> {
  const parent = new Map<number, number>();
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  for (const node of profile.nodes)
    for (const child of node.children ?? []) parent.set(child, node.id);
  const memo = new Map<number, boolean>();
  const under = (id: number): boolean => {
    const known = memo.get(id);
    if (known !== undefined) return known;
    const node = byId.get(id);
    const parentId = parent.get(id);
    const result =
      (node?.callFrame.url.startsWith(urlPrefix) ?? false) ||
      (parentId !== undefined && under(parentId));
    memo.set(id, result);
    return result;
  };
  const samples = profile.samples ?? [];
  const deltas = profile.timeDeltas ?? [];
  const frames = new Map<string, number>();
  // A sample's duration is the gap to the next sample (the last one has none).
  for (let index = 0; index < samples.length - 1; index += 1) {
    const id = samples[index]!;
    if (!under(id)) continue;
    const frame = byId.get(id)?.callFrame;
    const file = frame?.url.split('/').pop() ?? '';
    const key = `${frame?.functionName || '(anonymous)'}${file ? ` ${file}` : ''}`;
    frames.set(key, (frames.get(key) ?? 0) + (deltas[index + 1] ?? 0) / 1000);
  }
  return frames;
}

export async function waitFor<T>(
  probe: () => Promise<T | null | undefined>,
  timeoutMs: number,
  what: string,
  intervalMs = 25,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== null && value !== undefined) return value;
    if (Date.now() > deadline)
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}
