// Sampled module grid → DecodedSymbol: version (from the size, checked against
// the version information), format information, unmasking, codeword reading,
// Reed–Solomon per block, bit stream. The interface with the image side
// (assembly/decode.ts) is fixed: see packages/wasm-qr/INTERFACE.md.
import { parseBitstream, payloadSink, sequenceIndex, sequenceParity, sequenceTotal, textSink } from './bitstream';
import { decodeFormat, decodeVersion, formatDistance, versionDistance } from './bch';
import { correctedErrors, extractDataCodewords } from './codewords';
import { formatBitX, formatBitY, versionBitX, versionBitY } from './info-placement';
import { readCodewords } from './placement';
import { ecLevelFromBits } from './tables';

export class DecodedSymbol {
  version: i32 = 0;
  ecLevel: i32 = 0; // 0=L 1=M 2=Q 3=H
  mask: i32 = 0;
  bytes: Uint8Array = new Uint8Array(0);
  text: Uint8Array = new Uint8Array(0);
  mirrored: bool = false;
  sequenceIndex: i32 = -1;
  sequenceTotal: i32 = -1;
  sequenceParity: i32 = -1;
  correctedErrors: i32 = 0;
}

export const GRID_OK: i32 = 0;
/** size is not 17 + 4·version for a version 1..40, or the grid is shorter than size² */
export const GRID_BAD_SIZE: i32 = 1;
/** both format information copies are more than 3 bits from any valid code */
export const GRID_BAD_FORMAT: i32 = 2;
/** the version information decodes to a version other than the size implies */
export const GRID_VERSION_MISMATCH: i32 = 3;
/** a Reed–Solomon block has more errors than it can correct */
export const GRID_TOO_MANY_ERRORS: i32 = 4;
/** the corrected data is not a valid bit stream */
export const GRID_BAD_DATA: i32 = 5;

export let lastGridStatus: i32 = GRID_OK;

/** How many decodeGrid calls ended in each status (diagnostics for tuning the detector). */
export const gridStatusCounts = new StaticArray<i32>(6);

function finish(symbol: DecodedSymbol | null): DecodedSymbol | null {
  const status = symbol ? GRID_OK : lastGridStatus;
  unchecked(gridStatusCounts[status < 0 || status > 5 ? 0 : status]++);
  return symbol;
}

const rawCodewords = new Uint8Array(3706);
const codewordDoubt = new Uint8Array(3706);
const dataCodewords = new Uint8Array(3706);
let transposed = new Uint8Array(0);

/** grid: size*size bytes, row-major, 1 = dark module. Tries the mirrored reading too. Null on failure. */
export function decodeGrid(grid: Uint8Array, size: i32): DecodedSymbol | null {
  return finish(decodeEitherWay(grid, size));
}

function decodeEitherWay(grid: Uint8Array, size: i32): DecodedSymbol | null {
  if (size < 21 || size > 177 || (size - 17) % 4 != 0 || grid.length < size * size) {
    lastGridStatus = GRID_BAD_SIZE;
    return null;
  }
  const direct = decodeOriented(grid, size, false);
  if (direct) return direct;
  const firstStatus = lastGridStatus;
  if (transposed.length < size * size) transposed = new Uint8Array(177 * 177);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) unchecked(transposed[x * size + y] = grid[y * size + x]);
  }
  const mirrored = decodeOriented(transposed, size, true);
  if (mirrored) return mirrored;
  // report the status of the direct reading unless the mirrored one got further
  if (lastGridStatus < firstStatus) lastGridStatus = firstStatus;
  return null;
}

/** Reads the 18 version bits of copy `copy`. */
function readVersionBits(grid: Uint8Array, size: i32, copy: i32): i32 {
  let bits = 0;
  for (let bit = 17; bit >= 0; bit--) {
    bits = (bits << 1) | (grid[versionBitY(copy, bit, size) * size + versionBitX(copy, bit, size)] & 1);
  }
  return bits;
}

function readFormatBits(grid: Uint8Array, size: i32, copy: i32): i32 {
  let bits = 0;
  for (let bit = 14; bit >= 0; bit--) {
    bits = (bits << 1) | (grid[formatBitY(copy, bit, size) * size + formatBitX(copy, bit, size)] & 1);
  }
  return bits;
}

/** The version number encoded in the version information of a grid (≥ 7), or −1 when neither copy is within 3 bits of a code. */
export function readVersionInformation(grid: Uint8Array, size: i32): i32 {
  if (size < 45 || grid.length < size * size) return -1;
  const first = decodeVersion(readVersionBits(grid, size, 0));
  const firstDistance = versionDistance;
  const second = decodeVersion(readVersionBits(grid, size, 1));
  const secondDistance = versionDistance;
  if (firstDistance <= secondDistance) return firstDistance <= 3 ? first : -1;
  return secondDistance <= 3 ? second : -1;
}

function decodeOriented(grid: Uint8Array, size: i32, mirrored: bool): DecodedSymbol | null {
  const version = (size - 17) / 4;
  if (version >= 7) {
    const encoded = readVersionInformation(grid, size);
    if (encoded > 0 && encoded != version) {
      lastGridStatus = GRID_VERSION_MISMATCH;
      return null;
    }
  }
  const first = decodeFormat(readFormatBits(grid, size, 0));
  const firstDistance = formatDistance;
  const second = decodeFormat(readFormatBits(grid, size, 1));
  const secondDistance = formatDistance;
  if (firstDistance > 3 && secondDistance > 3) {
    lastGridStatus = GRID_BAD_FORMAT;
    return null;
  }
  const best = firstDistance <= secondDistance ? first : second;
  let result = decodeWithFormat(grid, size, version, best, mirrored);
  if (result) return result;
  // the copies disagree: the other one may be the damaged-but-right reading
  const other = best == first ? second : first;
  const otherDistance = best == first ? secondDistance : firstDistance;
  if (other != best && otherDistance <= 3) {
    const status = lastGridStatus;
    result = decodeWithFormat(grid, size, version, other, mirrored);
    if (result) return result;
    lastGridStatus = status;
  }
  return null;
}

function decodeWithFormat(grid: Uint8Array, size: i32, version: i32, format: i32, mirrored: bool): DecodedSymbol | null {
  const ecLevel = ecLevelFromBits(format >> 3);
  const mask = format & 7;
  readCodewords(grid, size, version, mask, rawCodewords, codewordDoubt);
  const dataLength = extractDataCodewords(rawCodewords, codewordDoubt, version, ecLevel, dataCodewords);
  if (dataLength < 0) {
    lastGridStatus = GRID_TOO_MANY_ERRORS;
    return null;
  }
  if (parseBitstream(dataCodewords, dataLength, version) != 0) {
    lastGridStatus = GRID_BAD_DATA;
    return null;
  }
  const symbol = new DecodedSymbol();
  symbol.version = version;
  symbol.ecLevel = ecLevel;
  symbol.mask = mask;
  symbol.bytes = payloadSink.toArray();
  symbol.text = textSink.toArray();
  symbol.mirrored = mirrored;
  symbol.sequenceIndex = sequenceIndex;
  symbol.sequenceTotal = sequenceTotal;
  symbol.sequenceParity = sequenceParity;
  symbol.correctedErrors = correctedErrors;
  lastGridStatus = GRID_OK;
  return symbol;
}
