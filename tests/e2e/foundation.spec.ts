import { CLAUDETTE_TAG_TO_CATEGORY } from '../../lib/taxonomy';
import { badgeText, expect, pageHighlights, tabIdOf, test } from './fixtures';
import { SidePanelPage } from './pages/side-panel';

const TERMS_CATEGORY_IDS: readonly string[] = Object.values(CLAUDETTE_TAG_TO_CATEGORY);

test('a real policy page is analysed, reported to the background and shown in the side panel', async ({
  context,
  server,
  serviceWorker,
  extensionId,
}) => {
  const page = await context.newPage();
  await page.goto(`${server.origin}/pages/deepseek-privacy-policy.html`);
  await expect.poll(() => pageHighlights(page)).not.toEqual({});

  const tabId = await tabIdOf(serviceWorker, page);
  // The badge is set by the background from the content script's report.
  await expect.poll(() => badgeText(serviceWorker, tabId)).toMatch(/^(\d+|99\+|✓)$/);

  const panel = await SidePanelPage.open(context, extensionId, tabId);
  await expect(panel.documentLine).toContainText('Privacy policy');
  await expect(panel.findings.first()).toBeVisible();
  const reported = await panel.page.evaluate(
    (id) => chrome.runtime.sendMessage({ type: 'tab/get-state', tabId: id }),
    tabId,
  );
  expect(reported).toMatchObject({ ok: true, data: { status: 'analysed', tabId } });
});

test('a policy in another language is recognised, and the panel says the automatic analysis reads English only', async ({
  context,
  server,
  serviceWorker,
  extensionId,
}) => {
  const page = await context.newPage();
  await page.goto(`${server.origin}/pages/doubao-privacy-policy.html`);
  const tabId = await tabIdOf(serviceWorker, page);
  const panel = await SidePanelPage.open(context, extensionId, tabId);
  await expect(panel.documentLine).toContainText('Privacy policy');
  await expect(panel.page.getByText('This page is written in Chinese')).toBeVisible();
  await expect(panel.page.getByTestId('ai-details')).toContainText(
    'Not checked: the automatic analysis reads English only',
  );
});

test('a German terms page is read by the German terms model: its terms light up, and the panel says privacy and AI are read in English only', async ({
  context,
  server,
  serviceWorker,
  extensionId,
}) => {
  const page = await context.newPage();
  await page.goto(`${server.origin}/other-languages/dropbox-terms-de.html`);
  await expect.poll(() => pageHighlights(page)).not.toEqual({});
  const tabId = await tabIdOf(serviceWorker, page);
  const panel = await SidePanelPage.open(context, extensionId, tabId);
  await expect(panel.page.getByText('This page is written in German')).toBeVisible();
  await expect(panel.page.getByText('a model learnt from German terms of service')).toBeVisible();
  await expect(panel.findings.first()).toBeVisible();
  const state = await panel.page.evaluate(
    (id) => chrome.runtime.sendMessage({ type: 'tab/get-state', tabId: id }),
    tabId,
  );
  const categories = new Set(
    (
      state as { data: { report: { clauses: { categories: string[] }[] } } }
    ).data.report.clauses.flatMap((clause) => clause.categories),
  );
  // "Dropbox haftet nicht für…" and the courts of San Francisco, read in German.
  expect(categories).toContain('liability');
  expect(categories).toContain('jurisdiction');
  // The German model has the eight terms categories only: nothing of privacy or AI.
  expect([...categories].filter((category) => !TERMS_CATEGORY_IDS.includes(category))).toEqual([]);
});

test('the background rejects malformed and unknown messages with a reason', async ({
  context,
  extensionId,
}) => {
  const page = await context.newPage();
  await page.goto(`chrome-extension://${extensionId}/sidepanel.html?tabId=1`);
  const malformed = await page.evaluate(() =>
    chrome.runtime.sendMessage({ type: 'tab/get-state', tabId: 'everything' }),
  );
  expect(malformed).toMatchObject({ ok: false, error: expect.stringContaining('tab/get-state') });
  const unknown = await page.evaluate(() => chrome.runtime.sendMessage({ type: 'db/drop' }));
  expect(unknown).toMatchObject({ ok: false, error: expect.stringContaining('db/drop') });
});
