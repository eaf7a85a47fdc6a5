import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { SeverityPill } from '@/components/common/Severity';
import { safeWebUrl } from '@/components/common/safe-url';
import { askBackground } from '@/lib/messaging/client';
import { changeItemKey } from '@/lib/ui/change-keys';
import { changesQuery, queryKeys, watchesQuery } from '@/lib/ui/queries';

export function WatchList() {
  const client = useQueryClient();
  const watches = useQuery(watchesQuery());
  const remove = useMutation({
    mutationFn: (docKey: string) => askBackground({ type: 'watch/remove', docKey }),
    onSettled: () => client.invalidateQueries({ queryKey: queryKeys.all }),
  });
  const check = useMutation({
    mutationFn: () => askBackground({ type: 'watch/check-now' }),
    onSettled: () => client.invalidateQueries({ queryKey: queryKeys.all }),
  });
  return (
    <section aria-labelledby="watch-heading">
      <h2 id="watch-heading">Watched policies</h2>
      {watches.data?.length === 0 && (
        <p className="muted">
          Nothing watched yet. Open a policy and choose “Watch this policy” in the side panel.
        </p>
      )}
      <ul className="plain">
        {watches.data?.map((watch) => (
          <li key={watch.docKey} className="card" data-testid="watch">
            {safeWebUrl(watch.url) ? (
              <a href={watch.url} target="_blank" rel="noreferrer">
                {watch.title || watch.url}
              </a>
            ) : (
              <span>{watch.title || watch.url}</span>
            )}
            <p className="small muted">
              {watch.lastCheckedAt
                ? `Last checked ${new Date(watch.lastCheckedAt).toLocaleString()}: ${watch.lastCheckStatus ?? ''}`
                : 'Not checked yet'}
            </p>
            <button type="button" onClick={() => remove.mutate(watch.docKey)}>
              Stop watching
            </button>
          </li>
        ))}
      </ul>
      {(watches.data?.length ?? 0) > 0 && (
        <button type="button" onClick={() => check.mutate()} disabled={check.isPending}>
          {check.isPending ? 'Checking…' : 'Check now'}
        </button>
      )}
    </section>
  );
}

export function ChangeHistory() {
  const client = useQueryClient();
  const changes = useQuery(changesQuery());
  const markSeen = useMutation({
    mutationFn: (ids: number[]) => askBackground({ type: 'changes/mark-seen', ids }),
    onSettled: () => client.invalidateQueries({ queryKey: queryKeys.all }),
  });
  return (
    <section aria-labelledby="history-heading">
      <h2 id="history-heading">Policy changes</h2>
      {changes.data?.length === 0 && <p className="muted">No change noticed yet.</p>}
      <ul className="plain">
        {changes.data?.map((change) => (
          <li key={change.id} className="card" data-testid="change" data-seen={change.seen}>
            <details
              onToggle={(event) => {
                if ((event.target as HTMLDetailsElement).open && change.seen === 0 && change.id) {
                  markSeen.mutate([change.id]);
                }
              }}
            >
              <summary>
                {change.seen === 0 && <strong>New · </strong>}
                {change.title || change.url} — {new Date(change.detectedAt).toLocaleDateString()}
                {change.highestSeverity && (
                  <>
                    {' '}
                    <SeverityPill severity={change.highestSeverity} />
                  </>
                )}
              </summary>
              <p>{change.summary}</p>
              <ul>
                {change.items.slice(0, 20).map((item) => (
                  <li key={changeItemKey(item)} className="small">
                    {item.kind}: {item.after ?? item.before}
                  </li>
                ))}
              </ul>
            </details>
          </li>
        ))}
      </ul>
    </section>
  );
}
