import type { WxtBrowser } from 'wxt/browser';
import type { ChangeEvent } from '../db/schema';

/**
 * A system notification for changes found while the user was not looking (watch checks, feed
 * updates), when they turned notifications on and granted the permission. Off by default.
 */
export async function notifyChanges(
  browser: WxtBrowser,
  changes: readonly ChangeEvent[],
  enabled: boolean,
): Promise<boolean> {
  if (!enabled || changes.length === 0 || !browser.notifications) return false;
  const granted = await browser.permissions.contains({ permissions: ['notifications'] });
  if (!granted) return false;
  const [first] = changes;
  const title =
    changes.length === 1 && first
      ? `Policy changed: ${first.title || new URL(first.url).hostname}`
      : `${changes.length} policies you follow changed`;
  await browser.notifications.create(`fineprint-changes-${Date.now()}`, {
    type: 'basic',
    iconUrl: browser.runtime.getURL('/icon/128.png'),
    title,
    message: first?.summary ?? '',
  });
  return true;
}
