import type { PolicyDetection } from '../analysis/types';
import { type DetectorHandle, findAnalyzer } from './bridge';
import { guarded } from './guard';

export interface SentinelEnv {
  window: Window;
  /** The first pass: false only for pages the detector would not call a policy. */
  mayBePolicy: (doc: Document, url: string) => boolean;
  /** Load the detector into this isolated world (first page that passes the first pass only). */
  loadDetector: () => Promise<DetectorHandle | null>;
  /** Whether a page that is not a policy is still worth announcing (a known platform's page). */
  isPlatformPage: (url: string) => boolean;
  /**
   * Tell the background which page the tab shows (it names the platform and sets the badge).
   * Called for policies, platform pages, and any page after one of those in the same document
   * (so the background forgets what the tab showed); never for other pages.
   */
  announceVisit: (url: string, isPolicy: boolean) => Promise<void>;
  /** Load the analyzer into this isolated world (first policy page of the tab only). */
  loadAnalyzer: () => Promise<void>;
}

const NOT_A_POLICY: PolicyDetection = {
  isPolicy: false,
  documentType: null,
  confidence: 0,
  decidedBy: 'none',
};

/** Re-detection after the page changes is throttled and capped so a page that mutates
 * forever costs a bounded amount of work. */
export const RECHECK_INTERVAL_MS = 800;
export const MAX_RECHECKS_PER_URL = 12;

/**
 * After a page loads or its address changes it is checked again this long after (ms), so a policy
 * an app renders late is found without watching every change to the DOM of every page: the
 * document observer starts only on policy pages (to re-analyse what they render) and in browsers
 * without the Navigation API (to see single-page apps move).
 */
export const LATE_RENDER_CHECKS_MS: readonly number[] = [500, 1_500, 3_000, 6_000, 12_000, 24_000];

/** Our own in-page UI (highlight styles, the card's shadow host) must not trigger re-analysis. */
export const OWN_NODE_ATTRIBUTE = 'data-fineprint';

function isOwnNode(node: Node): boolean {
  const element = node.nodeType === 1 ? (node as Element) : node.parentElement;
  return element?.closest(`[${OWN_NODE_ATTRIBUTE}]`) != null;
}

function isOwnRecord(record: MutationRecord): boolean {
  if (isOwnNode(record.target)) return true;
  const touched = [...record.addedNodes, ...record.removedNodes];
  return touched.length > 0 && touched.every(isOwnNode);
}

/**
 * Watches one tab: detects a policy page at load, after a single-page app navigates, and when a
 * policy renders late; starts the analyzer for it and tells it to clean up on navigation.
 */
export function startSentinel(env: SentinelEnv): () => void {
  const { window } = env;
  const doc = window.document;
  let currentUrl = '';
  let policyUrl: string | null = null;
  let rechecks = 0;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let lastCheck = 0;
  // Whether the background holds a state for this tab that came from this document.
  let announcedBefore = false;
  // Loaded once per tab, on the first page the first pass lets through.
  let detector: Promise<DetectorHandle | null> | null = null;
  let lateCheck: ReturnType<typeof setTimeout> | null = null;
  // Started on the first policy page (or at once without the Navigation API), never on others.
  let observer: MutationObserver | null = null;

  const check = (reason: 'load' | 'change' | 'late') => {
    lastCheck = Date.now();
    const url = window.location.href;
    let visitAnnounced = true;
    if (url !== currentUrl) {
      if (policyUrl !== null) {
        try {
          findAnalyzer()?.clear();
        } catch {
          // The analyzer failing to clean up must not stop detection of the new page.
        }
        policyUrl = null;
      }
      currentUrl = url;
      rechecks = 0;
      visitAnnounced = false;
      scheduleLateChecks(url, 0);
    } else if (reason === 'change') {
      if (rechecks >= MAX_RECHECKS_PER_URL) return;
      rechecks += 1;
    }
    if (policyUrl === url) {
      // The observer re-analyses a policy page as it changes; a timer has nothing to add.
      if (reason === 'late') return;
      findAnalyzer()
        ?.run('rerender')
        .catch(() => {});
      return;
    }
    if (!env.mayBePolicy(doc, url)) {
      act(url, NOT_A_POLICY, visitAnnounced);
      return;
    }
    detector ??= env.loadDetector().catch(() => null);
    void detector.then(
      guarded((detect: DetectorHandle | null) => {
        // The page moved on while the detector loaded: the check for the new address decides.
        if (window.location.href !== url || policyUrl === url) return;
        let detection = NOT_A_POLICY;
        try {
          if (detect) detection = detect(doc, url);
        } catch {
          // A detector failing on a hostile page leaves it unannotated, nothing more.
        }
        act(url, detection, visitAnnounced);
      }),
    );
  };

  const act = (url: string, detection: PolicyDetection, visitAnnounced: boolean) => {
    const worthAnnouncing = detection.isPolicy || announcedBefore || env.isPlatformPage(url);
    if (worthAnnouncing && (!visitAnnounced || detection.isPolicy)) {
      announcedBefore = true;
      void env.announceVisit(url, detection.isPolicy).catch(() => {});
    }
    if (!detection.isPolicy) return;
    policyUrl = url;
    observeDocument();
    const analyzer = findAnalyzer();
    if (analyzer) analyzer.run('navigation').catch(() => {});
    else void env.loadAnalyzer().catch(() => {});
  };

  const schedule = guarded(() => {
    if (timer !== null) return;
    const wait = Math.max(0, RECHECK_INTERVAL_MS - (Date.now() - lastCheck));
    timer = setTimeout(
      guarded(() => {
        timer = null;
        check('change');
      }),
      wait,
    );
  });

  /** The checks for a late render of `url`, from the `step`th on; a new address starts over. */
  function scheduleLateChecks(url: string, step: number) {
    if (lateCheck !== null) clearTimeout(lateCheck);
    lateCheck = null;
    const at = LATE_RENDER_CHECKS_MS[step];
    if (at === undefined) return;
    const wait = at - (LATE_RENDER_CHECKS_MS[step - 1] ?? 0);
    lateCheck = setTimeout(
      guarded(() => {
        lateCheck = null;
        if (window.location.href !== url) return;
        check('late');
        if (window.location.href === url) scheduleLateChecks(url, step + 1);
      }),
      wait,
    );
  }

  // Every callback is guarded: nothing of ours may surface as an error in the page.
  function observeDocument() {
    if (observer) return;
    observer = new MutationObserver(
      guarded((records: MutationRecord[]) => {
        // A recheck is already due: a page that mutates every few milliseconds costs one test here.
        if (timer !== null) return;
        if (records.some((record) => !isOwnRecord(record))) schedule();
      }),
    );
    observer.observe(doc.documentElement, { childList: true, subtree: true });
  }

  // Chrome (and any browser with the Navigation API) says when a single-page app moves; elsewhere
  // only the document's changes tell, as they do for a policy that renders late.
  const navigation = (window as { navigation?: EventTarget }).navigation;
  const moves = navigation ? ['currententrychange'] : ['popstate', 'hashchange'];
  const movesTarget: EventTarget = navigation ?? window;
  for (const move of moves) movesTarget.addEventListener(move, schedule);
  if (!navigation) observeDocument();
  guarded(check)('load');

  return () => {
    observer?.disconnect();
    for (const move of moves) movesTarget.removeEventListener(move, schedule);
    if (timer !== null) clearTimeout(timer);
    if (lateCheck !== null) clearTimeout(lateCheck);
  };
}
