// Block structure: de-interleaving the symbol's codewords into RS blocks,
// correcting each, and collecting the data codewords (and the inverse for
// the encoder). Short blocks come first; long blocks have one more data codeword.
import { blockCount, ecCodewordsPerBlock, misdecodeProtection } from './tables';
import { totalCodewords } from './function-patterns';
import { computeEcCodewords, correctBlock, correctBlockWithErasures, lastCorrectedErrors } from './reed-solomon';

const BLOCK_STRIDE = 256;
const blocks = new Uint8Array(81 * BLOCK_STRIDE);
const blockDoubt = new Uint8Array(81 * BLOCK_STRIDE);
const received = new Uint8Array(BLOCK_STRIDE);
const erasures = new StaticArray<i32>(BLOCK_STRIDE);
/**
 * Syndromes kept free when erasures are used: with 2·errors + erasures up to
 * the full EC count any word "decodes", so a margin keeps wrong blocks detectable.
 */
const ERASURE_MARGIN: i32 = 4;

/** Errors corrected by the last extractDataCodewords, summed over blocks. */
export let correctedErrors: i32 = 0;

/** Number of data codewords of (version, ecLevel). */
export function dataCodewordCount(version: i32, ecLevel: i32): i32 {
  return totalCodewords(version) - blockCount(version, ecLevel) * ecCodewordsPerBlock(version, ecLevel);
}

/** De-interleaves and corrects raw codewords; writes data codewords to out. Returns their count or −1. */
export function extractDataCodewords(raw: Uint8Array, doubt: Uint8Array, version: i32, ecLevel: i32, out: Uint8Array): i32 {
  const count = blockCount(version, ecLevel);
  const ec = ecCodewordsPerBlock(version, ecLevel);
  const total = totalCodewords(version);
  const shortLength = total / count;
  const longCount = total % count;
  const shortCount = count - longCount;
  const shortData = shortLength - ec;
  let k = 0;
  for (let i = 0; i < shortData; i++) {
    for (let b = 0; b < count; b++) {
      blockDoubt[b * BLOCK_STRIDE + i] = doubt[k];
      blocks[b * BLOCK_STRIDE + i] = raw[k++];
    }
  }
  for (let b = shortCount; b < count; b++) {
    blockDoubt[b * BLOCK_STRIDE + shortData] = doubt[k];
    blocks[b * BLOCK_STRIDE + shortData] = raw[k++];
  }
  for (let i = 0; i < ec; i++) {
    for (let b = 0; b < count; b++) {
      const dataLength = shortData + (b >= shortCount ? 1 : 0);
      blockDoubt[b * BLOCK_STRIDE + dataLength + i] = doubt[k];
      blocks[b * BLOCK_STRIDE + dataLength + i] = raw[k++];
    }
  }
  const protection = misdecodeProtection(version, ecLevel);
  const maxErrors = (ec - protection) / 2;
  let written = 0;
  correctedErrors = 0;
  for (let b = 0; b < count; b++) {
    const dataLength = shortData + (b >= shortCount ? 1 : 0);
    const offset = b * BLOCK_STRIDE;
    const length = dataLength + ec;
    for (let i = 0; i < length; i++) received[i] = blocks[offset + i];
    if (!correctBlock(blocks, offset, length, ec, maxErrors)) {
      for (let i = 0; i < length; i++) blocks[offset + i] = received[i];
      if (!correctWithDoubt(offset, length, ec, ec - protection - ERASURE_MARGIN)) return -1;
    }
    correctedErrors += lastCorrectedErrors;
    for (let i = 0; i < dataLength; i++) out[written++] = blocks[b * BLOCK_STRIDE + i];
  }
  return written;
}

/**
 * Second chance for a block: its doubtful codewords (most doubtful first)
 * as erasures, all that the budget allows, then half as many.
 */
function correctWithDoubt(offset: i32, length: i32, ec: i32, budget: i32): bool {
  if (budget <= 0) return false;
  let candidates = 0;
  for (let level = 8; level >= 1 && candidates < budget; level--) {
    for (let i = 0; i < length && candidates < budget; i++) {
      if (<i32>blockDoubt[offset + i] == level) erasures[candidates++] = i;
    }
  }
  if (candidates == 0) return false;
  if (correctBlockWithErasures(blocks, offset, length, ec, budget, erasures, candidates)) return true;
  if (candidates < 2) return false;
  for (let i = 0; i < length; i++) blocks[offset + i] = received[i];
  return correctBlockWithErasures(blocks, offset, length, ec, budget, erasures, candidates / 2);
}

/** Splits data codewords into blocks, adds EC, interleaves into out (total codewords long). */
export function interleaveWithEc(data: Uint8Array, version: i32, ecLevel: i32, out: Uint8Array): void {
  const count = blockCount(version, ecLevel);
  const ec = ecCodewordsPerBlock(version, ecLevel);
  const total = totalCodewords(version);
  const shortLength = total / count;
  const shortCount = count - total % count;
  const shortData = shortLength - ec;
  let offset = 0;
  for (let b = 0; b < count; b++) {
    const dataLength = shortData + (b >= shortCount ? 1 : 0);
    for (let i = 0; i < dataLength; i++) blocks[b * BLOCK_STRIDE + i] = data[offset + i];
    computeEcCodewords(data, offset, dataLength, ec, blocks, b * BLOCK_STRIDE + dataLength);
    offset += dataLength;
  }
  let k = 0;
  for (let i = 0; i <= shortData; i++) {
    for (let b = 0; b < count; b++) {
      if (i == shortData && b < shortCount) continue;
      out[k++] = blocks[b * BLOCK_STRIDE + i];
    }
  }
  for (let i = 0; i < ec; i++) {
    for (let b = 0; b < count; b++) {
      const dataLength = shortData + (b >= shortCount ? 1 : 0);
      out[k++] = blocks[b * BLOCK_STRIDE + dataLength + i];
    }
  }
}
