import { randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { type BrowserContext, chromium, type Page } from '@playwright/test';
import { CHROMIUM_ARGS, findChromium } from '../../scripts/chromium';
import {
  E2E_EXTENSION_PATH,
  expect,
  extensionWorker,
  launchWithExtension,
  pageHighlights,
  tabIdOf,
  test,
} from './fixtures';
import { fixture } from './helpers';
import { PopupPage } from './pages/popup';
import { SidePanelPage } from './pages/side-panel';
import { type ProxiedRequest, type RecordingProxy, startRecordingProxy } from './recording-proxy';
import { publishFeed, renameFirstProvision } from './remote-feed';
import type { FixtureServer } from './server';

// Watching a policy and setting a feed URL ask for host permissions: the e2e build grants
// 127.0.0.1 up front (see wxt.config.ts).
test.use({ extensionPath: E2E_EXTENSION_PATH });

/** Served from 127.0.0.1 under these names (the proxy forwards them there; nothing is resolved).
 * Not openai.com or chatgpt.com: HSTS-preloaded, Chromium would only ever ask for them over TLS. */
const HOSTS = [
  'www.anthropic.com',
  'policies.example.test',
  'chat.deepseek.com',
  'news.example.test',
  'shop.example.test',
  'legal.example.test',
];

interface Visit {
  file: string;
  host: string;
  policy: boolean;
  path: string;
  /** A random part of the path: a request that carries it carries the visited URL. */
  pathToken: string;
  /** Planted in the page's main text at serve time. */
  sentence: string;
  sentenceToken: string;
  url: string;
}

const PLAN: { file: string; host: string; slug: string; policy: boolean }[] = [
  { file: 'browse/news-article.html', host: 'news.example.test', slug: 'news', policy: false },
  {
    file: 'pages/anthropic-privacy-policy.html',
    host: 'www.anthropic.com',
    slug: 'legal/privacy',
    policy: true,
  },
  {
    file: 'browse/recipe.html',
    host: 'news.example.test',
    slug: 'food/lentil-soup',
    policy: false,
  },
  {
    file: 'pages/openai-privacy-policy.html',
    host: 'policies.example.test',
    slug: 'policies/privacy',
    policy: true,
  },
  { file: 'browse/product.html', host: 'shop.example.test', slug: 'p/trail-shoe', policy: false },
  {
    file: 'pages/github-privacy-policy.html',
    host: 'legal.example.test',
    slug: 'github/privacy',
    policy: true,
  },
  { file: 'browse/cart.html', host: 'shop.example.test', slug: 'basket', policy: false },
  {
    file: 'pages/openai-cookie-policy.html',
    host: 'policies.example.test',
    slug: 'policies/cookies',
    policy: true,
  },
  { file: 'browse/search.html', host: 'shop.example.test', slug: 'search', policy: false },
  { file: 'browse/signup.html', host: 'chat.deepseek.com', slug: 'sign_up', policy: false },
  {
    file: 'pages/deepseek-privacy-policy.html',
    host: 'chat.deepseek.com',
    slug: 'privacy',
    policy: true,
  },
  {
    file: 'browse/blog-post.html',
    host: 'news.example.test',
    slug: 'blog/sourdough',
    policy: false,
  },
  {
    file: 'pages/xai-acceptable-use-policy.html',
    host: 'legal.example.test',
    slug: 'xai/aup',
    policy: true,
  },
  {
    file: 'browse/forum-thread.html',
    host: 'news.example.test',
    slug: 'forum/chain',
    policy: false,
  },
  {
    file: 'pages/anthropic-terms-of-service.html',
    host: 'www.anthropic.com',
    slug: 'legal/terms',
    policy: true,
  },
  { file: 'browse/weather.html', host: 'news.example.test', slug: 'weather/coast', policy: false },
  {
    file: 'pages/midjourney-terms-of-service.html',
    host: 'legal.example.test',
    slug: 'midjourney/tos',
    policy: true,
  },
  { file: 'browse/about-us.html', host: 'shop.example.test', slug: 'about', policy: false },
  {
    file: 'pages/perplexity-privacy-policy.html',
    host: 'legal.example.test',
    slug: 'perplexity/privacy',
    policy: true,
  },
  {
    file: 'browse/travel-guide.html',
    host: 'news.example.test',
    slug: 'travel/lakes',
    policy: false,
  },
  {
    file: 'extra-pages/liquid-ai-privacy-policy.html',
    host: 'legal.example.test',
    slug: 'liquid/privacy',
    policy: true,
  },
  // The watched policy: the e2e build's granted host.
  {
    file: 'pages/doubao-privacy-policy.html',
    host: '127.0.0.1',
    slug: 'doubao/privacy',
    policy: true,
  },
];

const token = () => randomBytes(6).toString('hex');

function planVisits(server: FixtureServer): Visit[] {
  return PLAN.map(({ file, host, slug, policy }) => {
    const pathToken = token();
    const sentenceToken = token();
    const path = `/${slug}-${pathToken}`;
    const sentence = `The lighthouse keeper ${sentenceToken} counted the herons twice before dawn.`;
    return {
      file,
      host,
      policy,
      path,
      pathToken,
      sentence,
      sentenceToken,
      url: `http://${host}:${server.port}${path}`,
    };
  });
}

/** The page as published, with its sentence inside the main text (so the analyzer reads it). */
function plant(html: string, sentence: string): string {
  const paragraph = `<p>${sentence}</p>`;
  for (const close of ['</main>', '</article>', '</body>']) {
    const at = html.lastIndexOf(close);
    if (at >= 0) return `${html.slice(0, at)}${paragraph}${html.slice(at)}`;
  }
  return `${html}${paragraph}`;
}

/** What a page loads by itself (document, styles, images, favicon…), extension or not. */
async function browse(context: BrowserContext, visit: Visit): Promise<Page> {
  const page = await context.newPage();
  await page.goto(visit.url);
  await page.waitForLoadState('networkidle');
  return page;
}

/** Every request made from an extension page's frames (scripts, styles, fonts, images, fetches). */
function recordExtensionPageRequests(context: BrowserContext, extensionId: string) {
  const origin = `chrome-extension://${extensionId}/`;
  const requests: { url: string; type: string }[] = [];
  context.on('request', (request) => {
    let frameUrl = '';
    try {
      frameUrl = request.frame().url();
    } catch {
      return; // A service worker's request: the proxy sees those.
    }
    if (frameUrl.startsWith(origin))
      requests.push({ url: request.url(), type: request.resourceType() });
  });
  return requests;
}

/** The same navigations in the same Chromium, through the same proxy, with no extension. */
async function recordPagesAlone(visits: readonly Visit[]): Promise<ProxiedRequest[]> {
  const proxy = await startRecordingProxy(HOSTS);
  const context = await chromium.launchPersistentContext('', {
    executablePath: findChromium(),
    headless: true,
    args: [...CHROMIUM_ARGS, ...proxy.chromiumArgs],
  });
  try {
    for (const visit of visits) await (await browse(context, visit)).close();
  } finally {
    await context.close();
    await proxy.close();
  }
  return proxy.requests;
}

const requestKey = (request: ProxiedRequest) => `${request.method} ${request.url}`;

function destination(request: ProxiedRequest): string {
  if (request.method === 'CONNECT') return `CONNECT ${request.url}`;
  try {
    const url = new URL(request.url);
    return `${request.method} ${url.origin}${url.pathname}`;
  } catch {
    return requestKey(request);
  }
}

function leaksIn(request: ProxiedRequest, visits: readonly Visit[], except?: Visit): string[] {
  const haystack = [
    request.url,
    decodeURIComponent(request.url),
    JSON.stringify(request.headers),
    request.body,
  ]
    .join('\n')
    .toLowerCase();
  const found: string[] = [];
  for (const visit of visits) {
    const needles = [visit.sentence, visit.sentenceToken];
    if (visit !== except) needles.push(visit.url, visit.path, visit.pathToken);
    if (visit.host !== '127.0.0.1' && visit !== except) needles.push(visit.host);
    for (const needle of needles) {
      if (haystack.includes(needle.toLowerCase()))
        found.push(`${requestKey(request)} carries ${needle}`);
    }
  }
  return found;
}

async function fireAlarm(context: BrowserContext, name: string) {
  const worker = await extensionWorker(context);
  await worker.evaluate((alarm) => chrome.alarms.create(alarm, { when: Date.now() }), name);
}

test('browsing 22 pages on 6 hosts sends nothing but the feed sync and the watched policy check, and no request carries a visited URL or page text', async ({
  server,
}, testInfo) => {
  test.setTimeout(240_000);
  const visits = planVisits(server);
  for (const visit of visits) server.route(visit.path, plant(fixture(visit.file), visit.sentence));
  const watched = visits.find((visit) => visit.host === '127.0.0.1');
  if (!watched) throw new Error('the plan has no page on the granted host');
  const feedPrefix = `/feed-${token()}`;
  const feedUrl = publishFeed(
    server,
    feedPrefix,
    300,
    renameFirstProvision('claude', 'Remote feed in use'),
  );

  const pagesAlone = await recordPagesAlone(visits);

  let extensionPageRequests: { url: string; type: string }[] = [];
  let extensionOrigin = '';
  const proxy: RecordingProxy = await startRecordingProxy(HOSTS);
  const context = await launchWithExtension(E2E_EXTENSION_PATH, {
    mappedHosts: HOSTS,
    extraArgs: proxy.chromiumArgs,
  });
  try {
    const serviceWorker = await extensionWorker(context);
    const extensionId = new URL(serviceWorker.url()).host;
    extensionPageRequests = recordExtensionPageRequests(context, extensionId);
    extensionOrigin = `chrome-extension://${extensionId}/`;

    const options = await context.newPage();
    await options.goto(`chrome-extension://${extensionId}/options.html`);
    await options.getByTestId('feed-url').fill(feedUrl);
    await options.getByRole('button', { name: 'Save and sync' }).click();
    await expect(options.getByTestId('feed-status')).toContainText('remote feed, version 300');
    await options.close();

    for (const [index, visit] of visits.entries()) {
      const page = await browse(context, visit);
      if (visit.policy) {
        await expect
          .poll(async () => Object.keys(await pageHighlights(page)).length, { timeout: 30_000 })
          .toBeGreaterThan(0);
      }
      if (visit === watched || index % 4 === 1) {
        const tabId = await tabIdOf(serviceWorker, page);
        const panel = await SidePanelPage.open(context, extensionId, tabId);
        await expect(panel.page.locator('main')).not.toBeEmpty();
        if (visit === watched) {
          await panel.page.getByRole('button', { name: 'Watch this policy' }).click();
          await expect(panel.page.getByRole('button', { name: 'Stop watching' })).toBeVisible();
        }
        await panel.page.close();
        const popup = await PopupPage.open(context, extensionId, tabId);
        await expect(popup.page.locator('body')).not.toBeEmpty();
        await popup.page.close();
      }
      await page.close();
    }

    for (const path of ['compare.html', 'platform.html?id=claude', 'options.html']) {
      const page = await context.newPage();
      await page.goto(`chrome-extension://${extensionId}/${path}`);
      await expect(page.locator('main, #root').first()).not.toBeEmpty();
      await page.waitForLoadState('networkidle');
      await page.close();
    }

    const fetchesOf = (url: string) =>
      proxy.requests.filter((request) => request.url === url).length;
    const watchedBefore = fetchesOf(watched.url);
    await fireAlarm(context, 'fineprint-watch');
    await expect.poll(() => fetchesOf(watched.url)).toBeGreaterThan(watchedBefore);
    const feedBefore = fetchesOf(feedUrl);
    await fireAlarm(context, 'fineprint-feed-sync');
    await expect.poll(() => fetchesOf(feedUrl)).toBeGreaterThan(feedBefore);
    // Anything scheduled after the last page (a late report, a retry) gets its chance to show.
    await new Promise((resolve) => setTimeout(resolve, 2_000));
  } finally {
    await context.close();
    await proxy.close();
  }

  // For whoever has to read a failure: every request of both runs.
  mkdirSync(testInfo.outputDir, { recursive: true });
  writeFileSync(
    testInfo.outputPath('requests.json'),
    JSON.stringify({ pagesAlone, withExtension: proxy.requests }, null, 1),
  );

  // No remote code, fonts, images, styles or analytics in the side panel, popup, options, compare
  // and platform pages: everything they load is packaged (and the CSP would refuse the rest).
  expect(extensionPageRequests.filter(({ type }) => type === 'script').length).toBeGreaterThan(0);
  expect(extensionPageRequests.filter(({ url }) => !url.startsWith(extensionOrigin))).toEqual([]);

  // What the pages (and Chromium's own services) load without the extension is theirs; each
  // extra request must be the extension's feed sync or its check of the watched policy. Requests
  // that reached the fixture server are counted one for one. Refused ones (pages' CDNs and
  // trackers, Chromium's update and autofill services) never left the machine and are retried a
  // varying number of times, so there the destination (origin and path) is what must match.
  const pageBudget = new Map<string, number>();
  const refusedAlone = new Set<string>();
  for (const request of pagesAlone) {
    if (request.refused) refusedAlone.add(destination(request));
    else pageBudget.set(requestKey(request), (pageBudget.get(requestKey(request)) ?? 0) + 1);
  }
  const feedOrigin = new URL(feedUrl).origin;
  const isFeed = (url: string) =>
    url === feedUrl ||
    url === `${feedUrl}.sig` ||
    (url.startsWith(`${feedOrigin}${feedPrefix}/shards/`) && url.endsWith('.json'));
  const pages: ProxiedRequest[] = [];
  const feed: ProxiedRequest[] = [];
  const watchChecks: ProxiedRequest[] = [];
  const unexplained: string[] = [];
  for (const request of proxy.requests) {
    const key = requestKey(request);
    const budget = pageBudget.get(key) ?? 0;
    if (request.refused && refusedAlone.has(destination(request))) pages.push(request);
    else if (!request.refused && budget > 0) {
      pageBudget.set(key, budget - 1);
      pages.push(request);
    } else if (request.method === 'GET' && isFeed(request.url)) feed.push(request);
    else if (request.method === 'GET' && request.url === watched.url) watchChecks.push(request);
    else unexplained.push(`${key}${request.refused ? ' (refused)' : ''}`);
  }
  expect(unexplained).toEqual([]);
  expect(pages.length).toBeGreaterThanOrEqual(visits.length);
  expect(feed.map((request) => new URL(request.url).pathname)).toEqual(
    expect.arrayContaining([
      `${feedPrefix}/index.json`,
      `${feedPrefix}/index.json.sig`,
      expect.stringMatching(/\/shards\/.+\.json$/),
    ]),
  );
  expect(watchChecks.length).toBeGreaterThanOrEqual(2);

  const leaks = [
    ...feed.flatMap((request) => leaksIn(request, visits)),
    ...watchChecks.flatMap((request) => leaksIn(request, visits, watched)),
    // Pages send their own URL as Referer, never their text: no request at all may carry it.
    ...pages.flatMap((request) =>
      leaksIn(request, visits).filter((leak) =>
        visits.some((visit) => leak.endsWith(visit.sentence) || leak.endsWith(visit.sentenceToken)),
      ),
    ),
  ];
  expect(leaks).toEqual([]);
  for (const request of [...feed, ...watchChecks]) {
    expect(request.headers.cookie).toBeUndefined();
    expect(request.headers.referer).toBeUndefined();
  }
});
