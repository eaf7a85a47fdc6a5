// The labelled clauses the classifier is trained and evaluated on, from three sources, in one row
// shape. Each row says which categories its source actually judged (`known`): a CLAUDETTE sentence
// says nothing about data sharing, so it must not count as a negative for it.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import type { ClauseContext } from '../../lib/analysis/classifier';
import { clauseContexts, looksLikeHeading } from '../../lib/analysis/context';
import type { ModelLanguage } from '../../lib/analysis/language';
import {
  CATEGORY_IDS,
  type CategoryId,
  CLAUDETTE_TAG_TO_CATEGORY,
  categoryIdSchema,
  type Severity,
  severityRank,
  severitySchema,
} from '../../lib/taxonomy';

export const TRAINING_DIR = join(dirname(fileURLToPath(import.meta.url)), '../../data/training');

export type Source = 'claudette' | 'tosdr' | 'ai-labels';
export const SOURCES: readonly Source[] = ['claudette', 'tosdr', 'ai-labels'];

export interface TrainingRow {
  source: Source;
  /** Company the text comes from: cross-validation never puts one company on both sides. */
  group: string;
  text: string;
  categories: readonly CategoryId[];
  known: readonly CategoryId[];
  severity: Severity | null;
  /** Its context in its document, as on a page (see contextsOf); absent for quotes. */
  context?: ClauseContext;
  /** The document it comes from and its place there; absent for quotes. */
  document?: string;
  position?: number;
}

export const tosdrCaseMapSchema = z.object({
  severityByClassification: z.record(z.string(), severitySchema),
  cases: z.record(
    z.string(),
    z.object({
      title: z.string(),
      classification: z.string(),
      categories: z.array(categoryIdSchema),
    }),
  ),
});

const aiLabelSchema = z.object({
  service: z.string(),
  document: z.string(),
  version: z.string().optional(),
  index: z.number().int().optional(),
  text: z.string().min(1),
  categories: z.array(categoryIdSchema),
  severity: severitySchema.nullable(),
});
export type AiLabel = z.infer<typeof aiLabelSchema>;

// Products of one company share a group: their policies are written by the same lawyers and
// often share sentences, so splitting them across folds would leak.
const COMPANY_ALIASES: Readonly<Record<string, string>> = {
  chatgpt: 'openai',
  dalle: 'openai',
  claudeai: 'anthropic',
  mistralai: 'mistral',
  lechat: 'mistral',
  vibe: 'mistral',
  grok: 'xai',
  twitter: 'x',
  facebook: 'meta',
  instagram: 'meta',
  whatsapp: 'meta',
  threads: 'meta',
  oculus: 'meta',
  metaai: 'meta',
  llamaapi: 'meta',
  youtube: 'google',
  youtubekids: 'google',
  googlepayments: 'google',
  googlegenerativeaiservices: 'google',
  microsoftcopilot: 'microsoft',
  microsoftstore: 'microsoft',
  linkedin: 'microsoft',
  skype: 'microsoft',
  bing: 'microsoft',
  github: 'microsoft',
  githubcopilot: 'microsoft',
  mozillaorg: 'mozilla',
  firefoxaccounts: 'mozilla',
  mozillapersona: 'mozilla',
  amazoncom: 'amazon',
  amazonprimevideo: 'amazon',
  worldofwarcraft: 'blizzard',
  qwenchat: 'alibaba',
  alibabacom: 'alibaba',
  aliexpress: 'alibaba',
};

export function companyGroup(service: string): string {
  const key = service
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');
  return COMPANY_ALIASES[key] ?? key;
}

function readJsonLines(file: string): unknown[] {
  return readFileSync(join(TRAINING_DIR, file), 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as unknown);
}

const CLAUDETTE_CATEGORIES = Object.values(CLAUDETTE_TAG_TO_CATEGORY) as CategoryId[];

// CLAUDETTE only annotates unfair-terms categories, but most of its untagged sentences are plainly
// about none of the privacy / AI categories either: they are kept as negatives for a category
// unless they use any word that could make them about it (then the row does not judge it).
const MAYBE_ABOUT: Partial<Record<CategoryId, RegExp>> = {
  'ai-training': /\b(train|model|machine|learn|artificial|AI|algorithm|improv|research|develop)/i,
  'human-review':
    /\b(review|moderat|staff|employee|personnel|contractor|human|read|access|monitor)/i,
  'ai-output': /\b(output|generat|AI|artificial|accura|reliab|machine)/i,
  'data-collection': /\b(data|information|collect|personal|privacy|process|use|record|log)/i,
  'data-sharing':
    /\b(data|information|share|sharing|disclos|third|partner|affiliate|sell|sale|advertis|transfer|authorit)/i,
  'data-retention':
    /\b(data|information|retain|retention|keep|kept|store|delet|remov|period|anonymi)/i,
  tracking: /\b(cookie|track|pixel|beacon|analytic|device|identifier|SDK|advertis|browser|Do Not)/i,
  'user-rights':
    /\b(right|access|correct|delet|export|portab|object|request|data|information|privacy)/i,
  'opt-out':
    /\b(opt|choice|choose|setting|control|unsubscrib|withdraw|consent|refus|disable|turn off)/i,
  children: /\b(child|minor|age|years old|parent|guardian|teen|under 1|kid|school)/i,
  security: /\b(secur|protect|encrypt|breach|unauthori|password|safeguard)/i,
  'international-transfer':
    /\b(transfer|countr|abroad|outside|international|United States|EEA|Europe|server|store|located)/i,
  'content-license': /\b(licen|content|right|own|intellectual|copyright|submit|post|upload)/i,
  indemnification: /\b(indemn|hold harmless|defend|claim|loss|damage|expense|fee)/i,
};

function claudetteKnown(text: string): CategoryId[] {
  return CATEGORY_IDS.filter(
    (category) => CLAUDETTE_CATEGORIES.includes(category) || !MAYBE_ABOUT[category]?.test(text),
  );
}
// CLAUDETTE degree: 1 clearly fair, 2 potentially unfair, 3 clearly unfair. A clearly fair clause
// ("you may bring proceedings in the courts where you live") costs the reader nothing, which the
// taxonomy calls `info`, as our own labels do; read as `low` (until 2026-11-24) it taught the
// severity model that courts of the reader's residence are a concern, against our own labels.
const CLAUDETTE_DEGREE_SEVERITY: Readonly<Record<string, Severity>> = {
  '1': 'info',
  '2': 'medium',
  '3': 'high',
};

function maxSeverity(severities: readonly Severity[]): Severity | null {
  let best: Severity | null = null;
  for (const severity of severities) {
    if (best === null || severityRank(severity) > severityRank(best)) best = severity;
  }
  return best;
}

/**
 * Each row's context as the classifier will see it on a page (`clauseContexts`), with the last
 * heading-like row above it as its heading. `documentOf` names a row's document, `positionOf` its
 * place in it; rows keep their order.
 */
function contextsOf<Row extends { text: string }>(
  rows: readonly Row[],
  documentOf: (row: Row) => string,
  positionOf: (row: Row, index: number) => number,
): ClauseContext[] {
  const documents = new Map<string, number[]>();
  rows.forEach((row, index) => {
    const name = documentOf(row);
    const members = documents.get(name);
    if (members) members.push(index);
    else documents.set(name, [index]);
  });
  const contexts: ClauseContext[] = rows.map(() => ({}));
  for (const members of documents.values()) {
    members.sort((left, right) => positionOf(rows[left]!, left) - positionOf(rows[right]!, right));
    // A heading row belongs to the section above it, as on a page, where it is no clause at all.
    let heading: string | null = null;
    const inOrder = members.map((index) => {
      const { text } = rows[index]!;
      const clause = { text, heading };
      if (looksLikeHeading(text)) heading = text;
      return clause;
    });
    clauseContexts(inOrder).forEach((context, position) => {
      contexts[members[position]!] = context;
    });
  }
  return contexts;
}

/**
 * CLAUDETTE's sentences in one language. The German, Italian and Polish documents are the same
 * services' own localised terms, tagged by the same scheme; only the eight terms categories are
 * judged there (which sentences could be about privacy is decided by English words).
 */
export function loadClaudette(language: ModelLanguage = 'en'): TrainingRow[] {
  const line = z.object({ service: z.string(), text: z.string(), tags: z.array(z.string()) });
  const rows = readJsonLines(`claudette-${language}.jsonl`).map((value) => {
    const { service, text, tags } = line.parse(value);
    const categories = new Set<CategoryId>();
    const severities: Severity[] = [];
    for (const tag of tags) {
      const match = /^([a-z]+)([123])$/.exec(tag);
      if (!match) continue;
      const category =
        CLAUDETTE_TAG_TO_CATEGORY[match[1] as keyof typeof CLAUDETTE_TAG_TO_CATEGORY];
      if (!category) continue;
      categories.add(category);
      severities.push(CLAUDETTE_DEGREE_SEVERITY[match[2]!]!);
    }
    return {
      service,
      source: 'claudette' as const,
      group: companyGroup(service),
      text,
      categories: [...categories],
      known: language === 'en' ? claudetteKnown(text) : CLAUDETTE_CATEGORIES,
      severity: maxSeverity(severities),
    };
  });
  // The CLAUDETTE file lists each terms of service's sentences in order; a company may have several.
  const contexts = contextsOf(
    rows,
    (row) => row.service,
    (_, index) => index,
  );
  return rows.map(({ service, ...row }, index) => ({
    ...row,
    context: contexts[index]!,
    document: `claudette-${language}\u0000${service}`,
    position: index,
  }));
}

export function loadTosdr(): TrainingRow[] {
  const caseMap = tosdrCaseMapSchema.parse(
    JSON.parse(readFileSync(join(TRAINING_DIR, 'tosdr-case-map.json'), 'utf8')),
  );
  const line = z.object({ service: z.string(), case: z.string(), quote: z.string() });
  return readJsonLines('tosdr-points.jsonl').flatMap((value) => {
    const point = line.parse(value);
    const mapped = caseMap.cases[point.case];
    if (!mapped) return [];
    const severity =
      mapped.categories.length > 0
        ? (caseMap.severityByClassification[mapped.classification] ?? null)
        : null;
    return [
      {
        source: 'tosdr' as const,
        group: companyGroup(point.service),
        text: point.quote,
        categories: mapped.categories,
        known: CATEGORY_IDS,
        severity,
      },
    ];
  });
}

/** Own labels; `ai-labels-terms-heldback.jsonl` has the same format but is not trained on. */
export function loadAiLabels(file = 'ai-labels.jsonl'): TrainingRow[] {
  const labels = readJsonLines(file).map((value) => aiLabelSchema.parse(value));
  const documentOf = (label: AiLabel) =>
    `${label.service}\u0000${label.document}\u0000${label.version ?? ''}`;
  const positionOf = (label: AiLabel, index: number) => label.index ?? index;
  const contexts = contextsOf(labels, documentOf, positionOf);
  return labels.map((label, index) => ({
    source: 'ai-labels' as const,
    group: companyGroup(label.service),
    text: label.text,
    categories: label.categories,
    known: CATEGORY_IDS,
    severity: label.categories.length > 0 ? label.severity : null,
    context: contexts[index]!,
    document: `ai-labels\u0000${documentOf(label)}`,
    position: positionOf(label, index),
  }));
}

/**
 * The rows at `indices` as pages: each document's rows in document order, each row without a
 * document (a quote) alone; pages in the order their first row comes.
 */
export function rowsByDocument(
  rows: readonly TrainingRow[],
  indices: readonly number[] = rows.map((_, index) => index),
): number[][] {
  const documents = new Map<string, number[]>();
  const pages: number[][] = [];
  for (const index of indices) {
    const { document } = rows[index]!;
    const members = document === undefined ? undefined : documents.get(document);
    if (members) {
      members.push(index);
      continue;
    }
    const page = [index];
    if (document !== undefined) documents.set(document, page);
    pages.push(page);
  }
  for (const page of pages) {
    page.sort((left, right) => (rows[left]!.position ?? 0) - (rows[right]!.position ?? 0));
  }
  return pages;
}

export function loadAll(): TrainingRow[] {
  return [...loadClaudette(), ...loadTosdr(), ...loadAiLabels()];
}
