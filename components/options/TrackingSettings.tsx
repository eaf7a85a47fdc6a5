import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { browser } from 'wxt/browser';
import { askBackground } from '@/lib/messaging/client';
import type { Settings } from '@/lib/settings/settings';
import { queryKeys, settingsQuery } from '@/lib/ui/queries';

const INTERVALS = [
  [6, 'Every 6 hours'],
  [12, 'Every 12 hours'],
  [24, 'Daily'],
  [24 * 7, 'Weekly'],
] as const;

export function TrackingSettings() {
  const client = useQueryClient();
  const settings = useQuery(settingsQuery());
  const save = useMutation({
    mutationFn: async (patch: Partial<Settings>) => {
      // Asked inside the click, and only when the user turns notifications on.
      if (patch.notifications) {
        const granted = await browser.permissions.request({ permissions: ['notifications'] });
        if (!granted) throw new Error('Notifications were not allowed.');
      }
      return askBackground({ type: 'settings/update', patch });
    },
    onSettled: () => client.invalidateQueries({ queryKey: queryKeys.settings() }),
  });
  if (!settings.data) return null;
  return (
    <section aria-labelledby="tracking-settings-heading">
      <h2 id="tracking-settings-heading">Change alerts</h2>
      <label className="row">
        Check watched policies
        <select
          value={settings.data.watchIntervalHours}
          onChange={(event) => save.mutate({ watchIntervalHours: Number(event.target.value) })}
          data-testid="watch-interval"
        >
          {INTERVALS.map(([hours, label]) => (
            <option key={hours} value={hours}>
              {label}
            </option>
          ))}
        </select>
      </label>
      <label className="row">
        <input
          type="checkbox"
          checked={settings.data.notifications}
          onChange={(event) => save.mutate({ notifications: event.target.checked })}
        />
        Also show a system notification when a watched policy changes
      </label>
      {save.isError && (
        <p role="alert" className="sev-high">
          {save.error.message}
        </p>
      )}
    </section>
  );
}
