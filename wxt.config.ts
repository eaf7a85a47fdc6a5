import { defineConfig } from 'wxt';

// The manifest is a function of the target browser: Chrome gets `side_panel` and the
// `sidePanel` permission, Firefox gets `sidebar_action` (and would reject the permission).
export default defineConfig({
  modules: ['@wxt-dev/module-react'],
  manifest: ({ browser }) => ({
    name: 'Fineprint',
    description:
      'See what the terms and privacy policies you are about to accept actually say, right on the page.',
    permissions: ['storage', 'tabs', 'alarms', ...(browser === 'firefox' ? [] : ['sidePanel'])],
    action: { default_title: 'Fineprint' },
    ...(browser === 'firefox'
      ? {
          sidebar_action: {
            default_panel: 'sidepanel.html',
            default_title: 'Fineprint',
          },
          browser_specific_settings: {
            gecko: { id: 'fineprint@fineprint.dev', strict_min_version: '128.0' },
          },
        }
      : { side_panel: { default_path: 'sidepanel.html' } }),
  }),
  zip: {
    excludeSources: ['**/*.log', 'test-results/**', 'playwright-report/**', '.bench/**'],
  },
});
