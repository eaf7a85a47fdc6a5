import { existsSync } from 'node:fs';
import { type BrowserContext, chromium, type Page, type Worker } from '@playwright/test';

/** Debian's chromium on CI machines, Playwright's own browser on a developer's, or $CHROMIUM. */
export function findChromium(): string {
  const candidates = [
    process.env.CHROMIUM,
    '/usr/bin/chromium',
    '/usr/bin/chromium-browser',
    '/usr/bin/google-chrome',
    safeExecutablePath(),
  ];
  for (const candidate of candidates) {
    if (candidate && existsSync(candidate)) return candidate;
  }
  throw new Error(
    'No Chromium found: install it (Debian: apt-get install chromium) or set CHROMIUM=/path/to/chrome',
  );
}

function safeExecutablePath(): string | undefined {
  try {
    return chromium.executablePath();
  } catch {
    return undefined;
  }
}

/**
 * Flags for every headless Chromium the tests and the benchmark start: no sandbox (root in CI),
 * and none of the background services whose connections the closed network here refuses.
 */
export const CHROMIUM_ARGS: readonly string[] = [
  '--no-sandbox',
  '--disable-gpu',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
];

export async function extensionWorker(context: BrowserContext): Promise<Worker> {
  return context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
}

/**
 * The browser's id of the tab showing `page`. The extension has no `tabs` permission, so tab URLs
 * are hidden from it: the page is brought to the front and the active tab is asked for.
 */
export async function tabIdOf(serviceWorker: Worker, page: Page): Promise<number> {
  await page.bringToFront();
  const id = await serviceWorker.evaluate(async () => {
    const [tab] = await chrome.tabs.query({ active: true, lastFocusedWindow: true });
    return tab?.id ?? null;
  });
  if (id === null) throw new Error(`no active tab for ${page.url()}`);
  return id;
}
