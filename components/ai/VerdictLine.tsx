import type { AutomaticVerdict, Verdict } from '@/lib/ui/ai-verdict';

/** The one-line answer at the top of an AI-training card, its icon hidden from screen readers. */
export function VerdictLine({ verdict }: { verdict: Verdict | AutomaticVerdict }) {
  return (
    <p
      className={`ai-verdict verdict-${verdict.kind}`}
      data-testid="ai-verdict"
      data-verdict={verdict.kind}
    >
      <span aria-hidden="true">{verdict.icon} </span>
      {verdict.text}
    </p>
  );
}
