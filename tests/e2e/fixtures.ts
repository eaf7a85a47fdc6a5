import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import {
  type BrowserContext,
  test as base,
  chromium,
  type Page,
  type Worker,
} from '@playwright/test';
import { CHROMIUM_ARGS, extensionWorker, findChromium, tabIdOf } from '../../scripts/chromium';

export { extensionWorker, tabIdOf };

import { type FixtureServer, startFixtureServer } from './server';

export const EXTENSION_PATH = resolve('.output/chrome-mv3');
/** The `--mode e2e` build: the same code with the fixture host granted (see wxt.config.ts). */
export const E2E_EXTENSION_PATH = resolve('.output/chrome-mv3-e2e');
export const FIXTURES_ROOT = resolve('tests/fixtures');

interface TestFixtures {
  /** Host names the browser resolves to 127.0.0.1 (Chromium --host-resolver-rules). */
  mappedHosts: string[];
  /** Which build to load: tests that watch a policy need the e2e build's granted host. */
  extensionPath: string;
  context: BrowserContext;
  serviceWorker: Worker;
  extensionId: string;
}

interface WorkerFixtures {
  server: FixtureServer;
}

export async function launchWithExtension(
  extensionPath: string,
  options: {
    mappedHosts?: string[];
    userDataDir?: string;
    /** More Chromium switches, e.g. a recording proxy's (tests/e2e/recording-proxy.ts). */
    extraArgs?: string[];
  } = {},
): Promise<BrowserContext> {
  if (!existsSync(`${extensionPath}/manifest.json`)) {
    throw new Error(
      `No built extension at ${extensionPath}: run \`npm run build && npm run build:e2e\` first`,
    );
  }
  const mapped = options.mappedHosts ?? [];
  return chromium.launchPersistentContext(options.userDataDir ?? '', {
    executablePath: findChromium(),
    headless: true,
    args: [
      `--disable-extensions-except=${extensionPath}`,
      `--load-extension=${extensionPath}`,
      ...CHROMIUM_ARGS,
      ...(mapped.length > 0
        ? [`--host-resolver-rules=${mapped.map((host) => `MAP ${host} 127.0.0.1`).join(', ')}`]
        : []),
      ...(options.extraArgs ?? []),
    ],
  });
}

export const test = base.extend<TestFixtures, WorkerFixtures>({
  server: [
    // biome-ignore lint/correctness/noEmptyPattern: Playwright requires the destructuring.
    async ({}, use) => {
      const server = await startFixtureServer(FIXTURES_ROOT);
      await use(server);
      await server.close();
    },
    { scope: 'worker' },
  ],
  mappedHosts: [[], { option: true }],
  extensionPath: [EXTENSION_PATH, { option: true }],
  context: async ({ mappedHosts, extensionPath }, use) => {
    const context = await launchWithExtension(extensionPath, { mappedHosts });
    await use(context);
    await context.close();
  },
  serviceWorker: async ({ context }, use) => {
    await use(await extensionWorker(context));
  },
  extensionId: async ({ serviceWorker }, use) => {
    await use(new URL(serviceWorker.url()).host);
  },
});

export const expect = test.expect;

export async function badgeText(serviceWorker: Worker, tabId?: number): Promise<string> {
  return serviceWorker.evaluate(
    (id) => chrome.action.getBadgeText(id === undefined ? {} : { tabId: id }),
    tabId,
  );
}

/**
 * Stops the extension's service worker, as Chrome does to an idle one after about 30 seconds;
 * the next event starts it again from scratch.
 */
export async function stopServiceWorker(context: BrowserContext): Promise<void> {
  const page = await context.newPage();
  try {
    const cdp = await context.newCDPSession(page);
    const stopped = new Promise<void>((resolve) => {
      cdp.on('ServiceWorker.workerVersionUpdated', ({ versions }) => {
        if (versions.some((version) => version.runningStatus === 'stopped')) resolve();
      });
    });
    await cdp.send('ServiceWorker.enable');
    await cdp.send('ServiceWorker.stopAllWorkers');
    await stopped;
  } finally {
    await page.close();
  }
}

/** Names of Fineprint's CSS highlights registered in the page, with their range counts. */
export async function pageHighlights(page: Page): Promise<Record<string, number>> {
  return page.evaluate(() => {
    const result: Record<string, number> = {};
    CSS.highlights.forEach((highlight, name) => {
      if (name.startsWith('fineprint-')) result[name] = highlight.size;
    });
    return result;
  });
}

/**
 * Waits until the background holds the tab's analysed report: a benign policy may rightly get
 * no highlight at all, so highlights are no sign that a page was read.
 */
export async function waitUntilAnalysed(
  context: BrowserContext,
  serviceWorker: Worker,
  extensionId: string,
  page: Page,
): Promise<void> {
  const tabId = await tabIdOf(serviceWorker, page);
  const probe = await context.newPage();
  try {
    await probe.goto(`chrome-extension://${extensionId}/popup.html?tabId=${tabId}`);
    await expect
      .poll(() =>
        probe.evaluate(async (id) => {
          const reply = await chrome.runtime.sendMessage({ type: 'tab/get-state', tabId: id });
          return (reply as { data?: { status?: string } | null }).data?.status ?? null;
        }, tabId),
      )
      .toBe('analysed');
  } finally {
    await probe.close();
  }
  await page.bringToFront();
}
