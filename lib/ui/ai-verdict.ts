import { isOtherLanguage } from '../analysis/language';
import type { AiTrainingCard, Excerpt, ProductTier } from '../feed/schema';
import type { ReportedClause } from '../messaging/protocol';
import type { CategoryId } from '../taxonomy';

// What the AI-training card says in one glance, and where each claim can be checked: pure, so the
// popup, side panel, platform page and compare page all word and link a card the same way.

export type VerdictKind = 'trains' | 'no-training' | 'depends';

export interface Verdict {
  kind: VerdictKind;
  /** Shown beside the words, so the verdict never relies on colour alone. */
  icon: string;
  text: string;
}

const VERDICTS: Record<VerdictKind, Verdict> = {
  trains: { kind: 'trains', icon: '▲', text: 'Trains on your content by default' },
  'no-training': {
    kind: 'no-training',
    icon: '✓',
    text: 'Does not train on your content by default',
  },
  depends: { kind: 'depends', icon: '◆', text: 'Depends on the product' },
};

export function verdictKind(card: AiTrainingCard): VerdictKind {
  switch (card.trainsByDefault) {
    case 'yes':
      return 'trains';
    case 'no':
      return 'no-training';
    case 'depends-on-tier':
      return 'depends';
  }
}

export function verdictFor(card: AiTrainingCard): Verdict {
  return VERDICTS[verdictKind(card)];
}

export const TIER_ORDER: readonly ProductTier[] = ['free', 'consumer-paid', 'business', 'api'];

export const TIER_LABELS: Readonly<Record<ProductTier, string>> = {
  free: 'Free',
  'consumer-paid': 'Paid (individual)',
  business: 'Business',
  api: 'API',
};

const CONSUMER_TIERS: ReadonlySet<ProductTier> = new Set(['free', 'consumer-paid']);

/** The card's tiers in free → paid → business → API order (a card may list a tier twice). */
export function sortedTiers(card: AiTrainingCard): AiTrainingCard['tiers'] {
  return [...card.tiers].sort((a, b) => TIER_ORDER.indexOf(a.tier) - TIER_ORDER.indexOf(b.tier));
}

/** Tiers of the four that the card says nothing about, so the UI can say so instead of guessing. */
export function tiersNotCovered(card: AiTrainingCard): ProductTier[] {
  const covered = new Set(card.tiers.map((tier) => tier.tier));
  return TIER_ORDER.filter((tier) => !covered.has(tier));
}

/**
 * Whether someone signing up as an individual gets their content used for training unless they
 * act. A card saying "yes" without listing a consumer tier still counts: the curated answer is
 * yes, and the tier list only refines it.
 */
export function trainsOnConsumerTier(card: AiTrainingCard): boolean {
  if (card.trainsByDefault === 'no') return false;
  const consumer = card.tiers.filter((tier) => CONSUMER_TIERS.has(tier.tier));
  if (consumer.length === 0) return card.trainsByDefault === 'yes';
  return consumer.some((tier) => tier.trainsByDefault);
}

/** A tab earns the AI warning only on a known platform whose card trains on a consumer tier. */
export function tabDeservesAiWarning(state: {
  platform: unknown;
  aiTraining: AiTrainingCard | null;
}): boolean {
  return (
    state.platform != null && state.aiTraining !== null && trainsOnConsumerTier(state.aiTraining)
  );
}

/** The URL itself when it is an absolute https: URL, else null: nothing else may reach an href. */
export function safeHttpsUrl(value: string | null | undefined): string | null {
  if (!value) return null;
  try {
    return new URL(value).protocol === 'https:' ? value : null;
  } catch {
    return null;
  }
}

export const FRAGMENT_WORDS = 8;

/**
 * A link that opens the document scrolled to the excerpt, via a text fragment made of its first
 * words. `-` is percent-encoded too: in a text directive a leading or trailing `-` marks a
 * prefix/suffix context, which a word like "opt-" cut at the boundary would otherwise become.
 */
export function textFragmentUrl(
  documentUrl: string,
  excerptText: string,
  wordCount = FRAGMENT_WORDS,
): string | null {
  const safe = safeHttpsUrl(documentUrl);
  if (!safe) return null;
  const url = new URL(safe);
  url.hash = '';
  const words = excerptText.trim().split(/\s+/).filter(Boolean).slice(0, wordCount).join(' ');
  if (words === '') return url.href;
  return `${url.href}#:~:text=${encodeURIComponent(words).replaceAll('-', '%2D')}`;
}

export interface DocumentLink {
  id: string;
  title: string;
  url: string;
}

export interface ExcerptSource {
  documentTitle: string;
  /** YYYY-MM-DD of the archived version quoted. */
  versionDate: string;
  /** Opens the live document at the excerpt; null when the document or its URL is unusable. */
  href: string | null;
}

export function excerptSource(excerpt: Excerpt, documents: readonly DocumentLink[]): ExcerptSource {
  const document = documents.find((doc) => doc.id === excerpt.document);
  return {
    documentTitle: document?.title ?? excerpt.document,
    versionDate: excerpt.version.slice(0, 10),
    href: document ? textFragmentUrl(document.url, excerpt.text) : null,
  };
}

/** The categories an automatic AI card is made of, in the order it shows them. */
export const AUTOMATIC_AI_CATEGORIES = [
  'ai-training',
  'opt-out',
  'human-review',
  'data-retention',
] as const satisfies readonly CategoryId[];
export type AutomaticAiCategory = (typeof AUTOMATIC_AI_CATEGORIES)[number];

export interface AutomaticAiGroup {
  category: AutomaticAiCategory;
  clauses: ReportedClause[];
}

/** Clauses of the AI-relevant categories, grouped; a clause with two such labels shows in both. */
export function automaticAiGroups(clauses: readonly ReportedClause[]): AutomaticAiGroup[] {
  return AUTOMATIC_AI_CATEGORIES.map((category) => ({
    category,
    clauses: clauses.filter((clause) => clause.categories.includes(category)),
  })).filter((group) => group.clauses.length > 0);
}

export type AutomaticVerdictKind = 'mentions-training' | 'no-clause-found' | 'not-checked';

export interface AutomaticVerdict {
  kind: AutomaticVerdictKind;
  icon: string;
  text: string;
}

/**
 * The automatic analysis's answer. `language` is the page's (the report's); on a page in another
 * language than English, which the classifier cannot read, finding nothing is no answer.
 */
export function automaticVerdict(
  clauses: readonly ReportedClause[],
  language: string | null = null,
): AutomaticVerdict {
  if (clauses.some((clause) => clause.categories.includes('ai-training'))) {
    return {
      kind: 'mentions-training',
      icon: '▲',
      text: 'This policy mentions using your content for AI training',
    };
  }
  if (language !== null && isOtherLanguage(language, clauses.length)) {
    return {
      kind: 'not-checked',
      icon: '?',
      text: 'Not checked: the automatic analysis reads English only',
    };
  }
  return {
    kind: 'no-clause-found',
    icon: 'ℹ',
    text: 'No AI-training clause found by automatic analysis',
  };
}
