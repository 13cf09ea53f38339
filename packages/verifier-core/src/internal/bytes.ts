// Byte helpers shared by every format. Decoders return undefined on bad input (never throw).

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const B64_VALUE = new Int16Array(128).fill(-1);
for (let i = 0; i < 64; i++) B64_VALUE[B64.charCodeAt(i)] = i;
B64_VALUE['-'.charCodeAt(0)] = 62;
B64_VALUE['_'.charCodeAt(0)] = 63;

/** Decodes base64 or base64url, padded or not. Undefined for any other character or a bad length. */
export function decodeBase64(text: string): Uint8Array | undefined {
  let end = text.length;
  while (end > 0 && text.charCodeAt(end - 1) === 61 /* = */) end--;
  if (text.length - end > 2 || end % 4 === 1) return undefined;
  const out = new Uint8Array(Math.floor((end * 3) / 4));
  let acc = 0, bits = 0, o = 0;
  for (let i = 0; i < end; i++) {
    const c = text.charCodeAt(i);
    const v = c < 128 ? B64_VALUE[c]! : -1;
    if (v < 0) return undefined;
    acc = ((acc << 6) | v) & 0xffffff;
    bits += 6;
    if (bits >= 8) { bits -= 8; out[o++] = (acc >> bits) & 0xff; }
  }
  return out;
}

/**
 * The platform's base64url decoder, for long inputs already checked to be base64url
 * (a signed trust bundle's payload is ~0.4 MB: decoded in a loop of JavaScript it costs
 * ~3 ms in Node and ~10 ms on a page's cold start). `Uint8Array.fromBase64` where there
 * is one (Chromium), Node's Buffer otherwise; undefined: the loop below does it.
 */
const nativeBase64Url: ((text: string) => Uint8Array) | undefined = (() => {
  const fromBase64 = (Uint8Array as unknown as { fromBase64?: (text: string, options: object) => Uint8Array }).fromBase64;
  if (typeof fromBase64 === 'function') return (text) => fromBase64.call(Uint8Array, text, { alphabet: 'base64url', lastChunkHandling: 'loose' });
  const buffer = (globalThis as { Buffer?: { from(text: string, encoding: string): Uint8Array } }).Buffer;
  if (typeof buffer?.from === 'function') return (text) => new Uint8Array(buffer.from(text, 'base64url'));
  return undefined;
})();
const NATIVE_FROM_CHARS = 4096;

/** Strict base64url (RFC 4648 §5, no padding), as JWS uses. */
export function decodeBase64Url(text: string): Uint8Array | undefined {
  if (!/^[A-Za-z0-9_-]*$/.test(text)) return undefined;
  if (nativeBase64Url && text.length >= NATIVE_FROM_CHARS && text.length % 4 !== 1) {
    try { return nativeBase64Url(text); } catch { /* the loop decides */ }
  }
  return decodeBase64(text);
}

const B64URL = `${B64.slice(0, 62)}-_`;
/** Base64 of short inputs (thumbprints, kids: a trust import writes a thousand) without btoa and regular expressions. */
function encodeShort(bytes: Uint8Array, alphabet: string, pad: boolean): string {
  let out = '';
  let i = 0;
  for (; i + 2 < bytes.length; i += 3) {
    const n = (bytes[i]! << 16) | (bytes[i + 1]! << 8) | bytes[i + 2]!;
    out += alphabet[n >> 18]! + alphabet[(n >> 12) & 63]! + alphabet[(n >> 6) & 63]! + alphabet[n & 63]!;
  }
  if (i < bytes.length) {
    const two = i + 1 < bytes.length;
    const n = (bytes[i]! << 16) | (two ? bytes[i + 1]! << 8 : 0);
    out += alphabet[n >> 18]! + alphabet[(n >> 12) & 63]! + (two ? alphabet[(n >> 6) & 63]! : pad ? '=' : '') + (pad ? '=' : '');
  }
  return out;
}
const SHORT_BYTES = 1024;

export function encodeBase64(bytes: Uint8Array): string {
  if (bytes.length <= SHORT_BYTES) return encodeShort(bytes, B64, true);
  let s = '';
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s);
}

export function encodeBase64Url(bytes: Uint8Array): string {
  if (bytes.length <= SHORT_BYTES) return encodeShort(bytes, B64URL, false);
  return encodeBase64(bytes).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

const utf8Strict = new TextDecoder('utf-8', { fatal: true });
/** UTF-8 text, or undefined when the bytes are not valid UTF-8. */
export function decodeUtf8(bytes: Uint8Array): string | undefined {
  try { return utf8Strict.decode(bytes); } catch { return undefined; }
}
const utf8Encoder = new TextEncoder();
export const encodeUtf8 = (text: string): Uint8Array => utf8Encoder.encode(text);

export function concatBytes(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let o = 0;
  for (const p of parts) { out.set(p, o); o += p.length; }
  return out;
}

export function bytesEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let d = 0;
  for (let i = 0; i < a.length; i++) d |= a[i]! ^ b[i]!;
  return d === 0;
}

const HEX_PAIRS = Array.from({ length: 256 }, (_, b) => b.toString(16).padStart(2, '0'));
/** Lower-case hex. A scan checking revocation lists makes several (a fifth of the time `Array.from` + `join` took). */
export function toHex(bytes: Uint8Array): string {
  let hex = '';
  for (let i = 0; i < bytes.length; i++) hex += HEX_PAIRS[bytes[i]!]!;
  return hex;
}

/** JSON.parse that reports failure as undefined instead of throwing. */
export function parseJson(text: string): unknown {
  try { return JSON.parse(text); } catch { return undefined; }
}

export const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
