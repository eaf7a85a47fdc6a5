import type { AiTrainingCard, Excerpt, ProductTier } from '../feed/schema';
import type { AiPlatformSummary } from '../messaging/protocol';
import {
  type DocumentLink,
  excerptSource,
  safeHttpsUrl,
  sortedTiers,
  TIER_LABELS,
  trainsOnConsumerTier,
  type VerdictKind,
  verdictFor,
  verdictKind,
} from './ai-verdict';

// The compare page's table: rows from the background's AI platform summaries, then filtered,
// sorted and exported here, so the page only renders and every rule is unit-tested.

export const COMPARE_COLUMNS = [
  { id: 'platform', label: 'Platform' },
  { id: 'training', label: 'Default training' },
  { id: 'optOut', label: 'Opt-out' },
  { id: 'carveOuts', label: 'Carve-outs' },
  { id: 'humanReview', label: 'Human review' },
  { id: 'retention', label: 'Retention' },
  { id: 'lastChange', label: 'Last policy change' },
] as const;
export type CompareColumn = (typeof COMPARE_COLUMNS)[number]['id'];

export interface CompareTier {
  tier: ProductTier;
  /** "Free", or "API — Discounted models" when the card lists a tier twice. */
  name: string;
  label: string;
  trainsByDefault: boolean;
  href: string | null;
}

export interface CompareRow {
  platformId: string;
  name: string;
  verdict: VerdictKind;
  verdictText: string;
  /** The card's own sentence. */
  verdictSentence: string;
  trainsOnConsumerTier: boolean;
  tiers: CompareTier[];
  /** "Free: trains · Business: no", in tier order. */
  tierSummary: string;
  optOut: { available: boolean; settingsUrl: string | null; href: string | null };
  carveOuts: { title: string; href: string | null }[];
  humanReview: { happens: boolean | null; description: string; href: string | null };
  retention: { description: string; href: string | null } | null;
  /** YYYY-MM-DD of the newest substantive change, with a link to that document. */
  lastChange: { date: string; summary: string; href: string | null } | null;
}

function firstExcerptHref(excerpts: readonly Excerpt[], documents: readonly DocumentLink[]) {
  const first = excerpts[0];
  return first ? excerptSource(first, documents).href : null;
}

function tierWord(trains: boolean) {
  return trains ? 'trains' : 'no';
}

/** Tier names that stay distinct when a card splits one tier (e.g. two kinds of API use). */
function tierNames(tiers: AiTrainingCard['tiers']): string[] {
  return tiers.map((tier) =>
    tiers.filter((other) => other.tier === tier.tier).length > 1
      ? `${TIER_LABELS[tier.tier]} — ${tier.label}`
      : TIER_LABELS[tier.tier],
  );
}

export function tierSummary(card: AiTrainingCard): string {
  return tiersWithNames(card)
    .map(({ tier, name }) => `${name}: ${tierWord(tier.trainsByDefault)}`)
    .join(' · ');
}

function tiersWithNames(card: AiTrainingCard) {
  const tiers = sortedTiers(card);
  const names = tierNames(tiers);
  return tiers.map((tier, index) => ({ tier, name: names[index] ?? TIER_LABELS[tier.tier] }));
}

export function buildCompareRow(summary: AiPlatformSummary): CompareRow {
  const { card, documents } = summary;
  const lastChangeDocument = summary.lastChange
    ? documents.find((doc) => doc.id === summary.lastChange?.document)
    : undefined;
  return {
    platformId: summary.platformId,
    name: summary.name,
    verdict: verdictKind(card),
    verdictText: verdictFor(card).text,
    verdictSentence: card.verdict,
    trainsOnConsumerTier: trainsOnConsumerTier(card),
    tiers: tiersWithNames(card).map(({ tier, name }) => ({
      tier: tier.tier,
      name,
      label: tier.label,
      trainsByDefault: tier.trainsByDefault,
      href: firstExcerptHref(tier.excerpts, documents),
    })),
    tierSummary: tierSummary(card),
    optOut: {
      available: card.optOut.available,
      settingsUrl: safeHttpsUrl(card.optOut.settingsUrl),
      href: firstExcerptHref(card.optOut.excerpts, documents),
    },
    carveOuts: card.carveOuts.map((carveOut) => ({
      title: carveOut.title,
      href: firstExcerptHref(carveOut.excerpts, documents),
    })),
    humanReview: {
      happens: card.humanReview.happens,
      description: card.humanReview.description,
      href: firstExcerptHref(card.humanReview.excerpts, documents),
    },
    retention: card.retention
      ? {
          description: card.retention.description,
          href: firstExcerptHref(card.retention.excerpts, documents),
        }
      : null,
    lastChange: summary.lastChange
      ? {
          date: summary.lastChange.date.slice(0, 10),
          summary: summary.lastChange.summary,
          href: safeHttpsUrl(lastChangeDocument?.url),
        }
      : null,
  };
}

export function buildCompareRows(summaries: readonly AiPlatformSummary[]): CompareRow[] {
  return summaries.map(buildCompareRow);
}

export interface CompareFilters {
  search: string;
  /** Keeps platforms that train on a free or paid individual plan unless you opt out. */
  trainsByDefaultOnly: boolean;
  optOutAvailableOnly: boolean;
}

export const NO_COMPARE_FILTERS: CompareFilters = {
  search: '',
  trainsByDefaultOnly: false,
  optOutAvailableOnly: false,
};

function searchableText(row: CompareRow): string {
  return [
    row.name,
    row.platformId,
    row.verdictText,
    row.verdictSentence,
    row.tierSummary,
    ...row.tiers.map((tier) => tier.label),
    ...row.carveOuts.map((carveOut) => carveOut.title),
    row.humanReview.description,
    row.retention?.description ?? '',
  ]
    .join('\n')
    .toLowerCase();
}

export function filterRows(rows: readonly CompareRow[], filters: CompareFilters): CompareRow[] {
  const terms = filters.search.toLowerCase().split(/\s+/).filter(Boolean);
  return rows.filter((row) => {
    if (filters.trainsByDefaultOnly && !row.trainsOnConsumerTier) return false;
    if (filters.optOutAvailableOnly && !row.optOut.available) return false;
    if (terms.length === 0) return true;
    const text = searchableText(row);
    return terms.every((term) => text.includes(term));
  });
}

export type SortDirection = 'ascending' | 'descending';
export interface CompareSort {
  column: CompareColumn;
  direction: SortDirection;
}

export const DEFAULT_COMPARE_SORT: CompareSort = { column: 'platform', direction: 'ascending' };

const VERDICT_RANK: Record<VerdictKind, number> = { 'no-training': 0, depends: 1, trains: 2 };

/** The value a column sorts by; null sorts last in both directions (unknown is not "least"). */
function sortValue(row: CompareRow, column: CompareColumn): string | number | null {
  switch (column) {
    case 'platform':
      return row.name.toLowerCase();
    case 'training':
      // Within one verdict, a platform training on more tiers sorts as "more".
      return VERDICT_RANK[row.verdict] * 100 + row.tiers.filter((t) => t.trainsByDefault).length;
    case 'optOut':
      return row.optOut.available ? 1 : 0;
    case 'carveOuts':
      return row.carveOuts.length;
    case 'humanReview':
      return row.humanReview.happens === null ? null : row.humanReview.happens ? 1 : 0;
    case 'retention':
      return row.retention ? row.retention.description.toLowerCase() : null;
    case 'lastChange':
      return row.lastChange?.date ?? null;
  }
}

function compareValues(a: string | number, b: string | number): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return String(a).localeCompare(String(b));
}

export function sortRows(rows: readonly CompareRow[], sort: CompareSort): CompareRow[] {
  const sign = sort.direction === 'ascending' ? 1 : -1;
  return [...rows].sort((a, b) => {
    const left = sortValue(a, sort.column);
    const right = sortValue(b, sort.column);
    if (left === null && right !== null) return 1;
    if (right === null && left !== null) return -1;
    const primary = left === null || right === null ? 0 : sign * compareValues(left, right);
    return primary !== 0 ? primary : a.name.localeCompare(b.name);
  });
}

/** Clicking the sorted column flips its direction; another column starts ascending. */
export function nextSort(current: CompareSort, column: CompareColumn): CompareSort {
  if (current.column !== column) return { column, direction: 'ascending' };
  return { column, direction: current.direction === 'ascending' ? 'descending' : 'ascending' };
}

/**
 * A spreadsheet evaluates a cell starting with one of these as a formula (CSV injection, OWASP);
 * tab and carriage return are on OWASP's list too, since some importers strip them first.
 */
const FORMULA_TRIGGERS = new Set(['=', '+', '-', '@', '\t', '\r']);

/** One RFC 4180 field, neutralised against formula injection before quoting. */
export function csvField(value: string): string {
  const safe = value.length > 0 && FORMULA_TRIGGERS.has(value[0] ?? '') ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

/** RFC 4180: CRLF between records, and after the last one. */
export function toCsv(records: readonly (readonly string[])[]): string {
  return records.map((record) => `${record.map(csvField).join(',')}\r\n`).join('');
}

const CSV_HEADER = [
  'Platform',
  'Platform id',
  'Default training',
  'Per tier',
  'Verdict',
  'Opt-out available',
  'Opt-out setting',
  'Carve-outs (count)',
  'Carve-outs',
  'Human review',
  'Retention',
  'Last policy change',
  'Last change summary',
] as const;

function yesNoUnknown(value: boolean | null) {
  return value === null ? 'not stated' : value ? 'yes' : 'no';
}

export function compareCsv(rows: readonly CompareRow[]): string {
  return toCsv([
    CSV_HEADER,
    ...rows.map((row) => [
      row.name,
      row.platformId,
      row.verdictText,
      row.tierSummary,
      row.verdictSentence,
      row.optOut.available ? 'yes' : 'no',
      row.optOut.settingsUrl ?? '',
      String(row.carveOuts.length),
      row.carveOuts.map((carveOut) => carveOut.title).join('; '),
      yesNoUnknown(row.humanReview.happens),
      row.retention?.description ?? '',
      row.lastChange?.date ?? '',
      row.lastChange?.summary ?? '',
    ]),
  ]);
}
