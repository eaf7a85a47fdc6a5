import type { ChangeItem } from '../db/schema';
import { fnv1a64 } from '../diff/normalize';

/** A stable React key for a change item: its kind and texts (a list never holds one edit twice). */
export function changeItemKey(item: Pick<ChangeItem, 'kind' | 'before' | 'after'>): string {
  return `${item.kind}-${fnv1a64(`${item.before ?? ''}\u0000${item.after ?? ''}`)}`;
}
