import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { askBackground } from '@/lib/messaging/client';
import { isHighlightingEnabled } from '@/lib/settings/settings';
import { queryKeys, settingsQuery } from '@/lib/ui/queries';

/** The per-site switch: highlighting on this site on or off (the panel keeps working). */
export function HighlightSwitch({ url }: { url: string }) {
  const client = useQueryClient();
  const settings = useQuery(settingsQuery());
  const host = hostOf(url);
  // Set inside the change handler, so the controlled box shows the click at once; the mutation's
  // own state arrives a render later, and meanwhile React would put the old value back.
  const [chosen, setChosen] = useState<boolean | null>(null);
  const toggle = useMutation({
    mutationFn: async (enabled: boolean) => {
      const current = settings.data?.highlightDisabledHosts ?? [];
      const next = enabled
        ? current.filter((candidate) => candidate !== host)
        : [...new Set([...current, host])];
      return askBackground({ type: 'settings/update', patch: { highlightDisabledHosts: next } });
    },
    // The choice stays shown until the refetched settings are in, so the box never flips back.
    onSettled: async (_reply, _error, enabled) => {
      await client.invalidateQueries({ queryKey: queryKeys.settings() });
      // A later click may still be on its way: keep showing that one.
      setChosen((current) => (current === enabled ? null : current));
    },
  });
  if (!settings.data || host === '') return null;
  return (
    <label className="row small">
      <input
        type="checkbox"
        checked={chosen ?? isHighlightingEnabled(settings.data, host)}
        onChange={(event) => {
          setChosen(event.target.checked);
          toggle.mutate(event.target.checked);
        }}
        data-testid="highlight-switch"
      />
      Highlight clauses on {host}
    </label>
  );
}

function hostOf(url: string): string {
  try {
    return new URL(url).hostname;
  } catch {
    return '';
  }
}
