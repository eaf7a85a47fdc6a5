import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext, Worker } from '@playwright/test';
import {
  E2E_EXTENSION_PATH,
  expect,
  extensionWorker,
  launchWithExtension,
  pageHighlights,
  tabIdOf,
  test,
  waitUntilAnalysed,
} from './fixtures';
import { exportedData, openOptions, policyPage } from './helpers';
import { SidePanelPage } from './pages/side-panel';

// An extension update replaces the files of the extension and keeps its profile. Build N is the
// e2e build copied to a directory of its own; build N+1 is the same build with a higher manifest
// version, written over the same directory, because Chromium names an unpacked extension after
// its path: the same path keeps the same id, and so the same IndexedDB and storage.
//
// Chromium keeps running the service worker script it registered for a command-line unpacked
// extension across restarts, even when the files and version changed (measured: the worker went
// on running build N's code). A store update unregisters the old worker; removing the profile's
// service worker registrations between the sessions does the same and leaves the extension's
// IndexedDB and extension storage in place. Each build marks its worker so the test can tell
// which code is running.

const POLICY_PATH = '/legal/privacy-policy';
const TITLE = 'Privacy Policy | Larkspur Mail';
const CLAUSES = [
  'This Privacy Policy explains how Larkspur Mail collects and uses personal information.',
  'We collect your email address, your contacts and the messages you store with us.',
  'We keep deleted messages for 30 days before removing them from our servers.',
  'We use cookies to keep you signed in and to measure how the service is used.',
  'You can ask us to access, correct or delete your personal data at any time.',
  'We do not sell your personal information to anyone.',
];
const ADDED =
  'We may use the content of your messages to train and improve our machine learning models.';

const policyHtml = (clauses: readonly string[]) => policyPage(TITLE, 'Larkspur', clauses);

/** Installs build `version` at `directory`, replacing what was there (files are read at launch). */
function installBuild(directory: string, version: string) {
  rmSync(directory, { recursive: true, force: true });
  cpSync(E2E_EXTENSION_PATH, directory, { recursive: true });
  const manifestPath = join(directory, 'manifest.json');
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as { version: string };
  manifest.version = version;
  writeFileSync(manifestPath, JSON.stringify(manifest, null, 2));
  const worker = join(directory, 'background.js');
  writeFileSync(
    worker,
    `globalThis.fineprintTestBuild=${JSON.stringify(version)};${readFileSync(worker, 'utf8')}`,
  );
}

const runningBuild = (worker: Worker) =>
  worker.evaluate(() => (globalThis as { fineprintTestBuild?: string }).fineprintTestBuild);

test('an update of the extension keeps snapshots, the watch list and settings', async ({
  server,
}) => {
  const root = mkdtempSync(join(tmpdir(), 'fineprint-update-'));
  const extensionDir = join(root, 'extension');
  const profile = join(root, 'profile');
  const launched: BrowserContext[] = [];
  const launch = async () => {
    const context = await launchWithExtension(extensionDir, { userDataDir: profile });
    launched.push(context);
    return context;
  };
  try {
    installBuild(extensionDir, '0.1.0');
    server.route(POLICY_PATH, policyHtml(CLAUSES));
    const policyUrl = `${server.origin}${POLICY_PATH}`;

    let context = await launch();
    let worker = await extensionWorker(context);
    const extensionId = new URL(worker.url()).host;
    const page = await context.newPage();
    await page.goto(policyUrl);
    await waitUntilAnalysed(context, worker, extensionId, page);
    const panel = await SidePanelPage.open(context, extensionId, await tabIdOf(worker, page));
    await panel.page.getByRole('button', { name: 'Watch this policy' }).click();
    await expect(panel.page.getByRole('button', { name: 'Stop watching' })).toBeVisible();
    const options = await openOptions(context, extensionId);
    const highlighting = options.getByRole('region', { name: 'Highlighting' });
    await highlighting.getByRole('textbox').fill('docs.example.com');
    await highlighting.getByRole('button', { name: 'Save' }).click();
    await expect(highlighting.getByRole('status')).toHaveText(/Saved/);
    const before = await exportedData(options);
    expect(before.watches.map((watch) => watch.title)).toEqual([TITLE]);
    expect(before.snapshots.length).toBeGreaterThan(0);
    expect(await runningBuild(worker)).toBe('0.1.0');
    await context.close();

    rmSync(join(profile, 'Default', 'Service Worker'), { recursive: true, force: true });
    installBuild(extensionDir, '0.1.1');
    context = await launch();
    worker = await extensionWorker(context);
    expect(new URL(worker.url()).host).toBe(extensionId);
    expect(await worker.evaluate(() => chrome.runtime.getManifest().version)).toBe('0.1.1');
    expect(await runningBuild(worker)).toBe('0.1.1');

    const after = await openOptions(context, extensionId);
    await expect(after.getByTestId('watch')).toContainText(TITLE);
    await expect(
      after.getByRole('region', { name: 'Highlighting' }).getByRole('textbox'),
    ).toHaveValue('docs.example.com');
    const kept = await exportedData(after);
    expect(kept.watches).toEqual(before.watches);
    expect(kept.snapshots).toEqual(before.snapshots);
    expect(kept.settings).toEqual(before.settings);

    // The kept snapshot is the one the next visit is compared with: the new clause is news.
    server.route(POLICY_PATH, policyHtml([...CLAUSES, ADDED]));
    const revisit = await context.newPage();
    await revisit.goto(policyUrl);
    await expect
      .poll(async () => (await pageHighlights(revisit))['fineprint-changed'] ?? 0)
      .toBe(1);
    await context.close();
  } finally {
    for (const context of launched) await context.close().catch(() => {});
    rmSync(root, { recursive: true, force: true });
  }
});
