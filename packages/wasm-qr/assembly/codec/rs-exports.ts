// Reed–Solomon at the block level, exported for tests (injected errors up
// to the limit and past it) and for hosts that want the bare codec.
import { computeEcCodewords, correctBlock, correctBlockWithErasures, lastCorrectedErrors } from './reed-solomon';
import { blockCount, ecCodewordsPerBlock } from './tables';
import { totalCodewords } from './function-patterns';

const block = new Uint8Array(255);

/** Pointer to a 255-byte block buffer. */
export function rsBlockBuffer(): usize {
  return block.dataStart;
}

/** Appends ecCount EC codewords after block[0..dataLength). Returns false for bad sizes. */
export function rsEncodeBlock(dataLength: i32, ecCount: i32): bool {
  if (dataLength <= 0 || ecCount <= 0 || ecCount > 68 || dataLength + ecCount > 255) return false;
  computeEcCodewords(block, 0, dataLength, ecCount, block, dataLength);
  return true;
}

/** Corrects block[0..length) in place; errors corrected, or −1 when uncorrectable. */
export function rsCorrectBlock(length: i32, ecCount: i32, maxErrors: i32): i32 {
  return correctBlock(block, 0, length, ecCount, maxErrors) ? lastCorrectedErrors : -1;
}

const erasures = new StaticArray<i32>(255);

/** Sets erasure `k` (an index within the block) for rsCorrectBlockWithErasures. */
export function rsSetErasure(k: i32, index: i32): void {
  if (k >= 0 && k < 255) erasures[k] = index;
}

/** Corrects block[0..length) with erasures 0..erasureCount−1 set; 2·errors + erasures ≤ budget. Corrected symbols (errors + erasures), or −1. */
export function rsCorrectBlockWithErasures(length: i32, ecCount: i32, budget: i32, erasureCount: i32): i32 {
  return correctBlockWithErasures(block, 0, length, ecCount, budget, erasures, erasureCount) ? lastCorrectedErrors : -1;
}

/** Block layout of (version, ecLevel), for tests that aim errors at one block. */
export function symbolBlockCount(version: i32, ecLevel: i32): i32 {
  return version >= 1 && version <= 40 && ecLevel >= 0 && ecLevel <= 3 ? blockCount(version, ecLevel) : 0;
}
export function symbolEcPerBlock(version: i32, ecLevel: i32): i32 {
  return version >= 1 && version <= 40 && ecLevel >= 0 && ecLevel <= 3 ? ecCodewordsPerBlock(version, ecLevel) : 0;
}
export function symbolTotalCodewords(version: i32): i32 {
  return version >= 1 && version <= 40 ? totalCodewords(version) : 0;
}
