/**
 * A page address fit for an href: http(s) only. Watched and read pages come from the user's own
 * browsing, but also from imported files, which could carry a `javascript:` or `data:` URL.
 */
export function safeWebUrl(value: string): string | null {
  try {
    const { protocol } = new URL(value);
    return protocol === 'https:' || protocol === 'http:' ? value : null;
  } catch {
    return null;
  }
}
