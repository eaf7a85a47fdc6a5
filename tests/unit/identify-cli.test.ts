import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { FeedIndexEntry } from '../../lib/feed/schema';
import { createUrlIdentifier, loadFeedPlatforms } from '../../scripts/cli/identify';

function platform(
  id: string,
  domain: string,
  documents: { id: string; type: FeedIndexEntry['documents'][number]['type']; url: string }[],
): FeedIndexEntry {
  return {
    id,
    name: id.toUpperCase(),
    kind: 'platform',
    hosts: [{ domain, pathPrefixes: [] }],
    documents: documents.map((document) => ({
      ...document,
      title: document.id,
      alternateUrls: [],
    })),
    shard: `shards/${id}.json`,
    sha256: '0'.repeat(64),
    updatedAt: '2025-01-01T00:00:00Z',
  } as FeedIndexEntry;
}

const shop = platform('shop', 'shop.example', [
  {
    id: 'terms',
    type: 'terms-of-service',
    url: 'https://www.shop.example/help/display.html?nodeId=111',
  },
  {
    id: 'privacy',
    type: 'privacy-policy',
    url: 'https://www.shop.example/help/display.html?ie=UTF8&nodeId=222',
  },
]);
const social = platform('social', 'social.example', [
  { id: 'terms', type: 'terms-of-service', url: 'https://help.social.example/581066165581870' },
]);
const sibling = platform('sibling', 'sibling.example', [
  { id: 'terms', type: 'terms-of-service', url: 'https://help.social.example/999' },
]);

describe('createUrlIdentifier', () => {
  const identify = createUrlIdentifier([shop, social, sibling]);

  it('knows a feed document by its address, whatever its words', () => {
    expect(identify('https://help.social.example/581066165581870?hl=fr')).toEqual({
      isPolicy: true,
      documentType: 'terms-of-service',
      platform: { id: 'social', name: 'SOCIAL' },
    });
  });

  it('tells documents apart by the query parameters that name them', () => {
    expect(identify('https://www.shop.example/help/display.html?nodeId=222').documentType).toBe(
      'privacy-policy',
    );
    expect(identify('https://shop.example/help/display.html?nodeId=111&ref=nav').documentType).toBe(
      'terms-of-service',
    );
  });

  it('does not take another page at the same path for a feed document', () => {
    expect(identify('https://www.shop.example/help/display.html?nodeId=333')).toEqual({
      isPolicy: false,
      documentType: null,
      platform: { id: 'shop', name: 'SHOP' },
    });
  });

  it("names the document's own platform when it lives on another's site", () => {
    expect(identify('https://help.social.example/999').platform).toEqual({
      id: 'sibling',
      name: 'SIBLING',
    });
  });

  it('falls back on the words of the URL for other sites', () => {
    expect(identify('https://unknown.example/legal/privacy-policy')).toEqual({
      isPolicy: true,
      documentType: 'privacy-policy',
      platform: null,
    });
    expect(identify('https://unknown.example/blog/privacy-tips').isPolicy).toBe(false);
  });
});

describe('identify command', () => {
  it('reads JSON lines and writes one verdict per line, using the bundled feed', () => {
    const platforms = loadFeedPlatforms();
    const known = platforms.flatMap((entry) => entry.documents)[0];
    const lines = [
      { url: 'https://example.org/terms-of-service' },
      { url: 'https://example.org/pricing' },
      ...(known ? [{ url: known.url }] : []),
    ];
    const result = spawnSync('npx', ['tsx', join('scripts', 'cli.ts'), 'identify'], {
      cwd: join(import.meta.dirname, '..', '..'),
      input: lines.map((line) => JSON.stringify(line)).join('\n'),
      encoding: 'utf8',
    });
    expect(result.status).toBe(0);
    const output = result.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(output).toHaveLength(lines.length);
    expect(output[0]).toMatchObject({ isPolicy: true, documentType: 'terms-of-service' });
    expect(output[1]).toMatchObject({ isPolicy: false, documentType: null });
    if (known) expect(output[2]).toMatchObject({ isPolicy: true, documentType: known.type });
  }, 30_000);

  it('exits 1 on a line without a URL', () => {
    const result = spawnSync('npx', ['tsx', join('scripts', 'cli.ts'), 'identify'], {
      cwd: join(import.meta.dirname, '..', '..'),
      input: '{"link": "x"}\n',
      encoding: 'utf8',
    });
    expect(result.status).toBe(1);
  }, 30_000);
});

describe('cli analyze', () => {
  it('takes a page at a feed document address for that document, as identify does', () => {
    const directory = mkdtempSync(join(tmpdir(), 'fineprint-analyze-'));
    const page = join(directory, 'page.html');
    // A docs-style page whose address and wording alone would not say "policy".
    writeFileSync(
      page,
      '<html><head><title>Data commitments</title></head><body><h1>Data commitments</h1>' +
        '<p>We keep what you send for as long as your project exists.</p></body></html>',
    );
    const run = (url: string) => {
      const result = spawnSync(
        'npx',
        ['tsx', join('scripts', 'cli.ts'), 'analyze', page, '--url', url],
        {
          cwd: join(import.meta.dirname, '..', '..'),
          encoding: 'utf8',
        },
      );
      expect(result.status).toBe(0);
      return JSON.parse(result.stdout);
    };
    expect(run('https://llama.developer.meta.com/docs/trust/data-commitments')).toMatchObject({
      isPolicy: true,
      documentType: 'privacy-policy',
      platform: { id: 'llama-api' },
    });
    expect(run('https://llama.developer.meta.com/docs/features')).toMatchObject({
      isPolicy: false,
      platform: { id: 'llama-api' },
    });
  }, 60_000);
});
