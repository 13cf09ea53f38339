// Signed trust bundles: a TrustBundle as the payload of a compact JWS (RFC 7515
// §7.1) signed ES256 (RFC 7518 §3.4: ECDSA P-256 with SHA-256, the signature
// being R || S, 64 bytes) by the venue's own key. Only ES256 is accepted, with
// no `crit`, `jku`, `jwk`, `x5u` or `b64` games: the key is the one the caller gives.
import { TrustError } from '../errors.js';
import { decodeBase64Url, decodeUtf8, encodeBase64Url, encodeUtf8, isObject, parseJson } from '../internal/bytes.js';
import type { TrustBundle } from '../types.js';

/** `typ` of a signed bundle's protected header. */
export const SIGNED_BUNDLE_TYPE = 'pass-check-trust+jws';
/** A signed bundle larger than this is refused before any parsing (a full VCI build is ~2 MB). */
export const MAX_SIGNED_BUNDLE_CHARS = 64 * 1024 * 1024;

const P256_COORDINATE_BYTES = 32;

function jwkPart(jwk: unknown, privatePart: boolean): JsonWebKey {
  if (!isObject(jwk) || jwk.kty !== 'EC' || jwk.crv !== 'P-256') throw new TypeError('bundle key: expected an EC P-256 JWK');
  for (const c of privatePart ? ['x', 'y', 'd'] : ['x', 'y']) {
    const bytes = typeof jwk[c] === 'string' ? decodeBase64Url(jwk[c] as string) : undefined;
    if (!bytes || bytes.length !== P256_COORDINATE_BYTES) throw new TypeError(`bundle key: bad ${c}`);
  }
  const out: JsonWebKey = { kty: 'EC', crv: 'P-256', x: jwk.x as string, y: jwk.y as string, ext: true };
  if (privatePart) out.d = jwk.d as string;
  return out;
}

/** Signs a bundle with a private P-256 JWK: returns the compact JWS to publish. */
export async function signBundle(bundle: TrustBundle, privateJwk: JsonWebKey): Promise<string> {
  if (!isObject(bundle) || bundle.version !== 1) throw new TypeError('signBundle: not a pass-check TrustBundle (version 1)');
  if (typeof bundle.updated !== 'string' || Number.isNaN(Date.parse(bundle.updated))) {
    throw new TypeError('signBundle: the bundle needs `updated` (when it was built): rollback protection compares it');
  }
  const key = await crypto.subtle.importKey('jwk', jwkPart(privateJwk, true), { name: 'ECDSA', namedCurve: 'P-256' }, false, ['sign']);
  const header = encodeBase64Url(encodeUtf8(JSON.stringify({ alg: 'ES256', typ: SIGNED_BUNDLE_TYPE })));
  const payload = encodeBase64Url(encodeUtf8(JSON.stringify(bundle)));
  const signature = new Uint8Array(await crypto.subtle.sign({ name: 'ECDSA', hash: 'SHA-256' }, key, encodeUtf8(`${header}.${payload}`) as Uint8Array<ArrayBuffer>));
  return `${header}.${payload}.${encodeBase64Url(signature)}`;
}

/**
 * Checks a signed bundle against the venue's public key and returns its bundle.
 * Throws TrustError: BUNDLE_UNSIGNED (not a compact JWS), BUNDLE_SIGNATURE
 * (another alg, another key, or tampered), BUNDLE_INVALID (the payload is not a bundle).
 */
export async function openSignedBundle(jws: unknown, publicJwk: JsonWebKey): Promise<TrustBundle> {
  if (typeof jws !== 'string') throw new TrustError('BUNDLE_UNSIGNED', 'the bundle is not signed: a signed bundle is a compact JWS string');
  const text = jws.trim();
  if (text.length > MAX_SIGNED_BUNDLE_CHARS) throw new TrustError('BUNDLE_INVALID', 'signed bundle is too large');
  const parts = text.split('.');
  if (parts.length !== 3 || parts.some((p) => !/^[A-Za-z0-9_-]*$/.test(p))) {
    throw new TrustError('BUNDLE_UNSIGNED', 'the bundle is not signed: not a compact JWS');
  }
  const [h, p, s] = parts as [string, string, string];
  const headerBytes = decodeBase64Url(h);
  const header = headerBytes && parseJson(decodeUtf8(headerBytes) ?? '');
  if (!isObject(header) || header.alg !== 'ES256') throw new TrustError('BUNDLE_SIGNATURE', 'signed bundle: only ES256 is accepted');
  // The type, exactly: a JWS of another kind signed by the same key (a token, another list) is no bundle.
  if (header.typ !== SIGNED_BUNDLE_TYPE) throw new TrustError('BUNDLE_SIGNATURE', `signed bundle: typ must be ${SIGNED_BUNDLE_TYPE}`);
  if ('crit' in header || 'b64' in header) throw new TrustError('BUNDLE_SIGNATURE', 'signed bundle: unsupported header parameters');
  const signature = decodeBase64Url(s);
  if (!signature || signature.length !== 64) throw new TrustError('BUNDLE_SIGNATURE', 'signed bundle: an ES256 signature is 64 bytes');
  let key: CryptoKey;
  try {
    key = await crypto.subtle.importKey('jwk', jwkPart(publicJwk, false), { name: 'ECDSA', namedCurve: 'P-256' }, false, ['verify']);
  } catch (e) {
    throw new TypeError(`importBundle: key must be the venue's public P-256 JWK (${(e as Error).message})`);
  }
  const ok = await crypto.subtle.verify({ name: 'ECDSA', hash: 'SHA-256' }, key, signature as Uint8Array<ArrayBuffer>, encodeUtf8(`${h}.${p}`) as Uint8Array<ArrayBuffer>);
  if (!ok) throw new TrustError('BUNDLE_SIGNATURE', 'signed bundle: the signature is not by the venue key (or the bundle was changed)');
  const payloadBytes = decodeBase64Url(p);
  const bundle = payloadBytes && parseJson(decodeUtf8(payloadBytes) ?? '');
  if (!isObject(bundle) || bundle.version !== 1) throw new TrustError('BUNDLE_INVALID', 'signed bundle: the payload is not a TrustBundle (version 1)');
  if (typeof bundle.updated !== 'string' || Number.isNaN(Date.parse(bundle.updated))) {
    throw new TrustError('BUNDLE_INVALID', 'signed bundle: no build time (`updated`)');
  }
  return bundle as unknown as TrustBundle;
}
