import type { PlatformRef } from '../analysis/types';
import {
  findClauseForExcerpts,
  peersByCategory,
  prepareClauses,
  provisionsForDocument,
} from '../feed/match';
import type { FeedIndexEntry, PlatformShard } from '../feed/schema';
import type { MatchedProvision, PageReport, ReportReply, TabState } from '../messaging/protocol';
import type { CategoryId } from '../taxonomy';

/** What the background knows of the feed, for one page. */
export interface FeedLookup {
  /** The platform a URL belongs to and, when the URL is one of its documents, that document. */
  platformFor(url: string): {
    ref: PlatformRef;
    entry: FeedIndexEntry;
    document: FeedIndexEntry['documents'][number] | null;
  } | null;
  shard(platformId: string): PlatformShard | null;
  allShards(): readonly PlatformShard[];
}

export type Enrichment = Pick<
  TabState,
  'platform' | 'document' | 'provisions' | 'aiTraining' | 'peers'
>;

/**
 * Joins a page's automatic analysis with the curated feed: which platform and document it is,
 * which curated provisions apply and where on the page their excerpts are, and how the other
 * platforms handle the same categories.
 */
export function enrichReport(
  report: PageReport,
  feed: FeedLookup,
): { enrichment: Enrichment; reply: Omit<ReportReply, 'changedClauseIds' | 'highlighting'> } {
  const match = feed.platformFor(report.url);
  const shard = match ? feed.shard(match.ref.id) : null;
  if (!match || !shard) {
    const categories = new Set<CategoryId>(report.clauses.flatMap((clause) => clause.categories));
    return {
      enrichment: {
        platform: match?.ref ?? null,
        document: null,
        provisions: [],
        aiTraining: null,
        peers: peersByCategory(feed.allShards(), null, categories),
      },
      reply: { curated: [] },
    };
  }
  const indexDocument = match.document;
  const shardDocument = indexDocument
    ? (shard.documents.find((doc) => doc.id === indexDocument.id) ?? null)
    : null;
  const provisions = report.isPolicy
    ? provisionsForDocument(shard, shardDocument, report.documentType)
    : [];
  const prepared = prepareClauses(report.clauses);
  const matched: MatchedProvision[] = provisions.map((provision) => ({
    platformId: shard.id,
    provision,
    clauseId: findClauseForExcerpts(
      provision.excerpts.map((excerpt) => excerpt.text),
      report.clauses,
      prepared,
    ),
  }));
  const categories = new Set<CategoryId>([
    ...matched.map((entry) => entry.provision.category),
    ...report.clauses.flatMap((clause) => clause.categories),
  ]);
  const latestVersion = shardDocument?.versions.at(-1)?.date ?? null;
  return {
    enrichment: {
      platform: match.ref,
      document: shardDocument
        ? {
            id: shardDocument.id,
            title: shardDocument.title,
            type: shardDocument.type,
            url: shardDocument.url,
            versionDate: latestVersion,
          }
        : null,
      provisions: matched,
      aiTraining: shard.aiTraining,
      peers: peersByCategory(feed.allShards(), shard.id, categories),
    },
    reply: {
      curated: matched.flatMap((entry) =>
        entry.clauseId === null
          ? []
          : [
              {
                clauseId: entry.clauseId,
                provisionId: entry.provision.id,
                title: entry.provision.title,
                summary: entry.provision.summary,
                severity: entry.provision.severity,
              },
            ],
      ),
    },
  };
}
