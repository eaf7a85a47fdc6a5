import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { parseFeedPublicKeys } from '../../lib/feed/feed-keys';
import {
  base64ToBytes,
  bytesToBase64,
  type FeedKeyPair,
  feedSignatureVerifier,
  generateFeedKeyPair,
  MAX_SIGNATURE_FILE_BYTES,
  signatureUrlFor,
  signFeedIndex,
  verifyFeedSignature,
} from '../../lib/feed/signature';
import type { FetchLike } from '../../lib/feed/sync';

const root = resolve(import.meta.dirname, '../..');
const INDEX = new TextEncoder().encode('{\n  "formatVersion": 1,\n  "version": 7\n}\n');

let signer: FeedKeyPair;
let other: FeedKeyPair;
let signature: string;

beforeAll(async () => {
  signer = await generateFeedKeyPair();
  other = await generateFeedKeyPair();
  signature = await signFeedIndex(INDEX, signer.privateKey);
});

function envKeys(file: string): string[] {
  const line = readFileSync(resolve(root, file), 'utf8')
    .split('\n')
    .find((text) => text.startsWith('WXT_FEED_PUBLIC_KEYS='));
  return parseFeedPublicKeys(line?.slice('WXT_FEED_PUBLIC_KEYS='.length));
}

async function publicKeyOfJwk(jwk: JsonWebKey): Promise<string> {
  // The public half of an OKP JWK is `x`, base64url of the raw key.
  const raw = base64ToBytes(
    `${jwk.x!.replaceAll('-', '+').replaceAll('_', '/')}${'='.repeat((4 - (jwk.x!.length % 4)) % 4)}`,
  );
  return bytesToBase64(raw!);
}

describe('verifyFeedSignature', () => {
  it('accepts a signature of the exact bytes by the key, and signing is deterministic', async () => {
    expect(base64ToBytes(signature)).toHaveLength(64);
    expect(base64ToBytes(signer.publicKey)).toHaveLength(32);
    expect(await verifyFeedSignature(INDEX, signature, [signer.publicKey])).toBe(true);
    expect(await verifyFeedSignature(INDEX, `${signature}\n`, [signer.publicKey])).toBe(true);
    expect(await signFeedIndex(INDEX, signer.privateKey)).toBe(signature);
  });

  it('signs with a PKCS#8 key as with its JWK', async () => {
    const key = await crypto.subtle.importKey('jwk', signer.privateKey, 'Ed25519', true, ['sign']);
    const pkcs8 = new Uint8Array(await crypto.subtle.exportKey('pkcs8', key));
    expect(await signFeedIndex(INDEX, pkcs8)).toBe(signature);
  });

  it('refuses the signature once any byte of the index changes', async () => {
    for (const position of [0, 5, Math.floor(INDEX.length / 2), INDEX.length - 1]) {
      const tampered = INDEX.slice();
      tampered[position] = tampered[position]! ^ 0x01;
      expect(await verifyFeedSignature(tampered, signature, [signer.publicKey])).toBe(false);
    }
    expect(await verifyFeedSignature(INDEX.slice(0, -1), signature, [signer.publicKey])).toBe(
      false,
    );
    const longer = new Uint8Array([...INDEX, 0x0a]);
    expect(await verifyFeedSignature(longer, signature, [signer.publicKey])).toBe(false);
  });

  it('refuses a flipped signature bit and a signature by another key', async () => {
    const flipped = base64ToBytes(signature)!;
    flipped[10] = flipped[10]! ^ 0x80;
    expect(await verifyFeedSignature(INDEX, bytesToBase64(flipped), [signer.publicKey])).toBe(
      false,
    );
    expect(await verifyFeedSignature(INDEX, signature, [other.publicKey])).toBe(false);
    const byOther = await signFeedIndex(INDEX, other.privateKey);
    expect(await verifyFeedSignature(INDEX, byOther, [signer.publicKey])).toBe(false);
  });

  it('trusts every listed key, so a key can be rotated, and no other', async () => {
    const byOther = await signFeedIndex(INDEX, other.privateKey);
    const both = [signer.publicKey, other.publicKey];
    expect(await verifyFeedSignature(INDEX, signature, both)).toBe(true);
    expect(await verifyFeedSignature(INDEX, byOther, both)).toBe(true);
    const third = await generateFeedKeyPair();
    const byThird = await signFeedIndex(INDEX, third.privateKey);
    expect(await verifyFeedSignature(INDEX, byThird, both)).toBe(false);
    expect(await verifyFeedSignature(INDEX, signature, [])).toBe(false);
  });

  it('treats malformed signatures and keys as not valid, without throwing', async () => {
    const malformed = [
      '',
      '   ',
      'not base64!',
      signature.slice(0, -4),
      signature.replaceAll('=', ''),
      `${signature}AAAA`,
      // URL-safe alphabet: a random signature may hold no '+' or '/', so one '-' is forced in.
      `-${signature.slice(1).replaceAll('+', '-').replaceAll('/', '_')}`,
      bytesToBase64(new Uint8Array(64)),
      bytesToBase64(new Uint8Array(63)),
      '\u0000'.repeat(88),
    ];
    for (const text of malformed) {
      expect(await verifyFeedSignature(INDEX, text, [signer.publicKey])).toBe(false);
    }
    const badKeys = ['', 'AAAA', signer.publicKey.slice(1), bytesToBase64(new Uint8Array(33))];
    expect(await verifyFeedSignature(INDEX, signature, badKeys)).toBe(false);
    expect(await verifyFeedSignature(INDEX, signature, [...badKeys, signer.publicKey])).toBe(true);
  });
});

describe('feedSignatureVerifier', () => {
  const FEED = 'https://feed.example.org/fineprint/';
  const SIG = 'https://feed.example.org/fineprint/index.json.sig';

  function serving(response: () => Response) {
    const requests: { url: string; init: RequestInit | undefined }[] = [];
    const fetch: FetchLike = async (url, init) => {
      requests.push({ url, init });
      return response();
    };
    return { fetch, requests };
  }

  it('fetches index.json.sig beside the index without credentials and accepts a good one', async () => {
    const { fetch, requests } = serving(() => new Response(`${signature}\n`));
    const verify = feedSignatureVerifier({ feedUrl: FEED, fetch, publicKeys: [signer.publicKey] });
    await expect(verify(INDEX)).resolves.toBeUndefined();
    expect(requests).toHaveLength(1);
    expect(requests[0]!.url).toBe(SIG);
    expect(requests[0]!.init).toMatchObject({ credentials: 'omit', referrerPolicy: 'no-referrer' });
    expect(signatureUrlFor(new URL('https://a.example/f/feed.json?x=1#y')).href).toBe(
      'https://a.example/f/feed.json.sig',
    );
  });

  it('says the signature is missing when it cannot be fetched', async () => {
    const cases: (() => Response)[] = [
      () => new Response('not found', { status: 404 }),
      () => new Response('', { status: 200 }),
      () => {
        throw new TypeError('Failed to fetch');
      },
    ];
    for (const response of cases) {
      const verify = feedSignatureVerifier({
        feedUrl: FEED,
        fetch: serving(response).fetch,
        publicKeys: [signer.publicKey],
      });
      await expect(verify(INDEX)).rejects.toThrow(/^The feed's signature is missing/);
    }
  });

  it('says the signature is invalid for a wrong, oversized or non-text signature', async () => {
    const byOther = await signFeedIndex(INDEX, other.privateKey);
    const bodies: BodyInit[] = [
      byOther,
      `${signature}${' '.repeat(MAX_SIGNATURE_FILE_BYTES)}`,
      new Uint8Array([0xff, 0xfe, 0x00]),
      '<html>Not found</html>',
    ];
    for (const body of bodies) {
      const verify = feedSignatureVerifier({
        feedUrl: FEED,
        fetch: serving(() => new Response(body)).fetch,
        publicKeys: [signer.publicKey],
      });
      await expect(verify(INDEX)).rejects.toThrow(/^The feed's signature is invalid/);
    }
  });

  it('says so when the browser has no Ed25519', async () => {
    const importKey = vi
      .spyOn(crypto.subtle, 'importKey')
      .mockRejectedValue(new DOMException('Unrecognized algorithm name', 'NotSupportedError'));
    try {
      const verify = feedSignatureVerifier({
        feedUrl: FEED,
        fetch: serving(() => new Response(signature)).fetch,
        publicKeys: [signer.publicKey],
      });
      await expect(verify(INDEX)).rejects.toThrow(/cannot check Ed25519 signatures/);
    } finally {
      importKey.mockRestore();
    }
  });

  it('refuses everything when the build trusts no key', async () => {
    const verify = feedSignatureVerifier({
      feedUrl: FEED,
      fetch: serving(() => new Response(signature)).fetch,
      publicKeys: [],
    });
    await expect(verify(INDEX)).rejects.toThrow(/trusts no feed key/);
  });
});

describe('the committed feed keys', () => {
  it('are well-formed 32-byte keys; release builds do not trust the e2e test key', async () => {
    const release = envKeys('.env');
    const e2e = envKeys('.env.e2e');
    expect(release.length).toBeGreaterThan(0);
    expect(e2e.length).toBeGreaterThan(0);
    for (const key of [...release, ...e2e]) expect(base64ToBytes(key)).toHaveLength(32);
    const e2ePrivate = JSON.parse(
      readFileSync(resolve(root, 'tests/fixtures/feed-keys/e2e-private-key.jwk'), 'utf8'),
    ) as JsonWebKey;
    const e2ePublic = await publicKeyOfJwk(e2ePrivate);
    expect(e2e).toEqual([e2ePublic]);
    expect(release).not.toContain(e2ePublic);
    const signed = await signFeedIndex(INDEX, e2ePrivate);
    expect(await verifyFeedSignature(INDEX, signed, e2e)).toBe(true);
    expect(await verifyFeedSignature(INDEX, signed, release)).toBe(false);
  });

  it('parse from a comma-separated list', () => {
    expect(parseFeedPublicKeys(undefined)).toEqual([]);
    expect(parseFeedPublicKeys(' a= , ,b= ')).toEqual(['a=', 'b=']);
  });
});
