import { parseHTML } from 'linkedom';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { PolicyDetection } from '../../lib/analysis/types';
import { createPlatformGate } from '../../lib/content/platform-gate';
import { RECHECK_INTERVAL_MS, startSentinel } from '../../lib/content/sentinel';

// The sentinel runs on every page: on a page that is neither a policy nor a known platform's it
// must not call the extension (no message, no analyzer), and once it has told the background
// about this tab it must keep it up to date as a single-page app navigates.

const POLICY_PATH = '/privacy';

function detect(_doc: Document, url: string): PolicyDetection {
  const isPolicy = new URL(url).pathname === POLICY_PATH;
  return {
    isPolicy,
    documentType: isPolicy ? 'privacy-policy' : null,
    confidence: 0.9,
    decidedBy: 'url',
  };
}

function fakeTab(url: string) {
  const { document, MutationObserver } = parseHTML('<html><body><p>Hello</p></body></html>');
  vi.stubGlobal('MutationObserver', MutationObserver);
  const events = new EventTarget();
  const window = {
    document,
    location: { href: url },
    addEventListener: events.addEventListener.bind(events),
    removeEventListener: events.removeEventListener.bind(events),
  };
  const announced: [string, boolean][] = [];
  const loadAnalyzer = vi.fn(async () => {});
  const stop = startSentinel({
    window: window as unknown as Window,
    detect,
    isPlatformPage: createPlatformGate(['deepseek.com']),
    announceVisit: async (href, isPolicy) => {
      announced.push([href, isPolicy]);
    },
    loadAnalyzer,
  });
  const navigate = (href: string) => {
    window.location.href = href;
    events.dispatchEvent(new Event('popstate'));
    vi.advanceTimersByTime(RECHECK_INTERVAL_MS);
  };
  return { announced, loadAnalyzer, navigate, stop };
}

describe('startSentinel', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });

  it('says nothing about an ordinary page, nor after it navigates to another one', () => {
    const tab = fakeTab('https://news.example/2026/03/12/bike-lanes');
    tab.navigate('https://news.example/2026/03/13/parking');
    expect(tab.announced).toEqual([]);
    expect(tab.loadAnalyzer).not.toHaveBeenCalled();
    tab.stop();
  });

  it('announces a policy page and loads the analyzer for it', () => {
    const tab = fakeTab(`https://shop.example${POLICY_PATH}`);
    expect(tab.announced).toEqual([[`https://shop.example${POLICY_PATH}`, true]]);
    expect(tab.loadAnalyzer).toHaveBeenCalledOnce();
    tab.stop();
  });

  it("announces a known platform's page that is not a policy (its badge and AI card)", () => {
    const tab = fakeTab('https://chat.deepseek.com/sign_up');
    expect(tab.announced).toEqual([['https://chat.deepseek.com/sign_up', false]]);
    expect(tab.loadAnalyzer).not.toHaveBeenCalled();
    tab.stop();
  });

  it('after a policy, announces the ordinary page a single-page app moves to', () => {
    const tab = fakeTab(`https://shop.example${POLICY_PATH}`);
    tab.navigate('https://shop.example/cart');
    expect(tab.announced).toEqual([
      [`https://shop.example${POLICY_PATH}`, true],
      ['https://shop.example/cart', false],
    ]);
    tab.stop();
  });

  it('announces a policy reached from an ordinary page without a page load', () => {
    const tab = fakeTab('https://shop.example/');
    tab.navigate(`https://shop.example${POLICY_PATH}`);
    expect(tab.announced).toEqual([[`https://shop.example${POLICY_PATH}`, true]]);
    tab.stop();
  });
});
