import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { chromium } from '@playwright/test';
import { findChromium } from './chromium';

// Renders scripts/icon.svg to the PNG sizes browsers ask for (public/icon/<size>.png), with the
// same Chromium the tests use: `npx tsx scripts/render-icons.ts`.
const svg = readFileSync(resolve('scripts/icon.svg'), 'utf8');
const browser = await chromium.launch({ executablePath: findChromium(), args: ['--no-sandbox'] });
for (const size of [16, 32, 48, 96, 128]) {
  const page = await browser.newPage({ viewport: { width: size, height: size } });
  await page.setContent(
    `<html><body style="margin:0;background:transparent">${svg.replace('<svg ', `<svg width="${size}" height="${size}" `)}</body></html>`,
  );
  await page.screenshot({ path: resolve(`public/icon/${size}.png`), omitBackground: true });
  await page.close();
}
await browser.close();
