import type { MatchedProvision, ReportedClause, TabState } from '../messaging/protocol';
import {
  CATEGORY_IDS,
  type CategoryId,
  SEVERITIES,
  type Severity,
  severityRank,
} from '../taxonomy';

// What the side panel shows, derived from the tab state: pure, so filters and grouping are
// unit-tested without rendering.

export interface PanelFilters {
  categories: ReadonlySet<CategoryId>;
  minSeverity: Severity;
  search: string;
}

export const NO_FILTERS: PanelFilters = { categories: new Set(), minSeverity: 'info', search: '' };

export interface PanelGroup {
  category: CategoryId;
  provisions: MatchedProvision[];
  findings: ReportedClause[];
}

export interface PanelModel {
  counts: Record<Severity, number>;
  groups: PanelGroup[];
  total: number;
  shown: number;
}

function matchesSearch(search: string, ...texts: (string | null | undefined)[]) {
  if (search === '') return true;
  return texts.some((text) => text?.toLowerCase().includes(search));
}

/**
 * Groups curated provisions and automatic findings by category, most severe first. A clause
 * that carries a curated provision is shown once, as the provision.
 */
export function buildPanelModel(state: TabState, filters: PanelFilters): PanelModel {
  const search = filters.search.trim().toLowerCase();
  const minRank = severityRank(filters.minSeverity);
  const keepCategory = (category: CategoryId) =>
    filters.categories.size === 0 || filters.categories.has(category);
  const curatedClauses = new Set(
    state.provisions.flatMap((matched) => (matched.clauseId === null ? [] : [matched.clauseId])),
  );
  const counts = Object.fromEntries(SEVERITIES.map((severity) => [severity, 0])) as Record<
    Severity,
    number
  >;
  const groups = new Map<CategoryId, PanelGroup>();
  const groupFor = (category: CategoryId) => {
    let group = groups.get(category);
    if (!group) {
      group = { category, provisions: [], findings: [] };
      groups.set(category, group);
    }
    return group;
  };
  let total = 0;
  let shown = 0;
  for (const matched of state.provisions) {
    const { provision } = matched;
    counts[provision.severity] += 1;
    total += 1;
    if (!keepCategory(provision.category) || severityRank(provision.severity) < minRank) continue;
    const excerpts = provision.excerpts.map((excerpt) => excerpt.text);
    if (!matchesSearch(search, provision.title, provision.summary, ...excerpts)) continue;
    groupFor(provision.category).provisions.push(matched);
    shown += 1;
  }
  for (const clause of state.report?.clauses ?? []) {
    if (clause.severity === null || curatedClauses.has(clause.id)) continue;
    counts[clause.severity] += 1;
    total += 1;
    if (severityRank(clause.severity) < minRank) continue;
    if (!matchesSearch(search, clause.text, clause.heading)) continue;
    const category = clause.categories.find(keepCategory);
    if (!category) continue;
    groupFor(category).findings.push(clause);
    shown += 1;
  }
  const bySeverity = (a: { severity: Severity | null }, b: { severity: Severity | null }) =>
    severityRank(b.severity ?? 'info') - severityRank(a.severity ?? 'info');
  const ordered = [...groups.values()];
  for (const group of ordered) {
    group.provisions.sort((a, b) => bySeverity(a.provision, b.provision));
    group.findings.sort(bySeverity);
  }
  const worst = (group: PanelGroup) =>
    Math.max(
      ...group.provisions.map((matched) => severityRank(matched.provision.severity)),
      ...group.findings.map((clause) => severityRank(clause.severity ?? 'info')),
    );
  ordered.sort(
    (a, b) =>
      worst(b) - worst(a) || CATEGORY_IDS.indexOf(a.category) - CATEGORY_IDS.indexOf(b.category),
  );
  return { counts, groups: ordered, total, shown };
}
