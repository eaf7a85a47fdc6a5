import { useMutation, useQueryClient } from '@tanstack/react-query';
import { browser } from 'wxt/browser';
import { askBackground } from '@/lib/messaging/client';
import { docKeyFor } from '@/lib/tracking/reading-memory';
import { queryKeys } from '@/lib/ui/queries';

/** The host permission a watch needs, asked for at the moment the user chooses to watch. */
export function originPattern(url: string): string {
  const parsed = new URL(url);
  return `${parsed.protocol}//${parsed.hostname}/*`;
}

export function WatchButton({
  url,
  title,
  watched,
  tabId,
}: {
  url: string;
  title: string;
  watched: boolean;
  tabId: number;
}) {
  const client = useQueryClient();
  const toggle = useMutation({
    mutationFn: async () => {
      if (watched) {
        await askBackground({ type: 'watch/remove', docKey: docKeyFor(url) });
        return 'Stopped watching.';
      }
      // Must run first in the click handler: browsers only grant permissions on a user gesture.
      const granted = await browser.permissions.request({ origins: [originPattern(url)] });
      if (!granted) throw new Error('Fineprint needs permission to fetch this site to watch it.');
      const watch = await askBackground({ type: 'watch/add', url, title });
      return watch.lastCheckStatus ?? 'Watching.';
    },
    onSettled: () => client.invalidateQueries({ queryKey: queryKeys.tabState(tabId) }),
  });
  return (
    <span className="row">
      <button type="button" onClick={() => toggle.mutate()} disabled={toggle.isPending}>
        {watched ? 'Stop watching' : 'Watch this policy'}
      </button>
      {toggle.isSuccess && (
        <span className="small muted" role="status">
          {toggle.data}
        </span>
      )}
      {toggle.isError && (
        <span className="small sev-high" role="alert">
          {toggle.error.message}
        </span>
      )}
    </span>
  );
}
