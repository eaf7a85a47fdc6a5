// The sentinel (always injected) and the analyzer (injected on policy pages only) run in the
// same isolated world of the tab, which the page's own scripts cannot see; they meet here.

export interface AnalyzerHandle {
  /** Analyse the current document and report it; safe to call again after SPA renders. */
  run(reason: 'detected' | 'rerender' | 'navigation'): Promise<void>;
  /** Remove highlights and UI: the page navigated away from the policy. */
  clear(): void;
}

const KEY = '__fineprintAnalyzer';

export function registerAnalyzer(handle: AnalyzerHandle): void {
  (globalThis as Record<string, unknown>)[KEY] = handle;
}

export function findAnalyzer(): AnalyzerHandle | null {
  const handle = (globalThis as Record<string, unknown>)[KEY];
  return handle && typeof handle === 'object' ? (handle as AnalyzerHandle) : null;
}
