// A ZIP reader for exactly what a DIVOC QR holds: one archive, one member
// named certificate.json, stored or DEFLATE-compressed (PKWARE APPNOTE 6.3).
// Bounded: the member may inflate to MAX_MEMBER_BYTES at most (a "ZIP bomb"
// stops there), and an archive with any other member, encryption, ZIP64,
// inconsistent headers or a CRC mismatch is refused. Never throws for bad
// input: the result says why.
import type { ErrorCode } from '../errors.js';
import { inflateRaw } from './inflate.js';
import { isVerifierError } from '../errors.js';

/** A certificate.json is 1–4 KB; 64 KB is generous. */
export const MAX_MEMBER_BYTES = 64 * 1024;
/** A QR holds under 3 KB; anything far larger is no QR payload. */
export const MAX_ARCHIVE_BYTES = 64 * 1024;

const LOCAL_HEADER = 0x04034b50;
const CENTRAL_HEADER = 0x02014b50;
const END_OF_CENTRAL_DIRECTORY = 0x06054b50;
const EOCD_BYTES = 22;
const MEMBER_NAME = 'certificate.json';

export const startsLikeZip = (bytes: Uint8Array): boolean =>
  bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 3 && bytes[3] === 4;

let crcTable: Uint32Array | undefined;
function crc32(bytes: Uint8Array): number {
  if (!crcTable) {
    crcTable = new Uint32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      crcTable[n] = c >>> 0;
    }
  }
  let crc = 0xffffffff;
  for (let i = 0; i < bytes.length; i++) crc = crcTable[(crc ^ bytes[i]!) & 0xff]! ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

export type ZipResult = { member: Uint8Array; error?: undefined } | { error: ErrorCode; why: string; member?: undefined };

const bad = (error: ErrorCode, why: string): ZipResult => ({ error, why });

/** The bytes of certificate.json, the archive's only member. */
export function readCertificateZip(archive: Uint8Array): ZipResult {
  if (archive.length > MAX_ARCHIVE_BYTES) return bad('MALFORMED', 'archive too large');
  if (archive.length < EOCD_BYTES + 30) return bad('MALFORMED', 'archive too short');
  const view = new DataView(archive.buffer, archive.byteOffset, archive.byteLength);
  const u16 = (at: number) => view.getUint16(at, true);
  const u32 = (at: number) => view.getUint32(at, true);

  // The end record sits at the very end, after a comment of up to 65535 bytes.
  let eocd = -1;
  for (let at = archive.length - EOCD_BYTES; at >= Math.max(0, archive.length - EOCD_BYTES - 0xffff); at--) {
    if (u32(at) === END_OF_CENTRAL_DIRECTORY && at + EOCD_BYTES + u16(at + 20) === archive.length) { eocd = at; break; }
  }
  if (eocd < 0) return bad('MALFORMED', 'no end of central directory');
  if (u16(eocd + 4) !== 0 || u16(eocd + 6) !== 0) return bad('MALFORMED', 'multi-disk archive');
  if (u16(eocd + 8) !== 1 || u16(eocd + 10) !== 1) return bad('MALFORMED', 'the archive must hold exactly one file');
  const centralSize = u32(eocd + 12), centralOffset = u32(eocd + 16);
  if (centralOffset + centralSize !== eocd || centralSize < 46) return bad('MALFORMED', 'central directory out of place');

  const c = centralOffset;
  if (u32(c) !== CENTRAL_HEADER) return bad('MALFORMED', 'bad central directory header');
  const flags = u16(c + 8), method = u16(c + 10);
  const crc = u32(c + 16), compressedSize = u32(c + 20), size = u32(c + 24);
  const nameLength = u16(c + 28), extraLength = u16(c + 30), commentLength = u16(c + 32);
  const localOffset = u32(c + 42);
  if (c + 46 + nameLength + extraLength + commentLength !== eocd) return bad('MALFORMED', 'central directory size mismatch');
  if (flags & 0x0001 || flags & 0x0040) return bad('MALFORMED', 'encrypted member');
  if (method !== 0 && method !== 8) return bad('BAD_COMPRESSION', `compression method ${method}`);
  if (compressedSize === 0xffffffff || size === 0xffffffff || localOffset === 0xffffffff) return bad('MALFORMED', 'ZIP64 is not supported');
  if (size > MAX_MEMBER_BYTES) return bad('BAD_COMPRESSION', 'member larger than the cap');
  const name = String.fromCharCode(...archive.subarray(c + 46, c + 46 + nameLength));
  if (name !== MEMBER_NAME) return bad('MALFORMED', 'the member is not certificate.json');

  const l = localOffset;
  if (l + 30 > centralOffset || u32(l) !== LOCAL_HEADER) return bad('MALFORMED', 'bad local header');
  const localNameLength = u16(l + 26), localExtraLength = u16(l + 28);
  if (u16(l + 8) !== method || (u16(l + 6) & 0x0001)) return bad('MALFORMED', 'local header disagrees with the central directory');
  const localName = String.fromCharCode(...archive.subarray(l + 30, l + 30 + localNameLength));
  if (localName !== MEMBER_NAME) return bad('MALFORMED', 'local header names another file');
  const dataStart = l + 30 + localNameLength + localExtraLength;
  const dataEnd = dataStart + compressedSize;
  if (dataEnd > centralOffset) return bad('MALFORMED', 'member data overruns the central directory');
  // Only a data descriptor (flag bit 3) may sit between the data and the central directory.
  const gap = centralOffset - dataEnd;
  if (gap !== 0 && !((flags & 0x0008) && (gap === 12 || gap === 16))) return bad('MALFORMED', 'unexpected bytes in the archive');
  if (l !== 0) return bad('MALFORMED', 'unexpected bytes before the member');

  const data = archive.subarray(dataStart, dataEnd);
  let member: Uint8Array;
  if (method === 0) {
    if (compressedSize !== size) return bad('MALFORMED', 'stored member size mismatch');
    member = data;
  } else {
    try {
      member = inflateRaw(data, MAX_MEMBER_BYTES);
    } catch (e) {
      if (isVerifierError(e)) return bad('BAD_COMPRESSION', e.message);
      throw e;
    }
  }
  if (member.length !== size) return bad('BAD_COMPRESSION', 'member size mismatch');
  if (crc32(member) !== crc) return bad('BAD_COMPRESSION', 'CRC-32 mismatch');
  return { member };
}

/** A one-member archive (stored or DEFLATE): what the test kit writes; `deflated` is raw DEFLATE of `content`. */
export function writeCertificateZip(content: Uint8Array, deflated?: Uint8Array, name = MEMBER_NAME): Uint8Array {
  const nameBytes = new TextEncoder().encode(name);
  const data = deflated ?? content;
  const method = deflated ? 8 : 0;
  const crc = crc32(content);
  const local = new Uint8Array(30 + nameBytes.length);
  const lv = new DataView(local.buffer);
  lv.setUint32(0, LOCAL_HEADER, true); lv.setUint16(4, 20, true); lv.setUint16(8, method, true);
  lv.setUint32(14, crc, true); lv.setUint32(18, data.length, true); lv.setUint32(22, content.length, true);
  lv.setUint16(26, nameBytes.length, true); local.set(nameBytes, 30);
  const central = new Uint8Array(46 + nameBytes.length);
  const cv = new DataView(central.buffer);
  cv.setUint32(0, CENTRAL_HEADER, true); cv.setUint16(4, 20, true); cv.setUint16(6, 20, true); cv.setUint16(10, method, true);
  cv.setUint32(16, crc, true); cv.setUint32(20, data.length, true); cv.setUint32(24, content.length, true);
  cv.setUint16(28, nameBytes.length, true); cv.setUint32(42, 0, true); central.set(nameBytes, 46);
  const end = new Uint8Array(EOCD_BYTES);
  const ev = new DataView(end.buffer);
  ev.setUint32(0, END_OF_CENTRAL_DIRECTORY, true); ev.setUint16(8, 1, true); ev.setUint16(10, 1, true);
  ev.setUint32(12, central.length, true); ev.setUint32(16, local.length + data.length, true);
  const out = new Uint8Array(local.length + data.length + central.length + end.length);
  out.set(local, 0); out.set(data, local.length); out.set(central, local.length + data.length); out.set(end, local.length + data.length + central.length);
  return out;
}
