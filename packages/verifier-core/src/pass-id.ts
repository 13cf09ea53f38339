// passId: one keyed identifier per signed pass, whatever its encoding.
//
// Each format module reduces a verified pass to the content its signature covers,
// minus everything a holder can change without the issuer's key: the compression
// (level, chunking, numeric or bare JWS, file wrapper), the signature bytes (an
// ECDSA signature (r, s) has a twin (r, n−s); base64 padding bits; DER or raw),
// JSON whitespace and key order. That content, framed field by field, is MACed
// with HMAC-SHA-256 under the venue's key: equal passes give equal ids at one
// venue's gates, and ids from two venues (two keys) cannot be linked.
import { encodeBase64Url, encodeUtf8 } from './internal/bytes.js';
import { hmacSha256Keyed } from './internal/sha256.js';

/** Shortest accepted passIdKey: an empty key would make ids linkable across venues. */
export const MIN_PASS_ID_KEY_BYTES = 1;

/** Identity bytes → passId; handed to the format modules. */
export type PassIdOf = (identity: Uint8Array) => string | Promise<string>;

/** The bytes a pass is identified by: fields, each prefixed by its 4-byte big-endian length. */
export function passIdentity(format: string, ...fields: (Uint8Array | string)[]): Uint8Array {
  const parts = [encodeUtf8(format), ...fields.map((f) => (typeof f === 'string' ? encodeUtf8(f) : f))];
  let size = 0;
  for (const p of parts) size += 4 + p.length;
  const out = new Uint8Array(size);
  let o = 0;
  for (const p of parts) {
    out[o] = p.length >>> 24; out[o + 1] = (p.length >>> 16) & 0xff; out[o + 2] = (p.length >>> 8) & 0xff; out[o + 3] = p.length & 0xff;
    out.set(p, o + 4);
    o += 4 + p.length;
  }
  return out;
}

/**
 * Checks a passIdKey option synchronously (caller mistakes throw at once) and returns its bytes, or the
 * key itself when it is already an HMAC-SHA-256 CryptoKey usable for signing (e.g. one kept non-extractable in IndexedDB).
 */
export function passIdKeyBytes(key: unknown): Uint8Array | CryptoKey | undefined {
  if (key === undefined) return undefined;
  if (typeof CryptoKey !== 'undefined' && key instanceof CryptoKey) {
    const algorithm = key.algorithm as HmacKeyAlgorithm;
    if (algorithm.name !== 'HMAC' || algorithm.hash?.name !== 'SHA-256' || !key.usages.includes('sign')) {
      throw new TypeError('createVerifier: a CryptoKey passIdKey must be an HMAC SHA-256 signing key');
    }
    return key;
  }
  const bytes = typeof key === 'string' ? encodeUtf8(key) : key instanceof Uint8Array ? key.slice() : undefined;
  if (!bytes) throw new TypeError('createVerifier: passIdKey must be a Uint8Array or a string');
  if (bytes.length < MIN_PASS_ID_KEY_BYTES) throw new TypeError('createVerifier: passIdKey must not be empty');
  return bytes;
}

/**
 * The function that turns a pass's identity bytes into its passId, HMAC-SHA-256 under the venue's key.
 * Key bytes (or none: 32 random bytes, so ids mean something to this verifier only) are MACed here,
 * synchronously, with the key's pad states computed once: 3–6 µs of CPU for a pass's identity against
 * about 40 µs for a WebCrypto call (docs/notes/measured.md). A CryptoKey (e.g. one kept non-extractable
 * in IndexedDB) cannot be read, so it is used through WebCrypto, started while the signature check runs.
 * Both give the same id for the same key bytes.
 */
export function passIdFunction(key: Uint8Array | CryptoKey | undefined): PassIdOf {
  if (key === undefined || key instanceof Uint8Array) {
    const mac = hmacSha256Keyed(key ?? crypto.getRandomValues(new Uint8Array(32)));
    return (identity) => encodeBase64Url(mac(identity));
  }
  return (identity) => {
    const id = crypto.subtle.sign('HMAC', key, identity as Uint8Array<ArrayBuffer>).then((bytes) => encodeBase64Url(new Uint8Array(bytes)));
    id.catch(() => {}); // a pass whose signature fails never awaits its id
    return id;
  };
}
