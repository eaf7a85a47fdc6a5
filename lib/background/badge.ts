import type { ChangeEvent } from '../db/schema';
import type { TabState } from '../messaging/protocol';

export interface BadgeLook {
  text: string;
  color: string;
  title: string;
}

export const BADGE_COLOURS = {
  high: '#b42318',
  medium: '#b54708',
  neutral: '#475467',
  change: '#6941c6',
  ai: '#b54708',
} as const;

export interface TabBadgeInput {
  state: TabState | null;
  /** The tab is on a platform of the feed whose default is to train on user content. */
  aiTrainsByDefault: { platformName: string } | null;
  /** The tab shows a policy with a change the user has not opened yet. */
  unseenChange: boolean;
}

/**
 * The badge for one tab, most urgent first: a changed policy, then an AI platform that trains on
 * what you type, then the count of clauses that deserve a look. Null defers to the global badge.
 */
export function badgeForTab({
  state,
  aiTrainsByDefault,
  unseenChange,
}: TabBadgeInput): BadgeLook | null {
  if (unseenChange) {
    return {
      text: 'NEW',
      color: BADGE_COLOURS.change,
      title: 'Fineprint: this policy changed since you last read it',
    };
  }
  if (aiTrainsByDefault) {
    return {
      text: 'AI',
      color: BADGE_COLOURS.ai,
      title: `Fineprint: ${aiTrainsByDefault.platformName} trains its AI models on your content by default. Click for how to opt out.`,
    };
  }
  if (!state?.report || state.status !== 'analysed') return null;
  const clauses = state.report.clauses;
  const high = clauses.filter((clause) => clause.severity === 'high').length;
  const medium = clauses.filter((clause) => clause.severity === 'medium').length;
  const notable = high + medium;
  return {
    text: notable === 0 ? '✓' : notable > 99 ? '99+' : String(notable),
    color:
      high > 0 ? BADGE_COLOURS.high : notable > 0 ? BADGE_COLOURS.medium : BADGE_COLOURS.neutral,
    title: `Fineprint: ${high} high and ${medium} medium severity clauses on this page`,
  };
}

/** The badge of every tab without one of its own: how many changes the user has not opened. */
export function globalBadge(unseen: readonly ChangeEvent[]): BadgeLook {
  const count = unseen.length;
  const high = unseen.some((change) => change.highestSeverity === 'high');
  return {
    text: count === 0 ? '' : count > 99 ? '99+' : String(count),
    color: high ? BADGE_COLOURS.high : BADGE_COLOURS.change,
    title:
      count === 0
        ? 'Fineprint'
        : `Fineprint: ${count} policy change${count === 1 ? '' : 's'} you have not seen yet`,
  };
}
