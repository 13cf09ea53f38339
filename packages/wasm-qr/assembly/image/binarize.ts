// Luma → a threshold per 8×8 block (see BitImage). Local thresholds survive
// gradients, shadows and glare where one global threshold cannot.

const BLOCK_SHIFT: i32 = 3; // 8×8 pixel blocks
const BLOCK: i32 = 1 << BLOCK_SHIFT;
const STATS_ROW_STEP: i32 = 2;

let blockMeans = new Uint8Array(0);
// per 8×8 block: pixel sum, darkest and lightest pixel (kept so that a second
// threshold setting costs no second pass over the pixels)
let blockSum = new StaticArray<i32>(0);
let blockLow = new Uint8Array(0);
let blockHigh = new Uint8Array(0);
let blockCount = new Uint8Array(0);
let rowSums = new StaticArray<i32>(0);
let statsBlocksX: i32 = 0;
let statsBlocksY: i32 = 0;

function ensureStats(blocksX: i32, blocksY: i32): void {
  const count = blocksX * blocksY;
  if (blockSum.length < count) {
    blockSum = new StaticArray<i32>(count);
    blockLow = new Uint8Array(count);
    blockHigh = new Uint8Array(count);
    blockCount = new Uint8Array(count);
    blockMeans = new Uint8Array(count);
  }
  statsBlocksX = blocksX;
  statsBlocksY = blocksY;
}

/**
 * RGBA → luma (integer BT.601 weights 77/150/29 of 256; alpha ignored:
 * callers flatten transparency), then the block statistics of blockStats.
 */
// Four RGBA pixels → their four lumas as i32 lanes, (77r + 150g + 29b + 128) >> 8:
// per pixel, (r, g) · (77, 150) + (b, a) · (29, 0) as two i32 dot lanes, added pairwise.
@inline function lumaOf4(px: v128, weights: v128, round: v128): v128 {
  const d0 = i32x4.dot_i16x8_s(i16x8.extend_low_i8x16_u(px), weights);
  const d1 = i32x4.dot_i16x8_s(i16x8.extend_high_i8x16_u(px), weights);
  const sums = i32x4.add(v128.shuffle<i32>(d0, d1, 0, 2, 4, 6), v128.shuffle<i32>(d0, d1, 1, 3, 5, 7));
  return i32x4.shr_u(i32x4.add(sums, round), 8);
}

export function lumaAndBlockStats(rgba: usize, luma: Uint8Array, width: i32, height: i32): void {
  const out = luma.dataStart;
  const pixels = <usize>(width * height);
  let done: usize = 0;
  if (ASC_FEATURE_SIMD) {
    // The SIMD build (wasm-qr-simd.wasm): sixteen pixels a step, bit-exact with the loop below.
    const weights = i16x8(77, 150, 29, 0, 77, 150, 29, 0);
    const round = i32x4.splat(128);
    done = pixels & ~(<usize>15);
    for (let i: usize = 0; i < done; i += 16) {
      const src = rgba + (i << 2);
      const s0 = lumaOf4(v128.load(src), weights, round), s1 = lumaOf4(v128.load(src, 16), weights, round);
      const s2 = lumaOf4(v128.load(src, 32), weights, round), s3 = lumaOf4(v128.load(src, 48), weights, round);
      v128.store(out + i, i8x16.narrow_i16x8_u(i16x8.narrow_i32x4_u(s0, s1), i16x8.narrow_i32x4_u(s2, s3)));
    }
  }
  // two pixels per step; red and blue in one multiply: (r | b << 16) × (29 | 77 << 16) holds 77·r + 29·b in bits 16–31
  const pairs = pixels & ~(<usize>1);
  for (let i: usize = done; i < pairs; i += 2) {
    const q = load<u64>(rgba + (i << 2));
    const p0 = <u32>q, p1 = <u32>(q >> 32);
    const v0 = (((((p0 & 0xff00ff) * 0x4d001d) >> 16) & 0xffff) + ((p0 >> 8) & 0xff) * 150 + 128) >> 8;
    const v1 = (((((p1 & 0xff00ff) * 0x4d001d) >> 16) & 0xffff) + ((p1 >> 8) & 0xff) * 150 + 128) >> 8;
    store<u16>(out + i, <u16>(v0 | (v1 << 8)));
  }
  if (pairs < pixels) {
    const p = load<u32>(rgba + (pairs << 2));
    store<u8>(out + pairs, <u8>((((((p & 0xff00ff) * 0x4d001d) >> 16) & 0xffff) + ((p >> 8) & 0xff) * 150 + 128) >> 8));
  }
  blockStats(luma, width, height);
}

/**
 * The statistics of every 8×8 block: sum, darkest, lightest. Every other row
 * only: half the reads, and 32 pixels say as much about a block as 64.
 */
export function blockStats(luma: Uint8Array, width: i32, height: i32): void {
  const blocksX = (width + BLOCK - 1) >> BLOCK_SHIFT;
  const blocksY = (height + BLOCK - 1) >> BLOCK_SHIFT;
  ensureStats(blocksX, blocksY);
  const src = luma.dataStart;
  // The SIMD build reads two whole blocks (16 pixels) a step; the rest of a
  // row of blocks (an odd last block, a part block) goes through the loop below.
  const pairsX = ASC_FEATURE_SIMD ? (width >> 4) : 0;
  for (let by = 0; by < blocksY; by++) {
    const y0 = by << BLOCK_SHIFT;
    const y1 = min(y0 + BLOCK, height);
    if (ASC_FEATURE_SIMD) {
      const rows = (y1 - y0 + STATS_ROW_STEP - 1) / STATS_ROW_STEP;
      for (let px = 0; px < pairsX; px++) {
        let lo = i8x16.splat(-1);
        let hi = i8x16.splat(0);
        let sum16 = i16x8.splat(0); // ≤ 4 rows × 2 pixels × 255 per lane
        for (let y = y0; y < y1; y += STATS_ROW_STEP) {
          const v = v128.load(src + <usize>(y * width + (px << 4)));
          lo = i8x16.min_u(lo, v);
          hi = i8x16.max_u(hi, v);
          sum16 = i16x8.add(sum16, i16x8.extadd_pairwise_i8x16_u(v));
        }
        // fold each half (one block) to its lane 0 / lane 8
        lo = i8x16.min_u(lo, i8x16.shuffle(lo, lo, 4, 5, 6, 7, 0, 0, 0, 0, 12, 13, 14, 15, 0, 0, 0, 0));
        lo = i8x16.min_u(lo, i8x16.shuffle(lo, lo, 2, 3, 0, 0, 0, 0, 0, 0, 10, 11, 0, 0, 0, 0, 0, 0));
        lo = i8x16.min_u(lo, i8x16.shuffle(lo, lo, 1, 0, 0, 0, 0, 0, 0, 0, 9, 0, 0, 0, 0, 0, 0, 0));
        hi = i8x16.max_u(hi, i8x16.shuffle(hi, hi, 4, 5, 6, 7, 0, 0, 0, 0, 12, 13, 14, 15, 0, 0, 0, 0));
        hi = i8x16.max_u(hi, i8x16.shuffle(hi, hi, 2, 3, 0, 0, 0, 0, 0, 0, 10, 11, 0, 0, 0, 0, 0, 0));
        hi = i8x16.max_u(hi, i8x16.shuffle(hi, hi, 1, 0, 0, 0, 0, 0, 0, 0, 9, 0, 0, 0, 0, 0, 0, 0));
        const sum32 = i32x4.extadd_pairwise_i16x8_u(sum16);
        const k = by * blocksX + (px << 1);
        unchecked((blockSum[k] = i32x4.extract_lane(sum32, 0) + i32x4.extract_lane(sum32, 1)));
        unchecked((blockSum[k + 1] = i32x4.extract_lane(sum32, 2) + i32x4.extract_lane(sum32, 3)));
        unchecked((blockCount[k] = <u8>(rows * BLOCK)));
        unchecked((blockCount[k + 1] = <u8>(rows * BLOCK)));
        unchecked((blockLow[k] = i8x16.extract_lane_u(lo, 0)));
        unchecked((blockLow[k + 1] = i8x16.extract_lane_u(lo, 8)));
        unchecked((blockHigh[k] = i8x16.extract_lane_u(hi, 0)));
        unchecked((blockHigh[k + 1] = i8x16.extract_lane_u(hi, 8)));
      }
    }
    for (let bx = pairsX << 1; bx < blocksX; bx++) {
      const x0 = bx << BLOCK_SHIFT;
      const x1 = min(x0 + BLOCK, width);
      let lo: i32 = 255;
      let hi: i32 = 0;
      let sum: i32 = 0;
      for (let y = y0; y < y1; y += STATS_ROW_STEP) {
        const row = src + <usize>(y * width);
        for (let x = x0; x < x1; x++) {
          const v = <i32>load<u8>(row + <usize>x);
          sum += v;
          lo = min(lo, v);
          hi = max(hi, v);
        }
      }
      const k = by * blocksX + bx;
      unchecked((blockSum[k] = sum));
      unchecked((blockCount[k] = <u8>(((y1 - y0 + STATS_ROW_STEP - 1) / STATS_ROW_STEP) * (x1 - x0))));
      unchecked((blockLow[k] = <u8>lo));
      unchecked((blockHigh[k] = <u8>hi));
    }
  }
}

/**
 * Block thresholds for a BitImage from the last block statistics: every 8×8
 * block gets the mean of its pixels when its contrast exceeds `minRange`; a
 * flat block instead inherits its neighbours' threshold (it lies inside a
 * module or a quiet zone), or half its minimum when it has none (so paper
 * stays light). The result is the mean of the 5×5 blocks around each block,
 * which smooths the steps between them. A lower `minRange` rescues faint,
 * low-contrast prints at the cost of speckle on plain paper, so callers try
 * it only after a failure. Writes ceil(width/8) × ceil(height/8) bytes into `out`.
 */
export function blockThresholds(out: Uint8Array, width: i32, height: i32, minRange: i32, lightOnDark: bool = false): void {
  const blocksX = statsBlocksX;
  const blocksY = statsBlocksY;
  for (let by = 0; by < blocksY; by++) {
    for (let bx = 0; bx < blocksX; bx++) {
      const k = by * blocksX + bx;
      const lo = <i32>unchecked(blockLow[k]);
      const hi = <i32>unchecked(blockHigh[k]);
      let threshold: i32;
      if (hi - lo > minRange) {
        threshold = unchecked(blockSum[k]) / <i32>unchecked(blockCount[k]);
      } else if (!lightOnDark) {
        threshold = lo >> 1;
        if (bx > 0 && by > 0) {
          const above = <i32>unchecked(blockMeans[k - blocksX]);
          const left = <i32>unchecked(blockMeans[k - 1]);
          const aboveLeft = <i32>unchecked(blockMeans[k - blocksX - 1]);
          const neighbours = (above + 2 * left + aboveLeft) >> 2;
          if (lo < neighbours) threshold = neighbours;
        }
      } else {
        // light-on-dark codes: the same rule with the polarity flipped, so a flat dark surround
        // (a dark-mode screen) stays the light of the inverted view, not a wall around the finders
        threshold = (hi + 256) >> 1;
        if (bx > 0 && by > 0) {
          const above = <i32>unchecked(blockMeans[k - blocksX]);
          const left = <i32>unchecked(blockMeans[k - 1]);
          const aboveLeft = <i32>unchecked(blockMeans[k - blocksX - 1]);
          const neighbours = (above + 2 * left + aboveLeft) >> 2;
          if (hi > neighbours) threshold = neighbours;
        }
      }
      unchecked((blockMeans[k] = <u8>threshold));
    }
  }
  // 5×5 block means (the window shrinks at the borders), as two running 5-wide sums
  if (rowSums.length < blocksX * blocksY) rowSums = new StaticArray<i32>(blocksX * blocksY);
  for (let by = 0; by < blocksY; by++) {
    const base = by * blocksX;
    let sum: i32 = 0;
    for (let x = 0; x < min(2, blocksX); x++) sum += <i32>unchecked(blockMeans[base + x]);
    for (let bx = 0; bx < blocksX; bx++) {
      if (bx + 2 < blocksX) sum += <i32>unchecked(blockMeans[base + bx + 2]);
      if (bx - 3 >= 0) sum -= <i32>unchecked(blockMeans[base + bx - 3]);
      unchecked((rowSums[base + bx] = sum));
    }
  }
  for (let bx = 0; bx < blocksX; bx++) {
    const columns = min(blocksX - 1, bx + 2) - max(0, bx - 2) + 1;
    let sum: i32 = 0;
    for (let y = 0; y < min(2, blocksY); y++) sum += unchecked(rowSums[y * blocksX + bx]);
    for (let by = 0; by < blocksY; by++) {
      if (by + 2 < blocksY) sum += unchecked(rowSums[(by + 2) * blocksX + bx]);
      if (by - 3 >= 0) sum -= unchecked(rowSums[(by - 3) * blocksX + bx]);
      const rows = min(blocksY - 1, by + 2) - max(0, by - 2) + 1;
      unchecked((out[by * blocksX + bx] = <u8>(sum / (rows * columns))));
    }
  }
}

/**
 * One global threshold for the whole image (the valley between the two main
 * histogram peaks, Otsu's criterion): a fallback for blurred codes whose
 * local means wander. Put in every block by fillThresholds.
 */
export function otsuThreshold(luma: Uint8Array, pixelCount: i32): i32 {
  const histogram = new StaticArray<i32>(256);
  const src = luma.dataStart;
  for (let i = 0; i < pixelCount; i++) {
    const v = <i32>load<u8>(src + <usize>i);
    unchecked((histogram[v] = unchecked(histogram[v]) + 1));
  }
  let total: f64 = 0;
  for (let v = 0; v < 256; v++) total += <f64>v * <f64>unchecked(histogram[v]);
  let below: f64 = 0;
  let belowSum: f64 = 0;
  let best: f64 = -1;
  let threshold: i32 = 127;
  for (let v = 0; v < 256; v++) {
    below += <f64>unchecked(histogram[v]);
    if (below == 0) continue;
    const above = <f64>pixelCount - below;
    if (above == 0) break;
    belowSum += <f64>v * <f64>unchecked(histogram[v]);
    const meanBelow = belowSum / below;
    const meanAbove = (total - belowSum) / above;
    const spread = below * above * (meanBelow - meanAbove) * (meanBelow - meanAbove);
    if (spread > best) {
      best = spread;
      threshold = v;
    }
  }
  return threshold;
}

/** The same threshold for every 8×8 block of a width × height image. */
export function fillThresholds(out: Uint8Array, width: i32, height: i32, threshold: i32): void {
  const blocks = ((width + BLOCK - 1) >> BLOCK_SHIFT) * ((height + BLOCK - 1) >> BLOCK_SHIFT);
  memory.fill(out.dataStart, <u8>threshold, <usize>blocks);
}
