// HC1: text → COSE_Sign1 and its CWT claims. Every step is bounded; a failure is
// a VerifierError with the code of the step that failed.
import { VerifierError } from '../errors.js';
import { decodeBase45 } from '../internal/base45.js';
import { decodeCbor, type CborMap } from '../internal/cbor.js';
import { parseCoseSign1, type CoseSign1 } from '../internal/cose.js';
import { inflateZlibUnchecked } from '../internal/inflate.js';

export const DCC_PREFIX = 'HC1:';
/** Largest inflated COSE we accept: real DCCs are under 2 KB, a QR code holds at most ~3 KB of base45. */
export const MAX_DCC_COSE_BYTES = 32 * 1024;

export interface DecodedDcc {
  cose: CoseSign1;
  claims: CborMap;
}

/**
 * Decodes an `HC1:` text as far as the COSE_Sign1 message, without checking anything
 * signed. The zlib checksum is left to the caller (`checksumHolds`, which must run
 * before anything is concluded), unless the COSE cannot be parsed: then a bad checksum
 * is the first thing wrong, and is what is reported.
 */
export function decodeDccCose(text: string): { cose: CoseSign1; checksumHolds: () => boolean } {
  if (!text.startsWith(DCC_PREFIX)) throw new VerifierError('UNSUPPORTED_FORMAT', 'not an HC1: text');
  const compressed = decodeBase45(text, DCC_PREFIX.length);
  if (!compressed) throw new VerifierError('MALFORMED', 'base45');
  const { output, checksumHolds } = inflateZlibUnchecked(compressed, MAX_DCC_COSE_BYTES);
  const parsed = parseCoseSign1(output);
  if (parsed.error !== undefined) {
    if (!checksumHolds()) throw badChecksum();
    throw new VerifierError(parsed.error, parsed.why);
  }
  return { cose: parsed.cose, checksumHolds };
}

export const badChecksum = (): VerifierError => new VerifierError('BAD_COMPRESSION', 'inflate: Adler-32 mismatch');

/** The CWT claims map of a decoded COSE_Sign1 payload. */
export function decodeDccClaims(cose: CoseSign1): CborMap {
  const claims = decodeCbor(cose.payload);
  if (claims.error !== undefined) throw new VerifierError('MALFORMED', `CWT: ${claims.error}`);
  if (!(claims.value instanceof Map)) throw new VerifierError('MALFORMED', 'CWT: payload is not a map');
  return claims.value;
}

/** Decodes an `HC1:` text as far as the CWT claims map, without checking anything signed. */
export function decodeDcc(text: string): DecodedDcc {
  const { cose, checksumHolds } = decodeDccCose(text);
  if (!checksumHolds()) throw badChecksum();
  return { cose, claims: decodeDccClaims(cose) };
}
