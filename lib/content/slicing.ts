// The analyzer shares the page's main thread. Long work (walking a huge DOM, classifying thousands
// of clauses) runs in time slices with the event loop in between, so that clicks, scrolling and
// the page's own scripts keep running; and it is bounded, so a 10 MB page costs what 1 MB does.

/** A slice this long stays well under the 50 ms a browser calls a long task, even when a busy
 * machine stretches it several times over. */
export const SLICE_MS = 8;

/**
 * Text beyond this many characters is not analysed: 2.4 times the longest real policy among our
 * fixtures (Microsoft's privacy statement, 317,518 characters, 2,486 clauses).
 */
export const MAX_ANALYSED_CHARS = 750_000;
/** Clauses beyond this many are not analysed: twice that same longest policy. */
export const MAX_ANALYSED_CLAUSES = 5_000;

/**
 * Re-analyses of one address that the page's own changes can cause (the sentinel asks after it
 * sees mutations); a page that never stops changing gets this many and then keeps the last.
 */
export const MAX_RERENDER_RUNS_PER_URL = 4;
/** Times the highlights are put back after the page removed them, per analysis. */
export const MAX_HIGHLIGHT_RESTORES = 5;

export interface Slicer {
  /** Whether the current slice has used up its time: the caller should `pause()` soon. */
  shouldYield(): boolean;
  /** Gives the event loop a turn and starts a new slice. */
  pause(): Promise<void>;
}

export interface SlicerEnv {
  now: () => number;
  yieldToLoop: () => Promise<void>;
  sliceMs?: number;
}

export function createSlicer(env: SlicerEnv): Slicer {
  const sliceMs = env.sliceMs ?? SLICE_MS;
  let sliceStart = env.now();
  return {
    shouldYield: () => env.now() - sliceStart >= sliceMs,
    async pause() {
      await env.yieldToLoop();
      sliceStart = env.now();
    },
  };
}

interface SchedulerLike {
  yield?: () => Promise<void>;
}

/**
 * A macrotask boundary: `scheduler.yield()` where the browser has it (the continuation keeps its
 * place in the queue), else a message-channel task, which unlike nested `setTimeout(0)` is not
 * clamped to 4 ms.
 */
export function eventLoopYielder(win: Window): () => Promise<void> {
  const scheduler = (win as Window & { scheduler?: SchedulerLike }).scheduler;
  if (scheduler && typeof scheduler.yield === 'function') {
    const yieldNow = scheduler.yield.bind(scheduler);
    return () => yieldNow();
  }
  const { MessageChannel } = win as Window & typeof globalThis;
  if (typeof MessageChannel === 'function') {
    return () =>
      new Promise<void>((resolve) => {
        const channel = new MessageChannel();
        channel.port1.onmessage = () => {
          channel.port1.close();
          resolve();
        };
        channel.port2.postMessage(null);
      });
  }
  return () => new Promise<void>((resolve) => win.setTimeout(resolve, 0));
}

/**
 * Runs `step` until it reports that it is done, pausing whenever the slice is used up. `step`
 * receives the slicer's `shouldYield` and returns early (false) when told to.
 */
export async function runInSlices(
  step: (shouldYield: () => boolean) => boolean,
  slicer: Slicer,
): Promise<void> {
  while (!step(slicer.shouldYield)) await slicer.pause();
}

/**
 * Maps `items` through `mapBatch` in batches of `batchSize`, pausing between batches whenever the
 * slice is used up. `mapBatch` must return one result per item.
 */
export async function mapInSlices<T, R>(
  items: readonly T[],
  /** Called with each batch and the index of its first item. */
  mapBatch: (batch: readonly T[], start: number) => R[],
  slicer: Slicer,
  batchSize: number,
): Promise<R[]> {
  const results: R[] = [];
  for (let start = 0; start < items.length; start += batchSize) {
    if (slicer.shouldYield()) await slicer.pause();
    const batch = items.slice(start, start + batchSize);
    const mapped = mapBatch(batch, start);
    if (mapped.length !== batch.length) {
      throw new Error(`batch of ${batch.length} mapped to ${mapped.length} results`);
    }
    for (const result of mapped) results.push(result);
  }
  return results;
}

/** Keeps the first `max` items; says whether any were dropped. */
export function capItems<T>(items: readonly T[], max: number): { kept: T[]; dropped: boolean } {
  return items.length > max
    ? { kept: items.slice(0, max), dropped: true }
    : { kept: [...items], dropped: false };
}

/** What the side panel tells the reader when only the start of a page was analysed. */
export function largePageNotice(analysedClauses: number): string {
  return `This page is very large: Fineprint analysed the first ${analysedClauses.toLocaleString('en-US')} clauses.`;
}

/**
 * A cheap fingerprint of a whole page text (FNV-1a, 32 bits, plus the length), to tell whether a
 * re-render changed anything without normalising hundreds of kilobytes.
 */
export function textFingerprint(text: string): string {
  let hash = 0x811c9dc5;
  for (let index = 0; index < text.length; index += 1) {
    hash ^= text.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193);
  }
  return `${text.length}:${(hash >>> 0).toString(16)}`;
}
