// COSE_Sign1 (RFC 9052 §4.2) as EU DCCs carry it: optionally tag 18, optionally
// wrapped in the CWT tag 61, then [protected bstr, unprotected map, payload bstr,
// signature bstr]. Parsing never throws; it answers with an error code instead.
import type { ErrorCode } from '../errors.js';
import { CborTag, decodeCbor, encodeCbor, type CborMap, type CborValue } from './cbor.js';

export const COSE_SIGN1_TAG = 18;
export const CWT_TAG = 61;
/** COSE header labels and algorithm ids (IANA COSE registries). */
export const CoseHeader = { alg: 1, crit: 2, kid: 4 } as const;
export const CoseAlgorithm = { ES256: -7, PS256: -37 } as const;

export interface CoseSign1 {
  /** The protected header exactly as sent: it is part of what was signed. */
  protectedBytes: Uint8Array;
  protectedHeader: CborMap;
  unprotectedHeader: CborMap;
  payload: Uint8Array;
  signature: Uint8Array;
  /** alg from the protected header; unprotected only when the protected header is empty (see parseCoseSign1). */
  alg?: number;
  /** kid from the protected header, else from the unprotected one (the protected one wins). */
  kid?: Uint8Array;
}

export type CoseResult = { cose: CoseSign1; error?: undefined } | { error: ErrorCode; why: string; cose?: undefined };

/** Smaller than the default CBOR limits: a COSE_Sign1 envelope is shallow. */
const ENVELOPE_LIMITS = { maxDepth: 4, maxItems: 64, allowIndefinite: false };
const HEADER_LIMITS = { maxDepth: 4, maxItems: 64, allowIndefinite: false };

function headerValue(protectedHeader: CborMap, unprotectedHeader: CborMap, label: number): CborValue {
  return protectedHeader.has(label) ? protectedHeader.get(label) : unprotectedHeader.get(label);
}

/** Parses a COSE_Sign1 message. MALFORMED for broken CBOR or structure, BAD_HEADER for header fields of the wrong type. */
export function parseCoseSign1(bytes: Uint8Array): CoseResult {
  const decoded = decodeCbor(bytes, ENVELOPE_LIMITS);
  if (decoded.error !== undefined) return { error: 'MALFORMED', why: `COSE: ${decoded.error}` };
  let message = decoded.value;
  if (message instanceof CborTag && message.tag === CWT_TAG) message = message.value;
  if (message instanceof CborTag && message.tag === COSE_SIGN1_TAG) message = message.value;
  if (!Array.isArray(message) || message.length !== 4) return { error: 'MALFORMED', why: 'COSE: not a COSE_Sign1 array' };
  const [protectedBytes, unprotectedHeader, payload, signature] = message;
  if (!(protectedBytes instanceof Uint8Array) || !(unprotectedHeader instanceof Map)
    || !(payload instanceof Uint8Array) || !(signature instanceof Uint8Array)) {
    return { error: 'MALFORMED', why: 'COSE: wrong member types' };
  }
  let protectedHeader: CborMap = new Map();
  if (protectedBytes.length > 0) {
    const header = decodeCbor(protectedBytes, HEADER_LIMITS);
    if (header.error !== undefined || !(header.value instanceof Map)) return { error: 'MALFORMED', why: 'COSE: protected header is not a map' };
    protectedHeader = header.value;
  }
  const cose: CoseSign1 = { protectedBytes, protectedHeader, unprotectedHeader, payload, signature };
  // crit (RFC 9052 §3.1) lists header parameters a verifier must understand; this one understands no
  // extension, so any crit is refused (and crit may only ever be protected).
  if (protectedHeader.has(CoseHeader.crit) || unprotectedHeader.has(CoseHeader.crit)) return { error: 'BAD_HEADER', why: 'COSE: crit names parameters this verifier does not process' };
  // alg comes from the protected header. Only a message with no protected header at all (early encoders
  // wrote every header unprotected; the EU test vector CO20 is one) may name it unprotected: the signature
  // is then checked with the algorithm of the trusted key, which that alg must match (dcc/signature.ts).
  const alg = protectedHeader.size > 0 ? protectedHeader.get(CoseHeader.alg) : unprotectedHeader.get(CoseHeader.alg);
  if (alg !== undefined) {
    if (typeof alg !== 'number') return { error: 'BAD_HEADER', why: 'COSE: alg is not an integer' };
    cose.alg = alg;
  }
  const kid = headerValue(protectedHeader, unprotectedHeader, CoseHeader.kid);
  if (kid !== undefined) {
    if (!(kid instanceof Uint8Array)) return { error: 'BAD_HEADER', why: 'COSE: kid is not a byte string' };
    cose.kid = kid;
  }
  return { cose };
}

const NO_BYTES = new Uint8Array(0);

/**
 * The bytes a COSE_Sign1 signature covers: CBOR of ["Signature1", protected, external_aad = h'', payload].
 * With `into` (when large enough) they are written there and a view is returned.
 */
export function sigStructure(cose: Pick<CoseSign1, 'protectedBytes' | 'payload'>, externalAad: Uint8Array = NO_BYTES, into?: Uint8Array): Uint8Array {
  const { protectedBytes, payload } = cose;
  // Written straight into one buffer rather than through encodeCbor: it runs on every scan.
  const size = SIGNATURE1_PREFIX.length + headSize(protectedBytes.length) + protectedBytes.length
    + headSize(externalAad.length) + externalAad.length + headSize(payload.length) + payload.length;
  const out = into && into.length >= size ? into.subarray(0, size) : new Uint8Array(size);
  out.set(SIGNATURE1_PREFIX, 0);
  let o = writeByteString(out, SIGNATURE1_PREFIX.length, protectedBytes);
  o = writeByteString(out, o, externalAad);
  writeByteString(out, o, payload);
  return out;
}

/** CBOR array(4) then text(10) "Signature1". */
const SIGNATURE1_PREFIX = encodeCbor(['Signature1']).map((b, i) => (i === 0 ? 0x84 : b));

const headSize = (length: number): number => (length < 24 ? 1 : length < 0x100 ? 2 : length < 0x10000 ? 3 : 5);

/** Writes a byte string (head and bytes) at `o`; returns the index after it. */
function writeByteString(out: Uint8Array, o: number, bytes: Uint8Array): number {
  const n = bytes.length;
  if (n < 24) out[o++] = 0x40 | n;
  else if (n < 0x100) { out[o++] = 0x58; out[o++] = n; }
  else if (n < 0x10000) { out[o++] = 0x59; out[o++] = n >> 8; out[o++] = n & 0xff; }
  else { out[o++] = 0x5a; out[o++] = n >>> 24; out[o++] = (n >> 16) & 0xff; out[o++] = (n >> 8) & 0xff; out[o++] = n & 0xff; }
  out.set(bytes, o);
  return o + n;
}
