// Codeword placement (ISO/IEC 18004 7.7.3): two-module-wide columns from the
// right, alternately upwards and downwards, skipping the vertical timing
// column and every function module; the first bit is a codeword's MSB.
import { functionPatternMap, totalCodewords } from './function-patterns';
import { MASK_STRIDE, maskTable } from './mask';

/**
 * Reads all codewords of the symbol (unmasked) into out; returns how many.
 * doubt[k] counts the modules of codeword k flagged uncertain (grid bit 1).
 */
export function readCodewords(grid: Uint8Array, size: i32, version: i32, mask: i32, out: Uint8Array, doubt: Uint8Array): i32 {
  const functionMap = functionPatternMap(version);
  const total = totalCodewords(version);
  if (out.length < total || doubt.length < total || grid.length < size * size || size > MASK_STRIDE) return -1;
  const flips = maskTable(mask);
  let bitIndex = 0;
  let current = 0;
  let doubtful = 0;
  const totalBits = total * 8;
  for (let right = size - 1; right >= 1; right -= 2) {
    if (right == 6) right = 5;
    const upward = ((right + 1) & 2) == 0;
    for (let step = 0; step < size; step++) {
      const y = upward ? size - 1 - step : step;
      for (let j = 0; j < 2; j++) {
        const x = right - j;
        const index = y * size + x;
        if (unchecked(functionMap[index]) != 0 || bitIndex >= totalBits) continue;
        const module = <i32>unchecked(grid[index]);
        const bit = (module ^ <i32>unchecked(flips[y * MASK_STRIDE + x])) & 1;
        current = (current << 1) | bit;
        doubtful += (module >> 1) & 1;
        bitIndex++;
        if ((bitIndex & 7) == 0) {
          unchecked(out[(bitIndex >> 3) - 1] = <u8>current);
          unchecked(doubt[(bitIndex >> 3) - 1] = <u8>doubtful);
          current = 0;
          doubtful = 0;
        }
      }
    }
  }
  return total;
}

/** Writes codewords into matrix's data modules (unmasked; remainder bits light). */
export function placeCodewords(matrix: Uint8Array, size: i32, version: i32, codewords: Uint8Array): void {
  const functionMap = functionPatternMap(version);
  const totalBits = codewords.length * 8;
  let bitIndex = 0;
  for (let right = size - 1; right >= 1; right -= 2) {
    if (right == 6) right = 5;
    const upward = ((right + 1) & 2) == 0;
    for (let step = 0; step < size; step++) {
      const y = upward ? size - 1 - step : step;
      for (let j = 0; j < 2; j++) {
        const x = right - j;
        const index = y * size + x;
        if (functionMap[index] != 0) continue;
        let bit: u8 = 0;
        if (bitIndex < totalBits) bit = (codewords[bitIndex >> 3] >> <u8>(7 - (bitIndex & 7))) & 1;
        matrix[index] = bit;
        bitIndex++;
      }
    }
  }
}
