import { E2E_EXTENSION_PATH, expect, tabIdOf, test } from './fixtures';
import { serveAt } from './helpers';
import { SidePanelPage } from './pages/side-panel';
import { publishFeed, renameFirstProvision } from './remote-feed';

// The e2e build trusts the committed test key (.env.e2e) and has the fixture host granted.
test.use({ extensionPath: E2E_EXTENSION_PATH, mappedHosts: ['www.anthropic.com'] });

test('a remote feed is installed only with a valid signature by a trusted key; tampered, unsigned and foreign-signed feeds are refused and the last good one kept', async ({
  context,
  server,
  serviceWorker,
  extensionId,
}) => {
  const feedUrl = publishFeed(server, '/signed', 100, renameFirstProvision('claude', 'Signed one'));
  const options = await context.newPage();
  await options.goto(`chrome-extension://${extensionId}/options.html`);
  await options.getByTestId('feed-url').fill(feedUrl);
  await options.getByRole('button', { name: 'Save and sync' }).click();
  await expect(options.getByTestId('feed-status')).toContainText('remote feed, version 100');
  await expect(options.getByTestId('feed-error')).toHaveCount(0);
  const signatureRequests = server.requests.filter(
    (request) => request.url === '/signed/index.json.sig',
  );
  expect(signatureRequests.length).toBeGreaterThan(0);
  for (const request of signatureRequests) {
    expect(request.headers.cookie).toBeUndefined();
    expect(request.headers.referer).toBeUndefined();
  }

  const policy = await context.newPage();
  await policy.goto(
    serveAt(server, 'pages/anthropic-privacy-policy.html', '/legal/privacy', 'www.anthropic.com'),
  );
  const panel = await SidePanelPage.open(
    context,
    extensionId,
    await tabIdOf(serviceWorker, policy),
  );
  await expect(panel.provision('Signed one')).toHaveCount(1);

  const refusals: [string, Parameters<typeof publishFeed>[4], RegExp][] = [
    [
      'Tampered feed',
      // Signed as published, then a shard is rewritten and its hash in the index updated.
      { tamper: renameFirstProvision('claude', 'Tampered feed') },
      /signature is invalid/,
    ],
    ['Unsigned feed', { signature: 'none' }, /signature is missing/],
    ['Foreign-signed feed', { signature: 'untrusted-key' }, /signature is invalid/],
  ];
  let version = 100;
  for (const [title, publishOptions, reason] of refusals) {
    version += 1;
    publishFeed(
      server,
      '/signed',
      version,
      renameFirstProvision('claude', publishOptions?.tamper ? 'Honest update' : title),
      publishOptions,
    );
    await options.bringToFront();
    await options.getByRole('button', { name: 'Save and sync' }).click();
    await expect(options.getByTestId('feed-error')).toContainText(reason);
    await expect(options.getByTestId('feed-status')).toContainText('remote feed, version 100');
    await panel.reload();
    await expect(panel.provision('Signed one')).toHaveCount(1);
    await expect(panel.provision(title)).toHaveCount(0);
  }

  // The same server with a good signature again: the refusals above were the signature's doing.
  publishFeed(server, '/signed', 110, renameFirstProvision('claude', 'Signed two'));
  await options.bringToFront();
  await options.getByRole('button', { name: 'Save and sync' }).click();
  await expect(options.getByTestId('feed-status')).toContainText('remote feed, version 110');
  await expect(options.getByTestId('feed-error')).toHaveCount(0);
  await panel.reload();
  await expect(panel.provision('Signed two')).toHaveCount(1);
});
