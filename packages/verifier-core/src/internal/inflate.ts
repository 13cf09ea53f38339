// Our own bounded DEFLATE decoder (RFC 1951) and its zlib wrapper (RFC 1950).
// Passes are small (a few KB), so the decoder favours a short start-up over
// peak throughput: canonical Huffman decoding, no big lookup tables. Every
// problem, including output beyond `maxOutput`, is a VerifierError('BAD_COMPRESSION'),
// raised as soon as it is seen, so a hostile stream costs at most maxOutput bytes.
import { VerifierError } from '../errors.js';

const LENGTH_BASE = [3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258];
const LENGTH_EXTRA_BITS = [0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0];
const DISTANCE_BASE = [
  1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769, 1025, 1537, 2049, 3073, 4097, 6145,
  8193, 12289, 16385, 24577,
];
const DISTANCE_EXTRA_BITS = [0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13];
/** The order in which a dynamic block lists the code lengths of the code-length alphabet. */
const CODE_LENGTH_ORDER = [16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15];
const MAX_CODE_BITS = 15;
const END_OF_BLOCK = 256;

/**
 * A canonical Huffman code: how many codes have each bit length, and the
 * symbols sorted by (length, symbol). Decoding walks the lengths one bit at a
 * time, which needs no table build: cheap for the short blocks passes contain.
 */
interface HuffmanCode {
  countPerLength: Uint16Array;
  symbols: Uint16Array;
}

const fail = (why: string): never => { throw new VerifierError('BAD_COMPRESSION', `inflate: ${why}`); };

/**
 * Builds a code from bit lengths. Over-subscribed sets are refused; an
 * incomplete set only when `allowIncomplete` (as zlib does: a single one-bit
 * code for literal/length or distance trees, or no codes at all for distances).
 */
function buildCode(lengths: Uint8Array, start: number, count: number, kind: 'codes' | 'lengths' | 'distances'): HuffmanCode {
  const countPerLength = new Uint16Array(MAX_CODE_BITS + 1);
  for (let i = 0; i < count; i++) countPerLength[lengths[start + i]!]!++;
  countPerLength[0] = 0;
  let maxLength = 0;
  for (let len = 1; len <= MAX_CODE_BITS; len++) if (countPerLength[len]) maxLength = len;
  let left = 1;
  for (let len = 1; len <= MAX_CODE_BITS; len++) {
    left = left * 2 - countPerLength[len]!;
    if (left < 0) fail('over-subscribed Huffman code');
  }
  const incomplete = left > 0 && maxLength > 0;
  if (maxLength === 0 && kind === 'codes') fail('empty code-length code');
  if (incomplete && (kind === 'codes' || maxLength !== 1)) fail('incomplete Huffman code');
  const offsets = new Uint16Array(MAX_CODE_BITS + 2);
  for (let len = 1; len <= MAX_CODE_BITS; len++) offsets[len + 1] = offsets[len]! + countPerLength[len]!;
  const symbols = new Uint16Array(count);
  for (let i = 0; i < count; i++) {
    const len = lengths[start + i]!;
    if (len) symbols[offsets[len]!++] = i;
  }
  return { countPerLength, symbols };
}

let fixedLiteralCode: HuffmanCode | undefined;
let fixedDistanceCode: HuffmanCode | undefined;
function fixedCodes(): [HuffmanCode, HuffmanCode] {
  if (!fixedLiteralCode || !fixedDistanceCode) {
    // RFC 1951 §3.2.6. Symbols 286-287 and distances 30-31 have codes but are invalid when decoded.
    const lengths = new Uint8Array(288 + 32);
    lengths.fill(8, 0, 144).fill(9, 144, 256).fill(7, 256, 280).fill(8, 280, 288).fill(5, 288);
    fixedLiteralCode = buildCode(lengths, 0, 288, 'lengths');
    fixedDistanceCode = buildCode(lengths, 288, 32, 'distances');
  }
  return [fixedLiteralCode, fixedDistanceCode];
}

interface InflateResult { output: Uint8Array; end: number }

/** Decodes the DEFLATE stream starting at `data[start]`; `end` is the index just past its last byte. */
function inflateAt(data: Uint8Array, start: number, maxOutput: number): InflateResult {
  let position = start;
  let bitBuffer = 0;
  let bitCount = 0;
  let output = new Uint8Array(Math.min(maxOutput, Math.max(1024, (data.length - start) * 4)));
  let size = 0;

  function bits(need: number): number {
    while (bitCount < need) {
      if (position >= data.length) fail('truncated stream');
      bitBuffer |= data[position++]! << bitCount;
      bitCount += 8;
    }
    const value = bitBuffer & ((1 << need) - 1);
    bitBuffer >>>= need;
    bitCount -= need;
    return value;
  }

  function decodeSymbol(code: HuffmanCode): number {
    // Canonical codes: the first code of each length follows the last code of the previous length, doubled.
    let codeValue = 0, firstCode = 0, index = 0;
    for (let len = 1; len <= MAX_CODE_BITS; len++) {
      codeValue |= bits(1);
      const count = code.countPerLength[len]!;
      if (codeValue - firstCode < count) return code.symbols[index + codeValue - firstCode]!;
      index += count;
      firstCode = (firstCode + count) << 1;
      codeValue <<= 1;
    }
    return fail('invalid Huffman code');
  }

  function reserve(extra: number): void {
    const needed = size + extra;
    if (needed > maxOutput) fail(`output over the ${maxOutput}-byte cap`);
    if (needed <= output.length) return;
    const grown = new Uint8Array(Math.min(maxOutput, Math.max(needed, output.length * 2)));
    grown.set(output.subarray(0, size));
    output = grown;
  }

  function storedBlock(): void {
    bitBuffer = 0;
    bitCount = 0; // a stored block starts at the next byte boundary
    if (position + 4 > data.length) fail('truncated stored block header');
    const length = data[position]! | (data[position + 1]! << 8);
    const lengthComplement = data[position + 2]! | (data[position + 3]! << 8);
    position += 4;
    if ((length ^ 0xffff) !== lengthComplement) fail('stored block length check failed');
    if (position + length > data.length) fail('truncated stored block');
    reserve(length);
    output.set(data.subarray(position, position + length), size);
    size += length;
    position += length;
  }

  function huffmanBlock(literals: HuffmanCode, distances: HuffmanCode): void {
    for (;;) {
      const symbol = decodeSymbol(literals);
      if (symbol < 256) {
        if (size >= output.length) reserve(1);
        output[size++] = symbol;
        continue;
      }
      if (symbol === END_OF_BLOCK) return;
      const lengthIndex = symbol - 257;
      if (lengthIndex >= 29) fail('invalid length symbol');
      const length = LENGTH_BASE[lengthIndex]! + bits(LENGTH_EXTRA_BITS[lengthIndex]!);
      const distanceIndex = decodeSymbol(distances);
      if (distanceIndex >= 30) fail('invalid distance symbol');
      const distance = DISTANCE_BASE[distanceIndex]! + bits(DISTANCE_EXTRA_BITS[distanceIndex]!);
      if (distance > size) fail('distance before the start of the output');
      reserve(length);
      // Byte by byte: a copy may overlap the bytes it is producing (distance < length).
      for (let from = size - distance, i = 0; i < length; i++) output[size++] = output[from + i]!;
    }
  }

  function dynamicCodes(): [HuffmanCode, HuffmanCode] {
    const literalCount = bits(5) + 257;
    const distanceCount = bits(5) + 1;
    const codeLengthCount = bits(4) + 4;
    if (literalCount > 286 || distanceCount > 30) fail('too many length or distance symbols');
    const codeLengthLengths = new Uint8Array(19);
    for (let i = 0; i < codeLengthCount; i++) codeLengthLengths[CODE_LENGTH_ORDER[i]!] = bits(3);
    const codeLengthCode = buildCode(codeLengthLengths, 0, 19, 'codes');
    const lengths = new Uint8Array(literalCount + distanceCount);
    for (let i = 0; i < lengths.length;) {
      const symbol = decodeSymbol(codeLengthCode);
      if (symbol < 16) { lengths[i++] = symbol; continue; }
      let repeat: number, value = 0;
      if (symbol === 16) {
        if (i === 0) fail('repeat with no previous length');
        value = lengths[i - 1]!;
        repeat = 3 + bits(2);
      } else if (symbol === 17) {
        repeat = 3 + bits(3);
      } else {
        repeat = 11 + bits(7);
      }
      if (i + repeat > lengths.length) fail('code lengths overflow');
      lengths.fill(value, i, i + repeat);
      i += repeat;
    }
    if (lengths[END_OF_BLOCK] === 0) fail('no end-of-block code');
    return [buildCode(lengths, 0, literalCount, 'lengths'), buildCode(lengths, literalCount, distanceCount, 'distances')];
  }

  let final = 0;
  while (!final) {
    final = bits(1);
    const type = bits(2);
    if (type === 0) storedBlock();
    else if (type === 1) huffmanBlock(...fixedCodes());
    else if (type === 2) huffmanBlock(...dynamicCodes());
    else fail('reserved block type');
  }
  // Unused bits of the last byte are padding; whole unread bytes are not (see callers).
  return { output: output.subarray(0, size), end: position };
}

function checkCap(maxOutput: number): void {
  if (!Number.isSafeInteger(maxOutput) || maxOutput < 0) throw new TypeError('inflate: maxOutput must be a non-negative integer');
}

/**
 * Raw DEFLATE (RFC 1951), as SMART Health Cards use. Bytes after the end of the
 * stream are refused: a pass is exactly one stream, and anything appended is tampering.
 */
export function inflateRaw(data: Uint8Array, maxOutput: number): Uint8Array {
  checkCap(maxOutput);
  const { output, end } = inflateAt(data, 0, maxOutput);
  if (end !== data.length) fail('data after the end of the stream');
  return output;
}

function adler32(bytes: Uint8Array): number {
  let a = 1, b = 0;
  // 5552 is the longest run before b can overflow 2^32 (the RFC 1950 NMAX), so reduce only that often.
  for (let i = 0; i < bytes.length;) {
    const stop = Math.min(bytes.length, i + 5552);
    for (; i < stop; i++) { a += bytes[i]!; b += a; }
    a %= 65521;
    b %= 65521;
  }
  return ((b << 16) | a) >>> 0;
}

/** zlib (RFC 1950): header check, raw DEFLATE, Adler-32 of the output, nothing after it. */
export function inflateZlib(data: Uint8Array, maxOutput: number): Uint8Array {
  checkCap(maxOutput);
  if (data.length < 6) fail('truncated zlib stream');
  const method = data[0]!, flags = data[1]!;
  if ((method & 0x0f) !== 8 || method >> 4 > 7) fail('not a DEFLATE zlib stream');
  if (((method << 8) | flags) % 31 !== 0) fail('zlib header check failed');
  if (flags & 0x20) fail('preset dictionaries are not supported');
  const { output, end } = inflateAt(data, 2, maxOutput);
  if (end + 4 > data.length) fail('truncated Adler-32');
  const expected = ((data[end]! << 24) | (data[end + 1]! << 16) | (data[end + 2]! << 8) | data[end + 3]!) >>> 0;
  if (adler32(output) !== expected) fail('Adler-32 mismatch');
  if (end + 4 !== data.length) fail('data after the end of the stream');
  return output;
}
