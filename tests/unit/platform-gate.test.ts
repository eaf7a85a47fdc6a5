import { describe, expect, it } from 'vitest';
import { createPlatformGate } from '../../lib/content/platform-gate';

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
