// DCC revocation (EU DCC revocation lists): a pass is revoked when one of its
// hashes is listed. Hashes are SHA-256, compared on their first 16 bytes:
// - UVCI: of the UVCI (`ci`), UTF-8;
// - COUNTRYCODEUVCI: of the issuing country code followed by the UVCI, UTF-8;
// - SIGNATURE: of the COSE signature; for ECDSA of r alone (the first half),
//   because s can be replaced by n − s without breaking the signature.
import { encodeUtf8, toHex } from '../internal/bytes.js';
import { sha256Sync } from '../internal/sha256.js';
import { REVOCATION_HASH_BYTES, type DccTrust } from '../trust/dcc.js';

export interface RevocationSubject {
  kid: string;
  uvci: string;
  /** Country codes the issuing country may be read as: the entry's `co` and the CWT issuer (`iss`). */
  countries: string[];
  signature: Uint8Array;
  alg: 'ES256' | 'PS256';
}

const prefixHex = (bytes: Uint8Array): string => toHex(sha256Sync(bytes).subarray(0, REVOCATION_HASH_BYTES));

const encoder = new TextEncoder();
const utf8Scratch = new Uint8Array(256);
/** UTF-8 of a text about to be hashed: written into a reused buffer when it fits (a UVCI does), else a buffer of its own. */
const utf8 = (text: string): Uint8Array =>
  text.length * 3 <= utf8Scratch.length ? utf8Scratch.subarray(0, encoder.encodeInto(text, utf8Scratch).written) : encodeUtf8(text);

/**
 * undefined when no list applies to the signer (revocation not checked), else whether
 * the pass is listed. The hashes are computed here, synchronously: as WebCrypto digests
 * they were up to four round trips in a row, which nearly doubled a scan's time.
 */
export function isRevoked(trust: DccTrust, subject: RevocationSubject): boolean | undefined {
  const lists = trust.revocationListsFor(subject.kid);
  if (!lists.length) return undefined;
  const hashes = { UVCI: [] as string[], COUNTRYCODEUVCI: [] as string[], SIGNATURE: [] as string[] };
  const types = new Set(lists.map((l) => l.hashType));
  if (types.has('UVCI')) hashes.UVCI.push(prefixHex(utf8(subject.uvci)));
  if (types.has('COUNTRYCODEUVCI')) {
    for (const country of new Set(subject.countries)) hashes.COUNTRYCODEUVCI.push(prefixHex(utf8(country + subject.uvci)));
  }
  if (types.has('SIGNATURE')) {
    const signed = subject.alg === 'ES256' ? subject.signature.subarray(0, subject.signature.length / 2) : subject.signature;
    hashes.SIGNATURE.push(prefixHex(signed));
  }
  return lists.some((l) => hashes[l.hashType].some((h) => l.hashes.has(h)));
}
