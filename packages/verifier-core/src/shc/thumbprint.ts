import { encodeBase64Url, encodeUtf8 } from '../internal/bytes.js';
import { sha256Sync } from '../internal/sha256.js';

/**
 * RFC 7638 SHA-256 thumbprint of an EC public key, base64url: what a SMART
 * Health Card issuer must use as the key's `kid`. The members are written in
 * lexicographic order with no whitespace, as the RFC requires.
 */
export function ecJwkThumbprint(jwk: { crv: string; x: string; y: string }): string {
  const canonical = `{"crv":${JSON.stringify(jwk.crv)},"kty":"EC","x":${JSON.stringify(jwk.x)},"y":${JSON.stringify(jwk.y)}}`;
  return encodeBase64Url(sha256Sync(encodeUtf8(canonical)));
}
