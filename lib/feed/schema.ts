import { z } from 'zod';
import { categoryIdSchema, documentTypeSchema, severitySchema } from '../taxonomy';

// One schema serves the curated sources (data/platforms/*.json), the built feed (public/feed)
// and the feed downloaded at run time: every claim carries verbatim excerpts of a dated version.

export const FEED_FORMAT_VERSION = 1;

const id = z
  .string()
  .min(1)
  .max(80)
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'ids are lower-case kebab-case');
const text = (max: number) => z.string().trim().min(1).max(max);
/** Links shown to users: https only, so no `javascript:` or `data:` URL can reach an href. */
export const httpsUrlSchema = z
  .string()
  .max(2048)
  .refine((value) => {
    try {
      return new URL(value).protocol === 'https:';
    } catch {
      return false;
    }
  }, 'must be an absolute https: URL');
const isoDate = z.iso.datetime({ offset: true }).or(z.iso.date());
const domain = z
  .string()
  .max(253)
  .regex(/^(?:[a-z0-9-]+\.)+[a-z]{2,}$/, 'a lower-case host name such as example.com');

export const excerptSchema = z.object({
  /** The `id` of one of the platform's documents. */
  document: id,
  /** The archived version quoted: its date, as in `documents[].versions[].date`. */
  version: isoDate,
  /** Verbatim text of that version (white space may differ). */
  text: text(2000),
});
export type Excerpt = z.infer<typeof excerptSchema>;

export const documentVersionSchema = z.object({
  date: isoDate,
  /** Path under data/archive/ of the archived text. */
  file: z.string().min(1).max(300),
});

export const policyDocumentSchema = z.object({
  id,
  type: documentTypeSchema,
  title: text(200),
  url: httpsUrlSchema,
  /** Other addresses the same document is served from (regional or legacy URLs). */
  alternateUrls: z.array(httpsUrlSchema).max(20).default([]),
  versions: z.array(documentVersionSchema).max(200).default([]),
});
export type PolicyDocument = z.infer<typeof policyDocumentSchema>;

export const provisionSchema = z.object({
  id,
  category: categoryIdSchema,
  severity: severitySchema,
  title: text(140),
  /** Plain-language "what this means for you", in our own words. */
  summary: text(1200),
  excerpts: z.array(excerptSchema).min(1).max(10),
  regulations: z.array(text(200)).max(10).default([]),
  jurisdictions: z.array(text(60)).max(10).default([]),
});
export type Provision = z.infer<typeof provisionSchema>;

export const productTierSchema = z.enum(['free', 'consumer-paid', 'business', 'api']);
export type ProductTier = z.infer<typeof productTierSchema>;

const sourcedNote = z.object({
  description: text(1200),
  excerpts: z.array(excerptSchema).min(1).max(10),
});

export const aiTrainingCardSchema = z.object({
  /** One plain-words sentence: the answer to "will my content train their models?". */
  verdict: text(300),
  trainsByDefault: z.enum(['yes', 'no', 'depends-on-tier']),
  tiers: z
    .array(
      z.object({
        tier: productTierSchema,
        label: text(120),
        trainsByDefault: z.boolean(),
        note: text(600).optional(),
        excerpts: z.array(excerptSchema).min(1).max(10),
      }),
    )
    .min(1)
    .max(8),
  optOut: z.object({
    available: z.boolean(),
    steps: z.array(text(300)).max(12),
    settingsUrl: httpsUrlSchema.nullable(),
    excerpts: z.array(excerptSchema).min(1).max(10),
  }),
  carveOuts: z
    .array(
      z.object({
        title: text(120),
        description: text(600),
        excerpts: z.array(excerptSchema).min(1).max(10),
      }),
    )
    .max(10),
  humanReview: sourcedNote.extend({ happens: z.boolean().nullable() }),
  retention: sourcedNote.nullable(),
});
export type AiTrainingCard = z.infer<typeof aiTrainingCardSchema>;

export const changeRecordSchema = z.object({
  document: id,
  date: isoDate,
  substantive: z.boolean(),
  /** What changed, in plain words. */
  summary: text(1200),
  categories: z.array(categoryIdSchema).max(30),
  added: z.number().int().nonnegative().default(0),
  removed: z.number().int().nonnegative().default(0),
  modified: z.number().int().nonnegative().default(0),
});
export type ChangeRecord = z.infer<typeof changeRecordSchema>;

export const platformKindSchema = z.enum(['ai', 'platform']);

/** Where a platform's pages live: a registrable domain (subdomains included) and, when one
 * domain hosts several platforms, the path prefixes that belong to this one. */
export const platformHostSchema = z.object({
  domain,
  pathPrefixes: z.array(z.string().startsWith('/').max(200)).max(20).default([]),
});
export type PlatformHost = z.infer<typeof platformHostSchema>;

export const platformSourceSchema = z.object({
  id,
  name: text(80),
  kind: platformKindSchema,
  hosts: z.array(platformHostSchema).min(1).max(30),
  documents: z.array(policyDocumentSchema).min(1).max(20),
  provisions: z.array(provisionSchema).max(80),
  aiTraining: aiTrainingCardSchema.nullable().default(null),
});
export type PlatformSource = z.infer<typeof platformSourceSchema>;

/** A built shard: the source plus the change records derived from its archived versions. */
export const platformShardSchema = platformSourceSchema.extend({
  language: z.string().min(2).max(20).default('en'),
  changes: z.array(changeRecordSchema).max(500).default([]),
});
export type PlatformShard = z.infer<typeof platformShardSchema>;

export const feedIndexEntrySchema = z.object({
  id,
  name: text(80),
  kind: platformKindSchema,
  hosts: z.array(platformHostSchema).min(1).max(30),
  documents: z
    .array(
      policyDocumentSchema.pick({
        id: true,
        type: true,
        title: true,
        url: true,
        alternateUrls: true,
      }),
    )
    .max(20),
  /** Path of the shard relative to the index. */
  shard: z.string().regex(/^shards\/[a-z0-9-]+\.json$/),
  /** Hex SHA-256 of the shard file's bytes. */
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  /** Date of the newest archived version among the platform's documents. */
  updatedAt: isoDate.nullable(),
});
export type FeedIndexEntry = z.infer<typeof feedIndexEntrySchema>;

export const feedIndexSchema = z.object({
  formatVersion: z.literal(FEED_FORMAT_VERSION),
  /** Monotonic: a feed whose version is lower than the stored one is refused. */
  version: z.number().int().positive(),
  publishedAt: isoDate,
  languages: z.array(z.string().min(2).max(20)).min(1).default(['en']),
  platforms: z.array(feedIndexEntrySchema).max(2000),
});
export type FeedIndex = z.infer<typeof feedIndexSchema>;
