import { parse } from 'tldts';
import { decodeSafely } from '../analysis/normalise';
import type { PlatformRef } from '../analysis/types';
import type { FeedIndexEntry } from './schema';

export type FeedDocumentRef = FeedIndexEntry['documents'][number];

/** A document of the feed that a URL is, with the platform it belongs to. */
export interface DocumentMatch {
  platform: FeedIndexEntry;
  document: FeedDocumentRef;
}

export interface PlatformIndex {
  /** The platform whose pages the URL is on, or null (unknown site, IP address, invalid URL). */
  identify(url: string): PlatformRef | null;
  /** As `identify`, with the whole index entry. */
  identifyEntry(url: string): FeedIndexEntry | null;
  /**
   * The feed document the URL is, if any. A document may live on another platform's domain
   * (Threads' terms on help.instagram.com), so documents are looked up by address first.
   */
  findDocument(url: string): DocumentMatch | null;
}

interface HostRule {
  entry: FeedIndexEntry;
  /** Host name as written in the feed, e.g. `openai.com` (subdomains match too). */
  domain: string;
  /** Lower-cased; empty when the whole domain belongs to the platform. */
  pathPrefixes: string[];
}

// Sites on a shared-hosting suffix (`someone.github.io`, `x.blogspot.com`) belong to their
// owners, not to the hosting company, so the private part of the public suffix list is used.
const PARSE_OPTIONS = { allowPrivateDomains: true } as const;

interface ParsedPage {
  hostname: string;
  /** Registrable domain (eTLD+1), the lookup key. */
  registrable: string;
  path: string;
}

/** The URL when it is an http(s) address, else null. */
function parseWebUrl(url: string): URL | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  return parsed.protocol === 'https:' || parsed.protocol === 'http:' ? parsed : null;
}

function parsePage(url: string): ParsedPage | null {
  const parsed = parseWebUrl(url);
  if (!parsed) return null;
  const info = parse(parsed.hostname, PARSE_OPTIONS);
  if (info.isIp || !info.hostname || !info.domain) return null;
  return {
    hostname: info.hostname.replace(/\.$/, '').toLowerCase(),
    registrable: info.domain.toLowerCase(),
    path: decodeSafely(parsed.pathname).toLowerCase(),
  };
}

function registrableOf(domain: string): string {
  return (parse(domain, PARSE_OPTIONS).domain ?? domain).toLowerCase();
}

function hostMatches(hostname: string, domain: string): boolean {
  return hostname === domain || hostname.endsWith(`.${domain}`);
}

/** Segment-aware: `/features/copilot` covers `/features/copilot/x`, not `/features/copilotx`. */
function prefixMatches(path: string, prefix: string): boolean {
  if (prefix === '/' || prefix === '') return true;
  const bare = prefix.endsWith('/') ? prefix.slice(0, -1) : prefix;
  return path === bare || path.startsWith(`${bare}/`);
}

let languageNames: Intl.DisplayNames | null | undefined;

function isLanguageCode(code: string): boolean {
  if (languageNames === undefined) {
    try {
      languageNames = new Intl.DisplayNames(['en'], { type: 'language', fallback: 'none' });
    } catch {
      languageNames = null;
    }
  }
  if (!languageNames) return /^[a-z]{2}$/.test(code);
  try {
    return languageNames.of(code) !== undefined;
  } catch {
    return false;
  }
}

// `en`, `en-us`, `en_GB`, `zh-hans`, `es-419`, `en-ww` (Apple's "worldwide"). A bare two-letter
// segment counts only when it is a language code, so `/ai/` or `/us/` stay part of the path.
const LOCALE_SEGMENT = /^([a-z]{2,3})(?:[-_]([a-z]{2}|[a-z]{4}|\d{3}))?$/;

function isLocaleSegment(segment: string): boolean {
  const match = LOCALE_SEGMENT.exec(segment.toLowerCase());
  if (!match) return false;
  if (match[2] !== undefined) return isLanguageCode(match[1]!);
  return match[1]!.length === 2 && isLanguageCode(match[1]!);
}

/** The path without locale segments and without a trailing slash, lower-cased. */
export function pathWithoutLocale(path: string): string {
  const kept = path
    .split('/')
    .filter((segment) => segment !== '' && !isLocaleSegment(segment))
    .join('/');
  return `/${kept}`.toLowerCase();
}

/**
 * The address of a document for comparison: host without `www.`, path without locale segments
 * and trailing slash; query and hash dropped (mostly tracking, language and anchors; the few
 * parameters that do name a document are checked separately, see `significantParams`).
 * Null for an address that is not an http(s) URL.
 */
export function documentKey(url: string): string | null {
  const parsed = parseWebUrl(url);
  if (!parsed) return null;
  const host = parsed.hostname
    .replace(/\.$/, '')
    .replace(/^www\./, '')
    .toLowerCase();
  return `${host}${pathWithoutLocale(decodeSafely(parsed.pathname))}`;
}

// Query parameters that never tell one document from another (tracking, encoding, language).
const INSIGNIFICANT_PARAM =
  /^(?:utm_\w+|ref|ref_|ie|hl|gl|lang|language|locale|fbclid|gclid|mc_\w+|_ga|source|src)$/i;

/**
 * The query parameters of a document address that name the document: pages that differ only by
 * them share a `documentKey` (Amazon's help pages are all `display.html?nodeId=…`).
 */
export function significantParams(url: string): [string, string][] {
  try {
    return [...new URL(url).searchParams].filter(([name]) => !INSIGNIFICANT_PARAM.test(name));
  } catch {
    return [];
  }
}

/** Whether the URL's query carries every significant parameter of a document address. */
function carriesParams(url: string, params: readonly [string, string][]): boolean {
  if (params.length === 0) return true;
  const query = new URL(url).searchParams;
  return params.every(([name, value]) => query.get(name) === value);
}

/** Which of a platform's documents the URL is (its `url` or one of its `alternateUrls`). */
export function findDocument(url: string, entry: FeedIndexEntry): FeedDocumentRef | null {
  const key = documentKey(url);
  if (key === null) return null;
  let best: { document: FeedDocumentRef; specificity: number } | null = null;
  for (const document of entry.documents) {
    for (const address of [document.url, ...document.alternateUrls]) {
      if (documentKey(address) !== key) continue;
      const params = significantParams(address);
      if (!carriesParams(url, params)) continue;
      if (!best || params.length > best.specificity)
        best = { document, specificity: params.length };
    }
  }
  return best?.document ?? null;
}

/** Precomputes lookups by registrable domain and by document address; runs on every page load. */
export function createPlatformIndex(platforms: readonly FeedIndexEntry[]): PlatformIndex {
  const rulesByDomain = new Map<string, HostRule[]>();
  const documentsByKey = new Map<string, (DocumentMatch & { params: [string, string][] })[]>();
  for (const entry of platforms) {
    for (const host of entry.hosts) {
      const domain = host.domain.toLowerCase().replace(/^www\./, '');
      const key = registrableOf(domain);
      const rules = rulesByDomain.get(key) ?? [];
      rules.push({
        entry,
        domain,
        pathPrefixes: host.pathPrefixes.map((prefix) => prefix.toLowerCase()),
      });
      rulesByDomain.set(key, rules);
    }
    for (const document of entry.documents) {
      for (const address of [document.url, ...document.alternateUrls]) {
        const key = documentKey(address);
        if (key === null) continue;
        const matches = documentsByKey.get(key) ?? [];
        matches.push({ platform: entry, document, params: significantParams(address) });
        documentsByKey.set(key, matches);
      }
    }
  }

  const identifyEntry = (url: string): FeedIndexEntry | null => {
    const page = parsePage(url);
    if (!page) return null;
    const rules = rulesByDomain.get(page.registrable);
    if (!rules) return null;
    const localeFree = pathWithoutLocale(page.path);
    // The most specific rule wins: the longest matching path prefix, then the longest host
    // (a rule for `copilot.microsoft.com` beats one for `microsoft.com`).
    let best: { entry: FeedIndexEntry; prefixLength: number; domainLength: number } | null = null;
    for (const rule of rules) {
      if (!hostMatches(page.hostname, rule.domain)) continue;
      let prefixLength = -1;
      if (rule.pathPrefixes.length === 0) prefixLength = 0;
      for (const prefix of rule.pathPrefixes) {
        if (prefixMatches(page.path, prefix) || prefixMatches(localeFree, prefix)) {
          prefixLength = Math.max(prefixLength, prefix.length);
        }
      }
      if (prefixLength < 0) continue;
      if (
        !best ||
        prefixLength > best.prefixLength ||
        (prefixLength === best.prefixLength && rule.domain.length > best.domainLength)
      ) {
        best = { entry: rule.entry, prefixLength, domainLength: rule.domain.length };
      }
    }
    return best?.entry ?? null;
  };

  return {
    identifyEntry,
    identify(url) {
      const entry = identifyEntry(url);
      return entry ? { id: entry.id, name: entry.name } : null;
    },
    findDocument(url) {
      const key = documentKey(url);
      if (key === null) return null;
      const matches = documentsByKey.get(key)?.filter((match) => carriesParams(url, match.params));
      if (!matches || matches.length === 0) return null;
      // The address naming the most parameters wins; among equals, the site's own platform.
      const ownerId = identifyEntry(url)?.id;
      let best = matches[0]!;
      for (const match of matches) {
        const moreSpecific = match.params.length > best.params.length;
        const sameButOwned =
          match.params.length === best.params.length &&
          match.platform.id === ownerId &&
          best.platform.id !== ownerId;
        if (moreSpecific || sameButOwned) best = match;
      }
      return { platform: best.platform, document: best.document };
    },
  };
}

/** One-off identification; build the index with `createPlatformIndex` when called repeatedly. */
export function identifyPlatform(
  url: string,
  platforms: readonly FeedIndexEntry[],
): PlatformRef | null {
  return createPlatformIndex(platforms).identify(url);
}
