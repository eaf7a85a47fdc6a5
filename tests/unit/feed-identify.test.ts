import { describe, expect, it } from 'vitest';
import {
  createPlatformIndex,
  documentKey,
  findDocument,
  identifyPlatform,
} from '../../lib/feed/identify';
import { type FeedIndexEntry, feedIndexEntrySchema } from '../../lib/feed/schema';

function entry(
  id: string,
  hosts: { domain: string; pathPrefixes?: string[] }[],
  documents: { id: string; url: string; alternateUrls?: string[] }[] = [],
): FeedIndexEntry {
  return feedIndexEntrySchema.parse({
    id,
    name: id.toUpperCase(),
    kind: 'platform',
    hosts,
    documents: documents.map((document) => ({
      type: 'terms-of-service',
      title: document.id,
      ...document,
    })),
    shard: `shards/${id}.json`,
    sha256: '0'.repeat(64),
    updatedAt: null,
  });
}

const platforms = [
  entry(
    'openai',
    [{ domain: 'openai.com' }, { domain: 'chatgpt.com' }],
    [
      {
        id: 'privacy-policy',
        url: 'https://openai.com/policies/eu-privacy-policy/',
        alternateUrls: ['https://openai.com/policies/privacy-policy'],
      },
    ],
  ),
  entry('icloud', [{ domain: 'icloud.com' }]),
  entry('github', [{ domain: 'github.com' }]),
  entry('copilot', [{ domain: 'github.com', pathPrefixes: ['/features/copilot'] }]),
  entry('copilot-chat', [{ domain: 'github.com', pathPrefixes: ['/features/copilot/chat'] }]),
  entry('bbc', [{ domain: 'bbc.co.uk' }]),
  entry('ms-copilot', [{ domain: 'microsoft.com', pathPrefixes: ['/microsoft-copilot'] }]),
  entry('blogger', [{ domain: 'blogger.com' }]),
  entry(
    'instagram',
    [{ domain: 'instagram.com' }],
    [{ id: 'terms-of-service', url: 'https://help.instagram.com/581066165581870' }],
  ),
  entry(
    'threads',
    [{ domain: 'threads.net' }, { domain: 'instagram.com', pathPrefixes: ['/769983657850450'] }],
    [{ id: 'terms-of-service', url: 'https://help.instagram.com/769983657850450' }],
  ),
  entry(
    'microsoft',
    [{ domain: 'xbox.com' }],
    [{ id: 'services-agreement', url: 'https://www.microsoft.com/en-us/servicesagreement' }],
  ),
];
const index = createPlatformIndex(platforms);
const idOf = (url: string) => index.identify(url)?.id ?? null;

describe('identify', () => {
  it('matches a domain and its subdomains, any scheme letter case and trailing dot', () => {
    expect(idOf('https://openai.com/')).toBe('openai');
    expect(idOf('https://help.openai.com/en/articles/1')).toBe('openai');
    expect(idOf('https://WWW.OpenAI.COM./policies')).toBe('openai');
    expect(idOf('http://chatgpt.com/c/123?x=1#y')).toBe('openai');
    expect(idOf('https://news.bbc.co.uk/x')).toBe('bbc');
    expect(index.identify('https://openai.com/')).toEqual({ id: 'openai', name: 'OPENAI' });
  });

  it('does not match look-alike domains', () => {
    expect(idOf('https://jolicloud.com/')).toBeNull();
    expect(idOf('https://notopenai.com/')).toBeNull();
    expect(idOf('https://openai.com.evil.io/policies')).toBeNull();
    expect(idOf('https://openai.co/')).toBeNull();
    expect(idOf('https://bbc.co.uk.example.net/')).toBeNull();
    expect(idOf('https://evil-github.com/features/copilot')).toBeNull();
  });

  it('gives a site on a shared-hosting suffix to its owner, not the host', () => {
    expect(idOf('https://someone.blogspot.com/')).toBeNull();
    expect(idOf('https://www.blogger.com/about')).toBe('blogger');
  });

  it('picks the longest matching path prefix on a shared domain', () => {
    expect(idOf('https://github.com/')).toBe('github');
    expect(idOf('https://github.com/features/copilot')).toBe('copilot');
    expect(idOf('https://github.com/features/copilot/plans')).toBe('copilot');
    expect(idOf('https://github.com/features/copilot/chat')).toBe('copilot-chat');
    expect(idOf('https://github.com/features/copilotx')).toBe('github');
    expect(idOf('https://docs.github.com/features/copilot')).toBe('copilot');
  });

  it('matches path prefixes behind a locale segment, and nothing outside them', () => {
    expect(idOf('https://www.microsoft.com/en-us/microsoft-copilot/for-individuals')).toBe(
      'ms-copilot',
    );
    expect(idOf('https://www.microsoft.com/microsoft-copilot')).toBe('ms-copilot');
    expect(idOf('https://www.microsoft.com/en-us/windows')).toBeNull();
  });

  it('returns null for IP addresses, invalid URLs and other schemes', () => {
    expect(idOf('https://192.168.0.1/openai.com')).toBeNull();
    expect(idOf('http://[2001:db8::1]/')).toBeNull();
    expect(idOf('not a url')).toBeNull();
    expect(idOf('')).toBeNull();
    expect(idOf('ftp://openai.com/policies')).toBeNull();
    expect(idOf('chrome-extension://abcdef/sidepanel.html')).toBeNull();
    expect(idOf('https://localhost/')).toBeNull();
  });

  it('agrees with the one-off identifyPlatform', () => {
    expect(identifyPlatform('https://github.com/features/copilot', platforms)?.id).toBe('copilot');
    expect(identifyPlatform('https://example.org/', platforms)).toBeNull();
  });
});

describe('documents', () => {
  const openai = platforms[0]!;

  it('finds a document by its URL or an alternate one, ignoring query, hash and trailing slash', () => {
    for (const url of [
      'https://openai.com/policies/eu-privacy-policy',
      'https://openai.com/policies/eu-privacy-policy/?utm_source=x#section-2',
      'https://www.openai.com/policies/privacy-policy/',
      'https://openai.com/fr-FR/policies/privacy-policy',
    ]) {
      expect(findDocument(url, openai)?.id, url).toBe('privacy-policy');
    }
    expect(findDocument('https://openai.com/policies/terms-of-use', openai)).toBeNull();
    expect(findDocument('https://help.openai.com/policies/privacy-policy', openai)).toBeNull();
    expect(findDocument('not a url', openai)).toBeNull();
  });

  it('tells documents apart by the query parameters that name them', () => {
    const shop = entry(
      'shop',
      [{ domain: 'shop.example' }],
      [
        { id: 'terms-of-service', url: 'https://www.shop.example/help/display.html?nodeId=508088' },
        {
          id: 'privacy-policy',
          url: 'https://www.shop.example/help/display.html?ie=UTF8&nodeId=468496',
        },
      ],
    );
    const index = createPlatformIndex([shop]);
    const terms = 'https://www.shop.example/help/display.html?nodeId=508088&ref_=footer';
    const privacy = 'https://shop.example/help/display.html?nodeId=468496';
    const other = 'https://www.shop.example/help/display.html?nodeId=12345';
    expect(findDocument(terms, shop)?.id).toBe('terms-of-service');
    expect(findDocument(privacy, shop)?.id).toBe('privacy-policy');
    expect(findDocument(other, shop)).toBeNull();
    expect(index.findDocument(privacy)?.document.id).toBe('privacy-policy');
    expect(index.findDocument(other)).toBeNull();
  });

  it('treats only real language codes as locale segments', () => {
    expect(documentKey('https://example.com/en-gb/terms')).toBe('example.com/terms');
    expect(documentKey('https://example.com/de/terms/')).toBe('example.com/terms');
    expect(documentKey('https://example.com/zh-hans/terms')).toBe('example.com/terms');
    expect(documentKey('https://example.com/ai/terms')).toBe('example.com/ai/terms');
    expect(documentKey('https://example.com/policies/terms')).toBe('example.com/policies/terms');
  });

  it('finds a document on another platform’s domain, preferring the platform that owns the path', () => {
    const threads = index.findDocument('https://help.instagram.com/769983657850450?locale=en_US');
    expect(threads?.platform.id).toBe('threads');
    expect(threads?.document.id).toBe('terms-of-service');
    expect(index.findDocument('https://help.instagram.com/581066165581870')?.platform.id).toBe(
      'instagram',
    );
    const agreement = index.findDocument('https://www.microsoft.com/de-de/servicesagreement/');
    expect(agreement?.platform.id).toBe('microsoft');
    expect(index.findDocument('https://openai.com/')).toBeNull();
  });
});
