// A small, strict ASN.1 DER reader and writer: enough for X.509 certificates
// (reading trust anchors, writing the test kit's signer certificates).
//
// Reading never throws: every function returns undefined on anything that is not
// well-formed DER within the given bounds (definite lengths only, at most 4 length
// bytes, nesting depth capped by the callers' fixed schemas).

/** One tag-length-value element. `contents` is a view into the input (no copy). */
export interface DerElement {
  /** The identifier byte as written (class, constructed bit and tag number < 31). */
  tag: number;
  /** Start of the element's header in the input. */
  start: number;
  /** Index just past the element. */
  end: number;
  contents: Uint8Array;
  /** The whole element: header and contents. */
  raw: Uint8Array;
}

export const DerTags = {
  boolean: 0x01,
  integer: 0x02,
  bitString: 0x03,
  octetString: 0x04,
  null: 0x05,
  oid: 0x06,
  utf8String: 0x0c,
  printableString: 0x13,
  ia5String: 0x16,
  utcTime: 0x17,
  generalizedTime: 0x18,
  sequence: 0x30,
  set: 0x31,
} as const;

/** Context-specific tag `[n]`, constructed (EXPLICIT or a constructed IMPLICIT) or primitive. */
export const contextTag = (n: number, constructed = true): number => 0x80 | (constructed ? 0x20 : 0) | n;

/** Reads the element starting at `at`, which must end at or before `limit`. */
export function readDer(bytes: Uint8Array, at = 0, limit = bytes.length): DerElement | undefined {
  if (at + 2 > limit) return undefined;
  const tag = bytes[at]!;
  if ((tag & 0x1f) === 0x1f) return undefined; // high tag numbers never occur in what we read
  let length = bytes[at + 1]!;
  let headerLength = 2;
  if (length & 0x80) {
    const lengthBytes = length & 0x7f;
    // 0x80 would be BER's indefinite length; more than 4 length bytes cannot fit any input we accept.
    if (lengthBytes === 0 || lengthBytes > 4 || at + 2 + lengthBytes > limit) return undefined;
    length = 0;
    for (let i = 0; i < lengthBytes; i++) length = length * 256 + bytes[at + 2 + i]!;
    // DER: the shortest length form only.
    if (length < 0x80 || (lengthBytes > 1 && bytes[at + 2] === 0)) return undefined;
    headerLength += lengthBytes;
  }
  const end = at + headerLength + length;
  if (end > limit) return undefined;
  return { tag, start: at, end, contents: bytes.subarray(at + headerLength, end), raw: bytes.subarray(at, end) };
}

/** The children of a constructed element; undefined unless they exactly fill its contents. */
export function readChildren(element: DerElement): DerElement[] | undefined {
  if (!(element.tag & 0x20)) return undefined;
  const out: DerElement[] = [];
  const body = element.contents;
  for (let at = 0; at < body.length;) {
    const child = readDer(body, at);
    if (!child) return undefined;
    out.push(child);
    at = child.end;
  }
  return out;
}

/** Reads exactly one element that spans all of `bytes`. */
export function readWholeDer(bytes: Uint8Array): DerElement | undefined {
  const element = readDer(bytes);
  return element && element.end === bytes.length ? element : undefined;
}

/** Dotted OID text, e.g. "1.2.840.10045.2.1". */
export function decodeOid(contents: Uint8Array): string | undefined {
  if (contents.length === 0 || contents.length > 64) return undefined;
  const arcs: number[] = [];
  let value = 0;
  for (let i = 0; i < contents.length; i++) {
    const b = contents[i]!;
    if (value === 0 && b === 0x80) return undefined; // non-minimal arc
    value = value * 128 + (b & 0x7f);
    if (value > Number.MAX_SAFE_INTEGER / 128) return undefined;
    if (!(b & 0x80)) {
      if (arcs.length === 0) {
        const first = value < 80 ? Math.floor(value / 40) : 2;
        arcs.push(first, value - first * 40);
      } else arcs.push(value);
      value = 0;
    } else if (i === contents.length - 1) return undefined; // unterminated arc
  }
  return arcs.join('.');
}

/** UTCTime (YYMMDDHHMMSSZ) or GeneralizedTime (YYYYMMDDHHMMSSZ), as RFC 5280 profiles them. */
export function decodeTime(element: DerElement): Date | undefined {
  const text = String.fromCharCode(...element.contents);
  let match: RegExpMatchArray | null;
  let year: number;
  if (element.tag === DerTags.utcTime) {
    match = text.match(/^(\d\d)(\d\d)(\d\d)(\d\d)(\d\d)(\d\d)Z$/);
    if (!match) return undefined;
    const yy = Number(match[1]);
    year = yy >= 50 ? 1900 + yy : 2000 + yy; // RFC 5280 §4.1.2.5.1
  } else if (element.tag === DerTags.generalizedTime) {
    match = text.match(/^(\d{4})(\d\d)(\d\d)(\d\d)(\d\d)(\d\d)Z$/);
    if (!match) return undefined;
    year = Number(match[1]);
  } else return undefined;
  const [month, day, hour, minute, second] = match.slice(2, 7).map(Number) as [number, number, number, number, number];
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 59) return undefined;
  const date = new Date(Date.UTC(year, month - 1, day, hour, minute, second));
  return date.getUTCDate() === day ? date : undefined;
}

/** The bits of a BIT STRING with no unused bits (keys and signatures). */
export function decodeBitStringBytes(element: DerElement): Uint8Array | undefined {
  if (element.tag !== DerTags.bitString || element.contents.length < 1 || element.contents[0] !== 0) return undefined;
  return element.contents.subarray(1);
}

// ------------------------------------------------------------------ writer

function encodeLength(length: number): number[] {
  if (length < 0x80) return [length];
  const bytes: number[] = [];
  for (let n = length; n > 0; n = Math.floor(n / 256)) bytes.unshift(n & 0xff);
  return [0x80 | bytes.length, ...bytes];
}

/** One element from its tag and contents (contents given as parts, concatenated). */
export function encodeDer(tag: number, ...contents: Uint8Array[]): Uint8Array {
  const length = contents.reduce((n, c) => n + c.length, 0);
  const header = [tag, ...encodeLength(length)];
  const out = new Uint8Array(header.length + length);
  out.set(header, 0);
  let o = header.length;
  for (const c of contents) { out.set(c, o); o += c.length; }
  return out;
}

export const encodeSequence = (...children: Uint8Array[]): Uint8Array => encodeDer(DerTags.sequence, ...children);

export function encodeOid(dotted: string): Uint8Array {
  const arcs = dotted.split('.').map(Number);
  if (arcs.length < 2 || arcs.some((a) => !Number.isSafeInteger(a) || a < 0)) throw new TypeError(`not an OID: ${dotted}`);
  const values = [arcs[0]! * 40 + arcs[1]!, ...arcs.slice(2)];
  const bytes: number[] = [];
  for (const v of values) {
    const group: number[] = [v & 0x7f];
    for (let n = Math.floor(v / 128); n > 0; n = Math.floor(n / 128)) group.unshift((n & 0x7f) | 0x80);
    bytes.push(...group);
  }
  return encodeDer(DerTags.oid, Uint8Array.from(bytes));
}

/** A non-negative INTEGER from big-endian unsigned bytes (leading zeros trimmed, sign byte added). */
export function encodeUnsignedInteger(unsigned: Uint8Array): Uint8Array {
  let start = 0;
  while (start < unsigned.length - 1 && unsigned[start] === 0) start++;
  const digits = unsigned.subarray(start);
  const body = digits[0]! & 0x80 ? Uint8Array.of(0, ...digits) : digits;
  return encodeDer(DerTags.integer, body);
}

export const encodeSmallInteger = (n: number): Uint8Array => encodeUnsignedInteger(Uint8Array.of(n & 0xff));

export const encodeBitString = (bytes: Uint8Array): Uint8Array => encodeDer(DerTags.bitString, Uint8Array.of(0), bytes);

/** GeneralizedTime for years from 2050, UTCTime before (RFC 5280 §4.1.2.5). */
export function encodeTime(date: Date): Uint8Array {
  const iso = date.toISOString(); // YYYY-MM-DDTHH:MM:SS.sssZ
  const compact = iso.slice(0, 19).replace(/[-:T]/g, '') + 'Z';
  const year = date.getUTCFullYear();
  if (year >= 1950 && year < 2050) return encodeDer(DerTags.utcTime, asciiBytes(compact.slice(2)));
  return encodeDer(DerTags.generalizedTime, asciiBytes(compact));
}

export const encodeUtf8String = (text: string): Uint8Array => encodeDer(DerTags.utf8String, new TextEncoder().encode(text));
export const encodePrintableString = (text: string): Uint8Array => encodeDer(DerTags.printableString, asciiBytes(text));

function asciiBytes(text: string): Uint8Array {
  return Uint8Array.from(text, (c) => c.charCodeAt(0) & 0x7f);
}
