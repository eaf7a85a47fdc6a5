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

/** Replaces all of Fineprint's highlights in `doc` with `groups` (name → ranges). */
export function paintHighlights(
  doc: Document,
  groups: ReadonlyMap<string, readonly Range[]>,
): void {
  const win = doc.defaultView;
  if (!win || !highlightApiAvailable(win)) return;
  ensureStyle(doc);
  clearHighlights(doc, (name) => name !== FLASH_HIGHLIGHT);
  for (const [name, ranges] of groups) {
    if (ranges.length > 0) win.CSS.highlights.set(name, new win.Highlight(...ranges));
  }
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

function ensureStyle(doc: Document) {
  if (doc.getElementById(STYLE_ID)) return;
  const style = doc.createElement('style');
  style.id = STYLE_ID;
  style.setAttribute(OWN_NODE_ATTRIBUTE, 'style');
  style.textContent = highlightStyles();
  (doc.head ?? doc.documentElement).append(style);
}

export function removeHighlightStyle(doc: Document) {
  doc.getElementById(STYLE_ID)?.remove();
}
