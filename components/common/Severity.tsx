import { SEVERITY_LABELS } from '@/lib/explanations';
import type { Severity } from '@/lib/taxonomy';

const ICONS: Record<Severity, string> = { high: '▲', medium: '◆', low: '●', info: 'ℹ' };

/** Severity shown by colour, icon and words, so it never relies on colour alone. */
export function SeverityPill({ severity }: { severity: Severity }) {
  return (
    <span className={`pill sev-${severity}`}>
      <span aria-hidden="true">{ICONS[severity]}</span>
      {SEVERITY_LABELS[severity]}
    </span>
  );
}
