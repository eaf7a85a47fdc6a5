import { type ClauseClassifier, classifyClauseRange } from '../analysis/classifier';
import { clauseContexts } from '../analysis/context';
import { detectPolicyPage } from '../analysis/detect';
import { rangesFor, startTextExtraction, type TextMap } from '../analysis/extract';
import {
  detectLanguage,
  hasTermsModel,
  otherLanguageNotice,
  type TermsModelLanguage,
} from '../analysis/language';
import { startSegmentation } from '../analysis/segment';
import { clauseHash } from '../diff/normalize';
import type { PageReport, ReportedClause, ReportReply } from '../messaging/protocol';
import type { Severity } from '../taxonomy';
import type { AnalyzerHandle } from './bridge';
import { type CardContent, type ClauseCard, createClauseCard } from './card';
import { guarded } from './guard';
import {
  CHANGED_HIGHLIGHT,
  clearHighlights,
  flashRanges,
  highlightApiAvailable,
  highlightName,
  highlightsIntact,
  type PaintedHighlights,
  paintHighlights,
  registerHighlights,
  removeHighlightStyle,
} from './highlights';
import {
  capItems,
  createSlicer,
  eventLoopYielder,
  largePageNotice,
  MAX_ANALYSED_CHARS,
  MAX_ANALYSED_CLAUSES,
  MAX_HIGHLIGHT_RESTORES,
  MAX_RERENDER_RUNS_PER_URL,
  mapInSlices,
  runInSlices,
  type Slicer,
  textFingerprint,
} from './slicing';

export interface AnalyzerEnv {
  window: Window;
  report: (report: PageReport) => Promise<ReportReply>;
  openPanel: (clauseId: number) => Promise<void>;
  /** The terms model of a page's language besides English; null when it cannot be loaded. */
  loadTermsClassifier: (language: TermsModelLanguage) => Promise<ClauseClassifier | null>;
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
/** Clauses classified between two looks at the clock. */
const CLASSIFY_BATCH = 32;
/** Clauses turned into ranges between two looks at the clock (a clause can have dozens). */
const RANGE_BATCH = 16;
/** Ranges added to a highlight between two looks at the clock. */
const RANGES_PER_CLOCK_CHECK = 512;

/**
 * The severity a clause is painted with: a curated provision's own, else the automatic finding's
 * when it is worth a look (low and above). Informational findings stay in the side panel: painting
 * every descriptive sentence of a policy would bury the clauses that cost something.
 */
export function paintedSeverity(
  clause: Pick<ReportedClause, 'severity'>,
  curated: { severity: Severity } | null,
): Severity | null {
  if (curated) return curated.severity;
  return clause.severity === 'info' ? null : clause.severity;
}

/**
 * Analyses the rendered policy in the page, reports it, and paints the clauses that matter.
 * Only injected into pages the sentinel recognised as policies.
 */
export function createAnalyzer(env: AnalyzerEnv): Analyzer {
  const { window: win } = env;
  const doc = win.document;
  const yieldToLoop = eventLoopYielder(win);
  let painted: PaintedClause[] = [];
  /** The painted clauses that have ranges in the page. */
  let located: PaintedClause[] = [];
  let changedIds = new Set<number>();
  let lastFingerprint: string | null = null;
  let lastMap: TextMap | null = null;
  let highlighting = true;
  let card: ClauseCard | null = null;
  let running: Promise<void> | null = null;
  let listening = false;
  let hoverTimer: number | null = null;
  let registered: PaintedHighlights | null = null;
  let restores = 0;
  // Bumped by `clear()`: an analysis that awaited across it drops its results.
  let generation = 0;
  let runsUrl = '';
  let rerenderRuns = 0;

  /** Which highlight each painted clause belongs to. */
  const highlightGroups = (): Map<string, Range[]> => {
    const groups = new Map<string, Range[]>();
    for (const entry of painted) {
      const severity = paintedSeverity(entry.clause, entry.curated);
      const changed = changedIds.has(entry.clause.id);
      if (severity === null && !changed) continue;
      const name = changed
        ? CHANGED_HIGHLIGHT
        : highlightName(entry.curated ? 'curated' : 'auto', severity ?? 'info');
      const list = groups.get(name) ?? [];
      for (const range of entry.ranges) list.push(range);
      groups.set(name, list);
    }
    return groups;
  };

  const paint = () => {
    if (!highlighting) {
      clearHighlights(doc);
      registered = null;
      return;
    }
    registered = paintHighlights(doc, highlightGroups());
  };

  /** `paint` for a fresh analysis: a policy can have 100,000 ranges, added in slices. */
  const paintInSlices = async (slicer: Slicer, stale: () => boolean) => {
    if (!highlighting || !highlightApiAvailable(win)) {
      paint();
      return;
    }
    const highlights = new Map<string, Highlight>();
    for (const [name, ranges] of highlightGroups()) {
      if (ranges.length === 0) continue;
      const highlight = new win.Highlight();
      for (let index = 0; index < ranges.length; index += 1) {
        if (index % RANGES_PER_CLOCK_CHECK === 0 && slicer.shouldYield()) {
          await slicer.pause();
          if (stale()) return;
        }
        highlight.add(ranges[index]!);
      }
      highlights.set(name, highlight);
    }
    registered = registerHighlights(doc, highlights);
  };

  /** The page may delete or replace our highlights (the registry is shared): put them back, a few times. */
  const restoreIfTakenDown = () => {
    if (!highlighting || !registered || restores >= MAX_HIGHLIGHT_RESTORES) return;
    if (highlightsIntact(doc, registered)) return;
    restores += 1;
    registered = registerHighlights(doc, registered.highlights);
  };

  /** Binary search over the located clauses, in document order, for one containing a caret position. */
  const clauseAt = (node: Node, offset: number): PaintedClause | null => {
    let low = 0;
    let high = located.length - 1;
    while (low <= high) {
      const middle = (low + high) >> 1;
      const entry = located[middle]!;
      const first = entry.ranges[0]!;
      const last = entry.ranges[entry.ranges.length - 1]!;
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
      else return entry.ranges.length > 0 ? entry : null;
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
    severity: entry.curated?.severity ?? entry.clause.severity ?? 'info',
    curatedTitle: entry.curated?.title ?? null,
    curatedSummary: entry.curated?.summary ?? null,
  });

  const showCardFor = (entry: PaintedClause, focus: boolean) => {
    card ??= createClauseCard(doc, (clauseId) => void env.openPanel(clauseId).catch(() => {}));
    const rect = entry.ranges[0]?.getBoundingClientRect();
    if (rect) card.show(cardContent(entry), rect, { focus });
  };

  const entryFromEvent = (event: MouseEvent) => {
    if (!highlighting || located.length === 0) return null;
    const caret = caretAt(event.clientX, event.clientY);
    return caret ? clauseAt(caret.node, caret.offset) : null;
  };

  const onClick = guarded((event: MouseEvent) => {
    if ((event.target as Element | null)?.closest?.('[data-fineprint="card"]')) return;
    restoreIfTakenDown();
    const entry = entryFromEvent(event);
    if (entry) showCardFor(entry, true);
    else card?.hide();
  });
  const onMove = guarded((event: MouseEvent) => {
    if (hoverTimer !== null) win.clearTimeout(hoverTimer);
    if (card?.isOpen()) return;
    hoverTimer = win.setTimeout(
      guarded(() => {
        hoverTimer = null;
        restoreIfTakenDown();
        const entry = entryFromEvent(event);
        if (entry) showCardFor(entry, false);
      }),
      HOVER_DELAY_MS,
    );
  });
  /** Alt+Shift+ArrowDown / ArrowUp walk the highlighted clauses from the keyboard. */
  let keyboardIndex = -1;
  const onKey = guarded((event: KeyboardEvent) => {
    if (!event.altKey || !event.shiftKey || !highlighting) return;
    if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp') return;
    const flagged = painted.filter((entry) => entry.ranges.length > 0);
    if (flagged.length === 0) return;
    event.preventDefault();
    restoreIfTakenDown();
    keyboardIndex =
      (keyboardIndex + (event.key === 'ArrowDown' ? 1 : -1) + flagged.length) % flagged.length;
    const entry = flagged[keyboardIndex]!;
    scrollTo(entry);
    showCardFor(entry, true);
  });

  // Added once per analyzer, whatever the number of analyses: a page that re-renders forever
  // must not pile up listeners.
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

  const analyse = async (reason: Parameters<AnalyzerHandle['run']>[0]) => {
    const url = win.location.href;
    if (url !== runsUrl) {
      runsUrl = url;
      rerenderRuns = 0;
    }
    if (reason === 'rerender') {
      restoreIfTakenDown();
      if (rerenderRuns >= MAX_RERENDER_RUNS_PER_URL) return;
      rerenderRuns += 1;
    }
    const started = generation;
    const stale = () => generation !== started;
    const slicer: Slicer = createSlicer({ now: () => win.performance.now(), yieldToLoop });

    const extraction = startTextExtraction(doc, { maxChars: MAX_ANALYSED_CHARS });
    await runInSlices(extraction.step, slicer);
    if (stale()) return;
    const extracted = extraction.result();
    const fingerprint = textFingerprint(extracted.text);
    if (fingerprint === lastFingerprint) return;

    // The same detection the sentinel made on the live DOM (title, headings, links), not the
    // weaker one a bare text allows.
    const detection = detectPolicyPage(doc, url);
    if (slicer.shouldYield()) await slicer.pause();
    if (stale()) return;
    const segmentation = startSegmentation(extracted.text, extracted.headings);
    await runInSlices(segmentation.step, slicer);
    if (stale()) return;
    const segments = capItems(segmentation.result(), MAX_ANALYSED_CLAUSES);
    const contexts = clauseContexts(segments.kept);
    const texts = segments.kept.map((segment) => segment.text);
    const language = detectLanguage(extracted.text);
    const termsClassifier = hasTermsModel(language)
      ? await env.loadTermsClassifier(language)
      : null;
    if (stale()) return;
    const classifyRange = termsClassifier ? termsClassifier.classifyRange : classifyClauseRange;
    const clauses = await mapInSlices(
      segments.kept,
      (batch, start) => {
        // Labelled as over the whole page: a batch's first and last clauses read their neighbours.
        const labels = classifyRange(texts, contexts, start, start + batch.length);
        return batch.map(
          (segment, index): Omit<ReportedClause, 'id'> => ({
            text: segment.text,
            start: segment.start,
            end: segment.end,
            heading: segment.heading,
            categories: [...labels[index]!.categories],
            severity: labels[index]!.severity,
            hash: clauseHash(segment.text),
          }),
        );
      },
      slicer,
      CLASSIFY_BATCH,
    );
    if (stale()) return;
    const reported = clauses.map((clause, id): ReportedClause => ({ id, ...clause }));
    const partial = extracted.truncated || segments.dropped;
    const notices = [
      partial ? largePageNotice(reported.length) : null,
      otherLanguageNotice(language, reported.length, termsClassifier !== null),
    ];
    const reply = await env.report({
      url,
      title: doc.title.slice(0, 1000),
      isPolicy: detection.isPolicy,
      documentType: detection.documentType,
      language,
      clauses: reported,
      notice: notices.filter((notice) => notice !== null).join(' ') || null,
      analysedAt: Date.now(),
    });
    if (stale()) return;
    lastFingerprint = fingerprint;
    const curatedById = new Map(reply.curated.map((entry) => [entry.clauseId, entry]));
    const changedNow = new Set(reply.changedClauseIds);
    const entries = await mapInSlices(
      reported,
      (batch) =>
        batch.map(
          (clause): PaintedClause => ({
            clause,
            ranges:
              paintedSeverity(clause, curatedById.get(clause.id) ?? null) === null &&
              !changedNow.has(clause.id)
                ? []
                : rangesFor(extracted.map, clause.start, clause.end, doc),
            curated: curatedById.get(clause.id) ?? null,
          }),
        ),
      slicer,
      RANGE_BATCH,
    );
    if (stale()) return;
    painted = entries;
    located = entries.filter((entry) => entry.ranges.length > 0);
    lastMap = extracted.map;
    changedIds = changedNow;
    highlighting = reply.highlighting;
    restores = 0;
    await paintInSlices(slicer, stale);
    listen();
  };

  let queued: Promise<void> | null = null;
  const run = (reason: Parameters<AnalyzerHandle['run']>[0]): Promise<void> => {
    if (running) {
      // A re-render joins the analysis under way; a navigation or a user's request must see the
      // document as it is now, so it runs once more afterwards.
      if (reason === 'rerender') return running;
      queued ??= running.then(() => {
        queued = null;
        return run(reason);
      });
      return queued;
    }
    const current = analyse(reason)
      .catch((error: unknown) => {
        console.debug('[Fineprint] analysis failed', error);
      })
      .finally(() => {
        running = null;
      });
    running = current;
    return current;
  };

  return {
    run,
    clear() {
      generation += 1;
      painted = [];
      located = [];
      lastFingerprint = null;
      lastMap = null;
      registered = null;
      runsUrl = '';
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
      restoreIfTakenDown();
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
