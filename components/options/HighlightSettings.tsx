import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useDraft } from '@/components/common/useDraft';
import { askBackground } from '@/lib/messaging/client';
import { queryKeys, settingsQuery } from '@/lib/ui/queries';

export function HighlightSettings() {
  const client = useQueryClient();
  const settings = useQuery(settingsQuery());
  const [hosts, setHosts] = useDraft(settings.data?.highlightDisabledHosts.join('\n'), '');
  const save = useMutation({
    mutationFn: (list: string[]) =>
      askBackground({ type: 'settings/update', patch: { highlightDisabledHosts: list } }),
    onSuccess: () => client.invalidateQueries({ queryKey: queryKeys.settings() }),
  });
  return (
    <section aria-labelledby="highlighting-heading">
      <h2 id="highlighting-heading">Highlighting</h2>
      <label>
        Sites where Fineprint does not highlight (one host name a line)
        <textarea
          rows={4}
          style={{ display: 'block', width: '100%' }}
          value={hosts}
          onChange={(event) => setHosts(event.target.value)}
        />
      </label>
      <button
        type="button"
        onClick={() =>
          save.mutate(
            hosts
              .split('\n')
              .map((host) => host.trim().toLowerCase())
              .filter(Boolean),
          )
        }
      >
        Save
      </button>
      {save.isSuccess && <span role="status"> Saved.</span>}
      {save.isError && <span role="alert"> {save.error.message}</span>}
    </section>
  );
}
