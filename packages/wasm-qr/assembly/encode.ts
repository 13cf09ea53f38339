// The encoder's wasm exports. JS writes segment records into encoderInput:
// [mode: u8][length: u32 little-endian][length bytes], repeated, where mode is
// 0 (auto: split as segments.ts describes), 1 numeric, 2 alphanumeric,
// 4 byte, 8 kanji (Shift JIS byte pairs), or a header without bytes whose
// length field is its value: 7 ECI (assignment number), 3 structured append
// ((index << 16) | (total << 8) | parity), 5 FNC1 in first position (0).
import { encodedMask, encodedMatrix, encodedVersion, encodeSegments } from './codec/encoder';
import { addAutoSegments, addSegment, MODE_ALPHANUMERIC, MODE_BYTE, MODE_ECI, MODE_FNC1_FIRST, MODE_KANJI, MODE_NUMERIC, MODE_STRUCTURED_APPEND, resetSegments } from './codec/segments';

/** Longest input accepted: more than any QR symbol holds. */
const MAX_INPUT_BYTES = 16384;
const ENCODE_BAD_INPUT: i32 = -4;

let encoderInput = new Uint8Array(0);

/** Pointer to a buffer of ≥ byteLength bytes for segment records; 0 when too large. */
export function encoderInputBuffer(byteLength: i32): usize {
  if (byteLength < 0 || byteLength > MAX_INPUT_BYTES) return 0;
  if (encoderInput.length < byteLength) encoderInput = new Uint8Array(MAX_INPUT_BYTES);
  return encoderInput.dataStart;
}

/**
 * Encodes the records in encoderInput[0..inputLength). ecLevel 0=L 1=M 2=Q 3=H;
 * mask −1 = choose by penalty. Returns the symbol size (modules per side), or
 * −1 too long for version 40, −2 bad options, −3 a character its mode cannot
 * hold, −4 malformed records.
 */
export function encode(inputLength: i32, ecLevel: i32, minVersion: i32, mask: i32): i32 {
  if (inputLength < 0 || inputLength > encoderInput.length) return ENCODE_BAD_INPUT;
  resetSegments();
  let offset = 0;
  while (offset < inputLength) {
    if (offset + 5 > inputLength) return ENCODE_BAD_INPUT;
    const mode = <i32>encoderInput[offset];
    const length = <i32>encoderInput[offset + 1] | (<i32>encoderInput[offset + 2] << 8) | (<i32>encoderInput[offset + 3] << 16) | (<i32>encoderInput[offset + 4] << 24);
    offset += 5;
    if (mode == MODE_ECI) {
      if (length < 0 || length > 999999 || !addSegment(MODE_ECI, 0, length)) return ENCODE_BAD_INPUT;
      continue;
    }
    if (mode == MODE_STRUCTURED_APPEND || mode == MODE_FNC1_FIRST) {
      if (length < 0 || !addSegment(mode, 0, length)) return ENCODE_BAD_INPUT;
      continue;
    }
    if (length < 0 || offset + length > inputLength) return ENCODE_BAD_INPUT;
    let added = false;
    if (mode == 0) added = addAutoSegments(encoderInput, offset, length);
    else if (mode == MODE_NUMERIC || mode == MODE_ALPHANUMERIC || mode == MODE_BYTE || mode == MODE_KANJI) added = addSegment(mode, offset, length);
    if (!added) return ENCODE_BAD_INPUT;
    offset += length;
  }
  return encodeSegments(encoderInput, ecLevel, minVersion, mask);
}

/** The last symbol's modules: size*size bytes, row-major, 1 = dark. */
export function encodedModulesPtr(): usize { return encodedMatrix.dataStart; }
export function encodedSymbolVersion(): i32 { return encodedVersion; }
export function encodedSymbolMask(): i32 { return encodedMask; }
