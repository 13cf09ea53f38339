import { derToRawEcdsa } from '../internal/ecdsa.js';
import { decodeBase64, encodeUtf8 } from '../internal/bytes.js';

const P256_RAW_SIGNATURE_BYTES = 64;
/** A DER P-256 signature is at most 72 bytes; base64 of anything longer is not a signature. */
const MAX_SIGNATURE_CHARS = 128;

/**
 * The raw r‖s forms a `signatureValue` may stand for: base64url of DER (what
 * issued credentials carry) or base64 of raw r‖s (what IBM's issuer code can
 * also write). Both are tried, so a raw signature whose first byte happens to
 * look like DER still verifies.
 */
export function signatureCandidates(signatureValue: string): Uint8Array[] {
  if (signatureValue.length === 0 || signatureValue.length > MAX_SIGNATURE_CHARS) return [];
  const bytes = decodeBase64(signatureValue);
  if (!bytes) return [];
  const candidates: Uint8Array[] = [];
  const fromDer = derToRawEcdsa(bytes, 32);
  if (fromDer) candidates.push(fromDer);
  if (bytes.length === P256_RAW_SIGNATURE_BYTES) candidates.push(bytes);
  return candidates;
}

/** ECDSA P-256 / SHA-256 over the UTF-8 of `signedText`. */
export async function verifyIdhpSignature(key: CryptoKey, signedText: string, signatureValue: string): Promise<boolean> {
  const data = encodeUtf8(signedText) as Uint8Array<ArrayBuffer>;
  for (const raw of signatureCandidates(signatureValue)) {
    try {
      if (await crypto.subtle.verify({ name: 'ECDSA', hash: 'SHA-256' }, key, raw as Uint8Array<ArrayBuffer>, data)) return true;
    } catch {
      // a malformed signature is simply not a valid one
    }
  }
  return false;
}
