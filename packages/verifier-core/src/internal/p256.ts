// Whether (x, y) is a point on NIST P-256 (FIPS 186-4 §D.1.2.3: y² = x³ − 3x + b mod p).
// Lets a trust store refuse a bad key at import time without importing it into
// WebCrypto, which costs about a millisecond a key in Node: keys are imported on
// first use instead.
import { toHex } from './bytes.js';

const P = 0xffffffff00000001000000000000000000000000ffffffffffffffffffffffffn;
const B = 0x5ac635d8aa3a93e7b3ebbd55769886bc651d06b0cc53b0f63bce3c3e27d2604bn;

/** Big-endian bytes as a BigInt, through hex: one parse instead of 32 BigInt shifts. */
const toBigInt = (bytes: Uint8Array): bigint => BigInt(`0x${toHex(bytes)}`);

export function isP256Point(xBytes: Uint8Array, yBytes: Uint8Array): boolean {
  if (xBytes.length !== 32 || yBytes.length !== 32) return false;
  const x = toBigInt(xBytes), y = toBigInt(yBytes);
  if (x >= P || y >= P) return false;
  const rhs = (((x * x) % P) * x - 3n * x + B) % P;
  return (y * y) % P === (rhs + P) % P;
}
