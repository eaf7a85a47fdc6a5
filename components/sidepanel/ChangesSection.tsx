import { useEffect, useState } from 'react';
import { SeverityPill } from '@/components/common/Severity';
import type { ChangeEvent } from '@/lib/db/schema';
import { askBackground } from '@/lib/messaging/client';
import { CATEGORY_LABELS } from '@/lib/taxonomy';
import { changeItemKey } from '@/lib/ui/change-keys';

const KIND_LABELS = { added: 'New', removed: 'Removed', modified: 'Reworded' } as const;

/**
 * "Changed since you last read it": shown once per change. Opening it marks the change seen
 * (clearing the badge); the section stays on screen until the panel is closed.
 */
export function ChangesSection({ changes }: { changes: readonly ChangeEvent[] }) {
  const [shown, setShown] = useState<readonly ChangeEvent[]>(changes);
  useEffect(() => {
    if (changes.length === 0) return;
    setShown((previous) => {
      const known = new Set(previous.map((change) => change.id));
      return [...previous, ...changes.filter((change) => !known.has(change.id))];
    });
    const ids = changes.flatMap((change) => (change.id === undefined ? [] : [change.id]));
    void askBackground({ type: 'changes/mark-seen', ids }).catch(() => {});
  }, [changes]);

  if (shown.length === 0) return null;
  const earliest = Math.min(...shown.map((change) => change.previousAt));
  return (
    <section className="notice" aria-labelledby="changes-heading" data-testid="changes">
      <h2 id="changes-heading">
        Changed since you last read it on {new Date(earliest).toLocaleDateString()}
      </h2>
      {shown.map((change) => (
        <div key={change.id ?? change.detectedAt}>
          <p>
            <strong>{change.summary}</strong>{' '}
            <span className="muted small">
              (noticed {new Date(change.detectedAt).toLocaleString()}
              {change.source === 'watch' ? ' by a scheduled check' : ''})
            </span>
          </p>
          <ul className="plain">
            {change.items.slice(0, 50).map((item) => (
              <li key={changeItemKey(item)} className="card" data-testid="change-item">
                <div className="row">
                  <span className="pill">{KIND_LABELS[item.kind]}</span>
                  {item.severity && <SeverityPill severity={item.severity} />}
                  {item.categories.map((category) => (
                    <span key={category} className="pill muted">
                      {CATEGORY_LABELS[category]}
                    </span>
                  ))}
                </div>
                {item.before !== null && item.kind !== 'added' && (
                  <blockquote>
                    <span className="visually-hidden">Before: </span>
                    <del>{item.before}</del>
                  </blockquote>
                )}
                {item.after !== null && (
                  <blockquote>
                    <span className="visually-hidden">Now: </span>
                    {item.after}
                  </blockquote>
                )}
              </li>
            ))}
          </ul>
          {change.items.length > 50 && (
            <p className="muted small">…and {change.items.length - 50} more changed clauses.</p>
          )}
        </div>
      ))}
    </section>
  );
}
