import { z } from 'zod';

// The ids below are a contract shared with the feed, the CLI and the tests
// (spec/taxonomy.md): never rename one, only add.

export const AI_CATEGORIES = ['ai-training', 'human-review', 'ai-output'] as const;

export const PRIVACY_CATEGORIES = [
  'data-collection',
  'data-sharing',
  'data-retention',
  'tracking',
  'user-rights',
  'opt-out',
  'children',
  'security',
  'international-transfer',
] as const;

export const TERMS_CATEGORIES = [
  'arbitration',
  'jurisdiction',
  'governing-law',
  'liability',
  'unilateral-change',
  'termination',
  'contract-by-using',
  'content-removal',
  'content-license',
  'indemnification',
] as const;

export const CATEGORY_IDS = [...AI_CATEGORIES, ...PRIVACY_CATEGORIES, ...TERMS_CATEGORIES] as const;
export const categoryIdSchema = z.enum(CATEGORY_IDS);
export type CategoryId = z.infer<typeof categoryIdSchema>;

/** The CLAUDETTE tag codes that map onto our terms categories (`pinc` has no counterpart). */
export const CLAUDETTE_TAG_TO_CATEGORY = {
  a: 'arbitration',
  j: 'jurisdiction',
  law: 'governing-law',
  ltd: 'liability',
  ch: 'unilateral-change',
  ter: 'termination',
  use: 'contract-by-using',
  cr: 'content-removal',
} as const satisfies Record<string, CategoryId>;

export const SEVERITIES = ['info', 'low', 'medium', 'high'] as const;
export const severitySchema = z.enum(SEVERITIES);
export type Severity = z.infer<typeof severitySchema>;

export function severityRank(severity: Severity): number {
  return SEVERITIES.indexOf(severity);
}

export const DOCUMENT_TYPES = [
  'terms-of-service',
  'privacy-policy',
  'cookie-policy',
  'acceptable-use-policy',
  'commercial-terms',
  'data-processing-agreement',
  'community-guidelines',
  'other-policy',
] as const;
export const documentTypeSchema = z.enum(DOCUMENT_TYPES);
export type DocumentType = z.infer<typeof documentTypeSchema>;

/** Open Terms Archive terms types, as named in its declarations, mapped to ours. */
export const OTA_TERMS_TYPE_TO_DOCUMENT_TYPE: Readonly<Record<string, DocumentType>> = {
  'Terms of Service': 'terms-of-service',
  'Privacy Policy': 'privacy-policy',
  'Trackers Policy': 'cookie-policy',
  'Acceptable Use Policy': 'acceptable-use-policy',
  'Commercial Terms': 'commercial-terms',
  'Data Processing Agreement': 'data-processing-agreement',
  'Community Guidelines': 'community-guidelines',
};

export const CATEGORY_LABELS: Readonly<Record<CategoryId, string>> = {
  'ai-training': 'AI training',
  'human-review': 'Human review',
  'ai-output': 'AI output',
  'data-collection': 'Data collection',
  'data-sharing': 'Data sharing',
  'data-retention': 'Data retention',
  tracking: 'Tracking',
  'user-rights': 'Your rights',
  'opt-out': 'Opt-out',
  children: 'Children',
  security: 'Security',
  'international-transfer': 'International transfer',
  arbitration: 'Arbitration',
  jurisdiction: 'Jurisdiction',
  'governing-law': 'Governing law',
  liability: 'Liability',
  'unilateral-change': 'Unilateral change',
  termination: 'Termination',
  'contract-by-using': 'Contract by using',
  'content-removal': 'Content removal',
  'content-license': 'Content licence',
  indemnification: 'Indemnification',
};

export const DOCUMENT_TYPE_LABELS: Readonly<Record<DocumentType, string>> = {
  'terms-of-service': 'Terms of service',
  'privacy-policy': 'Privacy policy',
  'cookie-policy': 'Cookie policy',
  'acceptable-use-policy': 'Acceptable use policy',
  'commercial-terms': 'Commercial terms',
  'data-processing-agreement': 'Data processing agreement',
  'community-guidelines': 'Community guidelines',
  'other-policy': 'Policy',
};
