// Published facts of ISO/IEC 18004 (Table 9): per version 1–40 and EC level,
// EC codewords per block and the number of blocks. Level index: 0=L 1=M 2=Q 3=H.
// A version's total codewords follow from its function patterns
// (function-patterns.ts); data codewords = total − blocks × EC per block,
// with the longer blocks (one more data codeword) last.

const EC_PER_BLOCK: StaticArray<u8> = [
  // L
  7, 10, 15, 20, 26, 18, 20, 24, 30, 18, 20, 24, 26, 30, 22, 24, 28, 30, 28, 28,
  28, 28, 30, 30, 26, 28, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30,
  // M
  10, 16, 26, 18, 24, 16, 18, 22, 22, 26, 30, 22, 22, 24, 24, 28, 28, 26, 26, 26,
  26, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28,
  // Q
  13, 22, 18, 26, 18, 24, 18, 22, 20, 24, 28, 26, 24, 20, 30, 24, 28, 28, 26, 30,
  28, 30, 30, 30, 30, 28, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30,
  // H
  17, 28, 22, 16, 22, 28, 26, 26, 24, 28, 24, 28, 22, 24, 24, 30, 28, 28, 26, 28,
  30, 24, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30,
];

const BLOCK_COUNT: StaticArray<u8> = [
  // L
  1, 1, 1, 1, 1, 2, 2, 2, 2, 4, 4, 4, 4, 4, 6, 6, 6, 6, 7, 8,
  8, 9, 9, 10, 12, 12, 12, 13, 14, 15, 16, 17, 18, 19, 19, 20, 21, 22, 24, 25,
  // M
  1, 1, 1, 2, 2, 4, 4, 4, 5, 5, 5, 8, 9, 9, 10, 10, 11, 13, 14, 16,
  17, 17, 18, 20, 21, 23, 25, 26, 28, 29, 31, 33, 35, 37, 38, 40, 43, 45, 47, 49,
  // Q
  1, 1, 2, 2, 4, 4, 6, 6, 8, 8, 8, 10, 12, 16, 12, 17, 16, 18, 21, 20,
  23, 23, 25, 27, 29, 34, 34, 35, 38, 40, 43, 45, 48, 51, 53, 56, 59, 62, 65, 68,
  // H
  1, 1, 2, 4, 4, 4, 5, 6, 8, 8, 11, 11, 16, 16, 18, 16, 19, 21, 25, 25,
  25, 34, 30, 32, 35, 37, 40, 42, 45, 48, 51, 54, 57, 60, 63, 66, 70, 74, 77, 81,
];

export function ecCodewordsPerBlock(version: i32, ecLevel: i32): i32 {
  return <i32>EC_PER_BLOCK[ecLevel * 40 + version - 1];
}

export function blockCount(version: i32, ecLevel: i32): i32 {
  return <i32>BLOCK_COUNT[ecLevel * 40 + version - 1];
}

/**
 * Misdecode-protection codewords (ISO/IEC 18004 Table 9, "p"): in these small
 * symbols some EC codewords only detect, so fewer errors may be corrected.
 */
export function misdecodeProtection(version: i32, ecLevel: i32): i32 {
  if (version == 1) return ecLevel == 0 ? 3 : ecLevel == 1 ? 2 : 1;
  if (version == 2 && ecLevel == 0) return 2;
  if (version == 3 && ecLevel == 0) return 1;
  return 0;
}

/** The 2-bit EC indicator of the format information: L=01 M=00 Q=11 H=10. */
export function ecLevelBits(ecLevel: i32): i32 {
  return ecLevel == 0 ? 1 : ecLevel == 1 ? 0 : ecLevel == 2 ? 3 : 2;
}

export function ecLevelFromBits(bits: i32): i32 {
  return bits == 1 ? 0 : bits == 0 ? 1 : bits == 3 ? 2 : 3;
}

/** Character-count indicator length per mode indicator and version. */
export function characterCountBits(mode: i32, version: i32): i32 {
  const group = version <= 9 ? 0 : version <= 26 ? 1 : 2;
  if (mode == 1) return group == 0 ? 10 : group == 1 ? 12 : 14; // numeric
  if (mode == 2) return group == 0 ? 9 : group == 1 ? 11 : 13; // alphanumeric
  if (mode == 4) return group == 0 ? 8 : 16; // byte
  if (mode == 8) return group == 0 ? 8 : group == 1 ? 10 : 12; // kanji
  return 0;
}

/** Alignment pattern centre coordinates (same list for rows and columns); count written to the return. */
export function alignmentPositions(version: i32, out: StaticArray<i32>): i32 {
  if (version < 2) return 0;
  const count = version / 7 + 2;
  const size = version * 4 + 17;
  // Centres are evenly spaced from the last (size − 7) back towards 6, with an
  // even step; version 32 is the one exception the standard makes.
  const step = version == 32 ? 26 : (((size - 13) + (count * 2 - 2) - 1) / (count * 2 - 2)) * 2;
  out[0] = 6;
  for (let i = count - 1, position = size - 7; i >= 1; i--, position -= step) out[i] = position;
  return count;
}
