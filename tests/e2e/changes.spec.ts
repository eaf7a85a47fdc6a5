import type { BrowserContext, Page, Worker } from '@playwright/test';
import {
  badgeText,
  E2E_EXTENSION_PATH,
  expect,
  pageHighlights,
  tabIdOf,
  test,
  waitUntilAnalysed,
} from './fixtures';
import { SidePanelPage } from './pages/side-panel';
import type { FixtureServer } from './server';

const POLICY_PATH = '/legal/privacy-policy';

// Watching asks for the site's permission, which automation cannot grant: use the e2e build.
test.use({ extensionPath: E2E_EXTENSION_PATH });

const BASE_CLAUSES = [
  'This Privacy Policy explains how Northwind Notes collects and uses personal information.',
  'We collect your email address, the notes you write and basic device information.',
  'We use cookies to keep you signed in and to measure how the service is used.',
  'We keep your notes for as long as your account is open and delete them within 30 days of closing it.',
  'You can ask us to access, correct or delete your personal data at any time.',
  'We do not sell your personal information to anyone.',
];
const ADDED_CLAUSE =
  'We may use the notes and files you upload to train and improve our artificial intelligence models.';

function policyHtml(clauses: readonly string[], cosmetic = false): string {
  const paragraphs = clauses
    .map((clause) =>
      cosmetic
        ? `<p>  ${clause.replace('personal', 'personal\u200b').replace(/\.$/, '')}  </p>`
        : `<p>${clause}</p>`,
    )
    .join('\n');
  return `<!doctype html><html lang="en"><head><title>Privacy Policy | Northwind Notes</title></head>
<body><header><a href="/">Northwind</a></header><main><h1>Privacy Policy</h1>${paragraphs}</main>
<footer><a href="/terms">Terms</a></footer></body></html>`;
}

async function readPolicy(
  context: BrowserContext,
  server: FixtureServer,
  serviceWorker: Worker,
  extensionId: string,
): Promise<Page> {
  const page = await context.newPage();
  await page.goto(`${server.origin}${POLICY_PATH}`);
  await waitUntilAnalysed(context, serviceWorker, extensionId, page);
  return page;
}

/** Reads the policy as first served, then watches it from the side panel. */
async function readAndWatch(
  context: BrowserContext,
  server: FixtureServer,
  serviceWorker: Worker,
  extensionId: string,
) {
  server.route(POLICY_PATH, policyHtml(BASE_CLAUSES));
  const page = await readPolicy(context, server, serviceWorker, extensionId);
  const panel = await SidePanelPage.open(context, extensionId, await tabIdOf(serviceWorker, page));
  await panel.page.getByRole('button', { name: 'Watch this policy' }).click();
  await expect(panel.page.getByRole('button', { name: 'Stop watching' })).toBeVisible();
  await panel.page.close();
  await page.close();
}

/** Serves `html` as the policy's new text and fires the watch alarm until the server is asked. */
async function recheckOnAlarm(server: FixtureServer, serviceWorker: Worker, html: string) {
  server.route(POLICY_PATH, html);
  const fetches = () => server.requests.filter((request) => request.url === POLICY_PATH).length;
  const before = fetches();
  await serviceWorker.evaluate(() => chrome.alarms.create('fineprint-watch', { when: Date.now() }));
  await expect.poll(fetches).toBeGreaterThan(before);
}

test('the next visit after a policy changed shows the change and highlights the new clause', async ({
  context,
  server,
  serviceWorker,
  extensionId,
}) => {
  server.route(POLICY_PATH, policyHtml(BASE_CLAUSES));
  const first = await readPolicy(context, server, serviceWorker, extensionId);
  await first.close();

  server.route(
    POLICY_PATH,
    policyHtml([...BASE_CLAUSES.slice(0, 3), ADDED_CLAUSE, ...BASE_CLAUSES.slice(3)]),
  );
  const second = await readPolicy(context, server, serviceWorker, extensionId);
  await expect.poll(async () => (await pageHighlights(second))['fineprint-changed'] ?? 0).toBe(1);
  const changedText = await second.evaluate(() =>
    [...(CSS.highlights.get('fineprint-changed') ?? [])].map((range) => range.toString()).join(' '),
  );
  expect(changedText).toContain('train and improve our artificial intelligence models');

  const tabId = await tabIdOf(serviceWorker, second);
  await expect.poll(() => badgeText(serviceWorker, tabId)).toBe('NEW');
  const panel = await SidePanelPage.open(context, extensionId, tabId);
  const changes = panel.page.getByTestId('changes');
  await expect(changes).toContainText('Changed since you last read it');
  await expect(changes.getByTestId('change-item')).toContainText(ADDED_CLAUSE);
  // Opening the change marked it seen: the global count is back to nothing.
  await expect.poll(() => badgeText(serviceWorker)).toBe('');
});

test('a watched policy is re-checked on the alarm; the badge counts the change until it is opened', async ({
  context,
  server,
  serviceWorker,
  extensionId,
}) => {
  await readAndWatch(context, server, serviceWorker, extensionId);

  await recheckOnAlarm(server, serviceWorker, policyHtml([...BASE_CLAUSES, ADDED_CLAUSE]));
  await expect.poll(() => badgeText(serviceWorker)).toBe('1');

  const options = await context.newPage();
  await options.goto(`chrome-extension://${extensionId}/options.html`);
  const change = options.getByTestId('change').first();
  await expect(change).toHaveAttribute('data-seen', '0');
  await change.locator('summary').click();
  await expect(change).toContainText(ADDED_CLAUSE);
  await expect.poll(() => badgeText(serviceWorker)).toBe('');
  await expect(options.getByTestId('watch')).toContainText('Last checked');
});

test('a cosmetic-only edit raises nothing, on a visit or on a watch check', async ({
  context,
  server,
  serviceWorker,
  extensionId,
}) => {
  await readAndWatch(context, server, serviceWorker, extensionId);

  await recheckOnAlarm(server, serviceWorker, policyHtml(BASE_CLAUSES, true));
  const options = await context.newPage();
  await options.goto(`chrome-extension://${extensionId}/options.html`);
  await expect(options.getByTestId('watch')).toContainText('No change');
  const again = await readPolicy(context, server, serviceWorker, extensionId);
  expect((await pageHighlights(again))['fineprint-changed']).toBeUndefined();
  const tabId = await tabIdOf(serviceWorker, again);
  const reread = await SidePanelPage.open(context, extensionId, tabId);
  await expect(reread.documentLine).toContainText('Privacy policy');
  await expect(reread.page.getByTestId('changes')).toHaveCount(0);
  expect(await badgeText(serviceWorker)).toBe('');
});
