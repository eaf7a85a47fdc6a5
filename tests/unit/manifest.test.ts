import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import config, { EXTENSION_PAGES_CSP } from '../../wxt.config';

// Every permission is a promise to users and to store review. These sets are exact on purpose:
// adding one means changing this test and docs/permissions.md in the same commit.

type Manifest = Record<string, unknown>;

async function declaredManifest(browser: 'chrome' | 'firefox', mode = 'production') {
  const manifest = config.manifest;
  if (typeof manifest !== 'function') throw new Error('wxt.config manifest is not a function');
  return (await manifest({
    browser,
    manifestVersion: browser === 'firefox' ? 2 : 3,
    mode,
    command: 'build',
  })) as Manifest;
}

function builtManifest(dir: string): Manifest | null {
  const path = resolve('.output', dir, 'manifest.json');
  return existsSync(path) ? (JSON.parse(readFileSync(path, 'utf8')) as Manifest) : null;
}

const CHROME = {
  permissions: ['storage', 'alarms', 'sidePanel', 'offscreen'],
  optional_permissions: ['notifications'],
  optional_host_permissions: ['https://*/*', 'http://*/*'],
};
const FIREFOX = {
  permissions: ['storage', 'alarms'],
  // MV2 has no optional_host_permissions: origins are optional permissions.
  optional_permissions: ['notifications', 'https://*/*', 'http://*/*'],
};
/** Never asked for, not even optionally: Fineprint works without reading the user's browsing. */
const NEVER = [
  'tabs',
  'history',
  'webRequest',
  'webRequestBlocking',
  'webNavigation',
  'cookies',
  'scripting',
  'activeTab',
  'bookmarks',
  'downloads',
  'management',
  'clipboardRead',
  'geolocation',
  'identity',
  'debugger',
  '<all_urls>',
  '*://*/*',
];

function allPermissions(manifest: Manifest): string[] {
  return ['permissions', 'optional_permissions', 'host_permissions', 'optional_host_permissions']
    .flatMap((key) => (manifest[key] as string[] | undefined) ?? [])
    .sort();
}

describe('declared manifest (wxt.config.ts)', () => {
  it('asks Chrome for exactly the permissions in use', async () => {
    const manifest = await declaredManifest('chrome');
    expect(manifest.permissions).toEqual(CHROME.permissions);
    expect(manifest.optional_permissions).toEqual(CHROME.optional_permissions);
    expect(manifest.optional_host_permissions).toEqual(CHROME.optional_host_permissions);
    expect(manifest.host_permissions).toBeUndefined();
  });

  it('asks Firefox for exactly the permissions in use', async () => {
    const manifest = await declaredManifest('firefox');
    expect(manifest.permissions).toEqual(FIREFOX.permissions);
    expect(manifest.optional_permissions).toEqual(FIREFOX.optional_permissions);
    expect(manifest.optional_host_permissions).toBeUndefined();
    expect(manifest.host_permissions).toBeUndefined();
  });

  it('never asks for browsing-wide access', async () => {
    for (const browser of ['chrome', 'firefox'] as const) {
      const granted = allPermissions(await declaredManifest(browser));
      for (const permission of NEVER) expect(granted).not.toContain(permission);
    }
  });

  it('grants the fixture host only in the e2e build', async () => {
    expect((await declaredManifest('chrome', 'e2e')).host_permissions).toEqual([
      'http://127.0.0.1/*',
    ]);
    expect((await declaredManifest('chrome', 'production')).host_permissions).toBeUndefined();
  });

  it('exposes only the detector, the analyzer and the terms models to web pages, behind a per-session URL in Chrome', async () => {
    expect((await declaredManifest('chrome')).web_accessible_resources).toEqual([
      {
        resources: ['detector.js', 'analyzer.js', 'terms-models.js'],
        matches: ['<all_urls>'],
        use_dynamic_url: true,
      },
    ]);
    expect((await declaredManifest('firefox')).web_accessible_resources).toEqual([
      'detector.js',
      'analyzer.js',
      'terms-models.js',
    ]);
  });

  it('gives extension pages a strict CSP in every build but `wxt` dev mode', async () => {
    const directives = new Map(
      EXTENSION_PAGES_CSP.split(';').map((part) => {
        const [name = '', ...values] = part.trim().split(/\s+/);
        return [name, values] as const;
      }),
    );
    expect(directives.get('script-src')).toEqual(["'self'"]);
    expect(directives.get('object-src')).toEqual(["'none'"]);
    expect(directives.get('base-uri')).toEqual(["'none'"]);
    expect(directives.get('frame-ancestors')).toEqual(["'none'"]);
    expect(directives.get('default-src')).toEqual(["'self'"]);
    for (const remote of ['img-src', 'font-src', 'style-src']) {
      expect(directives.get(remote)).toEqual(["'self'"]);
    }
    expect(EXTENSION_PAGES_CSP).not.toMatch(/unsafe-(inline|eval)|\*/);
    for (const mode of ['production', 'e2e']) {
      for (const browser of ['chrome', 'firefox'] as const) {
        expect((await declaredManifest(browser, mode)).content_security_policy).toEqual({
          extension_pages: EXTENSION_PAGES_CSP,
        });
      }
    }
    expect(
      (await declaredManifest('chrome', 'development')).content_security_policy,
    ).toBeUndefined();
  });

  it('declares to Firefox that no data is collected', async () => {
    const gecko = (
      (await declaredManifest('firefox')).browser_specific_settings as {
        gecko: { data_collection_permissions: unknown };
      }
    ).gecko;
    expect(gecko.data_collection_permissions).toEqual({ required: ['none'] });
  });
});

// The built manifests also carry what WXT adds (entrypoints, MV2 conversions); checked when a
// build is present, as it is in `npm test` after the builds.
describe.each([
  ['chrome-mv3', CHROME],
  ['firefox-mv2', FIREFOX],
])('built manifest .output/%s', (dir, expected) => {
  const manifest = builtManifest(dir);
  it.skipIf(manifest === null)('has exactly the declared permissions and the CSP', () => {
    if (manifest === null) return;
    expect(allPermissions(manifest)).toEqual(Object.values(expected).flat().sort());
    const csp = manifest.content_security_policy;
    expect(
      typeof csp === 'string' ? csp : (csp as { extension_pages: string }).extension_pages,
    ).toBe(EXTENSION_PAGES_CSP);
    expect(manifest.content_scripts).toEqual([
      { matches: ['<all_urls>'], run_at: 'document_idle', js: ['sentinel.js'] },
    ]);
  });
});
