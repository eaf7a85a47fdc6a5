import { storage } from 'wxt/utils/storage';
import { z } from 'zod';

// Settings live in extension storage (not Dexie) so the content script can read the per-site
// highlighting switch without a round trip. The one key is defined here, with its default,
// its version and its migrations.

export const settingsSchema = z.object({
  /** Remote feed index URL; '' means the bundled feed only. */
  feedUrl: z.string().max(2048),
  highlightDisabledHosts: z.array(z.string().max(253)).max(10_000),
  watchIntervalHours: z
    .number()
    .int()
    .min(1)
    .max(24 * 30),
  notifications: z.boolean(),
});
export type Settings = z.infer<typeof settingsSchema>;

export const DEFAULT_SETTINGS: Settings = {
  feedUrl: '',
  highlightDisabledHosts: [],
  watchIntervalHours: 24,
  notifications: false,
};

export const settingsItem = storage.defineItem<Settings>('local:settings', {
  fallback: DEFAULT_SETTINGS,
  version: 1,
  // Version n+1 adds `n+1: (previous) => next` here, and a fixture of version n to
  // tests/unit/db-migrations.test.ts.
  migrations: {},
});

/** Reads the settings, repairing a damaged value field by field instead of failing. */
export async function readSettings(): Promise<Settings> {
  const stored: unknown = await settingsItem.getValue();
  const parsed = settingsSchema.safeParse(stored);
  if (parsed.success) return parsed.data;
  const partial = typeof stored === 'object' && stored !== null ? stored : {};
  const repaired = { ...DEFAULT_SETTINGS };
  for (const key of Object.keys(DEFAULT_SETTINGS) as (keyof Settings)[]) {
    const field = settingsSchema.shape[key].safeParse((partial as Record<string, unknown>)[key]);
    if (field.success) Object.assign(repaired, { [key]: field.data });
  }
  return repaired;
}

export async function updateSettings(patch: Partial<Settings>): Promise<Settings> {
  const next = settingsSchema.parse({ ...(await readSettings()), ...patch });
  await settingsItem.setValue(next);
  return next;
}

export function isHighlightingEnabled(settings: Settings, host: string): boolean {
  return !settings.highlightDisabledHosts.includes(host);
}
