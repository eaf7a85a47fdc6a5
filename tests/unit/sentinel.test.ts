import { parseHTML } from 'linkedom';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { mayBePolicyPage } from '../../lib/analysis/page-gate';
import type { PolicyDetection } from '../../lib/analysis/types';
import { createPlatformGate } from '../../lib/content/platform-gate';
import {
  LATE_RENDER_CHECKS_MS,
  RECHECK_INTERVAL_MS,
  startSentinel,
} from '../../lib/content/sentinel';

// The sentinel runs on every page: on a page that is neither a policy nor a known platform's it
// must not call the extension (no message, no analyzer), and once it has told the background
// about this tab it must keep it up to date as a single-page app navigates.

const POLICY_PATH = '/privacy';

/** Policies are at POLICY_PATH, or titled so. */
function detect(doc: Document, url: string): PolicyDetection {
  const isPolicy = new URL(url).pathname === POLICY_PATH || doc.title.startsWith('Privacy Policy');
  return {
    isPolicy,
    documentType: isPolicy ? 'privacy-policy' : null,
    confidence: 0.9,
    decidedBy: 'url',
  };
}

/** How long the fake detector takes to load. */
const DETECTOR_LOAD_MS = 50;

/**
 * A tab at `url`. With `navigationApi` its window has the Navigation API, as Chrome's has, and
 * address changes are announced through it; without, by popstate, as in older browsers.
 */
async function fakeTab(url: string, { navigationApi = false } = {}) {
  const { document, MutationObserver } = parseHTML('<html><body><p>Hello</p></body></html>');
  const observed = vi.fn();
  vi.stubGlobal(
    'MutationObserver',
    class extends MutationObserver {
      override observe(target: Node, options?: MutationObserverInit) {
        observed();
        super.observe(target, options);
      }
    },
  );
  const events = new EventTarget();
  const navigation = navigationApi ? new EventTarget() : undefined;
  const window = {
    document,
    location: { href: url },
    navigation,
    addEventListener: events.addEventListener.bind(events),
    removeEventListener: events.removeEventListener.bind(events),
  };
  const announceMove = () =>
    navigation
      ? navigation.dispatchEvent(new Event('currententrychange'))
      : events.dispatchEvent(new Event('popstate'));
  const mayBePolicy = vi.fn(mayBePolicyPage);
  const announced: [string, boolean][] = [];
  const loadAnalyzer = vi.fn(async () => {});
  const loadDetector = vi.fn(
    () =>
      new Promise<typeof detect>((resolve) => setTimeout(() => resolve(detect), DETECTOR_LOAD_MS)),
  );
  const stop = startSentinel({
    window: window as unknown as Window,
    mayBePolicy,
    loadDetector,
    isPlatformPage: createPlatformGate(['deepseek.com']),
    announceVisit: async (href, isPolicy) => {
      announced.push([href, isPolicy]);
    },
    loadAnalyzer,
  });
  const navigate = async (href: string) => {
    window.location.href = href;
    announceMove();
    await vi.advanceTimersByTimeAsync(RECHECK_INTERVAL_MS);
  };
  await vi.advanceTimersByTimeAsync(DETECTOR_LOAD_MS);
  /** Moves to another address and tells the sentinel, without waiting for its check. */
  const startNavigation = (href: string) => {
    window.location.href = href;
    announceMove();
  };
  return {
    announced,
    loadAnalyzer,
    loadDetector,
    mayBePolicy,
    observed,
    navigate,
    startNavigation,
    window,
    document,
    stop,
  };
}

describe('startSentinel', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });

  it('says nothing about an ordinary page, nor after it navigates to another one', async () => {
    const tab = await fakeTab('https://news.example/2026/03/12/bike-lanes');
    await tab.navigate('https://news.example/2026/03/13/parking');
    expect(tab.announced).toEqual([]);
    expect(tab.loadAnalyzer).not.toHaveBeenCalled();
    // Nothing in their addresses or titles could name a policy: the detector is never loaded.
    expect(tab.loadDetector).not.toHaveBeenCalled();
    tab.stop();
  });

  it('announces a policy page and loads the analyzer for it', async () => {
    const tab = await fakeTab(`https://shop.example${POLICY_PATH}`);
    expect(tab.announced).toEqual([[`https://shop.example${POLICY_PATH}`, true]]);
    expect(tab.loadAnalyzer).toHaveBeenCalledOnce();
    tab.stop();
  });

  it("announces a known platform's page that is not a policy (its badge and AI card)", async () => {
    const tab = await fakeTab('https://chat.deepseek.com/sign_up');
    expect(tab.announced).toEqual([['https://chat.deepseek.com/sign_up', false]]);
    expect(tab.loadAnalyzer).not.toHaveBeenCalled();
    tab.stop();
  });

  it('after a policy, announces the ordinary page a single-page app moves to', async () => {
    const tab = await fakeTab(`https://shop.example${POLICY_PATH}`);
    await tab.navigate('https://shop.example/cart');
    expect(tab.announced).toEqual([
      [`https://shop.example${POLICY_PATH}`, true],
      ['https://shop.example/cart', false],
    ]);
    tab.stop();
  });

  it('announces a policy reached from an ordinary page without a page load', async () => {
    const tab = await fakeTab('https://shop.example/');
    await tab.navigate(`https://shop.example${POLICY_PATH}`);
    expect(tab.announced).toEqual([[`https://shop.example${POLICY_PATH}`, true]]);
    tab.stop();
  });

  it('loads the detector once per tab and drops the verdict on a page the tab has left', async () => {
    const tab = await fakeTab('https://shop.example/terms-and-conditions');
    expect(tab.loadDetector).toHaveBeenCalledOnce();
    tab.stop();

    const leaving = await fakeTab('https://shop.example/cart');
    leaving.startNavigation(`https://shop.example${POLICY_PATH}`);
    // Checks run at most once per interval, counted from the last one (at load, before fakeTab's
    // wait for the detector): this one starts the detector loading.
    await vi.advanceTimersByTimeAsync(RECHECK_INTERVAL_MS - DETECTOR_LOAD_MS);
    expect(leaving.loadDetector).toHaveBeenCalledOnce();
    // The tab moves on before the detector has loaded: its verdict on the policy is dropped.
    leaving.window.location.href = 'https://shop.example/basket';
    await vi.advanceTimersByTimeAsync(DETECTOR_LOAD_MS);
    expect(leaving.announced).toEqual([]);
    expect(leaving.loadAnalyzer).not.toHaveBeenCalled();
    await leaving.navigate(`https://shop.example${POLICY_PATH}`);
    expect(leaving.announced).toEqual([[`https://shop.example${POLICY_PATH}`, true]]);
    expect(leaving.loadDetector).toHaveBeenCalledOnce();
    leaving.stop();
  });
});

describe('startSentinel with the Navigation API (Chrome)', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });

  it('does not watch the DOM of an ordinary page, and checks it a bounded number of times', async () => {
    const tab = await fakeTab('https://news.example/live/scores', { navigationApi: true });
    // A page that never stops changing costs the checks for a late render, and nothing after.
    const ticker = setInterval(() => {
      tab.document.body.append(tab.document.createElement('p'));
    }, 50);
    await vi.advanceTimersByTimeAsync(2 * LATE_RENDER_CHECKS_MS.at(-1)!);
    clearInterval(ticker);
    expect(tab.observed).not.toHaveBeenCalled();
    expect(tab.mayBePolicy).toHaveBeenCalledTimes(1 + LATE_RENDER_CHECKS_MS.length);
    expect(tab.announced).toEqual([]);
    tab.stop();
  });

  it('finds a policy an app renders after load, at the same address', async () => {
    const tab = await fakeTab('https://notes.example/app', { navigationApi: true });
    await vi.advanceTimersByTimeAsync(2_000);
    tab.document.title = 'Privacy Policy | Acme Notes';
    await vi.advanceTimersByTimeAsync(LATE_RENDER_CHECKS_MS.at(-1)!);
    expect(tab.announced).toEqual([['https://notes.example/app', true]]);
    expect(tab.loadAnalyzer).toHaveBeenCalledOnce();
    tab.stop();
  });

  it('follows a single-page app through the Navigation API, and watches the policy it shows', async () => {
    const tab = await fakeTab('https://shop.example/', { navigationApi: true });
    await tab.navigate(`https://shop.example${POLICY_PATH}`);
    expect(tab.announced).toEqual([[`https://shop.example${POLICY_PATH}`, true]]);
    expect(tab.loadAnalyzer).toHaveBeenCalledOnce();
    // A policy page is re-analysed as it changes: that needs the DOM watched.
    expect(tab.observed).toHaveBeenCalledOnce();
    await tab.navigate('https://shop.example/cart');
    expect(tab.announced.at(-1)).toEqual(['https://shop.example/cart', false]);
    tab.stop();
  });
});
