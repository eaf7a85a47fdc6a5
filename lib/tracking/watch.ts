import { analyzeText } from '../analysis/analyze';
import type { ClauseClassifier } from '../analysis/classifier';
import type { ExtractedText } from '../analysis/extract';
import type { ChangeEvent, FineprintDb, Watch } from '../db/schema';
import { clauseHash } from '../diff/normalize';
import { docKeyFor, recordReading } from './reading-memory';
import { isQuotaError } from './storage-guard';

export interface WatchCheckEnv {
  db: FineprintDb;
  /** Fetches a watched policy: the only request that names a page, and only one the user chose. */
  fetch: (url: string) => Promise<Response>;
  /** HTML → main text, as the content script extracts it; a Chrome service worker has no
   * DOMParser, so the caller brings the means (an offscreen document there). */
  extract: (html: string, url: string) => Promise<ExtractedText>;
  /** The clause classifier for a policy's language (see AnalyzeOptions.classifierFor). */
  classifierFor: (language: string) => ClauseClassifier['classifyClauses'];
  now: () => number;
}

/** Below this much extracted text a fetched policy is taken to be a JavaScript app shell. */
export const MIN_POLICY_TEXT = 400;

export const NEEDS_VISIT_STATUS =
  'This page shows its text only after JavaScript runs: it is updated on your next visit instead.';

export interface WatchCheckResult {
  docKey: string;
  status: string;
  change: ChangeEvent | null;
}

/** Re-fetches one watched policy, extracts it as the content script would, and diffs it. */
export async function checkWatch(env: WatchCheckEnv, watch: Watch): Promise<WatchCheckResult> {
  let status: string;
  let change: ChangeEvent | null = null;
  try {
    const response = await env.fetch(watch.url);
    if (!response.ok) throw new Error(`the server answered HTTP ${response.status}`);
    const html = await response.text();
    const extracted = await env.extract(html, watch.url);
    if (extracted.text.trim().length < MIN_POLICY_TEXT) {
      status = NEEDS_VISIT_STATUS;
    } else {
      const analysis = analyzeText(extracted, {
        url: watch.url,
        classifierFor: env.classifierFor,
      });
      const outcome = await recordReading(
        env.db,
        {
          url: watch.url,
          title: extracted.title ?? watch.title,
          platformId: watch.platformId,
          documentType: analysis.documentType,
          textHash: clauseHash(extracted.text),
          clauses: analysis.clauses.map((clause) => ({
            text: clause.text,
            hash: clauseHash(clause.text),
            categories: clause.categories,
            severity: clause.severity,
          })),
          via: 'watch',
        },
        env.now(),
        env.classifierFor(analysis.language),
      );
      change = outcome.change;
      status = change ? `Changed: ${change.summary}` : 'No change';
      if (outcome.notice) status = `${status}. ${outcome.notice}`;
    }
  } catch (error) {
    status = `Check failed: ${error instanceof Error ? error.message : String(error)}`;
  }
  try {
    await env.db.watches.update(watch.docKey, {
      lastCheckedAt: env.now(),
      lastCheckStatus: status,
    });
  } catch (error) {
    // When storage is full the status line is lost, not the check: the caller still gets it.
    if (!isQuotaError(error)) throw error;
  }
  return { docKey: watch.docKey, status, change };
}

export async function checkAllWatches(env: WatchCheckEnv): Promise<WatchCheckResult[]> {
  const watches = await env.db.watches.toArray();
  const results: WatchCheckResult[] = [];
  // One at a time: a watch list is short, and a burst of requests helps no one.
  for (const watch of watches) results.push(await checkWatch(env, watch));
  return results;
}

export function newWatch(
  url: string,
  title: string,
  platformId: string | null,
  now: number,
): Watch {
  return {
    docKey: docKeyFor(url),
    url,
    title,
    platformId,
    addedAt: now,
    lastCheckedAt: null,
    lastCheckStatus: null,
  };
}
