// Segments for the encoder: mode, and where the characters are in the input.
// "Auto" input is split into the modes passes need: all digits → numeric;
// all in the alphanumeric set (an HC1: DCC in base45) → alphanumeric;
// otherwise byte, with long digit runs (the body of an shc:/ code) numeric.
import { characterCountBits } from './tables';

export const MODE_NUMERIC: i32 = 1;
export const MODE_ALPHANUMERIC: i32 = 2;
export const MODE_BYTE: i32 = 4;
export const MODE_ECI: i32 = 7;
export const MODE_STRUCTURED_APPEND: i32 = 3;
export const MODE_FNC1_FIRST: i32 = 5;
export const MODE_KANJI: i32 = 8;

export const MAX_SEGMENTS: i32 = 256;
export const segmentMode = new StaticArray<i32>(MAX_SEGMENTS);
export const segmentStart = new StaticArray<i32>(MAX_SEGMENTS);
/**
 * Bytes in the segment (kanji: two per character); for ECI, the assignment
 * number; for structured append, (index << 16) | (total << 8) | parity.
 */
export const segmentLength = new StaticArray<i32>(MAX_SEGMENTS);
export let segmentCount: i32 = 0;

/** A digit run this long is cheaper as its own numeric segment inside byte text (header cost vs. 3⅓ bits a digit). */
const NUMERIC_RUN_THRESHOLD = 12;

export function resetSegments(): void {
  segmentCount = 0;
}

/** Adds a segment; false when there are too many. */
export function addSegment(mode: i32, start: i32, length: i32): bool {
  if (segmentCount >= MAX_SEGMENTS) return false;
  unchecked(segmentMode[segmentCount] = mode);
  unchecked(segmentStart[segmentCount] = start);
  unchecked(segmentLength[segmentCount] = length);
  segmentCount++;
  return true;
}

export function isDigit(value: i32): bool {
  return value >= 0x30 && value <= 0x39;
}

/** Index in the alphanumeric set 0–9 A–Z space $ % * + - . / :, or −1. */
export function alphanumericIndex(value: i32): i32 {
  if (value >= 0x30 && value <= 0x39) return value - 0x30;
  if (value >= 0x41 && value <= 0x5a) return value - 0x41 + 10;
  switch (value) {
    case 0x20: return 36;
    case 0x24: return 37;
    case 0x25: return 38;
    case 0x2a: return 39;
    case 0x2b: return 40;
    case 0x2d: return 41;
    case 0x2e: return 42;
    case 0x2f: return 43;
    case 0x3a: return 44;
  }
  return -1;
}

/** Splits input[start..start+length) into segments as described above. */
export function addAutoSegments(input: Uint8Array, start: i32, length: i32): bool {
  if (length == 0) return addSegment(MODE_BYTE, start, 0);
  let allDigits = true;
  let allAlphanumeric = true;
  for (let i = start; i < start + length; i++) {
    const value = <i32>input[i];
    if (!isDigit(value)) allDigits = false;
    if (alphanumericIndex(value) < 0) allAlphanumeric = false;
  }
  if (allDigits) return addSegment(MODE_NUMERIC, start, length);
  if (allAlphanumeric) return addSegment(MODE_ALPHANUMERIC, start, length);
  const first = segmentCount;
  let byteStart = start;
  let i = start;
  const end = start + length;
  while (i < end) {
    if (!isDigit(<i32>input[i])) { i++; continue; }
    let runEnd = i;
    while (runEnd < end && isDigit(<i32>input[runEnd])) runEnd++;
    if (runEnd - i >= NUMERIC_RUN_THRESHOLD) {
      if (i > byteStart && !addSegment(MODE_BYTE, byteStart, i - byteStart)) break;
      if (!addSegment(MODE_NUMERIC, i, runEnd - i)) break;
      byteStart = runEnd;
    }
    i = runEnd;
  }
  if (i >= end && (byteStart >= end || addSegment(MODE_BYTE, byteStart, end - byteStart))) return true;
  // too many segments: one byte segment always works
  segmentCount = first;
  return addSegment(MODE_BYTE, start, length);
}

/** Bits the segments need in `version`, or −1 when a count does not fit its indicator. */
export function segmentBits(version: i32): i32 {
  let bits = 0;
  for (let s = 0; s < segmentCount; s++) {
    const mode = unchecked(segmentMode[s]);
    const count = unchecked(segmentLength[s]);
    if (mode == MODE_ECI) {
      bits += 4 + (count < 128 ? 8 : count < 16384 ? 16 : 24);
      continue;
    }
    if (mode == MODE_STRUCTURED_APPEND) { bits += 20; continue; }
    if (mode == MODE_FNC1_FIRST) { bits += 4; continue; }
    const countBits = characterCountBits(mode, version);
    const characters = mode == MODE_KANJI ? count / 2 : count;
    if (characters >= (1 << countBits)) return -1;
    bits += 4 + countBits;
    if (mode == MODE_KANJI) bits += 13 * characters;
    else if (mode == MODE_NUMERIC) bits += 10 * (count / 3) + (count % 3 == 2 ? 7 : count % 3 == 1 ? 4 : 0);
    else if (mode == MODE_ALPHANUMERIC) bits += 11 * (count / 2) + 6 * (count % 2);
    else bits += 8 * count;
  }
  return bits;
}
