// Segments → module matrix: smallest fitting version (not below minVersion),
// bit stream with terminator and pad codewords, EC blocks interleaved,
// function patterns, data placement, and the mask with the lowest penalty.
import { formatBits, versionBits } from './bch';
import { dataCodewordCount, interleaveWithEc } from './codewords';
import { functionPatternMap, symbolSize, totalCodewords } from './function-patterns';
import { formatBitX, formatBitY, versionBitX, versionBitY } from './info-placement';
import { MASK_STRIDE, maskTable } from './mask';
import { penalty } from './penalty';
import { placeCodewords } from './placement';
import { alphanumericIndex, isDigit, MODE_ALPHANUMERIC, MODE_ECI, MODE_FNC1_FIRST, MODE_KANJI, MODE_NUMERIC, MODE_STRUCTURED_APPEND, segmentBits, segmentCount, segmentLength, segmentMode, segmentStart } from './segments';
import { alignmentPositions, characterCountBits, ecLevelBits } from './tables';

export const ENCODE_TOO_LONG: i32 = -1;
export const ENCODE_BAD_OPTIONS: i32 = -2;
export const ENCODE_BAD_CHARACTER: i32 = -3;

/** The last encoded symbol: size*size bytes, row-major, 1 = dark. */
export let encodedMatrix = new Uint8Array(177 * 177);
export let encodedVersion: i32 = 0;
export let encodedMask: i32 = 0;

const dataBuffer = new Uint8Array(2956);
const codewordBuffer = new Uint8Array(3706);
const unmasked = new Uint8Array(177 * 177);
const candidate = new Uint8Array(177 * 177);
const alignment = new StaticArray<i32>(8);

let bitLength: i32 = 0;

function appendBits(value: i32, count: i32): void {
  for (let i = count - 1; i >= 0; i--) {
    const index = bitLength >> 3;
    if ((value >> i) & 1) dataBuffer[index] = <u8>(<i32>dataBuffer[index] | (0x80 >> (bitLength & 7)));
    bitLength++;
  }
}

/**
 * Encodes the current segments (segments.ts) whose characters are in input.
 * mask −1 chooses by penalty. Returns the symbol size, or a negative status.
 */
export function encodeSegments(input: Uint8Array, ecLevel: i32, minVersion: i32, mask: i32): i32 {
  if (ecLevel < 0 || ecLevel > 3 || minVersion < 1 || minVersion > 40 || mask < -1 || mask > 7) return ENCODE_BAD_OPTIONS;
  let version = minVersion;
  let needed = 0;
  for (; version <= 40; version++) {
    needed = segmentBits(version);
    if (needed >= 0 && needed <= dataCodewordCount(version, ecLevel) * 8) break;
  }
  if (version > 40) return ENCODE_TOO_LONG;
  const status = writeBitstream(input, version, ecLevel);
  if (status < 0) return status;
  interleaveWithEc(dataBuffer, version, ecLevel, codewordBuffer);
  const size = symbolSize(version);
  drawFunctionPatterns(version, size);
  placeCodewords(unmasked, size, version, codewordBuffer.subarray(0, totalCodewords(version)));
  let bestMask = mask;
  if (mask < 0) {
    let bestPenalty = i32.MAX_VALUE;
    for (let m = 0; m < 8; m++) {
      applyMask(version, size, ecLevel, m, candidate);
      const score = penalty(candidate, size);
      if (score < bestPenalty) {
        bestPenalty = score;
        bestMask = m;
      }
    }
  }
  applyMask(version, size, ecLevel, bestMask, encodedMatrix);
  encodedVersion = version;
  encodedMask = bestMask;
  return size;
}

function writeBitstream(input: Uint8Array, version: i32, ecLevel: i32): i32 {
  const capacity = dataCodewordCount(version, ecLevel);
  for (let i = 0; i < capacity; i++) dataBuffer[i] = 0;
  bitLength = 0;
  for (let s = 0; s < segmentCount; s++) {
    const mode = segmentMode[s];
    const start = segmentStart[s];
    const count = segmentLength[s];
    appendBits(mode, 4);
    if (mode == MODE_ECI) {
      if (count < 128) appendBits(count, 8);
      else if (count < 16384) appendBits(0x8000 | count, 16);
      else appendBits(0xc00000 | count, 24);
      continue;
    }
    if (mode == MODE_STRUCTURED_APPEND) {
      appendBits((count >> 16) & 15, 4);
      appendBits((((count >> 8) & 0xff) - 1) & 15, 4);
      appendBits(count & 0xff, 8);
      continue;
    }
    if (mode == MODE_FNC1_FIRST) continue;
    if (mode == MODE_KANJI) {
      if (count & 1) return ENCODE_BAD_CHARACTER;
      appendBits(count / 2, characterCountBits(mode, version));
      for (let i = 0; i < count; i += 2) {
        const trail = <i32>input[start + i + 1];
        if (trail < 0x40 || trail > 0xfc || trail == 0x7f) return ENCODE_BAD_CHARACTER;
        let code = (<i32>input[start + i] << 8) | trail;
        if (code >= 0x8140 && code <= 0x9ffc) code -= 0x8140;
        else if (code >= 0xe040 && code <= 0xebbf) code -= 0xc140;
        else return ENCODE_BAD_CHARACTER;
        appendBits((code >> 8) * 0xc0 + (code & 0xff), 13);
      }
      continue;
    }
    appendBits(count, characterCountBits(mode, version));
    if (mode == MODE_NUMERIC) {
      for (let i = 0; i < count; i += 3) {
        const digits = count - i >= 3 ? 3 : count - i;
        let value = 0;
        for (let k = 0; k < digits; k++) {
          const c = <i32>input[start + i + k];
          if (!isDigit(c)) return ENCODE_BAD_CHARACTER;
          value = value * 10 + c - 0x30;
        }
        appendBits(value, digits == 3 ? 10 : digits == 2 ? 7 : 4);
      }
    } else if (mode == MODE_ALPHANUMERIC) {
      for (let i = 0; i < count; i += 2) {
        const a = alphanumericIndex(<i32>input[start + i]);
        if (a < 0) return ENCODE_BAD_CHARACTER;
        if (i + 1 < count) {
          const b = alphanumericIndex(<i32>input[start + i + 1]);
          if (b < 0) return ENCODE_BAD_CHARACTER;
          appendBits(a * 45 + b, 11);
        } else appendBits(a, 6);
      }
    } else {
      for (let i = 0; i < count; i++) appendBits(<i32>input[start + i], 8);
    }
  }
  const capacityBits = capacity * 8;
  const terminator = capacityBits - bitLength < 4 ? capacityBits - bitLength : 4;
  appendBits(0, terminator);
  if (bitLength & 7) appendBits(0, 8 - (bitLength & 7));
  for (let pad = 0xec; bitLength < capacityBits; pad ^= 0xec ^ 0x11) appendBits(pad, 8);
  return 0;
}

function setModule(size: i32, x: i32, y: i32, dark: bool): void {
  unmasked[y * size + x] = dark ? 1 : 0;
}

function drawFinder(size: i32, left: i32, top: i32): void {
  for (let dy = 0; dy < 7; dy++) {
    for (let dx = 0; dx < 7; dx++) {
      const ring = max(abs(dx - 3), abs(dy - 3));
      setModule(size, left + dx, top + dy, ring != 2);
    }
  }
}

/** Clears `unmasked` and draws everything but data and format information. */
function drawFunctionPatterns(version: i32, size: i32): void {
  for (let i = 0; i < size * size; i++) unmasked[i] = 0;
  drawFinder(size, 0, 0);
  drawFinder(size, size - 7, 0);
  drawFinder(size, 0, size - 7);
  for (let i = 8; i < size - 8; i++) {
    setModule(size, i, 6, (i & 1) == 0);
    setModule(size, 6, i, (i & 1) == 0);
  }
  const count = alignmentPositions(version, alignment);
  for (let i = 0; i < count; i++) {
    for (let j = 0; j < count; j++) {
      if ((i == 0 && j == 0) || (i == 0 && j == count - 1) || (i == count - 1 && j == 0)) continue;
      for (let dy = -2; dy <= 2; dy++) {
        for (let dx = -2; dx <= 2; dx++) setModule(size, alignment[j] + dx, alignment[i] + dy, max(abs(dx), abs(dy)) != 1);
      }
    }
  }
  setModule(size, 8, size - 8, true);
  if (version >= 7) {
    const bits = versionBits(version);
    for (let bit = 0; bit < 18; bit++) {
      const dark = ((bits >> bit) & 1) != 0;
      for (let copy = 0; copy < 2; copy++) setModule(size, versionBitX(copy, bit, size), versionBitY(copy, bit, size), dark);
    }
  }
}

/** out = unmasked with `mask` applied to data modules and the format information drawn. */
function applyMask(version: i32, size: i32, ecLevel: i32, mask: i32, out: Uint8Array): void {
  const functionMap = functionPatternMap(version);
  const flips = maskTable(mask);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const index = y * size + x;
      // function modules are never masked
      const flip = unchecked(flips[y * MASK_STRIDE + x]) & (unchecked(functionMap[index]) ^ 1);
      unchecked(out[index] = unchecked(unmasked[index]) ^ flip);
    }
  }
  const bits = formatBits(ecLevelBits(ecLevel), mask);
  for (let bit = 0; bit < 15; bit++) {
    const dark: u8 = <u8>((bits >> bit) & 1);
    for (let copy = 0; copy < 2; copy++) out[formatBitY(copy, bit, size) * size + formatBitX(copy, bit, size)] = dark;
  }
}
