/**
 * The Ed25519 public keys a remote feed's index must be signed with (see ./signature.ts).
 * They come from the build: `WXT_FEED_PUBLIC_KEYS` (comma-separated base64 raw keys) in the
 * committed `.env` for release builds and in `.env.e2e` for `wxt build --mode e2e`, whose test
 * key is trusted by that build only. Vite replaces the expression below with the string at build
 * time, so each bundle carries exactly the keys of its mode.
 */

declare global {
  interface ImportMetaEnv {
    readonly WXT_FEED_PUBLIC_KEYS?: string;
  }
}

/** Splits the comma-separated list; blanks are dropped. */
export function parseFeedPublicKeys(value: string | undefined): string[] {
  return (value ?? '')
    .split(',')
    .map((key) => key.trim())
    .filter((key) => key !== '');
}

export const FEED_PUBLIC_KEYS: readonly string[] = Object.freeze(
  parseFeedPublicKeys(import.meta.env.WXT_FEED_PUBLIC_KEYS),
);
