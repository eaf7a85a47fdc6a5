import { z } from 'zod';
import { categoryIdSchema, documentTypeSchema, severitySchema } from '../taxonomy';

// The one message protocol of the extension. Every message is a discriminated union member,
// parsed with zod where it arrives: a content script runs beside untrusted pages and a stale
// extension page may speak an older protocol, so nothing is trusted by its static type alone.

const tabId = z.number().int().nonnegative();
const shortText = z.string().max(2048);

export const reportedClauseSchema = z.object({
  /** Stable within one analysis; the side panel uses it to ask the page to scroll. */
  id: z.number().int().nonnegative(),
  text: z.string().max(20_000),
  start: z.number().int().nonnegative(),
  end: z.number().int().nonnegative(),
  heading: z.string().max(2000).nullable(),
  categories: z.array(categoryIdSchema).max(30),
  severity: severitySchema.nullable(),
  /** Hash of the normalised clause text (lib/diff), for snapshots and change matching. */
  hash: z.string().max(64),
});
export type ReportedClause = z.infer<typeof reportedClauseSchema>;

export const pageReportSchema = z.object({
  url: shortText,
  title: z.string().max(1000),
  isPolicy: z.boolean(),
  documentType: documentTypeSchema.nullable(),
  language: z.string().max(35).nullable(),
  clauses: z.array(reportedClauseSchema).max(20_000),
  /** Why the analysis is partial or missing, in words for the user (hostile or huge pages). */
  notice: z.string().max(500).nullable(),
  analysedAt: z.number().int().nonnegative(),
});
export type PageReport = z.infer<typeof pageReportSchema>;

export const settingsPatchSchema = z.object({
  feedUrl: z.union([z.url().max(2048), z.literal('')]).optional(),
  highlightDisabledHosts: z.array(z.string().max(253)).max(10_000).optional(),
  watchIntervalHours: z
    .number()
    .int()
    .min(1)
    .max(24 * 30)
    .optional(),
  notifications: z.boolean().optional(),
});

/** Requests answered by the background. */
export const backgroundRequestSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('page/visited'), url: shortText, isPolicy: z.boolean() }),
  z.object({ type: z.literal('page/report'), report: pageReportSchema }),
  z.object({ type: z.literal('panel/open'), clauseId: z.number().int().nonnegative().nullable() }),
  z.object({ type: z.literal('tab/get-state'), tabId }),
  z.object({ type: z.literal('feed/get-status') }),
  z.object({ type: z.literal('feed/sync-now') }),
  z.object({ type: z.literal('settings/get') }),
  z.object({ type: z.literal('settings/update'), patch: settingsPatchSchema }),
  z.object({ type: z.literal('changes/list') }),
  z.object({
    type: z.literal('changes/mark-seen'),
    ids: z.array(z.number().int().nonnegative()).max(10_000),
  }),
  z.object({ type: z.literal('watch/list') }),
  z.object({ type: z.literal('watch/add'), url: shortText, title: z.string().max(1000) }),
  z.object({ type: z.literal('watch/remove'), docKey: shortText }),
  z.object({ type: z.literal('watch/check-now') }),
  z.object({ type: z.literal('history/list') }),
  z.object({ type: z.literal('history/forget'), docKey: shortText }),
  z.object({ type: z.literal('history/forget-all') }),
  z.object({ type: z.literal('ai/platforms') }),
  z.object({ type: z.literal('platform/get'), platformId: z.string().max(80) }),
  z.object({ type: z.literal('data/export') }),
  z.object({ type: z.literal('storage/get-status') }),
  z.object({ type: z.literal('data/import'), data: z.unknown() }),
]);
export type BackgroundRequest = z.infer<typeof backgroundRequestSchema>;
export type BackgroundRequestType = BackgroundRequest['type'];

/** Requests answered by the analysis code running in a tab. */
export const tabRequestSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('page/scroll-to-clause'), clauseId: z.number().int().nonnegative() }),
  z.object({ type: z.literal('page/set-highlighting'), enabled: z.boolean() }),
  z.object({ type: z.literal('page/reanalyse') }),
]);
export type TabRequest = z.infer<typeof tabRequestSchema>;

/** A reply travels as a tagged result so a failure reaches the caller as data, not a hang. */
export type Reply<T> = { ok: true; data: T } | { ok: false; error: string };

export function parseRequest<T>(
  schema: z.ZodType<T>,
  message: unknown,
): { ok: true; request: T } | { ok: false; error: string } {
  const parsed = schema.safeParse(message);
  if (parsed.success) return { ok: true, request: parsed.data };
  const type =
    typeof message === 'object' && message !== null && 'type' in message
      ? String((message as { type: unknown }).type).slice(0, 60)
      : typeof message;
  const issue = parsed.error.issues[0];
  const where = issue?.path.length ? ` at ${issue.path.join('.')}` : '';
  return { ok: false, error: `rejected message (${type}): ${issue?.message ?? 'invalid'}${where}` };
}

/** A curated provision of the feed as shown for a page, with the clause it was found at. */
export interface MatchedProvision {
  platformId: string;
  provision: import('../feed/schema').Provision;
  /** The reported clause that carries the provision's excerpt, or null when the page lacks it. */
  clauseId: number | null;
}

/** How another platform of the feed handles the same category (one line each). */
export interface PeerProvision {
  platformId: string;
  platformName: string;
  provisionId: string;
  title: string;
  severity: import('../taxonomy').Severity;
}

export interface TabState {
  tabId: number;
  url: string;
  title: string;
  status: 'unknown' | 'not-policy' | 'analysing' | 'analysed';
  report: PageReport | null;
  platform: import('../analysis/types').PlatformRef | null;
  /** The feed's document this page is, when the feed knows it. */
  document: {
    id: string;
    title: string;
    type: import('../taxonomy').DocumentType;
    url: string;
    versionDate: string | null;
  } | null;
  provisions: MatchedProvision[];
  aiTraining: import('../feed/schema').AiTrainingCard | null;
  peers: Partial<Record<import('../taxonomy').CategoryId, PeerProvision[]>>;
  /** Changes of this document the user has not opened yet, newest first. */
  changes: import('../db/schema').ChangeEvent[];
  /** The document changed after the version the feed's card was checked against. */
  liveChangedSince: { feedVersionDate: string; changedAt: number } | null;
  watched: boolean;
}

/** A policy the user has read (or watches), as the options page lists it. */
export interface ReadingHistoryEntry {
  docKey: string;
  url: string;
  title: string;
  platformId: string | null;
  lastReadAt: number;
  snapshots: number;
}

/** One AI platform's card with what the compare page needs around it. */
export interface AiPlatformSummary {
  platformId: string;
  name: string;
  card: import('../feed/schema').AiTrainingCard;
  documents: { id: string; title: string; url: string }[];
  lastChange: { document: string; date: string; summary: string } | null;
}

export interface FeedStatus {
  source: 'bundled' | 'remote';
  version: number;
  publishedAt: string;
  platformCount: number;
  lastSyncAt: number | null;
  lastError: string | null;
  feedUrl: string;
}

/** What the page needs back to paint: which clauses are curated, which changed. */
export interface ReportReply {
  curated: {
    clauseId: number;
    provisionId: string;
    title: string;
    summary: string;
    severity: import('../taxonomy').Severity;
  }[];
  changedClauseIds: number[];
  highlighting: boolean;
}

/** Work the background hands to its offscreen document (Chrome has no DOMParser in workers). */
export const offscreenRequestSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('offscreen/extract'),
    html: z.string().max(20 * 1024 * 1024),
    url: shortText,
  }),
]);
export type OffscreenRequest = z.infer<typeof offscreenRequestSchema>;
export interface OffscreenResponses {
  'offscreen/extract': import('../analysis/extract').ExtractedText;
}

/** Broadcasts from the background to open extension pages (side panel, popup, options). */
export const uiNotificationSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('ui/tab-updated'), tabId }),
  z.object({ type: z.literal('ui/focus-clause'), tabId, clauseId: z.number().int().nonnegative() }),
  z.object({ type: z.literal('ui/feed-updated') }),
  z.object({ type: z.literal('ui/changes-updated') }),
]);
export type UiNotification = z.infer<typeof uiNotificationSchema>;

/** What each background request answers with. */
export interface BackgroundResponses {
  'page/visited': { ok: true };
  'page/report': ReportReply;
  'panel/open': { opened: boolean; focusClauseId: number | null };
  'tab/get-state': TabState | null;
  'feed/get-status': FeedStatus;
  'feed/sync-now': FeedStatus;
  'settings/get': import('../settings/settings').Settings;
  'settings/update': import('../settings/settings').Settings;
  'changes/list': import('../db/schema').ChangeEvent[];
  'changes/mark-seen': { unseen: number };
  'watch/list': import('../db/schema').Watch[];
  'watch/add': import('../db/schema').Watch;
  'watch/remove': { ok: true };
  'watch/check-now': { docKey: string; status: string }[];
  'history/list': ReadingHistoryEntry[];
  'history/forget': { ok: true };
  'history/forget-all': { ok: true };
  'ai/platforms': AiPlatformSummary[];
  'platform/get': import('../feed/schema').PlatformShard | null;
  'data/export': unknown;
  'storage/get-status': import('../tracking/storage-guard').StorageStatus | null;
  'data/import': { watches: number; snapshots: number; changes: number };
}

export interface TabResponses {
  'page/scroll-to-clause': { found: boolean };
  'page/set-highlighting': { ok: true };
  'page/reanalyse': { ok: true };
}

export type RequestOf<T extends BackgroundRequestType> = Extract<BackgroundRequest, { type: T }>;
export type TabRequestOf<T extends TabRequest['type']> = Extract<TabRequest, { type: T }>;
