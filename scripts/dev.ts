import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { startFixtureServer } from '../tests/e2e/server';
import { findChromium } from './chromium';

// `npm run dev`: serves real policy pages on 127.0.0.1 and opens Chromium with the extension
// (WXT dev mode, live reload) on a sample policy, with the bundled feed.

const SAMPLES = [
  ['pages/anthropic-privacy-policy.html', 'Claude (Anthropic) privacy policy — in the feed'],
  ['pages/openai-privacy-policy.html', 'OpenAI privacy policy — in the feed'],
  [
    'extra-pages/liquid-ai-privacy-policy.html',
    'Liquid AI privacy policy — automatic analysis only',
  ],
  ['pages/midjourney-terms-of-service.html', 'Midjourney terms of service'],
  ['spa/index.html', 'A single-page app that renders its policy after load'],
] as const;

const server = await startFixtureServer(resolve('tests/fixtures'));
const links = SAMPLES.map(
  ([path, label]) => `<li><a href="/${path.startsWith('spa') ? 'app/' : path}">${label}</a></li>`,
).join('');
server.route(
  '/',
  `<!doctype html><meta charset="utf-8"><title>Fineprint samples</title><h1>Fineprint sample pages</h1><p>Real policy pages from Open Terms Archive (ODC-BY 1.0), served locally.</p><ul>${links}</ul>`,
);
server.route(
  '/app/',
  (await import('node:fs')).readFileSync(resolve('tests/fixtures/spa/index.html')),
);
const start = `${server.origin}/${SAMPLES[0][0]}`;
process.stderr.write(`Sample pages: ${server.origin}/\n`);

let chromium: string | undefined;
try {
  chromium = findChromium();
} catch (error) {
  process.stderr.write(`${(error as Error).message}\nWXT will look for Chrome itself.\n`);
}
const wxt = spawn('npx', ['wxt', ...process.argv.slice(2)], {
  stdio: 'inherit',
  env: {
    ...process.env,
    FINEPRINT_DEV_START_URLS: [start, `${server.origin}/`].join(' '),
    ...(chromium ? { FINEPRINT_DEV_CHROMIUM: chromium } : {}),
  },
});
const stop = () => {
  wxt.kill('SIGINT');
  void server.close();
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
wxt.on('exit', (code) => {
  void server.close();
  process.exit(code ?? 0);
});
