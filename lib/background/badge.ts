import type { TabState } from '../messaging/protocol';

export interface BadgeLook {
  text: string;
  color: string;
  title: string;
}

const HIGH = '#b42318';
const MEDIUM = '#b54708';
const NEUTRAL = '#475467';

/**
 * The per-tab badge: on an analysed policy page, how many clauses deserve a look (high and
 * medium severity), coloured by the worst one. Empty elsewhere.
 */
export function badgeForTab(state: TabState | null): BadgeLook {
  if (!state?.report || state.status !== 'analysed') {
    return { text: '', color: NEUTRAL, title: 'Fineprint' };
  }
  const clauses = state.report.clauses;
  const high = clauses.filter((clause) => clause.severity === 'high').length;
  const medium = clauses.filter((clause) => clause.severity === 'medium').length;
  const notable = high + medium;
  return {
    text: notable === 0 ? '✓' : notable > 99 ? '99+' : String(notable),
    color: high > 0 ? HIGH : notable > 0 ? MEDIUM : NEUTRAL,
    title: `Fineprint: ${high} high and ${medium} medium severity clauses on this page`,
  };
}
