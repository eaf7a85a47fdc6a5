import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { browser } from 'wxt/browser';
import { useDraft } from '@/components/common/useDraft';
import { originPattern } from '@/components/common/WatchButton';
import { askBackground } from '@/lib/messaging/client';
import { feedStatusQuery, queryKeys, settingsQuery } from '@/lib/ui/queries';

export function FeedSettings() {
  const client = useQueryClient();
  const settings = useQuery(settingsQuery());
  const status = useQuery(feedStatusQuery());
  const [url, setUrl] = useDraft(settings.data?.feedUrl, '');
  const save = useMutation({
    mutationFn: async (feedUrl: string) => {
      if (feedUrl !== '') {
        // Asked at the moment it is needed, inside the click: downloading the feed needs the
        // feed host's permission, and only that host's.
        const granted = await browser.permissions.request({ origins: [originPattern(feedUrl)] });
        if (!granted)
          throw new Error('Fineprint needs permission to download the feed from that site.');
      }
      await askBackground({ type: 'settings/update', patch: { feedUrl } });
      return askBackground({ type: 'feed/sync-now' });
    },
    onSettled: () => client.invalidateQueries({ queryKey: queryKeys.all }),
  });
  const feed = status.data;
  return (
    <section aria-labelledby="feed-heading">
      <h2 id="feed-heading">Provision feed</h2>
      <p className="small muted">
        Fineprint ships with a curated feed. You may point it at a feed published elsewhere (an
        https URL to its index.json); it downloads the whole feed and matches pages locally, so no
        request ever names a page you visit.
      </p>
      <form
        className="row"
        onSubmit={(event) => {
          event.preventDefault();
          save.mutate(url.trim());
        }}
      >
        <label>
          Feed URL{' '}
          <input
            type="url"
            size={48}
            placeholder="https://example.org/fineprint/index.json"
            value={url}
            onChange={(event) => setUrl(event.target.value)}
            data-testid="feed-url"
          />
        </label>
        <button type="submit" disabled={save.isPending}>
          Save and sync
        </button>
      </form>
      {feed && (
        <p data-testid="feed-status" role="status">
          Using the {feed.source === 'bundled' ? 'bundled' : 'remote'} feed, version {feed.version}{' '}
          ({feed.platformCount} platforms, published {feed.publishedAt.slice(0, 10)})
          {feed.lastSyncAt ? `; last sync ${new Date(feed.lastSyncAt).toLocaleString()}` : ''}.
        </p>
      )}
      {feed?.lastError && (
        <p className="notice sev-high" role="alert" data-testid="feed-error">
          The last sync failed and the previous feed was kept: {feed.lastError}
        </p>
      )}
      {save.isError && (
        <p className="notice sev-high" role="alert">
          {save.error.message}
        </p>
      )}
    </section>
  );
}
