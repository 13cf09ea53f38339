// ECDSA signature encodings. WebCrypto verifies only the raw form (r‖s, each
// left-padded to the curve size), while X.509, COSE-in-the-wild and IBM's
// credentials often carry ASN.1 DER: SEQUENCE { INTEGER r, INTEGER s }.
// Parsing is strict DER (minimal lengths and integers, no trailing bytes) so a
// signature has exactly one accepted encoding.

const SEQUENCE_TAG = 0x30;
const INTEGER_TAG = 0x02;
/** P-521 is the largest curve anyone uses here; anything longer is not a signature. */
const MAX_SCALAR_SIZE = 66;

interface DerLength { length: number; next: number }

/** Reads a definite DER length at `at`; undefined unless minimally encoded and ≤ 2 bytes. */
function readLength(der: Uint8Array, at: number): DerLength | undefined {
  if (at >= der.length) return undefined;
  const first = der[at]!;
  if (first < 0x80) return { length: first, next: at + 1 };
  // Only the one-byte long form is needed (sequences up to 255 bytes); it is
  // minimal only for lengths of 128 or more.
  if (first !== 0x81 || at + 1 >= der.length) return undefined;
  const length = der[at + 1]!;
  if (length < 0x80) return undefined;
  return { length, next: at + 2 };
}

interface DerInteger { value: Uint8Array; next: number }

/** Reads a positive, minimally encoded INTEGER of at most `size` significant bytes. */
function readPositiveInteger(der: Uint8Array, at: number, end: number, size: number): DerInteger | undefined {
  if (at >= end || der[at] !== INTEGER_TAG) return undefined;
  const len = readLength(der, at + 1);
  if (!len || len.length === 0 || len.next + len.length > end) return undefined;
  let value = der.subarray(len.next, len.next + len.length);
  if (value[0]! & 0x80) return undefined; // negative
  if (value[0] === 0) {
    // A leading zero is allowed only to keep the next byte's high bit from reading as a sign.
    if (value.length === 1 || !(value[1]! & 0x80)) return undefined;
    value = value.subarray(1);
  }
  if (value.length > size) return undefined;
  return { value, next: len.next + len.length };
}

/**
 * DER `SEQUENCE { r, s }` to raw r‖s (each `size` bytes: 32 for P-256, 48 for
 * P-384, 66 for P-521). Undefined for anything that is not strict DER, for
 * zero or oversized scalars, and for trailing bytes.
 */
export function derToRawEcdsa(der: Uint8Array, size = 32): Uint8Array | undefined {
  if (!Number.isInteger(size) || size < 1 || size > MAX_SCALAR_SIZE) return undefined;
  if (der.length < 8 || der.length > 2 * (size + 3) + 3) return undefined;
  if (der[0] !== SEQUENCE_TAG) return undefined;
  const seq = readLength(der, 1);
  if (!seq || seq.next + seq.length !== der.length) return undefined;
  const r = readPositiveInteger(der, seq.next, der.length, size);
  if (!r) return undefined;
  const s = readPositiveInteger(der, r.next, der.length, size);
  if (!s || s.next !== der.length) return undefined;
  if (isZero(r.value) || isZero(s.value)) return undefined;
  const raw = new Uint8Array(2 * size);
  raw.set(r.value, size - r.value.length);
  raw.set(s.value, 2 * size - s.value.length);
  return raw;
}

/** Raw r‖s (even length, halves of equal size) to DER `SEQUENCE { r, s }`. Throws on an odd or oversized input (a caller mistake). */
export function rawToDerEcdsa(raw: Uint8Array): Uint8Array {
  if (raw.length === 0 || raw.length % 2 !== 0 || raw.length > 2 * MAX_SCALAR_SIZE) {
    throw new TypeError('rawToDerEcdsa: expected r‖s of equal halves, at most 66 bytes each');
  }
  const half = raw.length / 2;
  const r = encodeInteger(raw.subarray(0, half));
  const s = encodeInteger(raw.subarray(half));
  const bodyLength = r.length + s.length;
  const header = bodyLength < 0x80 ? [SEQUENCE_TAG, bodyLength] : [SEQUENCE_TAG, 0x81, bodyLength];
  const out = new Uint8Array(header.length + bodyLength);
  out.set(header, 0);
  out.set(r, header.length);
  out.set(s, header.length + r.length);
  return out;
}

function encodeInteger(unsigned: Uint8Array): Uint8Array {
  let start = 0;
  while (start < unsigned.length - 1 && unsigned[start] === 0) start++;
  const digits = unsigned.subarray(start);
  const pad = digits[0]! & 0x80 ? 1 : 0;
  const out = new Uint8Array(2 + pad + digits.length);
  out[0] = INTEGER_TAG;
  out[1] = pad + digits.length;
  out.set(digits, 2 + pad);
  return out;
}

function isZero(bytes: Uint8Array): boolean {
  for (const b of bytes) if (b !== 0) return false;
  return true;
}
