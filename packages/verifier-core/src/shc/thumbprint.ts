import { encodeBase64Url, encodeUtf8 } from '../internal/bytes.js';
import { sha256Sync } from '../internal/sha256.js';

/**
 * RFC 7638 SHA-256 thumbprint of an EC public key, base64url: what a SMART
 * Health Card issuer must use as the key's `kid`. The members are written in
 * lexicographic order with no whitespace, as the RFC requires.
 */
export function ecJwkThumbprint(jwk: { crv: string; x: string; y: string }): string {
  const canonical = `{"crv":${JSON.stringify(jwk.crv)},"kty":"EC","x":${JSON.stringify(jwk.x)},"y":${JSON.stringify(jwk.y)}}`;
  return encodeBase64Url(sha256Sync(asciiBytes(canonical) ?? encodeUtf8(canonical)));
}

/**
 * The bytes of an ASCII string (its UTF-8), or undefined when it is not ASCII. A trust
 * import hashes a thousand of these: a call into TextEncoder each costs more than the copy.
 */
function asciiBytes(text: string): Uint8Array | undefined {
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c > 0x7f) return undefined;
    bytes[i] = c;
  }
  return bytes;
}
