import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { askBackground } from '@/lib/messaging/client';
import { isHighlightingEnabled } from '@/lib/settings/settings';
import { queryKeys, settingsQuery } from '@/lib/ui/queries';

/** The per-site switch: highlighting on this site on or off (the panel keeps working). */
export function HighlightSwitch({ url }: { url: string }) {
  const client = useQueryClient();
  const settings = useQuery(settingsQuery());
  const host = hostOf(url);
  const toggle = useMutation({
    mutationFn: async (enabled: boolean) => {
      const current = settings.data?.highlightDisabledHosts ?? [];
      const next = enabled
        ? current.filter((candidate) => candidate !== host)
        : [...new Set([...current, host])];
      return askBackground({ type: 'settings/update', patch: { highlightDisabledHosts: next } });
    },
    // Settled only once the refetched settings are in, so the box never flips back meanwhile.
    onSettled: () => client.invalidateQueries({ queryKey: queryKeys.settings() }),
  });
  if (!settings.data || host === '') return null;
  return (
    <label className="row small">
      <input
        type="checkbox"
        checked={toggle.isPending ? toggle.variables : isHighlightingEnabled(settings.data, host)}
        onChange={(event) => toggle.mutate(event.target.checked)}
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
