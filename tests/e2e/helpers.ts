import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Page } from '@playwright/test';
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
