// Our own bounded DEFLATE decoder (RFC 1951) and its zlib wrapper (RFC 1950).
// Passes are small (a few KB), so the decoder favours a short start-up over
// peak throughput: canonical Huffman decoding, no big lookup tables. Every
// problem, including output beyond `maxOutput`, is a VerifierError('BAD_COMPRESSION'),
// raised as soon as it is seen, so a hostile stream costs at most maxOutput bytes.
import { VerifierError } from '../errors.js';
import { decoderWork } from './work.js';

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

/** Bits looked up at once: codes up to this long decode in one step; longer (rare) ones bit by bit. */
const FAST_BITS = 9;
/** Each 9-bit value with its bits in reverse order. */
const REVERSED_9_BITS = new Uint16Array(1 << FAST_BITS);
for (let v = 0; v < REVERSED_9_BITS.length; v++) {
  let r = 0;
  for (let b = 0; b < FAST_BITS; b++) r |= ((v >> b) & 1) << (FAST_BITS - 1 - b);
  REVERSED_9_BITS[v] = r;
}

/**
 * A canonical Huffman code: how many codes have each bit length, the symbols
 * sorted by (length, symbol), and a small table for the short codes indexed by
 * the next `fastBits` input bits, each entry `symbol << 4 | length` (0: longer code).
 * Tables are filled in place (see `buildCode`), so decoding a pass allocates almost nothing.
 */
interface HuffmanCode {
  countPerLength: Uint16Array;
  symbols: Uint16Array;
  fast: Uint16Array;
  fastMask: number;
}

const newCode = (symbolCount: number): HuffmanCode => ({
  countPerLength: new Uint16Array(MAX_CODE_BITS + 1),
  symbols: new Uint16Array(symbolCount),
  fast: new Uint16Array(1 << FAST_BITS),
  fastMask: 0,
});

const fail = (why: string): never => { throw new VerifierError('BAD_COMPRESSION', `inflate: ${why}`); };

const offsets = new Uint16Array(MAX_CODE_BITS + 2);
const nextCode = new Uint16Array(MAX_CODE_BITS + 1);

/**
 * Fills `code` from bit lengths. Over-subscribed sets are refused; incomplete
 * ones only as zlib allows them: a single one-bit code for literal/length or
 * distance trees, or no codes at all for distances. Decoding is synchronous and
 * never re-entered, so the scratch arrays and the dynamic codes can be shared.
 */
function buildCode(code: HuffmanCode, lengths: Uint8Array, start: number, count: number, kind: 'codes' | 'lengths' | 'distances'): HuffmanCode {
  const { countPerLength, symbols, fast } = code;
  countPerLength.fill(0);
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
  offsets.fill(0);
  for (let len = 1; len <= MAX_CODE_BITS; len++) offsets[len + 1] = offsets[len]! + countPerLength[len]!;
  for (let i = 0; i < count; i++) {
    const len = lengths[start + i]!;
    if (len) symbols[offsets[len]!++] = i;
  }
  // Canonical codes, first code of each length (RFC 1951 §3.2.2); stream bits arrive least significant first, so index reversed.
  // No longer than the longest code: the short tables (code lengths, distances) then cost little to fill.
  const fastBits = Math.min(FAST_BITS, Math.max(1, maxLength));
  const size = 1 << fastBits;
  fast.fill(0, 0, size);
  for (let len = 1, first = 0; len <= MAX_CODE_BITS; len++) {
    first = (first + countPerLength[len - 1]!) << 1;
    nextCode[len] = first;
  }
  for (let i = 0; i < count; i++) {
    const len = lengths[start + i]!;
    if (!len) continue;
    const canonical = nextCode[len]!++;
    if (len > fastBits) continue;
    const reversed = REVERSED_9_BITS[canonical << (FAST_BITS - len)]!;
    for (let fill = reversed; fill < size; fill += 1 << len) fast[fill] = (i << 4) | len;
  }
  code.fastMask = size - 1;
  return code;
}

let fixedLiteralCode: HuffmanCode | undefined;
let fixedDistanceCode: HuffmanCode | undefined;
function fixedCodes(): [HuffmanCode, HuffmanCode] {
  if (!fixedLiteralCode || !fixedDistanceCode) {
    // RFC 1951 §3.2.6. Symbols 286-287 and distances 30-31 have codes but are invalid when decoded.
    const lengths = new Uint8Array(288 + 32);
    lengths.fill(8, 0, 144).fill(9, 144, 256).fill(7, 256, 280).fill(8, 280, 288).fill(5, 288);
    fixedLiteralCode = buildCode(newCode(288), lengths, 0, 288, 'lengths');
    fixedDistanceCode = buildCode(newCode(32), lengths, 288, 32, 'distances');
  }
  return [fixedLiteralCode, fixedDistanceCode];
}

const dynamicLiterals = newCode(286);
const dynamicDistances = newCode(30);
const codeLengthCode = newCode(19);
const codeLengthLengths = new Uint8Array(19);
const dynamicLengths = new Uint8Array(286 + 30);

interface InflateResult { output: Uint8Array; end: number }

/**
 * Decoder state. Cold paths (block headers, stored blocks, code tables) work on
 * it through small functions; the hot loop copies it into locals, because V8
 * keeps locals in registers but not variables shared with closures.
 */
interface Inflater {
  data: Uint8Array;
  position: number;
  bitBuffer: number;
  bitCount: number;
  output: Uint8Array;
  size: number;
  maxOutput: number;
}

function bits(state: Inflater, need: number): number {
  while (state.bitCount < need) {
    if (state.position >= state.data.length) fail('truncated stream');
    state.bitBuffer |= state.data[state.position++]! << state.bitCount;
    state.bitCount += 8;
  }
  const value = state.bitBuffer & ((1 << need) - 1);
  state.bitBuffer >>>= need;
  state.bitCount -= need;
  return value;
}

/** Room for `extra` more output bytes: refuses past the cap, grows the buffer by doubling. */
function reserve(state: Inflater, size: number, extra: number): Uint8Array {
  const needed = size + extra;
  if (needed > state.maxOutput) {
    state.size = size; // what was written, for decoderWork
    fail(`output over the ${state.maxOutput}-byte cap`);
  }
  if (needed <= state.output.length) return state.output;
  const grown = new Uint8Array(Math.min(state.maxOutput, Math.max(needed, state.output.length * 2)));
  grown.set(state.output.subarray(0, size));
  state.output = grown;
  return grown;
}

/** One symbol, bit by bit: for codes longer than the fast table, and near the end of the input. */
function decodeSlowly(state: Inflater, code: HuffmanCode): number {
  // Canonical codes: the first code of each length follows the last code of the previous length, doubled.
  let codeValue = 0, firstCode = 0, index = 0;
  for (let len = 1; len <= MAX_CODE_BITS; len++) {
    codeValue |= bits(state, 1);
    const count = code.countPerLength[len]!;
    if (codeValue - firstCode < count) return code.symbols[index + codeValue - firstCode]!;
    index += count;
    firstCode = (firstCode + count) << 1;
    codeValue <<= 1;
  }
  return fail('invalid Huffman code');
}

function decodeSymbol(state: Inflater, code: HuffmanCode): number {
  const { data } = state;
  while (state.bitCount < FAST_BITS && state.position < data.length) {
    state.bitBuffer |= data[state.position++]! << state.bitCount;
    state.bitCount += 8;
  }
  const entry = code.fast[state.bitBuffer & code.fastMask]!;
  const length = entry & 15;
  if (length && length <= state.bitCount) {
    state.bitBuffer >>>= length;
    state.bitCount -= length;
    return entry >> 4;
  }
  return decodeSlowly(state, code);
}

function storedBlock(state: Inflater): void {
  const { data } = state;
  // A stored block starts at the next byte boundary: drop the partial byte, give back whole bytes read ahead.
  let position = state.position - (state.bitCount >> 3);
  state.bitBuffer = 0;
  state.bitCount = 0;
  if (position + 4 > data.length) fail('truncated stored block header');
  const length = data[position]! | (data[position + 1]! << 8);
  const lengthComplement = data[position + 2]! | (data[position + 3]! << 8);
  position += 4;
  if ((length ^ 0xffff) !== lengthComplement) fail('stored block length check failed');
  if (position + length > data.length) fail('truncated stored block');
  reserve(state, state.size, length).set(data.subarray(position, position + length), state.size);
  state.size += length;
  state.position = position + length;
}

function huffmanBlock(state: Inflater, literals: HuffmanCode, distances: HuffmanCode): void {
  const { data } = state;
  const end = data.length;
  const literalFast = literals.fast;
  const literalMask = literals.fastMask;
  // State in locals (no closure may capture them, or V8 moves them to the heap); written back around cold calls.
  let { position, bitBuffer, bitCount, output, size } = state;
  for (;;) {
    // Literals are most symbols: decode them here. Two bytes at a time while they last.
    if (bitCount < 16) {
      if (position + 1 < end) {
        bitBuffer |= (data[position]! | (data[position + 1]! << 8)) << bitCount;
        position += 2;
        bitCount += 16;
      } else if (position < end) {
        bitBuffer |= data[position++]! << bitCount;
        bitCount += 8;
      }
    }
    const entry = literalFast[bitBuffer & literalMask]!;
    const entryLength = entry & 15;
    let symbol: number;
    if (entryLength && entryLength <= bitCount) {
      bitBuffer >>>= entryLength;
      bitCount -= entryLength;
      symbol = entry >> 4;
    } else {
      state.position = position; state.bitBuffer = bitBuffer; state.bitCount = bitCount;
      symbol = decodeSlowly(state, literals);
      ({ position, bitBuffer, bitCount } = state);
    }
    if (symbol < 256) {
      if (size >= output.length) { state.position = position; output = reserve(state, size, 1); }
      output[size++] = symbol;
      continue;
    }
    if (symbol === END_OF_BLOCK) break;
    const lengthIndex = symbol - 257;
    if (lengthIndex >= 29) fail('invalid length symbol');
    state.position = position; state.bitBuffer = bitBuffer; state.bitCount = bitCount;
    const length = LENGTH_BASE[lengthIndex]! + bits(state, LENGTH_EXTRA_BITS[lengthIndex]!);
    const distanceIndex = decodeSymbol(state, distances);
    if (distanceIndex >= 30) fail('invalid distance symbol');
    const distance = DISTANCE_BASE[distanceIndex]! + bits(state, DISTANCE_EXTRA_BITS[distanceIndex]!);
    ({ position, bitBuffer, bitCount } = state);
    if (distance > size) fail('distance before the start of the output');
    if (size + length > output.length) output = reserve(state, size, length);
    // Byte by byte: a copy may overlap the bytes it is producing (distance < length).
    for (let from = size - distance, i = 0; i < length; i++) output[size++] = output[from + i]!;
  }
  state.position = position; state.bitBuffer = bitBuffer; state.bitCount = bitCount; state.size = size;
}

function dynamicCodes(state: Inflater): [HuffmanCode, HuffmanCode] {
  const literalCount = bits(state, 5) + 257;
  const distanceCount = bits(state, 5) + 1;
  const codeLengthCount = bits(state, 4) + 4;
  if (literalCount > 286 || distanceCount > 30) fail('too many length or distance symbols');
  codeLengthLengths.fill(0);
  for (let i = 0; i < codeLengthCount; i++) codeLengthLengths[CODE_LENGTH_ORDER[i]!] = bits(state, 3);
  buildCode(codeLengthCode, codeLengthLengths, 0, 19, 'codes');
  const total = literalCount + distanceCount;
  const lengths = dynamicLengths;
  // Up to 316 code lengths: decoded with the bit buffer in locals, like huffmanBlock's literals.
  const { data } = state;
  const end = data.length;
  const fast = codeLengthCode.fast, mask = codeLengthCode.fastMask;
  let { position, bitBuffer, bitCount } = state;
  for (let i = 0; i < total;) {
    // A code-length code is at most 7 bits and its extra bits at most 7: 14 bits cover a step.
    while (bitCount < 14 && position < end) { bitBuffer |= data[position++]! << bitCount; bitCount += 8; }
    const entry = fast[bitBuffer & mask]!;
    const length = entry & 15;
    // Every code-length code fits the fast table, so a miss means the input ran out (or an incomplete code).
    if (!length || length > bitCount) fail('truncated or invalid code lengths');
    bitBuffer >>>= length;
    bitCount -= length;
    const symbol = entry >> 4;
    if (symbol < 16) { lengths[i++] = symbol; continue; }
    let repeat: number, value = 0, extra: number, base: number;
    if (symbol === 16) {
      if (i === 0) fail('repeat with no previous length');
      value = lengths[i - 1]!;
      extra = 2; base = 3;
    } else if (symbol === 17) {
      extra = 3; base = 3;
    } else {
      extra = 7; base = 11;
    }
    if (bitCount < extra) fail('truncated stream');
    repeat = base + (bitBuffer & ((1 << extra) - 1));
    bitBuffer >>>= extra;
    bitCount -= extra;
    if (i + repeat > total) fail('code lengths overflow');
    lengths.fill(value, i, i + repeat);
    i += repeat;
  }
  state.position = position; state.bitBuffer = bitBuffer; state.bitCount = bitCount;
  if (lengths[END_OF_BLOCK] === 0) fail('no end-of-block code');
  return [buildCode(dynamicLiterals, lengths, 0, literalCount, 'lengths'), buildCode(dynamicDistances, lengths, literalCount, distanceCount, 'distances')];
}

/**
 * Decodes the DEFLATE stream starting at `data[start]`; `end` is the index just past its last byte.
 * The output goes into `into` when given (it must not overlap `data`), else into a buffer of its own.
 */
function inflateAt(data: Uint8Array, start: number, maxOutput: number, into?: Uint8Array): InflateResult {
  const state: Inflater = {
    data, position: start, bitBuffer: 0, bitCount: 0, size: 0, maxOutput,
    output: into ?? new Uint8Array(Math.min(maxOutput, Math.max(1024, (data.length - start) * 4))),
  };
  let final = 0;
  try {
    while (!final) {
      final = bits(state, 1);
      const type = bits(state, 2);
      if (type === 0) storedBlock(state);
      else if (type === 1) huffmanBlock(state, ...fixedCodes());
      else if (type === 2) huffmanBlock(state, ...dynamicCodes(state));
      else fail('reserved block type');
    }
  } finally {
    decoderWork.inflateCalls++;
    decoderWork.inflateInputBytes += state.position - start;
    decoderWork.inflateOutputBytes += state.size;
  }
  // Unused bits of the last byte are padding; whole bytes read ahead were not part of the stream.
  return { output: state.output.subarray(0, state.size), end: state.position - (state.bitCount >> 3) };
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

/** zlib (RFC 1950): header check, raw DEFLATE, Adler-32 of the output, nothing after it. `into`: see inflateZlibUnchecked. */
export function inflateZlib(data: Uint8Array, maxOutput: number, into?: Uint8Array): Uint8Array {
  const { output, checksumHolds } = inflateZlibUnchecked(data, maxOutput, into);
  if (!checksumHolds()) fail('Adler-32 mismatch');
  return output;
}

/**
 * inflateZlib with its last step left to the caller: the output, and a check of its
 * Adler-32 to run before anything is concluded from it. A DCC scan runs it while the
 * signature is checked instead of before the check can start. With `into` the output
 * is written there and returned as a view of it (a scan decodes into the same buffer
 * every time); it may grow into a new buffer only if `into` is shorter than `maxOutput`.
 */
export function inflateZlibUnchecked(data: Uint8Array, maxOutput: number, into?: Uint8Array): { output: Uint8Array; checksumHolds: () => boolean } {
  checkCap(maxOutput);
  if (data.length < 6) fail('truncated zlib stream');
  const method = data[0]!, flags = data[1]!;
  if ((method & 0x0f) !== 8 || method >> 4 > 7) fail('not a DEFLATE zlib stream');
  if (((method << 8) | flags) % 31 !== 0) fail('zlib header check failed');
  if (flags & 0x20) fail('preset dictionaries are not supported');
  const { output, end } = inflateAt(data, 2, maxOutput, into);
  if (end + 4 > data.length) fail('truncated Adler-32');
  if (end + 4 !== data.length) fail('data after the end of the stream');
  const expected = ((data[end]! << 24) | (data[end + 1]! << 16) | (data[end + 2]! << 8) | data[end + 3]!) >>> 0;
  return { output, checksumHolds: () => adler32(output) === expected };
}
