import type { Severity } from '../taxonomy';
import { OWN_NODE_ATTRIBUTE } from './sentinel';

// Page highlighting goes through the CSS Custom Highlight API: the page's DOM text is never
// rewritten. The registry is shared with the page's own scripts, hence the prefix.

export const HIGHLIGHT_PREFIX = 'fineprint-';
export type HighlightKind = 'curated' | 'auto';

export function highlightName(kind: HighlightKind, severity: Severity): string {
  return `${HIGHLIGHT_PREFIX}${kind}-${severity}`;
}
export const CHANGED_HIGHLIGHT = `${HIGHLIGHT_PREFIX}changed`;
export const FLASH_HIGHLIGHT = `${HIGHLIGHT_PREFIX}flash`;

// Translucent fills with a coloured underline stay readable on light and dark pages alike;
// curated clauses get a solid underline, automatic findings a dotted one.
const SEVERITY_COLOURS: Record<Severity, { fill: string; line: string }> = {
  high: { fill: 'rgba(240, 68, 56, 0.26)', line: 'rgb(217, 45, 32)' },
  medium: { fill: 'rgba(247, 144, 9, 0.26)', line: 'rgb(220, 104, 3)' },
  low: { fill: 'rgba(46, 144, 250, 0.20)', line: 'rgb(21, 112, 239)' },
  info: { fill: 'rgba(102, 112, 133, 0.16)', line: 'rgb(102, 112, 133)' },
};

export function highlightStyles(): string {
  const rules: string[] = [];
  for (const [severity, colour] of Object.entries(SEVERITY_COLOURS)) {
    for (const kind of ['curated', 'auto'] as const) {
      rules.push(
        `::highlight(${highlightName(kind, severity as Severity)}) { background-color: ${colour.fill}; text-decoration: underline ${kind === 'curated' ? 'solid' : 'dotted'} ${colour.line}; text-decoration-thickness: 2px; }`,
      );
    }
  }
  rules.push(
    `::highlight(${CHANGED_HIGHLIGHT}) { background-color: rgba(122, 90, 248, 0.28); text-decoration: underline double rgb(105, 65, 198); }`,
    `::highlight(${FLASH_HIGHLIGHT}) { background-color: rgba(253, 176, 34, 0.75); color: #101828; }`,
  );
  return rules.join('\n');
}

type HighlightWindow = Window & typeof globalThis;

export function highlightApiAvailable(win: Window): win is HighlightWindow {
  const full = win as HighlightWindow;
  return typeof full.CSS?.highlights?.set === 'function' && typeof full.Highlight === 'function';
}

/** What one paint registered, to tell later whether the page has taken it down. */
export interface PaintedHighlights {
  highlights: ReadonlyMap<string, Highlight>;
  style: HTMLStyleElement;
}

/**
 * Replaces all of Fineprint's highlights in `doc` with `groups` (name → ranges). The registry is
 * shared with the page, which may delete or replace our entries: see `highlightsIntact`.
 */
export function paintHighlights(
  doc: Document,
  groups: ReadonlyMap<string, readonly Range[]>,
): PaintedHighlights | null {
  const win = doc.defaultView;
  if (!win || !highlightApiAvailable(win)) return null;
  const highlights = new Map<string, Highlight>();
  for (const [name, ranges] of groups) {
    if (ranges.length === 0) continue;
    const highlight = new win.Highlight();
    for (const range of ranges) highlight.add(range);
    highlights.set(name, highlight);
  }
  return registerHighlights(doc, highlights);
}

/**
 * Puts `highlights` (built beforehand, possibly in slices) in the registry in place of all of
 * Fineprint's others: cheap, so that it can also restore what a page took down.
 */
export function registerHighlights(
  doc: Document,
  highlights: ReadonlyMap<string, Highlight>,
): PaintedHighlights | null {
  const win = doc.defaultView;
  if (!win || !highlightApiAvailable(win)) return null;
  const style = ensureStyle(doc);
  clearHighlights(doc, (name) => name !== FLASH_HIGHLIGHT);
  for (const [name, highlight] of highlights) win.CSS.highlights.set(name, highlight);
  return { highlights, style };
}

/** Whether the page left what `painted` registered in place (entries and style sheet). */
export function highlightsIntact(doc: Document, painted: PaintedHighlights): boolean {
  const win = doc.defaultView;
  if (!win || !highlightApiAvailable(win)) return true;
  if (!painted.style.isConnected) return false;
  for (const [name, highlight] of painted.highlights) {
    if (win.CSS.highlights.get(name) !== highlight) return false;
  }
  return true;
}

export function clearHighlights(
  doc: Document,
  which: (name: string) => boolean = () => true,
): void {
  const win = doc.defaultView;
  if (!win || !highlightApiAvailable(win)) return;
  const names: string[] = [];
  win.CSS.highlights.forEach((_value, name) => {
    if (name.startsWith(HIGHLIGHT_PREFIX) && which(name)) names.push(name);
  });
  for (const name of names) win.CSS.highlights.delete(name);
}

/** Briefly marks `ranges` so the eye finds the clause the page just scrolled to. */
export function flashRanges(doc: Document, ranges: readonly Range[], durationMs = 1600): void {
  const win = doc.defaultView;
  if (!win || !highlightApiAvailable(win) || ranges.length === 0) return;
  ensureStyle(doc);
  win.CSS.highlights.set(FLASH_HIGHLIGHT, new win.Highlight(...ranges));
  win.setTimeout(() => win.CSS.highlights.delete(FLASH_HIGHLIGHT), durationMs);
}

const STYLE_ID = 'fineprint-highlight-style';

// Our own element, not whatever the page put under our id: a page can remove the style sheet or
// plant an element with its id.
const styles = new WeakMap<Document, HTMLStyleElement>();

function ensureStyle(doc: Document): HTMLStyleElement {
  const existing = styles.get(doc);
  if (existing?.isConnected) return existing;
  const style = existing ?? doc.createElement('style');
  style.id = STYLE_ID;
  style.setAttribute(OWN_NODE_ATTRIBUTE, 'style');
  style.textContent = highlightStyles();
  (doc.head ?? doc.documentElement).append(style);
  styles.set(doc, style);
  return style;
}

export function removeHighlightStyle(doc: Document) {
  styles.get(doc)?.remove();
  styles.delete(doc);
}
