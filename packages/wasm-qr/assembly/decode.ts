// The decode pipeline's wasm entry: RGBA pixels written by JS into
// `imageBuffer` → luma → image stages (image/scan.ts) → codec (decodeGrid) →
// results kept here until the next call, read back through the accessors.
// Failures are statuses, never traps.

import { DecodedSymbol, decodeGrid } from './codec/grid';
import { blockStats, lumaAndBlockStats } from './image/binarize';
import { downscale2, upscale } from './image/luma';
import { SymbolLocator } from './image/locate';
import { scanLuma } from './image/scan';

/** decode(): width or height not positive, or the buffer smaller than width × height × 4 */
export const STATUS_BAD_ARGUMENTS: i32 = -1;
/** decode(): more pixels than MAX_PIXELS */
export const STATUS_TOO_LARGE: i32 = -2;

/** 16 megapixels (e.g. 4096 × 4096 or a 12 MP photo); larger frames should be scaled down first. */
const MAX_PIXELS: i32 = 16 * 1024 * 1024;
/** Codes reported per image at most. */
const MAX_RESULTS: i32 = 16;

let rgba = new Uint8Array(0);
let luma = new Uint8Array(0);
/** the image rescaled, for the second look at tiny or large images */
let scaled = new Uint8Array(0);
/** image pixels per pixel of the luma being scanned: corners are mapped back with it */
let cornerScale: f32 = 1;

/** Images this small (longest side, px) get a second look at 2× (3× under SMALL_TRIPLE) when nothing is found. */
const SMALL_SIDE: i32 = 400;
const SMALL_TRIPLE: i32 = 200;
/**
 * Images this large (shortest side, px) get a second look at half size (then a quarter) when nothing
 * is found: photos, not camera frames (1920 × 1080 is scanned once).
 */
const LARGE_SIDE: i32 = 1200;
let results = new Array<DecodedSymbol>(0);
let corners = new Array<StaticArray<f32>>(0);

/** Pointer to an internal buffer of at least `byteLength` bytes for the RGBA pixels; 0 when too large. */
export function imageBuffer(byteLength: i32): usize {
  if (byteLength <= 0 || byteLength > MAX_PIXELS * 4) return 0;
  if (rgba.length < byteLength) {
    rgba = new Uint8Array(0); // let the old buffer go before asking for the new one
    __collect();
    rgba = new Uint8Array(byteLength);
  }
  return rgba.dataStart;
}

/** Decodes the RGBA image in the buffer; the number of codes found, or a negative status. */
export function decode(width: i32, height: i32): i32 {
  // the previous results become garbage: the wrapper collects after each call (the runtime never does by itself)
  results = new Array<DecodedSymbol>(0);
  corners = new Array<StaticArray<f32>>(0);
  if (width <= 0 || height <= 0) return STATUS_BAD_ARGUMENTS;
  if (<i64>width * <i64>height > <i64>MAX_PIXELS) return STATUS_TOO_LARGE;
  const pixels = width * height;
  if (rgba.length < pixels * 4) return STATUS_BAD_ARGUMENTS;
  if (width < 21 || height < 21) return 0; // smaller than one module per pixel of a version 1 symbol
  if (luma.length < pixels) {
    luma = new Uint8Array(0);
    __collect();
    luma = new Uint8Array(pixels);
  }
  lumaAndBlockStats(rgba.dataStart, luma, width, height);
  cornerScale = 1;
  scanLuma(luma, width, height, acceptGrid);
  if (results.length == 0 && max(width, height) <= SMALL_SIDE) {
    // tiny codes: 1–2 pixels a module, runs too short for the finder ratios; enlarged, they read
    const factor = max(width, height) <= SMALL_TRIPLE ? 3 : 2;
    const w = width * factor, h = height * factor;
    ensureScaled(w * h);
    upscale(luma, scaled, width, height, factor);
    blockStats(scaled, w, h);
    cornerScale = 1.0 / <f32>factor;
    scanLuma(scaled, w, h, acceptGrid);
  }
  if (results.length == 0 && min(width, height) >= LARGE_SIDE) {
    // large photos: a code of big, soft modules, thresholds too local for it; halved (then quartered) it reads
    let w = width >> 1, h = height >> 1;
    ensureScaled(w * h);
    downscale2(luma, scaled, width, height);
    blockStats(scaled, w, h);
    cornerScale = 2;
    scanLuma(scaled, w, h, acceptGrid);
    if (results.length == 0 && min(w, h) >= LARGE_SIDE) {
      // quarter size: scaled (half) → its own first quarter, in place (each output pixel reads only pixels after it)
      downscale2(scaled, scaled, w, h);
      w >>= 1; h >>= 1;
      blockStats(scaled, w, h);
      cornerScale = 4;
      scanLuma(scaled, w, h, acceptGrid);
    }
  }
  return results.length;
}

function ensureScaled(pixels: i32): void {
  if (scaled.length < pixels) {
    scaled = new Uint8Array(0);
    __collect();
    scaled = new Uint8Array(pixels);
  }
}

/** Decodes one sampled grid and keeps the symbol unless it repeats one already found. */
function acceptGrid(grid: Uint8Array, dimension: i32, locator: SymbolLocator): bool {
  if (results.length >= MAX_RESULTS) return false;
  const symbol = decodeGrid(grid, dimension);
  if (symbol === null) return false;
  const h = locator.used;
  const d = <f64>dimension;
  const box = new StaticArray<f32>(8);
  const k = cornerScale;
  h.map(0, 0); box[0] = <f32>h.x * k; box[1] = <f32>h.y * k;
  h.map(d, 0); box[2] = <f32>h.x * k; box[3] = <f32>h.y * k;
  h.map(d, d); box[4] = <f32>h.x * k; box[5] = <f32>h.y * k;
  h.map(0, d); box[6] = <f32>h.x * k; box[7] = <f32>h.y * k;
  if (symbol.mirrored) {
    // the grid was read transposed: the code's own top-right is the corner we called bottom-left
    const x = box[2], y = box[3];
    box[2] = box[6]; box[3] = box[7];
    box[6] = x; box[7] = y;
  }
  for (let i = 0; i < results.length; i++) {
    if (sameSymbol(results[i], corners[i], symbol, box)) return true;
  }
  results.push(symbol);
  corners.push(box);
  return true;
}

/** The same payload at the same place: one code seen through two finder triples. */
function sameSymbol(a: DecodedSymbol, boxA: StaticArray<f32>, b: DecodedSymbol, boxB: StaticArray<f32>): bool {
  if (a.bytes.length != b.bytes.length) return false;
  for (let i = 0; i < a.bytes.length; i++) if (a.bytes[i] != b.bytes[i]) return false;
  const ax = (boxA[0] + boxA[4]) * 0.5, ay = (boxA[1] + boxA[5]) * 0.5;
  const bx = (boxB[0] + boxB[4]) * 0.5, by = (boxB[1] + boxB[5]) * 0.5;
  const size = Math.abs(boxA[4] - boxA[0]) + Math.abs(boxA[5] - boxA[1]);
  return Math.abs(ax - bx) + Math.abs(ay - by) < size * 0.5;
}

function valid(i: i32): bool {
  return i >= 0 && i < results.length;
}

export function resultTextPtr(i: i32): usize { return valid(i) ? results[i].text.dataStart : 0; }
export function resultTextLength(i: i32): i32 { return valid(i) ? results[i].text.length : 0; }
export function resultBytesPtr(i: i32): usize { return valid(i) ? results[i].bytes.dataStart : 0; }
export function resultBytesLength(i: i32): i32 { return valid(i) ? results[i].bytes.length : 0; }
export function resultVersion(i: i32): i32 { return valid(i) ? results[i].version : 0; }
export function resultEcLevel(i: i32): i32 { return valid(i) ? results[i].ecLevel : -1; }
/** Corner k of code i (k = 0..3: top-left, top-right, bottom-right, bottom-left of the symbol), pixels. */
export function resultCornerX(i: i32, k: i32): f32 { return valid(i) && k >= 0 && k < 4 ? corners[i][k * 2] : 0; }
export function resultCornerY(i: i32, k: i32): f32 { return valid(i) && k >= 0 && k < 4 ? corners[i][k * 2 + 1] : 0; }
/** Structured append: (index << 16) | (total << 8) | parity, or -1 when the code is not part of a sequence. */
export function resultSequence(i: i32): i32 {
  if (!valid(i)) return -1;
  const s = results[i];
  if (s.sequenceIndex < 0) return -1;
  return (s.sequenceIndex << 16) | (s.sequenceTotal << 8) | s.sequenceParity;
}
