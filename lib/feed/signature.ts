import { type FetchLike, resolveIndexUrl } from './sync';

/**
 * Feed signatures: the publisher signs the feed index with Ed25519 and the extension verifies it
 * with the public keys it ships (lib/feed/feed-keys.ts) before it trusts anything the index says.
 * Shards need no signature of their own: the signed index carries the SHA-256 of each one.
 *
 * Format: a detached file next to the index, `index.json.sig`, holding the standard base64 of
 * the 64-byte Ed25519 signature over the exact bytes of `index.json` as served (no
 * canonicalisation: re-encoding, re-indenting or adding a byte breaks it). ASCII white space
 * around the base64 (a final newline) is ignored. A detached signature keeps the index byte for
 * byte what `npm run build:feed` writes and leaves nothing to agree on about a canonical form.
 *
 * Keys are given as the standard base64 of the 32-byte raw public key; several may be trusted at
 * once so a key can be rotated: ship the new public key beside the old one, then sign with the
 * new key once that release is out, then drop the old key.
 *
 * Only remote feeds are checked. The bundled feed needs no signature: it is inside the extension
 * package, which the browser's store already signs.
 *
 * WebCrypto only (Chromium 137+, Firefox 129+, Node 20), so the same code runs in the extension,
 * in the build script and in tests.
 */

const ALGORITHM = { name: 'Ed25519' } as const;
const SIGNATURE_BYTES = 64;
const PUBLIC_KEY_BYTES = 32;
/** A signature file is 88 characters; anything much larger is not one. */
export const MAX_SIGNATURE_FILE_BYTES = 1024;
export const SIGNATURE_SUFFIX = '.sig';

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

export function bytesToBase64(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary);
}

/** Strict standard base64 (padding required); null for anything else. */
export function base64ToBytes(text: string): Uint8Array | null {
  if (!BASE64.test(text)) return null;
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let index = 0; index < binary.length; index++) bytes[index] = binary.charCodeAt(index);
  return bytes;
}

function asBuffer(bytes: Uint8Array): Uint8Array<ArrayBuffer> {
  return bytes as Uint8Array<ArrayBuffer>;
}

/** The browser lacks Ed25519 in WebCrypto: no signature can be checked, so none is accepted. */
export class SignatureUnsupportedError extends Error {
  constructor(cause: unknown) {
    super(
      `This browser cannot check Ed25519 signatures (${cause instanceof Error ? cause.message : String(cause)}).`,
    );
    this.name = 'SignatureUnsupportedError';
  }
}

async function importPublicKey(base64: string): Promise<CryptoKey | null> {
  const raw = base64ToBytes(base64.trim());
  if (!raw || raw.byteLength !== PUBLIC_KEY_BYTES) return null;
  try {
    return await crypto.subtle.importKey('raw', asBuffer(raw), ALGORITHM, false, ['verify']);
  } catch (error) {
    if (error instanceof Error && error.name === 'NotSupportedError') {
      throw new SignatureUnsupportedError(error);
    }
    return null;
  }
}

/**
 * True when `signatureBase64` is a valid Ed25519 signature of `indexBytes` by one of
 * `publicKeys`. Malformed signatures and malformed keys are simply not valid; it throws only
 * `SignatureUnsupportedError`, when the platform has no Ed25519.
 */
export async function verifyFeedSignature(
  indexBytes: Uint8Array,
  signatureBase64: string,
  publicKeys: readonly string[],
): Promise<boolean> {
  const signature = base64ToBytes(signatureBase64.trim());
  if (!signature || signature.byteLength !== SIGNATURE_BYTES) return false;
  for (const publicKey of publicKeys) {
    const key = await importPublicKey(publicKey);
    if (!key) continue;
    if (await crypto.subtle.verify(ALGORITHM, key, asBuffer(signature), asBuffer(indexBytes))) {
      return true;
    }
  }
  return false;
}

/**
 * The base64 Ed25519 signature of `indexBytes`. For the build script and tests: the private key
 * never ships. `privateKey` is a JWK (`{kty: 'OKP', crv: 'Ed25519', d, x}`) or PKCS#8 DER bytes.
 * Ed25519 is deterministic, so the same key and bytes always give the same signature.
 */
export async function signFeedIndex(
  indexBytes: Uint8Array,
  privateKey: JsonWebKey | Uint8Array,
): Promise<string> {
  const key =
    privateKey instanceof Uint8Array
      ? await crypto.subtle.importKey('pkcs8', asBuffer(privateKey), ALGORITHM, false, ['sign'])
      : await crypto.subtle.importKey('jwk', privateKey, ALGORITHM, false, ['sign']);
  const signature = await crypto.subtle.sign(ALGORITHM, key, asBuffer(indexBytes));
  return bytesToBase64(new Uint8Array(signature));
}

export interface FeedKeyPair {
  /** Base64 of the raw 32-byte public key, as listed in WXT_FEED_PUBLIC_KEYS. */
  publicKey: string;
  /** The private key as a JWK, for `signFeedIndex` and FINEPRINT_FEED_SIGNING_KEY. */
  privateKey: JsonWebKey;
}

export async function generateFeedKeyPair(): Promise<FeedKeyPair> {
  const pair = (await crypto.subtle.generateKey(ALGORITHM, true, [
    'sign',
    'verify',
  ])) as CryptoKeyPair;
  const raw = new Uint8Array(await crypto.subtle.exportKey('raw', pair.publicKey));
  return {
    publicKey: bytesToBase64(raw),
    privateKey: await crypto.subtle.exportKey('jwk', pair.privateKey),
  };
}

/** Where the signature of an index is published: the index URL plus `.sig`. */
export function signatureUrlFor(indexUrl: URL): URL {
  const url = new URL(indexUrl.href);
  url.search = '';
  url.hash = '';
  url.pathname += SIGNATURE_SUFFIX;
  return url;
}

export interface FeedSignatureCheck {
  /** The configured feed URL, as given to `syncFeed`; the index's `.sig` sibling is fetched. */
  feedUrl: string;
  fetch: FetchLike;
  publicKeys: readonly string[];
  signal?: AbortSignal;
}

/**
 * A `verifyIndex` hook for `syncFeed`: fetches the detached signature published beside the index,
 * without credentials or referrer, and throws (so the feed is refused and the last good one kept)
 * unless it is a valid signature of the index bytes by a trusted key.
 */
export function feedSignatureVerifier(
  check: FeedSignatureCheck,
): (indexBytes: Uint8Array) => Promise<void> {
  return async (indexBytes) => {
    if (check.publicKeys.length === 0) {
      throw new Error(
        "The feed's signature cannot be checked: this build of the extension trusts no feed key.",
      );
    }
    const url = signatureUrlFor(resolveIndexUrl(check.feedUrl));
    let response: Response;
    try {
      const init: RequestInit = {
        method: 'GET',
        credentials: 'omit',
        referrerPolicy: 'no-referrer',
        cache: 'no-cache',
        // Where the signature comes from does not matter, only whose key made it.
        redirect: 'follow',
      };
      if (check.signal) init.signal = check.signal;
      response = await check.fetch(url.href, init);
    } catch (error) {
      throw new Error(
        `The feed's signature is missing: ${url.href} could not be fetched (${error instanceof Error ? error.message : String(error)}).`,
      );
    }
    if (!response.ok) {
      throw new Error(
        `The feed's signature is missing: ${url.href} answered HTTP ${response.status}.`,
      );
    }
    const invalid = () =>
      new Error(
        `The feed's signature is invalid: ${url.href} is not a signature of this index by a key this extension trusts.`,
      );
    const declared = Number(response.headers.get('content-length'));
    if (Number.isFinite(declared) && declared > MAX_SIGNATURE_FILE_BYTES) throw invalid();
    const body = new Uint8Array(await response.arrayBuffer().catch(() => new ArrayBuffer(0)));
    if (body.byteLength === 0) {
      throw new Error(`The feed's signature is missing: ${url.href} is empty.`);
    }
    if (body.byteLength > MAX_SIGNATURE_FILE_BYTES) throw invalid();
    let text: string;
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(body);
    } catch {
      throw invalid();
    }
    if (!(await verifyFeedSignature(indexBytes, text, check.publicKeys))) throw invalid();
  };
}
