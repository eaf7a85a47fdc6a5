import { useState } from 'react';

/**
 * A form field's value: what is stored until the user edits it, then the user's draft. Copying
 * the stored value in an effect instead would overwrite whatever was typed before it loaded.
 */
export function useDraft<T>(stored: T | undefined, fallback: T): [T, (value: T) => void] {
  const [draft, setDraft] = useState<{ value: T } | null>(null);
  return [draft ? draft.value : (stored ?? fallback), (value) => setDraft({ value })];
}
