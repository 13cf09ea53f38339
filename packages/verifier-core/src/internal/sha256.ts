// SHA-256 (FIPS 180-4) and HMAC-SHA-256 (RFC 2104), synchronous: the library's one
// SHA-256. A scan hashes short inputs (DCC revocation hashes of a UVCI or a
// signature, IDHP disclosed values), where a WebCrypto digest, a round trip through
// another thread, costs far more than hashing a few dozen bytes here; trust loading
// hashes certificates for their kids and JWKs for their thumbprints. passIds are
// MACed here under the venue's key (pass-id.ts): the code has no table lookup or
// branch that depends on the data, so the key's bytes do not change its timing.
// Checked against the FIPS and RFC 4231 vectors and against WebCrypto on random inputs (test/sha256.test.js); the test kit computes kids and revocation
// hashes with WebCrypto, so every DCC test checks the two against each other.

const K = new Uint32Array([
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
  0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
  0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
  0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
  0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
  0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
  0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
  0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
]);
const INITIAL = new Uint32Array([0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19]);
const BLOCK_BYTES = 64;

/**
 * The message schedule, the state and the padded message of up to three blocks (every
 * input a scan hashes): reused, as hashing is synchronous and each call is done with
 * them before it returns. Longer messages (certificates, when trust is loaded) get a
 * padded copy of their own.
 */
const w = new Uint32Array(64);
const state = new Uint32Array(8);
const scratch = new Uint8Array(3 * BLOCK_BYTES);

/** Runs the compression function over each 64-byte block of `data` (a whole number of blocks). */
function compress(state: Uint32Array, data: Uint8Array): void {
  for (let offset = 0; offset < data.length; offset += BLOCK_BYTES) {
    for (let t = 0; t < 16; t++) {
      const i = offset + t * 4;
      w[t] = (data[i]! << 24) | (data[i + 1]! << 16) | (data[i + 2]! << 8) | data[i + 3]!;
    }
    for (let t = 16; t < 64; t++) {
      const x = w[t - 15]!, y = w[t - 2]!;
      const s0 = ((x >>> 7) | (x << 25)) ^ ((x >>> 18) | (x << 14)) ^ (x >>> 3);
      const s1 = ((y >>> 17) | (y << 15)) ^ ((y >>> 19) | (y << 13)) ^ (y >>> 10);
      w[t] = (w[t - 16]! + s0 + w[t - 7]! + s1) | 0;
    }
    let a = state[0]!, b = state[1]!, c = state[2]!, d = state[3]!, e = state[4]!, f = state[5]!, g = state[6]!, h = state[7]!;
    for (let t = 0; t < 64; t++) {
      const S1 = ((e >>> 6) | (e << 26)) ^ ((e >>> 11) | (e << 21)) ^ ((e >>> 25) | (e << 7));
      const ch = (e & f) ^ (~e & g);
      const t1 = (h + S1 + ch + K[t]! + w[t]!) | 0;
      const S0 = ((a >>> 2) | (a << 30)) ^ ((a >>> 13) | (a << 19)) ^ ((a >>> 22) | (a << 10));
      const maj = (a & b) ^ (a & c) ^ (b & c);
      const t2 = (S0 + maj) | 0;
      h = g; g = f; f = e; e = (d + t1) | 0;
      d = c; c = b; b = a; a = (t1 + t2) | 0;
    }
    state[0] = state[0]! + a; state[1] = state[1]! + b; state[2] = state[2]! + c; state[3] = state[3]! + d;
    state[4] = state[4]! + e; state[5] = state[5]! + f; state[6] = state[6]! + g; state[7] = state[7]! + h;
  }
}

/**
 * SHA-256 of `first` followed by `second` (so HMAC need not join its key pad and message),
 * continuing from `start`, the state after `before` bytes (whole blocks) were hashed.
 */
function sha256Of(first: Uint8Array, second?: Uint8Array, start: Uint32Array = INITIAL, before = 0): Uint8Array {
  state.set(start);
  const length = first.length + (second ? second.length : 0);
  // The message, a 1 bit, zeros, and the length in bits as 64 bits: a whole number of blocks.
  const size = Math.ceil((length + 9) / BLOCK_BYTES) * BLOCK_BYTES;
  const padded = size <= scratch.length ? scratch.subarray(0, size) : new Uint8Array(size);
  padded.set(first, 0);
  if (second) padded.set(second, first.length);
  padded.fill(0, length, size);
  padded[length] = 0x80;
  const bits = (before + length) * 8;
  padded[size - 5] = Math.floor(bits / 0x100000000) & 0xff;
  padded[size - 4] = bits >>> 24;
  padded[size - 3] = (bits >>> 16) & 0xff;
  padded[size - 2] = (bits >>> 8) & 0xff;
  padded[size - 1] = bits & 0xff;
  compress(state, padded);
  const out = new Uint8Array(32);
  for (let i = 0; i < 8; i++) {
    const v = state[i]!;
    out[i * 4] = v >>> 24; out[i * 4 + 1] = (v >>> 16) & 0xff; out[i * 4 + 2] = (v >>> 8) & 0xff; out[i * 4 + 3] = v & 0xff;
  }
  return out;
}

export function sha256Sync(data: Uint8Array): Uint8Array {
  return sha256Of(data);
}

/** HMAC-SHA-256 (RFC 2104): H((K ^ opad) || H((K ^ ipad) || message)), the key hashed first when longer than a block. */
export function hmacSha256Sync(key: Uint8Array, message: Uint8Array): Uint8Array {
  return hmacSha256Keyed(key)(message);
}

/**
 * HMAC-SHA-256 under one key for many messages: the states after the key's inner and
 * outer pad blocks are computed once, so each message costs two compressions fewer.
 * The key is used as data only (no table lookups or branches depend on it).
 */
export function hmacSha256Keyed(key: Uint8Array): (message: Uint8Array) => Uint8Array {
  const k = key.length > BLOCK_BYTES ? sha256Of(key) : key;
  const pad = new Uint8Array(BLOCK_BYTES);
  const stateAfter = (byte: number): Uint32Array => {
    pad.fill(byte);
    for (let i = 0; i < k.length; i++) pad[i] = pad[i]! ^ k[i]!;
    state.set(INITIAL);
    compress(state, pad);
    return state.slice();
  };
  const inner = stateAfter(0x36), outer = stateAfter(0x5c);
  pad.fill(0);
  return (message) => sha256Of(sha256Of(message, undefined, inner, BLOCK_BYTES), undefined, outer, BLOCK_BYTES);
}
