import { E2E_EXTENSION_PATH, expect, tabIdOf, test } from './fixtures';
import { serveAt } from './helpers';
import { SidePanelPage } from './pages/side-panel';
import { publishFeed, renameFirstProvision } from './remote-feed';

// Setting a feed URL asks for that host's permission, which automation cannot grant: e2e build.
test.use({ extensionPath: E2E_EXTENSION_PATH, mappedHosts: ['www.anthropic.com'] });

test('the options page points at a remote feed; a newer feed reaches the side panel, a broken one is refused', async ({
  context,
  server,
  serviceWorker,
  extensionId,
}) => {
  const feedUrl = publishFeed(
    server,
    '/feed-v1',
    100,
    renameFirstProvision('claude', 'Remote feed one'),
  );
  const options = await context.newPage();
  await options.goto(`chrome-extension://${extensionId}/options.html`);
  await options.getByTestId('feed-url').fill(feedUrl);
  await options.getByRole('button', { name: 'Save and sync' }).click();
  await expect(options.getByTestId('feed-status')).toContainText('remote feed, version 100');

  const policy = await context.newPage();
  await policy.goto(
    serveAt(server, 'pages/anthropic-privacy-policy.html', '/legal/privacy', 'www.anthropic.com'),
  );
  const panel = await SidePanelPage.open(
    context,
    extensionId,
    await tabIdOf(serviceWorker, policy),
  );
  await expect(panel.provisions.filter({ hasText: 'Remote feed one' })).toHaveCount(1);

  // The publisher changes the feed: the next sync installs it and the open panel follows.
  const feedUrlV2 = publishFeed(
    server,
    '/feed-v1',
    101,
    renameFirstProvision('claude', 'Remote feed two'),
  );
  expect(feedUrlV2).toBe(feedUrl);
  await options.bringToFront();
  await options.getByRole('button', { name: 'Save and sync' }).click();
  await expect(options.getByTestId('feed-status')).toContainText('version 101');
  await expect(panel.provisions.filter({ hasText: 'Remote feed two' })).toHaveCount(1);

  // A malformed update is rejected with a visible reason and version 101 stays in use.
  server.route(
    '/feed-v1/index.json',
    '{"formatVersion": 1, "version": 102, "platforms": [',
    'application/json',
  );
  await options.getByRole('button', { name: 'Save and sync' }).click();
  await expect(options.getByTestId('feed-error')).toBeVisible();
  await expect(options.getByTestId('feed-status')).toContainText('version 101');
  await panel.reload();
  await expect(panel.provisions.filter({ hasText: 'Remote feed two' })).toHaveCount(1);
});
