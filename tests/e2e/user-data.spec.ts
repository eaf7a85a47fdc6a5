import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext } from '@playwright/test';
import {
  E2E_EXTENSION_PATH,
  expect,
  extensionWorker,
  launchWithExtension,
  pageHighlights,
  tabIdOf,
  test,
} from './fixtures';
import { type ExportedData, exportedData, openOptions, policyPage } from './helpers';
import { SidePanelPage } from './pages/side-panel';

// The user's data leaves one profile as the file the options page downloads and enters another
// through the options page's file input; a broken file is refused and changes nothing.

test.use({ extensionPath: E2E_EXTENSION_PATH });

const POLICY_PATH = '/legal/privacy-policy';
const TITLE = 'Privacy Policy | Quillfeather Photos';
const CLAUSES = [
  'This Privacy Policy explains how Quillfeather Photos collects and uses personal information.',
  'We collect your email address, the photos you upload and the location they were taken at.',
  'We use cookies to keep you signed in and to measure how the service is used.',
  'We keep your photos for as long as your account is open and delete them within 30 days.',
  'You can ask us to access, correct or delete your personal data at any time.',
  'We do not sell your personal information to anyone.',
];
const ADDED = 'We may use the photos you upload to train and improve our image recognition models.';

const policyHtml = (clauses: readonly string[]) => policyPage(TITLE, 'Quillfeather', clauses);

test('data exported from the options page comes back in a fresh profile; a broken file changes nothing', async ({
  context,
  server,
  serviceWorker,
  extensionId,
}) => {
  const scratch = mkdtempSync(join(tmpdir(), 'fineprint-user-data-'));
  let fresh: BrowserContext | null = null;
  try {
    server.route(POLICY_PATH, policyHtml(CLAUSES));
    const policyUrl = `${server.origin}${POLICY_PATH}`;
    const page = await context.newPage();
    await page.goto(policyUrl);
    await expect
      .poll(async () => Object.keys(await pageHighlights(page)).length)
      .toBeGreaterThan(0);
    const panel = await SidePanelPage.open(
      context,
      extensionId,
      await tabIdOf(serviceWorker, page),
    );
    await panel.page.getByRole('button', { name: 'Watch this policy' }).click();
    await expect(panel.page.getByRole('button', { name: 'Stop watching' })).toBeVisible();

    const options = await openOptions(context, extensionId);
    const highlighting = options.getByRole('region', { name: 'Highlighting' });
    await highlighting.getByRole('textbox').fill('docs.example.com');
    await highlighting.getByRole('button', { name: 'Save' }).click();
    await expect(highlighting.getByRole('status')).toHaveText(/Saved/);
    const original = await exportedData(options);

    const download = options.waitForEvent('download');
    await options.getByRole('button', { name: 'Export my data' }).click();
    const exportPath = join(scratch, (await download).suggestedFilename());
    await (await download).saveAs(exportPath);
    const file = JSON.parse(readFileSync(exportPath, 'utf8')) as ExportedData;
    expect(file.watches).toEqual(original.watches);
    expect(file.snapshots).toEqual(original.snapshots);
    expect(file.settings).toEqual(original.settings);

    fresh = await launchWithExtension(E2E_EXTENSION_PATH);
    const freshId = new URL((await extensionWorker(fresh)).url()).host;
    const target = await openOptions(fresh, freshId);
    await expect(target.getByText('Nothing watched yet.')).toBeVisible();

    const broken = join(scratch, 'broken.json');
    const damaged = structuredClone(file) as unknown as { snapshots: { via: string }[] };
    damaged.snapshots[0]!.via = 'telepathy';
    writeFileSync(broken, JSON.stringify(damaged));
    await target.getByTestId('import-file').setInputFiles(broken);
    await expect(target.getByTestId('import-error')).toContainText('Nothing was imported');
    const truncated = join(scratch, 'truncated.json');
    writeFileSync(truncated, readFileSync(exportPath, 'utf8').slice(0, 500));
    await target.getByTestId('import-file').setInputFiles(truncated);
    await expect(target.getByTestId('import-error')).toContainText('not JSON');
    const untouched = await exportedData(target);
    expect(untouched.watches).toEqual([]);
    expect(untouched.snapshots).toEqual([]);
    expect(untouched.settings.highlightDisabledHosts).toEqual([]);

    await target.getByTestId('import-file').setInputFiles(exportPath);
    await expect(target.getByTestId('import-result')).toContainText(
      `Imported 1 watched policies, ${file.snapshots.length} snapshots`,
    );
    await expect(target.getByTestId('watch')).toContainText(TITLE);
    const restored = await exportedData(target);
    expect(restored.watches).toEqual(original.watches);
    expect(restored.snapshots).toEqual(original.snapshots);
    expect(restored.settings).toEqual(original.settings);

    // The imported snapshot is what the fresh profile compares the policy with.
    server.route(POLICY_PATH, policyHtml([...CLAUSES, ADDED]));
    const revisit = await fresh.newPage();
    await revisit.goto(policyUrl);
    await expect
      .poll(async () => (await pageHighlights(revisit))['fineprint-changed'] ?? 0)
      .toBe(1);
  } finally {
    await fresh?.close();
    rmSync(scratch, { recursive: true, force: true });
  }
});
