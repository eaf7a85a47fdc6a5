import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { safeWebUrl } from '@/components/common/safe-url';
import { askBackground } from '@/lib/messaging/client';
import { historyQuery, queryKeys } from '@/lib/ui/queries';

/** What Fineprint remembers of the policies read, and the means to make it forget. */
export function ReadingHistory() {
  const client = useQueryClient();
  const history = useQuery(historyQuery());
  const forget = useMutation({
    mutationFn: (docKey: string) => askBackground({ type: 'history/forget', docKey }),
    onSettled: () => client.invalidateQueries({ queryKey: queryKeys.all }),
  });
  const forgetAll = useMutation({
    mutationFn: () => askBackground({ type: 'history/forget-all' }),
    onSettled: () => client.invalidateQueries({ queryKey: queryKeys.all }),
  });
  const entries = history.data ?? [];
  return (
    <section aria-labelledby="history-list-heading">
      <h2 id="history-list-heading">Policies you have read</h2>
      <p className="small muted">
        Fineprint keeps the text of the policies you read (the latest versions only) to tell you
        when they change. It never leaves this browser.
      </p>
      {entries.length === 0 && <p className="muted">Nothing read yet.</p>}
      <ul className="plain">
        {entries.map((entry) => (
          <li key={entry.docKey} className="card row" data-testid="history-entry">
            <span style={{ flex: 1 }}>
              {safeWebUrl(entry.url) ? (
                <a href={entry.url} target="_blank" rel="noreferrer">
                  {entry.title || entry.url}
                </a>
              ) : (
                <span>{entry.title || entry.url}</span>
              )}
              <span className="small muted">
                {' '}
                · last read {new Date(entry.lastReadAt).toLocaleDateString()} · {entry.snapshots}{' '}
                version{entry.snapshots === 1 ? '' : 's'} kept
              </span>
            </span>
            <button type="button" onClick={() => forget.mutate(entry.docKey)}>
              Forget
            </button>
          </li>
        ))}
      </ul>
      {entries.length > 0 && (
        <button
          type="button"
          onClick={() => {
            if (window.confirm('Forget every policy read, every change and every watch?')) {
              forgetAll.mutate();
            }
          }}
        >
          Forget everything
        </button>
      )}
    </section>
  );
}
