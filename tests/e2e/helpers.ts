import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { type BrowserContext, expect, type Page } from '@playwright/test';
import type { FixtureServer } from './server';

export function fixture(path: string): string {
  return readFileSync(resolve('tests/fixtures', path), 'utf8');
}

/** Serves a fixture file at `path` and returns its URL under `host` (mapped to 127.0.0.1). */
export function serveAt(server: FixtureServer, file: string, path: string, host = '127.0.0.1') {
  server.route(path, fixture(file));
  return `http://${host}:${server.port}${path}`;
}

/** Writes a screenshot for the README when UPDATE_SCREENSHOTS is set (a deliberate, manual run). */
export async function readmeScreenshot(page: Page, name: string) {
  if (!process.env.UPDATE_SCREENSHOTS) return;
  await page.screenshot({ path: resolve('docs/screenshots', `${name}.png`) });
}

/** Whether the flash highlight (the clause just scrolled to) is inside the viewport. */
export async function flashedClauseInView(page: Page): Promise<boolean> {
  return page.evaluate(() => {
    const flash = CSS.highlights.get('fineprint-flash');
    const range = flash ? ([...flash][0] as Range | undefined) : undefined;
    if (!range) return false;
    const rect = range.getBoundingClientRect();
    return rect.bottom > 0 && rect.top < window.innerHeight;
  });
}

/** A plain privacy-policy page of a made-up service, one paragraph per clause. */
export function policyPage(title: string, siteName: string, clauses: readonly string[]): string {
  return `<!doctype html><html lang="en"><head><title>${title}</title></head><body>
<header><a href="/">${siteName}</a></header><main><h1>Privacy Policy</h1>
${clauses.map((clause) => `<p>${clause}</p>`).join('\n')}</main><footer><a href="/terms">Terms</a></footer>
</body></html>`;
}

export async function openOptions(context: BrowserContext, extensionId: string): Promise<Page> {
  const page = await context.newPage();
  await page.goto(`chrome-extension://${extensionId}/options.html`);
  return page;
}

export interface ExportedData {
  settings: { highlightDisabledHosts: string[] };
  watches: { docKey: string; title: string }[];
  snapshots: { docKey: string; textHash: string; takenAt: number; via: string }[];
  changes: unknown[];
}

/** What the background holds, asked the way the options page asks for an export. */
export async function exportedData(page: Page): Promise<ExportedData> {
  const reply = await page.evaluate(() => chrome.runtime.sendMessage({ type: 'data/export' }));
  expect(reply).toMatchObject({ ok: true });
  return (reply as { data: ExportedData }).data;
}
