import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { badgeText, expect, tabIdOf, test } from './fixtures';
import { readmeScreenshot } from './helpers';
import { PopupPage } from './pages/popup';

test.use({ mappedHosts: ['chat.deepseek.com'] });

function aiPlatformIds(): string[] {
  const index = JSON.parse(readFileSync(resolve('public/feed/index.json'), 'utf8')) as {
    platforms: { id: string; shard: string }[];
  };
  return index.platforms
    .filter((entry) => {
      const shard = JSON.parse(readFileSync(resolve('public/feed', entry.shard), 'utf8'));
      return shard.aiTraining !== null;
    })
    .map((entry) => entry.id);
}

test('on a sign-up page of an AI platform the popup answers and the badge warns; leaving clears it', async ({
  context,
  server,
  serviceWorker,
  extensionId,
}) => {
  server.route(
    '/sign_up',
    '<!doctype html><title>Create your account</title><main><h1>Create your account</h1><form><input type="email" placeholder="Email"><button>Continue</button></form></main>',
  );
  server.route('/recipes', '<!doctype html><title>Recipes</title><h1>Recipes</h1><p>Soup.</p>');
  const page = await context.newPage();
  await page.goto(`http://chat.deepseek.com:${server.port}/sign_up`);
  const tabId = await tabIdOf(serviceWorker, page);
  await expect.poll(() => badgeText(serviceWorker, tabId)).toBe('AI');

  const popup = await PopupPage.open(context, extensionId, tabId);
  await expect(popup.aiCard).toBeVisible();
  await expect(popup.aiCard.getByTestId('ai-verdict').first()).toHaveAttribute(
    'data-verdict',
    /trains|depends/,
  );
  await expect(popup.aiCard.getByTestId('ai-opt-out')).toBeVisible();
  await expect(popup.aiCard.getByTestId('ai-carve-outs')).toBeVisible();
  await popup.page.setViewportSize({ width: 380, height: 900 });
  await readmeScreenshot(popup.page, 'popup-ai-card');

  await page.bringToFront();
  await page.goto(`${server.origin}/recipes`);
  await expect.poll(() => badgeText(serviceWorker, tabId)).not.toBe('AI');
  await popup.page.reload();
  await expect(popup.aiCard).toHaveCount(0);
});

test('the compare page lists every AI platform of the feed and sorts', async ({
  context,
  extensionId,
}) => {
  const expected = aiPlatformIds();
  const page = await context.newPage();
  await page.goto(`chrome-extension://${extensionId}/compare.html`);
  const rows = page.getByTestId('compare-row');
  await expect(rows).toHaveCount(expected.length);
  const ids = await rows.evaluateAll((elements) =>
    elements.map((element) => element.getAttribute('data-platform-id')),
  );
  expect(new Set(ids)).toEqual(new Set(expected));

  // Sorted by platform name, ascending, on arrival; one click on the header reverses it.
  const header = page.locator('th[data-column="platform"]');
  await expect(header).toHaveAttribute('aria-sort', 'ascending');
  await header.getByRole('button').click();
  await expect(header).toHaveAttribute('aria-sort', 'descending');
  const reversed = await rows.evaluateAll((elements) =>
    elements.map((element) => element.getAttribute('data-platform-id')),
  );
  expect(reversed).toEqual([...ids].reverse());
  await page.locator('th[data-column="lastChange"]').getByRole('button').click();
  await expect(page.locator('th[data-column="lastChange"]')).toHaveAttribute(
    'aria-sort',
    /ascending|descending/,
  );
  await page.setViewportSize({ width: 1400, height: 900 });
  await readmeScreenshot(page, 'compare-page');
});
