import type { ClauseClassifier } from '../analysis/classifier';
import { extractFromMarkdown } from '../analysis/markdown';
import type { TextHeading } from '../analysis/segment';
import { type ClauseDiff, describeChanges, diffTexts } from '../diff/diff';
import { fnv1a64, normalizeForComparison } from '../diff/normalize';
import type { ChangeRecord } from './schema';

/**
 * Change records from a document's archived history.
 *
 * Decisions (each one keeps a user from being alerted to something that did not really change):
 * - Versions are compared by their cosmetic comparison key (`normalizeForComparison` of the whole
 *   text). A version equal to the one before it is a cosmetic edit and gets no record.
 * - A version equal to an earlier, not the previous, version is a flip-flop back: it is recorded
 *   with `substantive: false` ("back to the wording of …"), because the words did change for
 *   whoever read the page in between. When the round trip took under `flipFlopWindowDays`, the
 *   records of the short-lived texts in between are also set to `substantive: false`: a text
 *   served for a few days and withdrawn is a publishing accident, not a new policy.
 * - Glitch versions (an error or login page, a page briefly served in another language) are left
 *   out before diffing, so they produce neither a "everything removed" nor a "everything added"
 *   record: a version is an outlier when it has under `glitchWordRatio` of the document's median
 *   word count or is not in the document's main language. Outliers after the first normal version
 *   are glitches (a page that comes back, or has not come back yet); outliers at the start of the
 *   history are kept, since a document that started as a short page really did.
 */

export interface ArchivedText {
  /** ISO date of the version, as in `documents[].versions[].date`. */
  date: string;
  markdown: string;
}

/** What an extractor gives for a markdown version (see `lib/analysis/markdown.ts`). */
export interface ExtractedMarkdown {
  text: string;
  headings?: readonly TextHeading[];
}

export interface ChangeOptions {
  /** Markdown to text and headings; `extractFromMarkdown` unless told otherwise. */
  extract?: (markdown: string) => ExtractedMarkdown;
  classify?: ClauseClassifier['classifyClauses'];
  glitchWordRatio?: number;
  flipFlopWindowDays?: number;
}

export type VersionStatus = 'baseline' | 'changed' | 'cosmetic' | 'reverted' | 'glitch';

export interface VersionAssessment {
  date: string;
  words: number;
  language: string;
  /** Hash of the comparison key; equal for cosmetically equal versions. */
  hash: string;
  status: VersionStatus;
}

export interface DocumentHistory {
  changes: ChangeRecord[];
  versions: VersionAssessment[];
  /** The language most versions are in (`guessLanguage`), 'und' when none is recognised. */
  language: string;
}

export const DEFAULT_GLITCH_WORD_RATIO = 0.35;
export const DEFAULT_FLIP_FLOP_WINDOW_DAYS = 14;
const DAY_MS = 24 * 60 * 60 * 1000;

// The most frequent short function words of each language: unambiguous enough that a policy's
// language is the one whose words make up most of its text.
const STOPWORDS: Readonly<Record<string, readonly string[]>> = {
  en: ['the', 'and', 'of', 'to', 'you', 'your', 'we', 'with', 'that', 'for', 'this', 'our', 'or'],
  fr: ['le', 'la', 'les', 'des', 'et', 'vous', 'vos', 'nous', 'est', 'pour', 'dans', 'une', 'du'],
  de: ['der', 'die', 'das', 'und', 'sie', 'ihre', 'wir', 'mit', 'für', 'von', 'ist', 'nicht', 'zu'],
  es: ['el', 'los', 'las', 'y', 'usted', 'del', 'nosotros', 'para', 'con', 'por', 'que', 'su'],
  it: ['il', 'gli', 'di', 'che', 'per', 'non', 'sono', 'della', 'delle', 'tuoi', 'dei', 'nel'],
  pt: ['você', 'seus', 'suas', 'nós', 'para', 'não', 'também', 'uma', 'dos', 'ao', 'pelo', 'seu'],
  nl: ['het', 'een', 'en', 'van', 'je', 'jouw', 'wij', 'voor', 'met', 'niet', 'zijn', 'ons'],
  pl: ['się', 'nie', 'do', 'że', 'jest', 'lub', 'oraz', 'przez', 'na', 'dla', 'jak', 'ich'],
};
const STOPWORD_LANGUAGES = Object.keys(STOPWORDS);
const STOPWORD_SETS = new Map(STOPWORD_LANGUAGES.map((code) => [code, new Set(STOPWORDS[code])]));

function wordsOf(text: string): string[] {
  return text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
}

/** A rough language guess from function words (ISO 639-1), 'und' for too little evidence. */
export function guessLanguage(text: string): string {
  const counts = new Map<string, number>();
  let total = 0;
  for (const word of wordsOf(text)) {
    total += 1;
    for (const [code, set] of STOPWORD_SETS) {
      if (set.has(word)) counts.set(code, (counts.get(code) ?? 0) + 1);
    }
  }
  let best = 'und';
  let bestCount = 0;
  for (const code of STOPWORD_LANGUAGES) {
    const count = counts.get(code) ?? 0;
    if (count > bestCount) {
      best = code;
      bestCount = count;
    }
  }
  // Fewer than 8 function words, or under 5% of the text: a fragment, a table or another script.
  return bestCount >= 8 && bestCount >= total * 0.05 ? best : 'und';
}

function median(values: readonly number[]): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

function mostCommon(values: readonly string[]): string {
  const counts = new Map<string, number>();
  for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
  let best = 'und';
  let bestCount = 0;
  for (const [value, count] of counts) {
    if (count > bestCount || (count === bestCount && value < best)) {
      best = value;
      bestCount = count;
    }
  }
  return best;
}

function countChanges(diff: ClauseDiff) {
  const counts = { added: 0, removed: 0, modified: 0 };
  for (const change of diff.changes) counts[change.kind] += 1;
  return counts;
}

function categoriesOf(diff: ClauseDiff): ChangeRecord['categories'] {
  const seen = new Set<ChangeRecord['categories'][number]>();
  for (const change of diff.changes) for (const category of change.categories) seen.add(category);
  return [...seen];
}

function dayOf(date: string): string {
  return date.slice(0, 10);
}

/**
 * Walks a document's versions oldest to newest and returns its change records (oldest first)
 * with how each version was treated. See the decisions at the top of this file.
 */
export function computeDocumentChanges(
  documentId: string,
  versions: readonly ArchivedText[],
  options: ChangeOptions = {},
): DocumentHistory {
  const extract = options.extract ?? extractFromMarkdown;
  const glitchRatio = options.glitchWordRatio ?? DEFAULT_GLITCH_WORD_RATIO;
  const windowMs = (options.flipFlopWindowDays ?? DEFAULT_FLIP_FLOP_WINDOW_DAYS) * DAY_MS;

  const ordered = [...versions].sort((a, b) => Date.parse(a.date) - Date.parse(b.date));
  const prepared = ordered.map((version) => {
    const extracted = extract(version.markdown);
    const key = normalizeForComparison(extracted.text);
    return {
      date: version.date,
      extracted,
      words: wordsOf(extracted.text).length,
      language: guessLanguage(extracted.text),
      hash: fnv1a64(key),
    };
  });

  const typicalWords = median(prepared.map((version) => version.words));
  const mainLanguage = mostCommon(prepared.map((version) => version.language));
  const isOutlier = (version: (typeof prepared)[number]) =>
    version.words < typicalWords * glitchRatio ||
    (mainLanguage !== 'und' && version.language !== 'und' && version.language !== mainLanguage);

  const assessments: VersionAssessment[] = [];
  const changes: ChangeRecord[] = [];
  // For each record, the index into `kept` of the version it leads to.
  const recordTarget: number[] = [];
  const kept: (typeof prepared)[number][] = [];
  const lastSeenAt = new Map<string, number>();
  let normalSeen = false;

  for (const version of prepared) {
    const assessment: VersionAssessment = {
      date: version.date,
      words: version.words,
      language: version.language,
      hash: version.hash,
      status: 'baseline',
    };
    assessments.push(assessment);
    const previous = kept[kept.length - 1];
    const outlier = isOutlier(version);
    if (outlier && normalSeen) {
      assessment.status = 'glitch';
      continue;
    }
    if (!outlier) normalSeen = true;
    if (!previous) {
      kept.push(version);
      lastSeenAt.set(version.hash, 0);
      continue;
    }
    if (version.hash === previous.hash) {
      assessment.status = 'cosmetic';
      continue;
    }
    const diff = diffTexts(
      previous.extracted,
      version.extracted,
      options.classify ? { classify: options.classify } : {},
    );
    if (!diff.substantive) {
      // Equal clause by clause though not as a whole (re-segmented lines, moved clauses).
      assessment.status = 'cosmetic';
      continue;
    }
    const earlierIndex = lastSeenAt.get(version.hash);
    const counts = countChanges(diff);
    const record: ChangeRecord = {
      document: documentId,
      date: version.date,
      substantive: earlierIndex === undefined,
      summary:
        earlierIndex === undefined
          ? describeChanges(diff)
          : `Back to the wording of ${dayOf(kept[earlierIndex]!.date)} (${describeChanges(diff)})`,
      categories: categoriesOf(diff),
      ...counts,
    };
    kept.push(version);
    const keptIndex = kept.length - 1;
    if (earlierIndex !== undefined) {
      assessment.status = 'reverted';
      const leftAt = Date.parse(kept[earlierIndex + 1]!.date);
      if (Date.parse(version.date) - leftAt < windowMs) {
        changes.forEach((earlier, index) => {
          if (recordTarget[index]! > earlierIndex) earlier.substantive = false;
        });
      }
    } else {
      assessment.status = 'changed';
    }
    changes.push(record);
    recordTarget.push(keptIndex);
    lastSeenAt.set(version.hash, keptIndex);
  }

  return { changes, versions: assessments, language: mainLanguage };
}
