import { z } from 'zod';
import { type ChangeOptions, computeDocumentChanges } from './changes';
import {
  FEED_FORMAT_VERSION,
  type FeedIndex,
  type FeedIndexEntry,
  feedIndexSchema,
  type PlatformShard,
  type PlatformSource,
  platformShardSchema,
  platformSourceSchema,
} from './schema';
import { sha256Hex } from './sync';
import { formatExcerptProblem, verifyExcerpts } from './verify';

/** A curated source file as read from disk. */
export interface SourceFile {
  /** Shown in errors, e.g. `data/platforms/chatgpt.json`; its stem must be the platform id. */
  file: string;
  content: string;
}

/**
 * What makes the feed version monotonic and the build deterministic (kept in data/feed.json):
 * the version goes up by one, and `publishedAt` is set, only when the content changes.
 */
export const feedStateSchema = z.object({
  version: z.number().int().positive(),
  publishedAt: z.string(),
  /** SHA-256 of everything in the index except `version` and `publishedAt`. */
  contentSha256: z.string().regex(/^[0-9a-f]{64}$/),
});
export type FeedState = z.infer<typeof feedStateSchema>;

export interface BuildFeedInput {
  sources: readonly SourceFile[];
  /** The archived markdown at a path relative to data/archive/, or null when it is missing. */
  readArchive: (file: string) => string | null;
  state: FeedState | null;
  changeOptions?: ChangeOptions;
  /** Used only when the content changed and a new version is stamped. */
  now?: () => Date;
}

export interface BuiltFeed {
  index: FeedIndex;
  /** Path under public/feed/ → exact bytes written (`index.json`, `shards/<id>.json`). */
  files: Map<string, string>;
  state: FeedState;
  stateChanged: boolean;
}

export class FeedBuildError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`The feed cannot be built:\n${problems.map((problem) => `  ${problem}`).join('\n')}`);
    this.name = 'FeedBuildError';
  }
}

/** Stable bytes for a JSON value: two-space indentation and a final newline. */
export function serializeJson(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}

function stemOf(file: string): string {
  const name = file.split(/[\\/]/).pop() ?? file;
  return name.replace(/\.json$/, '');
}

function issuePath(path: readonly PropertyKey[]): string {
  return path.reduce<string>((text, key) => {
    if (typeof key === 'number') return `${text}[${key}]`;
    return text === '' ? String(key) : `${text}.${String(key)}`;
  }, '');
}

function parseSource(source: SourceFile, problems: string[]): PlatformSource | null {
  let json: unknown;
  try {
    json = JSON.parse(source.content);
  } catch (error) {
    problems.push(`${source.file}: not valid JSON (${(error as Error).message})`);
    return null;
  }
  const parsed = platformSourceSchema.safeParse(json);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      problems.push(`${source.file}: ${issuePath(issue.path) || '(root)'}: ${issue.message}`);
    }
    return null;
  }
  const platform = parsed.data;
  if (platform.id !== stemOf(source.file)) {
    problems.push(`${source.file}: id "${platform.id}" must match the file name`);
  }
  const duplicates = (label: string, ids: readonly string[]) => {
    const seen = new Set<string>();
    for (const id of ids) {
      if (seen.has(id)) problems.push(`${source.file}: ${label} "${id}" appears twice`);
      seen.add(id);
    }
  };
  duplicates(
    'document id',
    platform.documents.map((document) => document.id),
  );
  duplicates(
    'provision id',
    platform.provisions.map((provision) => provision.id),
  );
  platform.documents.forEach((document, documentIndex) => {
    duplicates(
      `version date of "${document.id}"`,
      document.versions.map((version) => version.date),
    );
    document.versions.forEach((version, versionIndex) => {
      if (version.file.includes('..') || version.file.startsWith('/')) {
        problems.push(
          `${source.file}: documents[${documentIndex}].versions[${versionIndex}].file: must be a path inside data/archive/`,
        );
      }
    });
  });
  return platform;
}

function newestDate(platform: PlatformSource): string | null {
  let newest: string | null = null;
  for (const document of platform.documents) {
    for (const version of document.versions) {
      if (newest === null || Date.parse(version.date) > Date.parse(newest)) newest = version.date;
    }
  }
  return newest;
}

function mostCommonLanguage(languages: readonly string[]): string {
  const counts = new Map<string, number>();
  for (const language of languages) {
    if (language !== 'und') counts.set(language, (counts.get(language) ?? 0) + 1);
  }
  let best = 'en';
  let bestCount = 0;
  for (const [language, count] of [...counts].sort(([a], [b]) => a.localeCompare(b))) {
    if (count > bestCount) {
      best = language;
      bestCount = count;
    }
  }
  return best;
}

const MAX_CHANGES_PER_SHARD = 500;

function buildShard(
  platform: PlatformSource,
  readArchive: (file: string) => string,
  options: ChangeOptions,
): PlatformShard {
  const languages: string[] = [];
  const changes = [];
  for (const document of platform.documents) {
    const history = computeDocumentChanges(
      document.id,
      document.versions.map((version) => ({
        date: version.date,
        markdown: readArchive(version.file),
      })),
      options,
    );
    if (document.versions.length > 0) languages.push(history.language);
    changes.push(...history.changes);
  }
  changes.sort(
    (a, b) =>
      Date.parse(a.date) - Date.parse(b.date) ||
      (a.document < b.document ? -1 : a.document > b.document ? 1 : 0),
  );
  return platformShardSchema.parse({
    ...platform,
    language: mostCommonLanguage(languages),
    // The newest matter most to a reader; a history longer than the schema allows loses its oldest.
    changes: changes.slice(-MAX_CHANGES_PER_SHARD),
  });
}

/**
 * Validates the curated sources, checks that every excerpt is verbatim in the version it cites,
 * derives change records from the archived histories and produces the feed's files. Throws
 * `FeedBuildError` listing every problem found. The same input gives the same bytes.
 */
export async function buildFeed(input: BuildFeedInput): Promise<BuiltFeed> {
  const problems: string[] = [];
  const platforms: { source: SourceFile; platform: PlatformSource }[] = [];
  for (const source of input.sources) {
    const platform = parseSource(source, problems);
    if (platform) platforms.push({ source, platform });
  }
  const ids = new Set<string>();
  for (const { source, platform } of platforms) {
    if (ids.has(platform.id))
      problems.push(`${source.file}: platform id "${platform.id}" is used twice`);
    ids.add(platform.id);
  }

  const archiveCache = new Map<string, string | null>();
  const readArchive = (file: string) => {
    if (!archiveCache.has(file)) archiveCache.set(file, input.readArchive(file));
    return archiveCache.get(file)!;
  };
  for (const { source, platform } of platforms) {
    for (const document of platform.documents) {
      for (const version of document.versions) {
        if (readArchive(version.file) === null) {
          problems.push(
            `${source.file}: document "${document.id}" version ${version.date}: data/archive/${version.file} does not exist`,
          );
        }
      }
    }
    for (const problem of verifyExcerpts(platform, readArchive)) {
      if (problem.reason === 'archive-missing') continue;
      problems.push(formatExcerptProblem(problem, source.file));
    }
  }
  if (problems.length > 0) throw new FeedBuildError(problems);

  const files = new Map<string, string>();
  const entries: FeedIndexEntry[] = [];
  const sorted = [...platforms].sort((a, b) =>
    a.platform.id < b.platform.id ? -1 : a.platform.id > b.platform.id ? 1 : 0,
  );
  const languages = new Set<string>();
  for (const { platform } of sorted) {
    const shard = buildShard(platform, (file) => readArchive(file)!, input.changeOptions ?? {});
    languages.add(shard.language);
    const path = `shards/${platform.id}.json`;
    const bytes = serializeJson(shard);
    files.set(path, bytes);
    entries.push({
      id: platform.id,
      name: platform.name,
      kind: platform.kind,
      hosts: platform.hosts,
      documents: platform.documents.map(({ id, type, title, url, alternateUrls }) => ({
        id,
        type,
        title,
        url,
        alternateUrls,
      })),
      shard: path,
      sha256: await sha256Hex(bytes),
      updatedAt: newestDate(platform),
    });
  }

  const content = {
    formatVersion: FEED_FORMAT_VERSION,
    languages: languages.size > 0 ? [...languages].sort() : ['en'],
    platforms: entries,
  };
  const contentSha256 = await sha256Hex(serializeJson(content));
  const stateChanged = input.state?.contentSha256 !== contentSha256;
  const state: FeedState = stateChanged
    ? {
        version: (input.state?.version ?? 0) + 1,
        publishedAt: (input.now?.() ?? new Date()).toISOString().replace(/\.\d{3}Z$/, 'Z'),
        contentSha256,
      }
    : input.state!;
  const index = feedIndexSchema.parse({
    formatVersion: content.formatVersion,
    version: state.version,
    publishedAt: state.publishedAt,
    languages: content.languages,
    platforms: content.platforms,
  });
  files.set('index.json', serializeJson(index));
  return { index, files, state, stateChanged };
}
