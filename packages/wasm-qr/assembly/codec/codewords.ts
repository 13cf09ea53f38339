// Block structure: de-interleaving the symbol's codewords into RS blocks,
// correcting each, and collecting the data codewords (and the inverse for
// the encoder). Short blocks come first; long blocks have one more data codeword.
import { blockCount, ecCodewordsPerBlock, misdecodeProtection } from './tables';
import { totalCodewords } from './function-patterns';
import { computeEcCodewords, correctBlock, lastCorrectedErrors } from './reed-solomon';

const BLOCK_STRIDE = 256;
const blocks = new Uint8Array(81 * BLOCK_STRIDE);

/** Errors corrected by the last extractDataCodewords, summed over blocks. */
export let correctedErrors: i32 = 0;

/** Number of data codewords of (version, ecLevel). */
export function dataCodewordCount(version: i32, ecLevel: i32): i32 {
  return totalCodewords(version) - blockCount(version, ecLevel) * ecCodewordsPerBlock(version, ecLevel);
}

/** De-interleaves and corrects raw codewords; writes data codewords to out. Returns their count or −1. */
export function extractDataCodewords(raw: Uint8Array, version: i32, ecLevel: i32, out: Uint8Array): i32 {
  const count = blockCount(version, ecLevel);
  const ec = ecCodewordsPerBlock(version, ecLevel);
  const total = totalCodewords(version);
  const shortLength = total / count;
  const longCount = total % count;
  const shortCount = count - longCount;
  const shortData = shortLength - ec;
  let k = 0;
  for (let i = 0; i < shortData; i++) {
    for (let b = 0; b < count; b++) blocks[b * BLOCK_STRIDE + i] = raw[k++];
  }
  for (let b = shortCount; b < count; b++) blocks[b * BLOCK_STRIDE + shortData] = raw[k++];
  for (let i = 0; i < ec; i++) {
    for (let b = 0; b < count; b++) {
      const dataLength = shortData + (b >= shortCount ? 1 : 0);
      blocks[b * BLOCK_STRIDE + dataLength + i] = raw[k++];
    }
  }
  const maxErrors = (ec - misdecodeProtection(version, ecLevel)) / 2;
  let written = 0;
  correctedErrors = 0;
  for (let b = 0; b < count; b++) {
    const dataLength = shortData + (b >= shortCount ? 1 : 0);
    if (!correctBlock(blocks, b * BLOCK_STRIDE, dataLength + ec, ec, maxErrors)) return -1;
    correctedErrors += lastCorrectedErrors;
    for (let i = 0; i < dataLength; i++) out[written++] = blocks[b * BLOCK_STRIDE + i];
  }
  return written;
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
