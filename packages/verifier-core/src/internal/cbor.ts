// A small strict CBOR (RFC 8949) decoder and encoder, written for passes rather
// than taken from a library: a verifier needs far less than a general CBOR
// library offers (no bigints, no extension tags, no streaming) and more
// refusal than they default to (bounded depth and item count, no duplicate map
// keys, only int/text map keys, UTF-8 checked, nothing after the top item), and
// every byte of decoder is attack surface on a door scanner.
//
// decodeCbor never throws on bad input: it returns { error } instead.
// Byte strings come back as views into the input (the COSE protected header is
// signed as the exact bytes it was sent as).

import { decoderWork } from './work.js';

/** A tagged item, e.g. COSE_Sign1 is tag 18, CWT tag 61. */
export class CborTag {
  constructor(readonly tag: number, readonly value: CborValue) {}
}

export type CborKey = number | string;
export type CborValue =
  | number | string | boolean | null | undefined | Uint8Array | CborValue[] | CborMap | CborTag;
export type CborMap = Map<CborKey, CborValue>;

export interface CborLimits {
  /** Deepest nesting of arrays, maps and tags (the top item is depth 1). */
  maxDepth: number;
  /** Most data items in the whole input, counting every nested one. */
  maxItems: number;
  /**
   * Indefinite-length arrays, maps and strings (RFC 8949 §3.2). Some issuers'
   * encoders write them, so they are read, but bounded by the same limits and
   * strictly: a string's chunks must be definite strings of the same type.
   */
  allowIndefinite: boolean;
}

export const DEFAULT_CBOR_LIMITS: CborLimits = { maxDepth: 16, maxItems: 10_000, allowIndefinite: true };

export type CborResult = { value: CborValue; error?: undefined } | { error: string; value?: undefined };

/** The internal failure signal; never leaves this module. */
class Malformed {
  constructor(readonly why: string) {}
}
const fail = (why: string): never => { throw new Malformed(why); };

const BREAK = Symbol('break');
const utf8 = new TextDecoder('utf-8', { fatal: true });

class Reader {
  position = 0;
  items = 0;
  constructor(readonly bytes: Uint8Array, readonly limits: CborLimits) {}

  get remaining(): number { return this.bytes.length - this.position; }

  byte(): number {
    if (this.position >= this.bytes.length) fail('truncated');
    return this.bytes[this.position++]!;
  }

  take(length: number): Uint8Array {
    if (length > this.remaining) fail('length beyond the end of the input');
    const view = this.bytes.subarray(this.position, this.position + length);
    this.position += length;
    return view;
  }

  /** The argument of a head (RFC 8949 §3); -1 for the indefinite marker. */
  argument(additional: number): number {
    if (additional < 24) return additional;
    if (additional === 24) return this.byte();
    if (additional === 25) return this.byte() * 0x100 + this.byte();
    if (additional === 26) return ((this.byte() << 24) >>> 0) + (this.byte() << 16) + (this.byte() << 8) + this.byte();
    if (additional === 27) {
      const high = ((this.byte() << 24) >>> 0) + (this.byte() << 16) + (this.byte() << 8) + this.byte();
      const low = ((this.byte() << 24) >>> 0) + (this.byte() << 16) + (this.byte() << 8) + this.byte();
      if (high > 0x1fffff) fail('integer beyond 2^53');
      return high * 0x100000000 + low;
    }
    if (additional === 31) return -1;
    return fail('reserved additional information');
  }

  item(depth: number): CborValue | typeof BREAK {
    if (++this.items > this.limits.maxItems) fail('too many items');
    const head = this.byte();
    const major = head >> 5;
    const additional = head & 0x1f;
    if (major === 7) return this.simple(additional);
    const n = this.argument(additional);
    if (n === -1 && (major === 0 || major === 1 || major === 6)) fail('indefinite length on an integer or tag');
    switch (major) {
      case 0: return n;
      case 1: return -1 - n;
      case 2: return n === -1 ? this.indefiniteString(2) : this.take(n);
      case 3: return n === -1 ? this.indefiniteString(3) : this.textOf(n);
      case 4: return this.array(n, depth + 1);
      case 5: return this.map(n, depth + 1);
      default: {
        if (depth + 1 > this.limits.maxDepth) fail('nested too deep');
        const value = this.item(depth + 1);
        if (value === BREAK) fail('break as a tag value');
        return new CborTag(n, value as CborValue);
      }
    }
  }

  /**
   * A definite text string of `length` bytes. Most pass strings are short ASCII
   * (map keys are two or three letters): those are made straight from their char
   * codes, cheaper than a subarray and a TextDecoder call; longer ones are decoded.
   */
  textOf(length: number): string {
    if (length > this.remaining) fail('length beyond the end of the input');
    const bytes = this.bytes, start = this.position;
    let ascii: string | undefined;
    switch (length) {
      case 0: ascii = ''; break;
      case 1: { const a = bytes[start]!; if (a < 0x80) ascii = String.fromCharCode(a); break; }
      case 2: { const a = bytes[start]!, b = bytes[start + 1]!; if ((a | b) < 0x80) ascii = String.fromCharCode(a, b); break; }
      case 3: {
        const a = bytes[start]!, b = bytes[start + 1]!, c = bytes[start + 2]!;
        if ((a | b | c) < 0x80) ascii = String.fromCharCode(a, b, c);
        break;
      }
      default:
        if (length <= 12) {
          let text = '', i = start;
          const end = start + length;
          for (; i < end; i++) {
            const c = bytes[i]!;
            if (c >= 0x80) break;
            text += String.fromCharCode(c);
          }
          if (i === end) ascii = text;
        }
    }
    if (ascii !== undefined) { this.position = start + length; return ascii; }
    return this.text(this.take(length));
  }

  text(bytes: Uint8Array): string {
    try { return utf8.decode(bytes); } catch { return fail('invalid UTF-8'); }
  }

  simple(additional: number): CborValue | typeof BREAK {
    switch (additional) {
      case 20: return false;
      case 21: return true;
      case 22: return null;
      case 23: return undefined;
      case 25: return halfFloat(this.take(2));
      case 26: { const b = this.take(4); return new DataView(b.buffer, b.byteOffset, 4).getFloat32(0); }
      case 27: { const b = this.take(8); return new DataView(b.buffer, b.byteOffset, 8).getFloat64(0); }
      case 31: return BREAK;
      default: return fail('unassigned simple value');
    }
  }

  indefiniteString(major: 2 | 3): Uint8Array | string {
    if (!this.limits.allowIndefinite) fail('indefinite-length string');
    const chunks: Uint8Array[] = [];
    for (;;) {
      if (++this.items > this.limits.maxItems) fail('too many items');
      const head = this.byte();
      if (head === 0xff) break;
      if (head >> 5 !== major) fail('string chunk of another type');
      const n = this.argument(head & 0x1f);
      if (n === -1) fail('nested indefinite-length string');
      chunks.push(this.take(n));
    }
    const joined = new Uint8Array(chunks.reduce((s, c) => s + c.length, 0));
    let o = 0;
    for (const c of chunks) { joined.set(c, o); o += c.length; }
    return major === 2 ? joined : this.text(joined);
  }

  array(count: number, depth: number): CborValue[] {
    if (depth > this.limits.maxDepth) fail('nested too deep');
    const out: CborValue[] = [];
    if (count === -1) {
      if (!this.limits.allowIndefinite) fail('indefinite-length array');
      for (;;) {
        const value = this.item(depth);
        if (value === BREAK) return out;
        out.push(value);
      }
    }
    // Every item takes at least one byte: a count beyond what is left is a lie, refused before any work.
    if (count > this.remaining) fail('array longer than the input');
    for (let i = 0; i < count; i++) {
      const value = this.item(depth);
      if (value === BREAK) fail('break inside a definite array');
      out.push(value as CborValue);
    }
    return out;
  }

  map(count: number, depth: number): CborMap {
    if (depth > this.limits.maxDepth) fail('nested too deep');
    const out: CborMap = new Map();
    if (count === -1) {
      if (!this.limits.allowIndefinite) fail('indefinite-length map');
    } else if (count * 2 > this.remaining) fail('map longer than the input');
    for (let i = 0; count === -1 || i < count; i++) {
      const key = this.item(depth);
      if (key === BREAK) {
        if (count === -1) return out;
        fail('break inside a definite map');
      }
      if (typeof key !== 'number' && typeof key !== 'string') fail('map key is not an integer or text');
      const value = this.item(depth);
      if (value === BREAK) fail('map key without a value');
      // A key seen before leaves the size as it was: one hash lookup instead of two.
      const size = out.size;
      out.set(key as CborKey, value as CborValue);
      if (out.size === size) fail('duplicate map key');
    }
    return out;
  }
}

function halfFloat(bytes: Uint8Array): number {
  const half = (bytes[0]! << 8) | bytes[1]!;
  const exponent = (half >> 10) & 0x1f;
  const mantissa = half & 0x3ff;
  const sign = half & 0x8000 ? -1 : 1;
  if (exponent === 0) return sign * mantissa * 2 ** -24;
  if (exponent === 31) return mantissa ? NaN : sign * Infinity;
  return sign * (1 + mantissa / 1024) * 2 ** (exponent - 15);
}

/** Decodes exactly one CBOR item filling all of `bytes`. Never throws on bad input. */
export function decodeCbor(bytes: Uint8Array, limits: CborLimits = DEFAULT_CBOR_LIMITS): CborResult {
  const reader = new Reader(bytes, limits);
  decoderWork.cborCalls++;
  try {
    const value = reader.item(0);
    if (value === BREAK) return { error: 'break at the top level' };
    if (reader.position !== bytes.length) return { error: 'data after the CBOR item' };
    return { value };
  } catch (e) {
    if (e instanceof Malformed) return { error: e.why };
    if (e instanceof RangeError) return { error: 'nested too deep' }; // the JS stack, should limits be set very high
    throw e;
  } finally {
    decoderWork.cborItems += reader.items;
    decoderWork.cborBytes += reader.position;
  }
}

// ------------------------------------------------------------------ encoder

function head(major: number, n: number): number[] {
  if (n < 24) return [(major << 5) | n];
  if (n < 0x100) return [(major << 5) | 24, n];
  if (n < 0x10000) return [(major << 5) | 25, n >> 8, n & 0xff];
  if (n < 0x100000000) return [(major << 5) | 26, n >>> 24, (n >> 16) & 0xff, (n >> 8) & 0xff, n & 0xff];
  const high = Math.floor(n / 0x100000000), low = n >>> 0;
  return [(major << 5) | 27, high >>> 24, (high >> 16) & 0xff, (high >> 8) & 0xff, high & 0xff,
    low >>> 24, (low >> 16) & 0xff, (low >> 8) & 0xff, low & 0xff];
}

/** Values the encoder takes: CBOR values, plus plain objects (text-keyed maps, e.g. the DCC JSON). */
export type CborEncodable = CborValue | CborEncodable[] | Map<CborKey, CborEncodable> | { [key: string]: CborEncodable };

/** Definite-length CBOR of a value; integers in the shortest form, other numbers as float64. */
export function encodeCbor(value: CborEncodable): Uint8Array {
  const out: number[] = [];
  const parts: Uint8Array[] = [];
  const flush = () => { if (out.length) { parts.push(Uint8Array.from(out)); out.length = 0; } };
  const write = (v: CborEncodable): void => {
    if (typeof v === 'number') {
      if (Number.isSafeInteger(v)) out.push(...(v >= 0 ? head(0, v) : head(1, -1 - v)));
      else {
        const f = new DataView(new ArrayBuffer(8));
        f.setFloat64(0, v);
        out.push(0xfb, ...new Uint8Array(f.buffer));
      }
    } else if (typeof v === 'string') {
      const bytes = new TextEncoder().encode(v);
      out.push(...head(3, bytes.length));
      flush();
      parts.push(bytes);
    } else if (v instanceof Uint8Array) {
      out.push(...head(2, v.length));
      flush();
      parts.push(v);
    } else if (v === false) out.push(0xf4);
    else if (v === true) out.push(0xf5);
    else if (v === null) out.push(0xf6);
    else if (v === undefined) out.push(0xf7);
    else if (Array.isArray(v)) {
      out.push(...head(4, v.length));
      for (const x of v) write(x);
    } else if (v instanceof CborTag) {
      out.push(...head(6, v.tag));
      write(v.value);
    } else {
      const entries = v instanceof Map ? [...v.entries()] : Object.entries(v);
      out.push(...head(5, entries.length));
      for (const [k, x] of entries) { write(k); write(x); }
    }
  };
  write(value);
  flush();
  const total = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let o = 0;
  for (const p of parts) { total.set(p, o); o += p.length; }
  return total;
}
