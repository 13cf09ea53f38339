// The data bit stream (ISO/IEC 18004 7.4): segments of numeric,
// alphanumeric, byte and kanji data, ECI designators, structured append
// and FNC1 headers, up to a terminator or the end of the data codewords.
import { ByteSink } from './byte-sink';
import { appendAsUtf8, charsetForEci, CHARSET_GUESS, CHARSET_SHIFT_JIS } from './charsets';
import { characterCountBits } from './tables';

export const BITSTREAM_OK: i32 = 0;
export const BITSTREAM_TRUNCATED: i32 = 1; // a segment runs past the data
export const BITSTREAM_BAD_MODE: i32 = 2; // an unknown (or unsupported: Hanzi) mode indicator
export const BITSTREAM_BAD_VALUE: i32 = 3; // a numeric/alphanumeric group out of range, a bad ECI
export const BITSTREAM_TOO_LONG: i32 = 4; // output beyond the sinks' capacity (cannot happen for a real symbol)

const ALPHANUMERIC = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:';
const OUTPUT_CAPACITY = 8192 * 3;

/** The payload as coded. */
export const payloadSink = new ByteSink(OUTPUT_CAPACITY);
/** The payload as UTF-8 text. */
export const textSink = new ByteSink(OUTPUT_CAPACITY);
/** Byte-mode bytes not yet converted to text (one run per character set). */
const pendingSink = new ByteSink(OUTPUT_CAPACITY);

export let sequenceIndex: i32 = -1;
export let sequenceTotal: i32 = -1;
export let sequenceParity: i32 = -1;

let source: Uint8Array = new Uint8Array(0);
let sourceBits: i32 = 0;
let position: i32 = 0;

function bitsLeft(): i32 {
  return sourceBits - position;
}

/** The next `count` (≤ 24) bits; callers check bitsLeft first. */
function readBits(count: i32): i32 {
  let value = 0;
  for (let i = 0; i < count; i++) {
    const bit = (<i32>unchecked(source[position >> 3]) >> (7 - (position & 7))) & 1;
    value = (value << 1) | bit;
    position++;
  }
  return value;
}

function flushPending(charset: i32): void {
  if (pendingSink.length == 0) return;
  appendAsUtf8(pendingSink.data, 0, pendingSink.length, charset, textSink);
  pendingSink.reset();
}

function pushAscii(value: i32): void {
  payloadSink.push(value);
  textSink.push(value);
}

/** Parses data[0..length) of a symbol of `version` into payloadSink/textSink. */
export function parseBitstream(data: Uint8Array, length: i32, version: i32): i32 {
  payloadSink.reset();
  textSink.reset();
  pendingSink.reset();
  sequenceIndex = -1;
  sequenceTotal = -1;
  sequenceParity = -1;
  source = data;
  sourceBits = length * 8;
  position = 0;
  let charset = CHARSET_GUESS;
  let fnc1 = false;
  while (bitsLeft() >= 4) {
    const mode = readBits(4);
    if (mode == 0) break;
    if (mode == 7) {
      // ECI: 1, 2 or 3 bytes, the lead byte's high bits give the length
      if (bitsLeft() < 8) return BITSTREAM_TRUNCATED;
      let eci = readBits(8);
      if ((eci & 0x80) == 0) {
        // 7-bit value
      } else if ((eci & 0xc0) == 0x80) {
        if (bitsLeft() < 8) return BITSTREAM_TRUNCATED;
        eci = ((eci & 0x3f) << 8) | readBits(8);
      } else if ((eci & 0xe0) == 0xc0) {
        if (bitsLeft() < 16) return BITSTREAM_TRUNCATED;
        eci = ((eci & 0x1f) << 16) | readBits(16);
      } else return BITSTREAM_BAD_VALUE;
      flushPending(charset);
      charset = charsetForEci(eci);
      continue;
    }
    if (mode == 3) {
      if (bitsLeft() < 16) return BITSTREAM_TRUNCATED;
      sequenceIndex = readBits(4);
      sequenceTotal = readBits(4) + 1;
      sequenceParity = readBits(8);
      continue;
    }
    if (mode == 5) {
      fnc1 = true; // GS1: the data follows as usual
      continue;
    }
    if (mode == 9) {
      if (bitsLeft() < 8) return BITSTREAM_TRUNCATED;
      readBits(8); // application indicator
      fnc1 = true;
      continue;
    }
    const countBits = characterCountBits(mode, version);
    if (countBits == 0) return BITSTREAM_BAD_MODE;
    if (bitsLeft() < countBits) return BITSTREAM_TRUNCATED;
    const count = readBits(countBits);
    let status = BITSTREAM_OK;
    if (mode == 4) {
      if (bitsLeft() < count * 8) return BITSTREAM_TRUNCATED;
      for (let i = 0; i < count; i++) {
        const value = readBits(8);
        payloadSink.push(value);
        pendingSink.push(value);
      }
    } else {
      flushPending(charset);
      if (mode == 1) status = readNumeric(count);
      else if (mode == 2) status = readAlphanumeric(count, fnc1);
      else status = readKanji(count);
    }
    if (status != BITSTREAM_OK) return status;
  }
  flushPending(charset);
  if (payloadSink.overflow || textSink.overflow) return BITSTREAM_TOO_LONG;
  return BITSTREAM_OK;
}

function readNumeric(count: i32): i32 {
  let remaining = count;
  while (remaining > 0) {
    const digits = remaining >= 3 ? 3 : remaining;
    const bits = digits == 3 ? 10 : digits == 2 ? 7 : 4;
    if (bitsLeft() < bits) return BITSTREAM_TRUNCATED;
    const value = readBits(bits);
    if (value >= (digits == 3 ? 1000 : digits == 2 ? 100 : 10)) return BITSTREAM_BAD_VALUE;
    if (digits == 3) pushAscii(0x30 + value / 100);
    if (digits >= 2) pushAscii(0x30 + (value / 10) % 10);
    pushAscii(0x30 + value % 10);
    remaining -= digits;
  }
  return BITSTREAM_OK;
}

function readAlphanumeric(count: i32, fnc1: bool): i32 {
  let remaining = count;
  const start = payloadSink.length;
  const textStart = textSink.length;
  while (remaining > 0) {
    if (remaining >= 2) {
      if (bitsLeft() < 11) return BITSTREAM_TRUNCATED;
      const value = readBits(11);
      if (value >= 45 * 45) return BITSTREAM_BAD_VALUE;
      pushAscii(ALPHANUMERIC.charCodeAt(value / 45));
      pushAscii(ALPHANUMERIC.charCodeAt(value % 45));
      remaining -= 2;
    } else {
      if (bitsLeft() < 6) return BITSTREAM_TRUNCATED;
      const value = readBits(6);
      if (value >= 45) return BITSTREAM_BAD_VALUE;
      pushAscii(ALPHANUMERIC.charCodeAt(value));
      remaining--;
    }
  }
  if (fnc1) {
    // In FNC1 mode '%' stands for the GS separator and '%%' for '%'
    rewritePercent(payloadSink, start);
    rewritePercent(textSink, textStart);
  }
  return BITSTREAM_OK;
}

function rewritePercent(sink: ByteSink, start: i32): void {
  let write = start;
  for (let read = start; read < sink.length; read++) {
    const value = sink.data[read];
    if (value == 0x25) {
      if (read + 1 < sink.length && sink.data[read + 1] == 0x25) {
        sink.data[write++] = 0x25;
        read++;
      } else sink.data[write++] = 0x1d;
    } else sink.data[write++] = value;
  }
  sink.length = write;
}

function readKanji(count: i32): i32 {
  if (bitsLeft() < count * 13) return BITSTREAM_TRUNCATED;
  const start = pendingSink.length;
  for (let i = 0; i < count; i++) {
    const value = readBits(13);
    let code = ((value / 0xc0) << 8) | (value % 0xc0);
    code += code < 0x1f00 ? 0x8140 : 0xc140;
    payloadSink.push(code >> 8);
    payloadSink.push(code & 0xff);
    pendingSink.push(code >> 8);
    pendingSink.push(code & 0xff);
  }
  appendAsUtf8(pendingSink.data, start, pendingSink.length, CHARSET_SHIFT_JIS, textSink);
  pendingSink.reset();
  return BITSTREAM_OK;
}
