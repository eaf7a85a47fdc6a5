import { comparisonTokens, normalizeForComparison } from '../diff/normalize';
import type { CategoryId, DocumentType, Severity } from '../taxonomy';
import { severityRank } from '../taxonomy';
import type { PlatformShard, Provision } from './schema';

export interface MatchableClause {
  id: number;
  text: string;
}

/** Share of an excerpt's words a clause must cover before it is taken as the quoted clause. */
export const MIN_EXCERPT_COVERAGE = 0.6;

/**
 * Finds the page clause that carries each excerpt of a provision. An excerpt may be a sentence
 * of a longer clause or span two clauses, and the live page may be a later version than the one
 * quoted: exact containment wins, then the clause covering the most of the excerpt's words.
 */
export function findClauseForExcerpts(
  excerpts: readonly string[],
  clauses: readonly MatchableClause[],
  prepared = prepareClauses(clauses),
): number | null {
  let best: { id: number; score: number } | null = null;
  for (const excerpt of excerpts) {
    const normalizedExcerpt = normalizeForComparison(excerpt);
    if (normalizedExcerpt === '') continue;
    const excerptTokens = new Set(comparisonTokens(normalizedExcerpt));
    for (const clause of prepared) {
      if (clause.normalized === '') continue;
      let score: number;
      if (
        clause.normalized.includes(normalizedExcerpt) ||
        (clause.normalized.length > 40 && normalizedExcerpt.includes(clause.normalized))
      ) {
        score = 2;
      } else {
        let shared = 0;
        for (const token of clause.tokens) if (excerptTokens.has(token)) shared += 1;
        const coverage = shared / Math.max(1, excerptTokens.size);
        const precision = shared / Math.max(1, clause.tokens.size);
        score = coverage >= MIN_EXCERPT_COVERAGE && precision >= 0.5 ? coverage : 0;
      }
      if (score > 0 && (!best || score > best.score)) best = { id: clause.id, score };
    }
  }
  return best?.id ?? null;
}

export function prepareClauses(clauses: readonly MatchableClause[]) {
  return clauses.map((clause) => {
    const normalized = normalizeForComparison(clause.text);
    return { id: clause.id, normalized, tokens: new Set(comparisonTokens(normalized)) };
  });
}

/** The provisions of a shard that speak of a given document (by id, else by type). */
export function provisionsForDocument(
  shard: PlatformShard,
  document: { id: string } | null,
  documentType: DocumentType | null,
): Provision[] {
  const documentIds = new Set(
    document
      ? [document.id]
      : shard.documents.filter((doc) => doc.type === documentType).map((doc) => doc.id),
  );
  if (documentIds.size === 0) return [];
  return shard.provisions.filter((provision) =>
    provision.excerpts.some((excerpt) => documentIds.has(excerpt.document)),
  );
}

export interface PeerLine {
  platformId: string;
  platformName: string;
  provisionId: string;
  title: string;
  severity: Severity;
}

/** How the other platforms of the feed handle each category: their most severe provision. */
export function peersByCategory(
  shards: readonly PlatformShard[],
  excludePlatformId: string | null,
  categories: ReadonlySet<CategoryId>,
): Partial<Record<CategoryId, PeerLine[]>> {
  const result: Partial<Record<CategoryId, PeerLine[]>> = {};
  for (const category of categories) {
    const lines: PeerLine[] = [];
    for (const shard of shards) {
      if (shard.id === excludePlatformId) continue;
      let worst: Provision | null = null;
      for (const provision of shard.provisions) {
        if (provision.category !== category) continue;
        if (!worst || severityRank(provision.severity) > severityRank(worst.severity)) {
          worst = provision;
        }
      }
      if (worst) {
        lines.push({
          platformId: shard.id,
          platformName: shard.name,
          provisionId: worst.id,
          title: worst.title,
          severity: worst.severity,
        });
      }
    }
    lines.sort(
      (a, b) =>
        severityRank(b.severity) - severityRank(a.severity) ||
        a.platformName.localeCompare(b.platformName),
    );
    result[category] = lines;
  }
  return result;
}
