import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { askBackground } from '@/lib/messaging/client';
import { queryKeys } from '@/lib/ui/queries';

const megabytes = (bytes: number) => `${(bytes / 1_000_000).toFixed(1)} MB`;

export function UserData() {
  const client = useQueryClient();
  // The browser's own figure for this extension's storage: when it nears the quota, Fineprint
  // drops its oldest snapshots first and says so on the page it could not save.
  const usage = useQuery({
    queryKey: [...queryKeys.all, 'storage-estimate'],
    queryFn: () => navigator.storage.estimate(),
  });
  const storageStatus = useQuery({
    queryKey: [...queryKeys.all, 'storage-status'],
    queryFn: () => askBackground({ type: 'storage/get-status' }),
  });
  const exportData = useMutation({
    mutationFn: async () => {
      const data = await askBackground({ type: 'data/export' });
      const blob = new Blob([JSON.stringify(data, null, 2)], { type: 'application/json' });
      const link = document.createElement('a');
      link.href = URL.createObjectURL(blob);
      link.download = `fineprint-data-${new Date().toISOString().slice(0, 10)}.json`;
      link.click();
      URL.revokeObjectURL(link.href);
    },
  });
  const importData = useMutation({
    mutationFn: async (file: File) => {
      let parsed: unknown;
      try {
        parsed = JSON.parse(await file.text());
      } catch {
        throw new Error('This file is not JSON.');
      }
      return askBackground({ type: 'data/import', data: parsed });
    },
    onSettled: () => client.invalidateQueries({ queryKey: queryKeys.all }),
  });
  return (
    <section aria-labelledby="data-heading">
      <h2 id="data-heading">Your data</h2>
      <p className="small muted">
        Everything Fineprint remembers stays in this browser. Export it to keep a copy or move it to
        another browser.
      </p>
      <div className="row">
        <button type="button" onClick={() => exportData.mutate()}>
          Export my data
        </button>
        <label>
          Import{' '}
          <input
            type="file"
            accept="application/json,.json"
            data-testid="import-file"
            onChange={(event) => {
              const file = event.target.files?.[0];
              if (file) importData.mutate(file);
            }}
          />
        </label>
      </div>
      {storageStatus.data && (
        <p
          className={`small notice${storageStatus.data.state === 'pruned' ? '' : ' sev-high'}`}
          role="status"
          data-testid="storage-status"
        >
          {new Date(storageStatus.data.at).toLocaleString()}: {storageStatus.data.message}
        </p>
      )}
      {usage.data?.usage !== undefined && usage.data.quota !== undefined && (
        <p className="small muted" data-testid="storage-usage">
          Stored in this browser: {megabytes(usage.data.usage)} of the {megabytes(usage.data.quota)}{' '}
          it allows.
        </p>
      )}
      {importData.isSuccess && (
        <p role="status" data-testid="import-result">
          Imported {importData.data.watches} watched policies, {importData.data.snapshots} snapshots
          and {importData.data.changes} changes.
        </p>
      )}
      {importData.isError && (
        <p role="alert" className="notice sev-high" data-testid="import-error">
          Nothing was imported: {importData.error.message}
        </p>
      )}
    </section>
  );
}
