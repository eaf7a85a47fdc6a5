import { analyzeText } from '../analysis/analyze';
import { classifyClauses } from '../analysis/classifier';
import { detectPolicyPage } from '../analysis/detect';
import { extractMainText, rangesFor } from '../analysis/extract';
import type { Clause } from '../analysis/types';
import { clauseHash } from '../diff/normalize';
import type { PageReport, ReportedClause, ReportReply } from '../messaging/protocol';
import type { AnalyzerHandle } from './bridge';
import { type CardContent, type ClauseCard, createClauseCard } from './card';
import {
  CHANGED_HIGHLIGHT,
  clearHighlights,
  flashRanges,
  highlightName,
  paintHighlights,
  removeHighlightStyle,
} from './highlights';

export interface AnalyzerEnv {
  window: Window;
  report: (report: PageReport) => Promise<ReportReply>;
  openPanel: (clauseId: number) => Promise<void>;
}

export interface Analyzer extends AnalyzerHandle {
  scrollToClause(clauseId: number): boolean;
  setHighlighting(enabled: boolean): void;
}

interface PaintedClause {
  clause: ReportedClause;
  ranges: Range[];
  curated: ReportReply['curated'][number] | null;
}

const HOVER_DELAY_MS = 350;

/**
 * Analyses the rendered policy in the page, reports it, and paints the clauses that matter.
 * Only injected into pages the sentinel recognised as policies.
 */
export function createAnalyzer(env: AnalyzerEnv): Analyzer {
  const { window: win } = env;
  const doc = win.document;
  let painted: PaintedClause[] = [];
  let changedIds = new Set<number>();
  let lastTextHash: string | null = null;
  let lastMap: ReturnType<typeof extractMainText>['map'] | null = null;
  let highlighting = true;
  let card: ClauseCard | null = null;
  let running: Promise<void> | null = null;
  let listening = false;
  let hoverTimer: number | null = null;

  const paint = () => {
    if (!highlighting) {
      clearHighlights(doc);
      return;
    }
    const groups = new Map<string, Range[]>();
    for (const entry of painted) {
      if (entry.clause.severity === null) continue;
      const name = changedIds.has(entry.clause.id)
        ? CHANGED_HIGHLIGHT
        : highlightName(entry.curated ? 'curated' : 'auto', entry.clause.severity);
      const list = groups.get(name) ?? [];
      list.push(...entry.ranges);
      groups.set(name, list);
    }
    paintHighlights(doc, groups);
  };

  /** Binary search over clauses in document order for the one containing a caret position. */
  const clauseAt = (node: Node, offset: number): PaintedClause | null => {
    let low = 0;
    let high = painted.length - 1;
    while (low <= high) {
      const middle = (low + high) >> 1;
      const entry = painted[middle]!;
      const first = entry.ranges[0];
      const last = entry.ranges[entry.ranges.length - 1];
      if (!first || !last) return null;
      let before: number;
      let after: number;
      try {
        before = first.comparePoint(node, offset);
        after = last.comparePoint(node, offset);
      } catch {
        return null;
      }
      if (before < 0) high = middle - 1;
      else if (after > 0) low = middle + 1;
      else return entry.clause.severity === null ? null : entry;
    }
    return null;
  };

  const caretAt = (x: number, y: number): { node: Node; offset: number } | null => {
    const withPosition = doc as Document & {
      caretPositionFromPoint?: (
        x: number,
        y: number,
      ) => { offsetNode: Node; offset: number } | null;
    };
    const position = withPosition.caretPositionFromPoint?.(x, y);
    if (position) return { node: position.offsetNode, offset: position.offset };
    const range = doc.caretRangeFromPoint?.(x, y);
    return range ? { node: range.startContainer, offset: range.startOffset } : null;
  };

  const cardContent = (entry: PaintedClause): CardContent => ({
    clauseId: entry.clause.id,
    categories: entry.clause.categories,
    severity: entry.clause.severity ?? 'info',
    curatedTitle: entry.curated?.title ?? null,
    curatedSummary: entry.curated?.summary ?? null,
  });

  const showCardFor = (entry: PaintedClause, focus: boolean) => {
    card ??= createClauseCard(doc, (clauseId) => void env.openPanel(clauseId));
    const rect = entry.ranges[0]?.getBoundingClientRect();
    if (rect) card.show(cardContent(entry), rect, { focus });
  };

  const entryFromEvent = (event: MouseEvent) => {
    if (!highlighting || painted.length === 0) return null;
    const caret = caretAt(event.clientX, event.clientY);
    return caret ? clauseAt(caret.node, caret.offset) : null;
  };

  const onClick = (event: MouseEvent) => {
    if ((event.target as Element | null)?.closest?.('fineprint-card')) return;
    const entry = entryFromEvent(event);
    if (entry) showCardFor(entry, true);
    else card?.hide();
  };
  const onMove = (event: MouseEvent) => {
    if (hoverTimer !== null) win.clearTimeout(hoverTimer);
    if (card?.isOpen()) return;
    hoverTimer = win.setTimeout(() => {
      hoverTimer = null;
      const entry = entryFromEvent(event);
      if (entry) showCardFor(entry, false);
    }, HOVER_DELAY_MS);
  };
  /** Alt+Shift+ArrowDown / ArrowUp walk the highlighted clauses from the keyboard. */
  let keyboardIndex = -1;
  const onKey = (event: KeyboardEvent) => {
    if (!event.altKey || !event.shiftKey || !highlighting) return;
    if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp') return;
    const flagged = painted.filter((entry) => entry.clause.severity !== null);
    if (flagged.length === 0) return;
    event.preventDefault();
    keyboardIndex =
      (keyboardIndex + (event.key === 'ArrowDown' ? 1 : -1) + flagged.length) % flagged.length;
    const entry = flagged[keyboardIndex]!;
    scrollTo(entry);
    showCardFor(entry, true);
  };

  const listen = () => {
    if (listening) return;
    listening = true;
    doc.addEventListener('click', onClick, true);
    doc.addEventListener('mousemove', onMove, { passive: true });
    doc.addEventListener('keydown', onKey, true);
  };

  const scrollTo = (entry: PaintedClause) => {
    const first = entry.ranges[0];
    if (!first) return;
    const rect = first.getBoundingClientRect();
    win.scrollBy({ top: rect.top - win.innerHeight / 3, behavior: 'instant' });
    flashRanges(doc, entry.ranges);
  };

  const analyse = async () => {
    const extracted = extractMainText(doc);
    const textHash = clauseHash(extracted.text);
    if (textHash === lastTextHash) return;
    lastTextHash = textHash;
    const url = win.location.href;
    // The same detection the sentinel made on the live DOM (title, headings, links), not the
    // weaker one a bare text allows.
    const detection = detectPolicyPage(doc, url);
    const analysis = analyzeText(extracted, { url, detection, classify: classifyClauses });
    const clauses = analysis.clauses.map(
      (clause: Clause, id): ReportedClause => ({
        id,
        text: clause.text,
        start: clause.start,
        end: clause.end,
        heading: clause.heading,
        categories: clause.categories,
        severity: clause.severity,
        hash: clauseHash(clause.text),
      }),
    );
    const reply = await env.report({
      url,
      title: doc.title,
      isPolicy: analysis.isPolicy,
      documentType: analysis.documentType,
      language: analysis.language,
      clauses,
      notice: null,
      analysedAt: Date.now(),
    });
    const curatedById = new Map(reply.curated.map((entry) => [entry.clauseId, entry]));
    painted = clauses.map((clause) => ({
      clause,
      ranges:
        clause.severity === null && !curatedById.has(clause.id)
          ? []
          : rangesFor(extracted.map, clause.start, clause.end, doc),
      curated: curatedById.get(clause.id) ?? null,
    }));
    lastMap = extracted.map;
    changedIds = new Set(reply.changedClauseIds);
    highlighting = reply.highlighting;
    paint();
    listen();
  };

  return {
    run() {
      running ??= analyse().finally(() => {
        running = null;
      });
      return running;
    },
    clear() {
      painted = [];
      lastTextHash = null;
      lastMap = null;
      clearHighlights(doc);
      removeHighlightStyle(doc);
      card?.destroy();
      card = null;
    },
    scrollToClause(clauseId) {
      const entry = painted.find((candidate) => candidate.clause.id === clauseId);
      if (!entry || !lastMap) return false;
      if (entry.ranges.length === 0) {
        entry.ranges = rangesFor(lastMap, entry.clause.start, entry.clause.end, doc);
      }
      if (entry.ranges.length === 0) return false;
      scrollTo(entry);
      return true;
    },
    setHighlighting(enabled) {
      highlighting = enabled;
      if (!enabled) card?.hide();
      paint();
    },
  };
}
