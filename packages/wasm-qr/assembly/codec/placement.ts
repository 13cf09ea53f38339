// Codeword placement (ISO/IEC 18004 7.7.3): two-module-wide columns from the
// right, alternately upwards and downwards, skipping the vertical timing
// column and every function module; the first bit is a codeword's MSB.
import { functionPatternMap, totalCodewords } from './function-patterns';
import { MASK_STRIDE, maskTable } from './mask';

const orders = new Array<Int32Array | null>(41).fill(null);

/**
 * The data modules of a version (indices into the size*size grid) in placement
 * order: reading and writing walk the same zig-zag, built once per version.
 */
function dataModuleOrder(version: i32, size: i32): Int32Array {
  const cached = unchecked(orders[version]);
  if (cached) return cached;
  const functionMap = functionPatternMap(version);
  let count = 0;
  for (let i = 0; i < size * size; i++) if (unchecked(functionMap[i]) == 0) count++;
  const order = new Int32Array(count);
  let n = 0;
  for (let right = size - 1; right >= 1; right -= 2) {
    if (right == 6) right = 5;
    const upward = ((right + 1) & 2) == 0;
    for (let step = 0; step < size; step++) {
      const y = upward ? size - 1 - step : step;
      for (let j = 0; j < 2; j++) {
        const index = y * size + right - j;
        if (unchecked(functionMap[index]) == 0) unchecked(order[n++] = index);
      }
    }
  }
  unchecked(orders[version] = order);
  return order;
}

/**
 * Reads all codewords of the symbol (unmasked) into out; returns how many.
 * doubt[k] counts the modules of codeword k flagged uncertain (grid bit 1).
 */
export function readCodewords(grid: Uint8Array, size: i32, version: i32, mask: i32, out: Uint8Array, doubt: Uint8Array): i32 {
  const total = totalCodewords(version);
  if (out.length < total || doubt.length < total || grid.length < size * size || size > MASK_STRIDE) return -1;
  const order = dataModuleOrder(version, size);
  const flips = maskTable(mask);
  let current = 0;
  let doubtful = 0;
  const totalBits = total * 8;
  for (let bitIndex = 0; bitIndex < totalBits; bitIndex++) {
    const index = unchecked(order[bitIndex]);
    const y = index / size;
    const module = <i32>unchecked(grid[index]);
    const bit = (module ^ <i32>unchecked(flips[y * MASK_STRIDE + index - y * size])) & 1;
    current = (current << 1) | bit;
    doubtful += (module >> 1) & 1;
    if (((bitIndex + 1) & 7) == 0) {
      unchecked(out[bitIndex >> 3] = <u8>current);
      unchecked(doubt[bitIndex >> 3] = <u8>doubtful);
      current = 0;
      doubtful = 0;
    }
  }
  return total;
}

/** Writes codewords into matrix's data modules (unmasked; remainder bits light). */
export function placeCodewords(matrix: Uint8Array, size: i32, version: i32, codewords: Uint8Array): void {
  const order = dataModuleOrder(version, size);
  const totalBits = codewords.length * 8;
  for (let bitIndex = 0; bitIndex < order.length; bitIndex++) {
    let bit: u8 = 0;
    if (bitIndex < totalBits) bit = (codewords[bitIndex >> 3] >> <u8>(7 - (bitIndex & 7))) & 1;
    matrix[unchecked(order[bitIndex])] = bit;
  }
}
