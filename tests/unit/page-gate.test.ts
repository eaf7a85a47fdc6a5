import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import {
  ADDRESS_WORD_PATTERNS,
  detectFromUrl,
  detectPolicyPage,
  TYPE_PATTERNS,
} from '../../lib/analysis/detect';
import { mayBePolicyAddress, mayBePolicyPage } from '../../lib/analysis/page-gate';
import { SLUG_VOCABULARY } from '../../lib/analysis/slug-vocabulary';
import { patternOpenings } from '../../scripts/detect/write-type-openings';
import { seededRandom } from '../../scripts/training/linear';

// The first pass may let through pages that are no policy (the detector then decides), but must
// never turn away one the detector would call a policy, or an address it would leave open (the
// body test decides those).

const URL_DIR = join(import.meta.dirname, '../../data/urls');

function labelledAddresses(): string[] {
  const urls: string[] = [];
  for (const file of readdirSync(URL_DIR)) {
    for (const line of readFileSync(join(URL_DIR, file), 'utf8').split('\n')) {
      const url = line.startsWith('{') ? (JSON.parse(line) as { url: string }).url : line.trim();
      if (url && !url.startsWith('#')) urls.push(url);
    }
  }
  return urls;
}

/** Whether the URL judge calls the address a policy or leaves it open. */
function judgeMayAccept(url: string): boolean {
  const detection = detectFromUrl(url, '');
  return detection.isPolicy || detection.decidedBy === 'none';
}

/** Every word the detector's patterns are written with, and words of the labelled addresses. */
function vocabulary(addresses: readonly string[]): string[] {
  const words = new Set<string>();
  const sources = [...TYPE_PATTERNS.map(({ pattern }) => pattern), ...ADDRESS_WORD_PATTERNS].map(
    (pattern) => pattern.source,
  );
  for (const source of sources) {
    for (const word of source.match(/[a-z\u00c0-\u024f\u3040-\u9fff\uac00-\ud7af]{2,}/g) ?? []) {
      words.add(word);
    }
  }
  for (const opening of patternOpenings()) words.add(opening.trim());
  for (const [, phrases] of SLUG_VOCABULARY) {
    for (const phrase of phrases) for (const word of phrase.split(' ')) words.add(word);
  }
  for (const url of addresses.slice(0, 2000)) {
    for (const word of url.toLowerCase().split(/[^a-z]+/)) if (word.length >= 2) words.add(word);
  }
  for (const word of ['kitchen', 'news', 'blog', 'help', 'article', 'about', 'shop', 'wiki']) {
    words.add(word);
  }
  return [...words];
}

function generatedAddresses(count: number, words: readonly string[], seed: number): string[] {
  const random = seededRandom(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const join = (parts: string[]): string => {
    const style = pick(['-', '_', '', '.', '%20', '+', 'camel', ' ']);
    if (style === 'camel') {
      return parts.map((part) => part.charAt(0).toUpperCase() + part.slice(1)).join('');
    }
    return parts.join(style);
  };
  const phrase = (most: number) =>
    join(Array.from({ length: 1 + Math.floor(random() * most) }, () => pick(words)));
  const accent = (text: string) => (random() < 0.1 ? text.replace(/e/, 'é') : text);
  const addresses: string[] = [];
  for (let index = 0; index < count; index += 1) {
    const labels = Array.from({ length: Math.floor(random() * 3) }, () =>
      join(Array.from({ length: 1 + Math.floor(random() * 2) }, () => pick(words))).replace(
        /[^a-z0-9-]/gi,
        '',
      ),
    ).filter((label) => label.length > 0);
    const host = [...labels, pick(['example', 'acme', 'shop-site']), pick(['com', 'de', 'co.uk'])]
      .join('.')
      .toLowerCase();
    const segments = Array.from({ length: Math.floor(random() * 5) }, () => accent(phrase(4)));
    if (random() < 0.2) segments.push(pick(['index.html', 'privacy.pdf', 'a_node.html', '123']));
    let query = '';
    if (random() < 0.15) query = `?${pick(['page', 'name', 'doc', 'q', 'id'])}=${phrase(3)}`;
    else if (random() < 0.05) query = `?${phrase(2)}`;
    addresses.push(`https://${host}/${segments.map(encodeURI).join('/')}${query}`);
  }
  return addresses;
}

function pageWith(head: string, body: string): Document {
  return parseHTML(`<!doctype html><html><head>${head}</head><body>${body}</body></html>`).document;
}

describe('mayBePolicyAddress', () => {
  const addresses = labelledAddresses();

  it('lets through every labelled address the URL judge calls a policy or leaves open', () => {
    const turnedAway = addresses.filter((url) => !mayBePolicyAddress(url));
    expect(turnedAway.filter(judgeMayAccept)).toEqual([]);
    // The labelled non-policies are chosen to be hard (policy words in other senses), so only some
    // are turned away; the check above must still have cases to hold on.
    expect(turnedAway.length).toBeGreaterThan(200);
  });

  it('holds on generated addresses made of the detector words, glued, camel-cased and encoded', () => {
    const generated = generatedAddresses(30_000, vocabulary(addresses), 20261123);
    const turnedAway = generated.filter((url) => !mayBePolicyAddress(url));
    expect(turnedAway.filter(judgeMayAccept)).toEqual([]);
    expect(turnedAway.length).toBeGreaterThan(2000);
    expect(generated.filter(judgeMayAccept).length).toBeGreaterThan(2000);
  });

  it('turns away ordinary addresses and keeps legal hosts, glued and camel-cased names', () => {
    expect(mayBePolicyAddress('https://news.example/2026/03/12/council-approves-bike-lanes')).toBe(
      false,
    );
    expect(mayBePolicyAddress('https://shop.example/kitchen/coffee-grinders')).toBe(false);
    expect(mayBePolicyAddress('not a url')).toBe(false);
    expect(mayBePolicyAddress('https://trust.example.com/security')).toBe(true);
    // Host names are read from the start of a label or of its hyphenated part ("gdpr" anywhere).
    expect(mayBePolicyAddress('https://privacy-center.example.com/')).toBe(true);
    expect(mayBePolicyAddress('https://mygdpr.example.com/')).toBe(true);
    expect(mayBePolicyAddress('https://www.20minutos.es/')).toBe(false);
    expect(mayBePolicyAddress('https://www.bank.com.sa/')).toBe(false);
    // Inside a long run of letters only where the judge would split it: policy words glued.
    expect(mayBePolicyAddress('https://example.com/privacyandcookiepolicy')).toBe(true);
    expect(mayBePolicyAddress('https://example.com/photosynthesis')).toBe(false);
    expect(mayBePolicyAddress('https://data.protection.example.com/')).toBe(true);
    expect(mayBePolicyAddress('https://example.com/TermsOfUse')).toBe(true);
    expect(mayBePolicyAddress('https://example.com/useragreement')).toBe(true);
    expect(mayBePolicyAddress('https://example.com/DE/Impressum/impressum_node.html')).toBe(true);
    expect(mayBePolicyAddress('https://example.com/index.php?page=datenschutz')).toBe(true);
    expect(mayBePolicyAddress('https://example.com/%E9%9A%90%E7%A7%81')).toBe(true);
    // Fragments: a one-page site's anchor and a hash router's path.
    expect(mayBePolicyAddress('https://app.example/#privacy')).toBe(true);
    expect(mayBePolicyAddress('https://app.example/#/legal/terms-of-service')).toBe(true);
    expect(mayBePolicyAddress('https://app.example/#/kitchen/coffee')).toBe(false);
  });
});

describe('mayBePolicyPage', () => {
  it('lets through a page named a policy by its title, headings or <link rel> alone', () => {
    const url = 'https://shop.example/page/48213';
    const pages = [
      pageWith('<title>Datenschutzerklärung</title>', '<p>Text</p>'),
      pageWith('<meta property="og:title" content="Privacy Notice">', ''),
      pageWith('<title>Acme</title>', '<h1>Nutzungsbedingungen</h1>'),
      pageWith('', '<h2>Cookie Policy</h2>'),
      pageWith(`<link rel="privacy-policy" href="${url}">`, ''),
    ];
    for (const page of pages) {
      expect(detectPolicyPage(page, url).isPolicy).toBe(true);
      expect(mayBePolicyPage(page, url)).toBe(true);
    }
  });

  it('turns away a page with no policy words in its address, title, headings or links', () => {
    const page = pageWith(
      '<title>Help: my sourdough won’t rise | Bakers Forum</title><link rel="stylesheet" href="/a.css">',
      '<h1>Help: my sourdough won’t rise</h1><p>My starter doubles in six hours.</p><a href="/privacy">Privacy</a>',
    );
    expect(mayBePolicyPage(page, 'https://bakers.example/forum/t/sourdough-wont-rise/48213')).toBe(
      false,
    );
  });

  it('holds for generated titles and headings on an ordinary address', () => {
    const random = seededRandom(7);
    const words = vocabulary([]);
    const url = 'https://shop.example/page/48213';
    let turnedAway = 0;
    for (let index = 0; index < 3000; index += 1) {
      const text = Array.from(
        { length: 1 + Math.floor(random() * 4) },
        () => words[Math.floor(random() * words.length)]!,
      ).join(random() < 0.5 ? ' ' : ' - ');
      const page =
        random() < 0.5
          ? pageWith(`<title>${text}</title>`, '')
          : pageWith('<title>Acme</title>', `<h1>${text}</h1>`);
      if (mayBePolicyPage(page, url)) continue;
      turnedAway += 1;
      expect(detectPolicyPage(page, url).isPolicy, text).toBe(false);
    }
    expect(turnedAway).toBeGreaterThan(300);
  });
});
