import type { Provision } from '@/lib/feed/schema';

/** The regulations a curated provision touches and where it applies; nothing when neither is known. */
export function ProvisionScope({
  provision,
}: {
  provision: Pick<Provision, 'regulations' | 'jurisdictions'>;
}) {
  const { regulations, jurisdictions } = provision;
  if (regulations.length === 0 && jurisdictions.length === 0) return null;
  return (
    <p className="small muted">
      {regulations.length > 0 && <>Regulations: {regulations.join('; ')}. </>}
      {jurisdictions.length > 0 && <>Applies in: {jurisdictions.join(', ')}.</>}
    </p>
  );
}
