import {
  expect,
  pageHighlights,
  stopServiceWorker,
  tabIdOf,
  test,
  waitUntilAnalysed,
} from './fixtures';
import { flashedClauseInView, readmeScreenshot, serveAt } from './helpers';
import { evaluateInExtensionWorld } from './isolated-world';
import { SidePanelPage } from './pages/side-panel';

const names = (highlights: Record<string, number>) => Object.keys(highlights);

test.describe('a platform of the feed', () => {
  test.use({ mappedHosts: ['www.anthropic.com'] });

  test('gets curated highlights, a card, and a side panel whose provisions scroll the page', async ({
    context,
    server,
    serviceWorker,
    extensionId,
  }) => {
    const url = serveAt(
      server,
      'pages/anthropic-privacy-policy.html',
      '/legal/privacy',
      'www.anthropic.com',
    );
    const page = await context.newPage();
    await page.goto(url);
    await expect
      .poll(async () => names(await pageHighlights(page)).some((name) => name.includes('curated')))
      .toBe(true);

    const tabId = await tabIdOf(serviceWorker, page);
    const panel = await SidePanelPage.open(context, extensionId, tabId);
    await expect(panel.platformName).toHaveText('Claude (Anthropic)');
    await expect(panel.documentLine).toContainText('curated by Fineprint');
    await expect(panel.provisions.first()).toBeVisible();
    expect(await panel.provisions.count()).toBeGreaterThan(3);
    await panel.page.setViewportSize({ width: 420, height: 1100 });
    await readmeScreenshot(panel.page, 'side-panel');

    await page.evaluate(() => window.scrollTo(0, 0));
    const locatable = panel.provisions.filter({ hasText: 'Curated · show in page' }).last();
    await locatable.getByRole('button').first().click();
    await expect.poll(() => page.evaluate(() => window.scrollY)).toBeGreaterThan(0);
    expect(await flashedClauseInView(page)).toBe(true);

    // Keyboard: Alt+Shift+ArrowDown walks the highlighted clauses and opens the card.
    await page.bringToFront();
    await page.keyboard.press('Alt+Shift+ArrowDown');
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.tagName.toLowerCase()))
      .toBe('fineprint-card');
    await readmeScreenshot(page, 'highlighted-page-with-card');

    // The card's focused button opens the side panel for this tab.
    await page.keyboard.press('Enter');
    await expect
      .poll(() =>
        serviceWorker.evaluate(async () => {
          const contexts = await chrome.runtime.getContexts({ contextTypes: ['SIDE_PANEL'] });
          return contexts.length;
        }),
      )
      .toBe(1);
  });
});

test('a real policy of a platform not in the feed gets automatic highlights and a panel', async ({
  context,
  server,
  serviceWorker,
  extensionId,
}) => {
  const page = await context.newPage();
  await page.goto(serveAt(server, 'extra-pages/liquid-ai-privacy-policy.html', '/privacy-policy'));
  await expect.poll(async () => names(await pageHighlights(page)).length).toBeGreaterThan(0);
  expect(names(await pageHighlights(page)).every((name) => !name.includes('curated'))).toBe(true);

  const panel = await SidePanelPage.open(context, extensionId, await tabIdOf(serviceWorker, page));
  await expect(panel.documentLine).toContainText('automatic analysis');
  expect(await panel.findings.count()).toBeGreaterThan(3);

  // The per-site switch clears the page's highlights and brings them back.
  await panel.page.getByTestId('highlight-switch').uncheck();
  await expect.poll(async () => names(await pageHighlights(page))).toEqual([]);
  await panel.page.getByTestId('highlight-switch').check();
  await expect.poll(async () => names(await pageHighlights(page)).length).toBeGreaterThan(0);
});

test('a class-action waiver on a terms page is a high arbitration finding that scrolls to its clause', async ({
  context,
  server,
  serviceWorker,
  extensionId,
}) => {
  const page = await context.newPage();
  await page.goto(serveAt(server, 'extra-pages/grok-terms-of-service.html', '/legal/terms'));
  await expect.poll(async () => names(await pageHighlights(page)).length).toBeGreaterThan(0);
  const panel = await SidePanelPage.open(context, extensionId, await tabIdOf(serviceWorker, page));
  // The taxonomy counts a waiver as arbitration; CLAUDETTE, which the head mostly learnt from, does
  // not, and the head alone leaves this clause unflagged.
  const waiver = panel.findings.filter({ hasText: 'participate as a plaintiff or class member' });
  await expect(waiver).toHaveCount(1);
  await expect(waiver).toContainText('Arbitration');
  await expect(waiver).toContainText('High concern');
  await page.evaluate(() => window.scrollTo(0, 0));
  await waiver.getByRole('button').first().click();
  await expect.poll(() => page.evaluate(() => window.scrollY)).toBeGreaterThan(0);
  expect(await flashedClauseInView(page)).toBe(true);
});

test('a policy read before the browser stopped the idle service worker is still explained', async ({
  context,
  server,
  serviceWorker,
  extensionId,
}) => {
  const page = await context.newPage();
  await page.goto(serveAt(server, 'extra-pages/liquid-ai-privacy-policy.html', '/privacy'));
  await waitUntilAnalysed(context, serviceWorker, extensionId, page);
  const tabId = await tabIdOf(serviceWorker, page);
  await stopServiceWorker(context);

  const panel = await SidePanelPage.open(context, extensionId, tabId);
  await expect(panel.documentLine).toContainText('automatic analysis');
  expect(await panel.findings.count()).toBeGreaterThan(3);
  // The page's analyzer still answers: a finding scrolls the page to its clause.
  await page.evaluate(() => window.scrollTo(0, 0));
  await panel.findings.last().getByRole('button').first().click();
  await expect.poll(() => page.evaluate(() => window.scrollY)).toBeGreaterThan(0);
  expect(await flashedClauseInView(page)).toBe(true);
});

test('a policy whose report did not fit in session storage is analysed again after a stop', async ({
  context,
  server,
  serviceWorker,
  extensionId,
}) => {
  // Fill Chrome's 10 MB session storage, as some fifteen very long policies in open tabs would,
  // leaving room for a tab's address but not for its report.
  await serviceWorker.evaluate(async () => {
    const used = await chrome.storage.session.getBytesInUse(null);
    const room = chrome.storage.session.QUOTA_BYTES - used - 4_000;
    await chrome.storage.session.set({ filler: 'x'.repeat(room) });
  });
  const page = await context.newPage();
  await page.goto(serveAt(server, 'extra-pages/liquid-ai-privacy-policy.html', '/privacy'));
  await waitUntilAnalysed(context, serviceWorker, extensionId, page);
  const tabId = await tabIdOf(serviceWorker, page);
  await expect
    .poll(() =>
      serviceWorker.evaluate(
        async (key) => (await chrome.storage.session.get(key))[key] ?? null,
        `tab:${tabId}`,
      ),
    )
    .toMatchObject({ report: null, reportDropped: true });
  await stopServiceWorker(context);

  const panel = await SidePanelPage.open(context, extensionId, tabId);
  await expect(panel.documentLine).toContainText('automatic analysis');
  expect(await panel.findings.count()).toBeGreaterThan(3);
  await expect.poll(async () => names(await pageHighlights(page)).length).toBeGreaterThan(0);
});

test('a page that is not a policy gets no highlights and no analysis code', async ({
  context,
  server,
  serviceWorker,
  extensionId,
}) => {
  server.route(
    '/blog/spring-recipes',
    '<!doctype html><title>Spring recipes</title><h1>Spring recipes</h1><p>Wash the asparagus and roast it for ten minutes.</p><p>We may share more recipes next week.</p>',
  );
  const page = await context.newPage();
  await page.goto(`${server.origin}/blog/spring-recipes`);
  // The sentinel has run once its visit reached the background.
  const tabId = await tabIdOf(serviceWorker, page);
  const panel = await SidePanelPage.open(context, extensionId, tabId);
  await expect(panel.emptyState).toContainText('not a policy');
  expect(await pageHighlights(page)).toEqual({});
  await expect
    .poll(() =>
      evaluateInExtensionWorld(context, page, extensionId, 'typeof globalThis.__fineprintAnalyzer'),
    )
    .toBe('undefined');
  expect(
    await evaluateInExtensionWorld(context, page, extensionId, 'typeof chrome.runtime.id'),
  ).toBe('string');
});

test('a single-page app that renders its policy after load is highlighted', async ({
  context,
  server,
}) => {
  const page = await context.newPage();
  await page.goto(serveAt(server, 'spa/index.html', '/app/'));
  await expect(page).toHaveURL(/\/app\/legal\/privacy$/);
  await expect.poll(async () => names(await pageHighlights(page)).length).toBeGreaterThan(0);
});

test('an app shell that renders a policy seconds after load, at the same address, is highlighted', async ({
  context,
  server,
}) => {
  // Nothing in the address, and only a loading title until the app has fetched its content.
  server.route(
    '/app/notes',
    `<!doctype html><title>Acme Notes</title><div id="app">Loading…</div><script>
      setTimeout(() => {
        document.title = 'Privacy Policy | Acme Notes';
        const app = document.getElementById('app');
        app.replaceChildren();
        for (const [tag, text] of [
          ['h1', 'Privacy Policy'],
          ['p', 'This Privacy Policy explains how Acme Notes collects, uses and shares personal information.'],
          ['p', 'We may sell or share your personal information with advertising partners and data brokers.'],
          ['p', 'We may use the content you submit, including your prompts, to train our machine learning models.'],
        ]) {
          const element = document.createElement(tag);
          element.textContent = text;
          app.append(element);
        }
      }, 2000);
    </script>`,
  );
  const page = await context.newPage();
  await page.goto(`${server.origin}/app/notes`);
  await expect
    .poll(async () => names(await pageHighlights(page)).length, { timeout: 10_000 })
    .toBeGreaterThan(0);
});

test("a hash-routed app's policy is found from its route, and its other pages are not", async ({
  context,
  server,
  serviceWorker,
  extensionId,
}) => {
  // Neither the title nor the heading names the document: only the route (#/about/privacy) does.
  server.route(
    '/notes-app/',
    `<!doctype html><title>Acme Notes</title><div id="app"></div><script>
      const render = () => {
        const app = document.getElementById('app');
        app.replaceChildren();
        const lines = location.hash === '#/about/privacy'
          ? [
              ['h1', 'Acme Notes'],
              ['p', 'Acme Notes collects your email address, your notes and your device identifiers when you use the app.'],
              ['p', 'We may sell or share your personal information with advertising partners and data brokers.'],
              ['p', 'We may use the notes you write to train our machine learning models.'],
            ]
          : [
              ['h1', 'Acme Notes'],
              ['p', 'Write notes, share them with friends and find them again in a second.'],
            ];
        for (const [tag, text] of lines) {
          const element = document.createElement(tag);
          element.textContent = text;
          app.append(element);
        }
      };
      render();
      addEventListener('hashchange', render);
    </script>`,
  );
  const page = await context.newPage();
  await page.goto(`${server.origin}/notes-app/#/about/privacy`);
  await expect.poll(async () => names(await pageHighlights(page)).length).toBeGreaterThan(0);

  const home = await context.newPage();
  await home.goto(`${server.origin}/notes-app/#/home`);
  const panel = await SidePanelPage.open(context, extensionId, await tabIdOf(serviceWorker, home));
  await expect(panel.emptyState).toContainText('not a policy');
  expect(await pageHighlights(home)).toEqual({});
});
