// Base45 (RFC 9285), the encoding of `HC1:` QR codes. Decoding is strict: any
// character outside the 45-character alphabet, a dangling single character, or a
// group whose value does not fit its bytes (over 65535 for three characters,
// over 255 for a final pair) makes the whole input invalid.

const ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:';
const VALUE = new Int8Array(128).fill(-1);
for (let i = 0; i < ALPHABET.length; i++) VALUE[ALPHABET.charCodeAt(i)] = i;

/** Bytes of a base45 text, or undefined when it is not strict base45. */
export function decodeBase45(text: string): Uint8Array | undefined {
  if (typeof text !== 'string' || text.length % 3 === 1) return undefined;
  const length = text.length;
  const out = new Uint8Array(Math.floor(length / 3) * 2 + (length % 3 === 2 ? 1 : 0));
  let o = 0;
  for (let i = 0; i < length; i += 3) {
    const cc = text.charCodeAt(i), dc = text.charCodeAt(i + 1);
    const c = cc < 128 ? VALUE[cc]! : -1, d = dc < 128 ? VALUE[dc]! : -1;
    if (c < 0 || d < 0) return undefined;
    if (i + 2 < length) {
      const ec = text.charCodeAt(i + 2);
      const e = ec < 128 ? VALUE[ec]! : -1;
      if (e < 0) return undefined;
      const n = c + d * 45 + e * 2025;
      if (n > 0xffff) return undefined;
      out[o++] = n >> 8;
      out[o++] = n & 0xff;
    } else {
      const n = c + d * 45;
      if (n > 0xff) return undefined;
      out[o++] = n;
    }
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
