import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { PLATFORM_DOMAINS } from '../../lib/content/platform-domains';
import { createPlatformGate } from '../../lib/content/platform-gate';
import {
  PLATFORM_DOMAINS_FILE,
  platformDomains,
  platformDomainsSource,
} from '../../scripts/detect/write-platform-domains';

describe('createPlatformGate', () => {
  const isPlatformPage = createPlatformGate(['deepseek.com', 'www.x.com', 'gemini.google.com']);

  it('matches a listed domain and its subdomains', () => {
    expect(isPlatformPage('https://deepseek.com/')).toBe(true);
    expect(isPlatformPage('https://chat.deepseek.com/sign_up')).toBe(true);
    expect(isPlatformPage('http://chat.deepseek.com:8080/a?b=c#d')).toBe(true);
    expect(isPlatformPage('https://CHAT.DeepSeek.com./')).toBe(true);
  });

  it('reads a www. entry as the domain itself', () => {
    expect(isPlatformPage('https://x.com/home')).toBe(true);
    expect(isPlatformPage('https://www.x.com/home')).toBe(true);
  });

  it('keeps a listed host narrow: its parent domain is not a platform', () => {
    expect(isPlatformPage('https://gemini.google.com/app')).toBe(true);
    expect(isPlatformPage('https://www.google.com/search?q=gemini')).toBe(false);
  });

  it('does not match look-alike hosts, other schemes without a host, or garbage', () => {
    expect(isPlatformPage('https://notdeepseek.com/')).toBe(false);
    expect(isPlatformPage('https://deepseek.com.example.net/')).toBe(false);
    expect(isPlatformPage('https://example.com/deepseek.com')).toBe(false);
    expect(isPlatformPage('about:blank')).toBe(false);
    expect(isPlatformPage('not a url')).toBe(false);
  });

  it('matches nothing without domains', () => {
    expect(createPlatformGate([])('https://deepseek.com/')).toBe(false);
  });
});

describe('PLATFORM_DOMAINS', () => {
  it('is up to date with data/platforms (npx tsx scripts/detect/write-platform-domains.ts)', () => {
    expect(PLATFORM_DOMAINS).toEqual(platformDomains());
    expect(readFileSync(PLATFORM_DOMAINS_FILE, 'utf8')).toBe(
      platformDomainsSource(platformDomains()),
    );
  });

  it('lets the gate recognise every curated platform host', () => {
    const isPlatformPage = createPlatformGate(PLATFORM_DOMAINS);
    for (const domain of platformDomains()) {
      expect(isPlatformPage(`https://${domain}/signup`)).toBe(true);
    }
  });
});
