// Base45 (RFC 9285), the encoding of `HC1:` QR codes. Decoding is strict: any
// character outside the 45-character alphabet, a dangling single character, or a
// group whose value does not fit its bytes (over 65535 for three characters,
// over 255 for a final pair) makes the whole input invalid.

const ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:';
/** Value of each byte as a base45 digit, -1 for bytes outside the alphabet. */
const VALUE = new Int8Array(256).fill(-1);
for (let i = 0; i < ALPHABET.length; i++) VALUE[ALPHABET.charCodeAt(i)] = i;

/**
 * The text's characters as bytes, written by the engine's native UTF-8 encoder:
 * a loop over bytes runs about twice as fast as one over `charCodeAt`. Reused, as
 * decoding is synchronous; longer texts (no QR code holds one) get their own.
 */
const encoder = new TextEncoder();
const scratch = new Uint8Array(8192);

/**
 * Bytes of a base45 text (from `start`, default 0), or undefined when it is not
 * strict base45. With `into` (large enough: two bytes per three characters) the
 * bytes are written there and a view of them is returned, so a caller that decodes
 * pass after pass allocates nothing; otherwise they get a buffer of their own.
 */
export function decodeBase45(text: string, start = 0, into?: Uint8Array): Uint8Array | undefined {
  if (typeof text !== 'string') return undefined;
  const length = text.length - start;
  if (length < 0 || length % 3 === 1) return undefined;
  // Every alphabet character is one UTF-8 byte: a text with any other character reads
  // fewer characters than it writes bytes, and is refused before the loop.
  const bytes = length > scratch.length ? new Uint8Array(length) : scratch;
  const { read, written } = encoder.encodeInto(start ? text.slice(start) : text, bytes);
  if (read !== length || written !== length) return undefined;
  const size = Math.floor(length / 3) * 2 + (length % 3 === 2 ? 1 : 0);
  const out = into && into.length >= size ? into.subarray(0, size) : new Uint8Array(size);
  const whole = length - (length % 3);
  let o = 0, i = 0;
  for (; i < whole; i += 3) {
    const c = VALUE[bytes[i]!]!, d = VALUE[bytes[i + 1]!]!, e = VALUE[bytes[i + 2]!]!;
    const n = c + d * 45 + e * 2025;
    // One test for all four faults: a negative digit or a group over 0xffff.
    if ((c | d | e | (0xffff - n)) < 0) return undefined;
    out[o++] = n >> 8;
    out[o++] = n & 0xff;
  }
  if (i < length) {
    const c = VALUE[bytes[i]!]!, d = VALUE[bytes[i + 1]!]!;
    const n = c + d * 45;
    if ((c | d | (0xff - n)) < 0) return undefined;
    out[o] = n;
  }
  return out;
}

export function encodeBase45(bytes: Uint8Array): string {
  let text = '';
  for (let i = 0; i + 1 < bytes.length; i += 2) {
    let n = bytes[i]! * 256 + bytes[i + 1]!;
    const c = n % 45; n = (n - c) / 45;
    const d = n % 45;
    text += ALPHABET[c]! + ALPHABET[d]! + ALPHABET[(n - d) / 45]!;
  }
  if (bytes.length % 2) {
    const n = bytes[bytes.length - 1]!;
    text += ALPHABET[n % 45]! + ALPHABET[Math.floor(n / 45)]!;
  }
  return text;
}
