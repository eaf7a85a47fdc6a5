import { existsSync } from 'node:fs';
import { chromium } from '@playwright/test';

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
