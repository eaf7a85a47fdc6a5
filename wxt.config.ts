import { defineConfig } from 'wxt';

export const EXTENSION_PAGES_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
  "form-action 'none'",
  "frame-src 'none'",
  "img-src 'self'",
  "font-src 'self'",
  "style-src 'self'",
  "connect-src 'self' https: http:",
].join('; ');

// The manifest is a function of the target browser: Chrome gets `side_panel` and the
// `sidePanel` permission, Firefox gets `sidebar_action` (and would reject the permission).
export default defineConfig({
  modules: ['@wxt-dev/module-react'],
  manifest: ({ browser, mode }) => ({
    name: 'Fineprint',
    description:
      'See what the terms and privacy policies you are about to accept actually say, right on the page.',
    permissions: [
      'storage',
      'alarms',
      ...(browser === 'firefox' ? [] : ['sidePanel', 'offscreen']),
    ],
    // Host access is asked for one site at a time, when the user watches a policy there or sets a
    // feed URL; notifications only when the user turns them on. MV2 (Firefox) lists optional
    // origins among optional_permissions, MV3 in optional_host_permissions.
    ...(browser === 'firefox'
      ? { optional_permissions: ['notifications', 'https://*/*', 'http://*/*'] }
      : {
          optional_permissions: ['notifications'],
          optional_host_permissions: ['https://*/*', 'http://*/*'],
        }),
    // Browsers offer automation no way to answer a permission prompt, so the build the watch
    // tests load (`--mode e2e`) has the fixture server's host granted up front; the code still
    // asks for it, and the request then resolves without a prompt.
    ...(mode === 'e2e' ? { host_permissions: ['http://127.0.0.1/*'] } : {}),
    action: { default_title: 'Fineprint' },
    // The sentinel (entrypoints/sentinel.ts) is an unlisted script declared here by hand, so that
    // WXT wraps it in nothing: it runs on every page.
    content_scripts: [{ matches: ['<all_urls>'], js: ['sentinel.js'], run_at: 'document_idle' }],
    // Extension pages run only their own packaged scripts and load nothing remote; connect-src
    // stays open to http(s) because the background fetches the feed URL and watched policies the
    // user chose. Not in `wxt` dev mode, whose injected styles and HMR socket this would block.
    ...(mode === 'development'
      ? {}
      : { content_security_policy: { extension_pages: EXTENSION_PAGES_CSP } }),
    // The content script imports the detector on pages that might be policies and the analyzer on
    // policies only, which imports the terms models on policies in German, Italian or Polish.
    // Chrome's dynamic URL changes every session, so pages cannot probe for the extension through
    // these files.
    web_accessible_resources:
      browser === 'firefox'
        ? ['detector.js', 'analyzer.js', 'terms-models.js']
        : [
            {
              resources: ['detector.js', 'analyzer.js', 'terms-models.js'],
              matches: ['<all_urls>'],
              use_dynamic_url: true,
            },
          ],
    ...(browser === 'firefox'
      ? {
          sidebar_action: {
            default_panel: 'sidepanel.html',
            default_title: 'Fineprint',
          },
          browser_specific_settings: {
            gecko: {
              id: 'fineprint@fineprint.dev',
              // 140: the CSS Custom Highlight API (highlights); Ed25519 in WebCrypto came in 129.
              strict_min_version: '140.0',
              // Firefox's data-collection consent: Fineprint transmits nothing about the user.
              data_collection_permissions: { required: ['none'] },
            },
          },
        }
      : {
          side_panel: { default_path: 'sidepanel.html' },
          // 137: Ed25519 in WebCrypto, which verifies the feed's signature.
          minimum_chrome_version: '137',
        }),
  }),
  // `npm run dev` (scripts/dev.ts) serves sample policies and passes their URLs and the Chromium
  // it found; plain `wxt` falls back to WXT's defaults.
  webExt: {
    startUrls: process.env.FINEPRINT_DEV_START_URLS?.split(' ').filter(Boolean),
    binaries: process.env.FINEPRINT_DEV_CHROMIUM
      ? { chrome: process.env.FINEPRINT_DEV_CHROMIUM }
      : undefined,
    chromiumArgs: [
      '--no-first-run',
      '--disable-background-networking',
      '--disable-sync',
      // Chromium refuses to start its sandbox as root (containers, CI machines).
      ...(process.getuid?.() === 0 ? ['--no-sandbox'] : []),
    ],
  },
  zip: {
    excludeSources: ['**/*.log', 'test-results/**', 'playwright-report/**', '.bench/**'],
  },
});
