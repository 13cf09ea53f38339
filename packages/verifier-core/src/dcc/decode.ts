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
 * Buffers a scan decodes into, the same ones scan after scan: a fresh typed array of
 * this size costs about as much as decoding into it, and a scan would need three
 * (base45 bytes, the COSE, the Sig_structure). The COSE's fields are views into
 * `cose`, so every use of them must end before the scan's first `await`: a scan
 * started meanwhile decodes into the same buffers. WebCrypto takes a copy of what it
 * is given when called, so the signature check may start from `signed`.
 */
export interface DccScratch {
  base45: Uint8Array;
  cose: Uint8Array;
  signed: Uint8Array;
}
/** Base45 bytes of the longest text a QR code holds (4,296 characters), with room to spare. */
const SCRATCH_BASE45_BYTES = 4096;
/** The Sig_structure adds at most 20 bytes of CBOR around the COSE's protected header and payload. */
const SCRATCH_SIGNED_BYTES = MAX_DCC_COSE_BYTES + 32;
let scratch: DccScratch | undefined;
export const dccScratch = (): DccScratch => (scratch ??= {
  base45: new Uint8Array(SCRATCH_BASE45_BYTES),
  cose: new Uint8Array(MAX_DCC_COSE_BYTES),
  signed: new Uint8Array(SCRATCH_SIGNED_BYTES),
});

/**
 * Decodes an `HC1:` text as far as the COSE_Sign1 message, without checking anything
 * signed. The zlib checksum is left to the caller (`checksumHolds`, which must run
 * before anything is concluded), unless the COSE cannot be parsed: then a bad checksum
 * is the first thing wrong, and is what is reported. With `into`, the COSE is decoded
 * into those buffers (see DccScratch for the rule that comes with them).
 */
export function decodeDccCose(text: string, into?: DccScratch): { cose: CoseSign1; checksumHolds: () => boolean } {
  if (!text.startsWith(DCC_PREFIX)) throw new VerifierError('UNSUPPORTED_FORMAT', 'not an HC1: text');
  const compressed = decodeBase45(text, DCC_PREFIX.length, into?.base45);
  if (!compressed) throw new VerifierError('MALFORMED', 'base45');
  const { output, checksumHolds } = inflateZlibUnchecked(compressed, MAX_DCC_COSE_BYTES, into?.cose);
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
