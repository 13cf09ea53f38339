// Finder patterns: the three 7×7 squares whose every cut through the centre
// reads dark:light:dark:light:dark in the ratio 1:1:3:1:1.

import { BitImage, BLOCK_SHIFT } from './bitimage';

const BLOCK: i32 = 1 << BLOCK_SHIFT;

/** At most this many distinct candidates per image: bounds memory and the triple search. */
export const MAX_CANDIDATES: i32 = 160;

export class FinderCandidates {
  x: StaticArray<f64> = new StaticArray<f64>(MAX_CANDIDATES);
  y: StaticArray<f64> = new StaticArray<f64>(MAX_CANDIDATES);
  moduleSize: StaticArray<f64> = new StaticArray<f64>(MAX_CANDIDATES);
  hits: StaticArray<i32> = new StaticArray<i32>(MAX_CANDIDATES);
  count: i32 = 0;

  clear(): void {
    this.count = 0;
  }

  /**
   * A row crossing a pattern already confirmed: counts the sighting without
   * the column, row and diagonal checks again (a finder spans many rows).
   */
  bumpIfKnown(x: f64, y: f64, moduleSize: f64): bool {
    for (let i = 0; i < this.count; i++) {
      const m = unchecked(this.moduleSize[i]);
      if (Math.abs(unchecked(this.x[i]) - x) <= m && Math.abs(unchecked(this.y[i]) - y) <= 2.5 * m) {
        const ratio = m > moduleSize ? m / moduleSize : moduleSize / m;
        if (ratio > 1.5) continue;
        unchecked((this.hits[i] = unchecked(this.hits[i]) + 1));
        return true;
      }
    }
    return false;
  }

  /** Adds a sighting, merging it with an earlier one of the same pattern. */
  add(x: f64, y: f64, moduleSize: f64): void {
    for (let i = 0; i < this.count; i++) {
      const m = unchecked(this.moduleSize[i]);
      if (Math.abs(unchecked(this.x[i]) - x) <= m && Math.abs(unchecked(this.y[i]) - y) <= m) {
        const ratio = m > moduleSize ? m / moduleSize : moduleSize / m;
        if (ratio > 1.5) continue;
        const n = <f64>unchecked(this.hits[i]);
        unchecked((this.x[i] = (unchecked(this.x[i]) * n + x) / (n + 1)));
        unchecked((this.y[i] = (unchecked(this.y[i]) * n + y) / (n + 1)));
        unchecked((this.moduleSize[i] = (m * n + moduleSize) / (n + 1)));
        unchecked((this.hits[i] = unchecked(this.hits[i]) + 1));
        return;
      }
    }
    if (this.count >= MAX_CANDIDATES) return;
    const k = this.count++;
    unchecked((this.x[k] = x));
    unchecked((this.y[k] = y));
    unchecked((this.moduleSize[k] = moduleSize));
    unchecked((this.hits[k] = 1));
  }
}

/**
 * Row sightings checked per scan at most: noise under a faint-print threshold
 * is full of 1:1:3:1:1 runs, and checking every one of them is most of the
 * time spent on a frame without a code. Real frames need up to about 2000.
 */
export const MAX_CONFIRMATIONS: i32 = 8000;
/** Row sightings checked by the last scan (diagnostics). */
export let lastConfirmations: i32 = 0;

const runs = new StaticArray<i32>(5);
const crossRuns = new StaticArray<i32>(5);

/** Do five runs read 1:1:3:1:1 within `tolerance` modules per unit run? */
function isFinderRatio(r: StaticArray<i32>, tolerance: f64): bool {
  const total = unchecked(r[0]) + unchecked(r[1]) + unchecked(r[2]) + unchecked(r[3]) + unchecked(r[4]);
  if (total < 7) return false;
  const module = <f64>total / 7.0;
  const slack = module * tolerance;
  return (
    Math.abs(module - <f64>unchecked(r[0])) < slack &&
    Math.abs(module - <f64>unchecked(r[1])) < slack &&
    Math.abs(3.0 * module - <f64>unchecked(r[2])) < 3.0 * slack &&
    Math.abs(module - <f64>unchecked(r[3])) < slack &&
    Math.abs(module - <f64>unchecked(r[4])) < slack
  );
}

let crossTotal: i32 = 0;

/**
 * Reads the five runs through (x0, y0) along (dx, dy) in both directions into
 * `crossRuns`; returns the offset (in steps along the line) from the pixel
 * centre of (x0, y0) to the centre of the middle dark run, or NaN when the
 * runs are not there. Every outer run is capped at `maxRun` so a stray line
 * cannot make the walk long.
 */
function crossCheck(img: BitImage, x0: i32, y0: i32, dx: i32, dy: i32, maxRun: i32): f64 {
  for (let i = 0; i < 5; i++) unchecked((crossRuns[i] = 0));
  if (!img.contains(x0, y0) || !img.isDark(x0, y0)) return NaN;
  // backwards: centre, light, outer dark
  let x = x0;
  let y = y0;
  let n = 0;
  while (img.contains(x, y) && img.isDark(x, y) && n <= maxRun * 2) { n++; x -= dx; y -= dy; }
  const centreBack = n;
  n = 0;
  while (img.contains(x, y) && !img.isDark(x, y) && n <= maxRun) { n++; x -= dx; y -= dy; }
  if (!img.contains(x, y) || n > maxRun) return NaN;
  unchecked((crossRuns[1] = n));
  n = 0;
  while (img.contains(x, y) && img.isDark(x, y) && n <= maxRun) { n++; x -= dx; y -= dy; }
  if (n > maxRun) return NaN;
  unchecked((crossRuns[0] = n));
  // forwards
  x = x0 + dx;
  y = y0 + dy;
  n = 0;
  while (img.contains(x, y) && img.isDark(x, y) && n <= maxRun * 2) { n++; x += dx; y += dy; }
  const centreForward = n;
  unchecked((crossRuns[2] = centreBack + centreForward));
  n = 0;
  while (img.contains(x, y) && !img.isDark(x, y) && n <= maxRun) { n++; x += dx; y += dy; }
  if (!img.contains(x, y) || n > maxRun) return NaN;
  unchecked((crossRuns[3] = n));
  n = 0;
  while (img.contains(x, y) && img.isDark(x, y) && n <= maxRun) { n++; x += dx; y += dy; }
  if (n > maxRun) return NaN;
  unchecked((crossRuns[4] = n));
  crossTotal = unchecked(crossRuns[0]) + unchecked(crossRuns[1]) + unchecked(crossRuns[2]) + unchecked(crossRuns[3]) + unchecked(crossRuns[4]);
  if (!isFinderRatio(crossRuns, 0.7)) return NaN;
  // the middle run spans pixels [-(centreBack-1), centreForward]
  return <f64>(centreForward - centreBack + 1) * 0.5;
}

/** Confirms a row sighting with column, row and diagonal cuts and records it. */
function confirm(img: BitImage, out: FinderCandidates, rowTotal: i32, centreX: f64, row: i32, centreRun: i32): bool {
  const maxRun = centreRun + 2;
  const cx = <i32>centreX;
  const dyCentre = crossCheck(img, cx, row, 0, 1, maxRun);
  if (isNaN(dyCentre)) return false;
  const verticalTotal = crossTotal;
  if (5 * abs(verticalTotal - rowTotal) >= 2 * rowTotal) return false;
  const cy = <f64>row + 0.5 + dyCentre;
  const cyi = <i32>cy;
  const dxCentre = crossCheck(img, cx, cyi, 1, 0, maxRun);
  if (isNaN(dxCentre)) return false;
  const horizontalTotal = crossTotal;
  if (5 * abs(horizontalTotal - rowTotal) >= 2 * rowTotal) return false;
  const fx = <f64>cx + 0.5 + dxCentre;
  // A diagonal cut rejects text and stripes that pass the two straight cuts.
  if (isNaN(crossCheck(img, <i32>fx, cyi, 1, 1, maxRun + (maxRun >> 1)))) return false;
  out.add(fx, cy, <f64>(verticalTotal + horizontalTotal) / 14.0);
  return true;
}

/**
 * Scans every `rowStep`-th row for 1:1:3:1:1 runs and collects confirmed
 * finder-pattern centres into `out` (pixel coordinates, pixel centres at +0.5);
 * stops after `maxConfirmations` row sightings have been checked.
 */
export function findFinderPatterns(img: BitImage, rowStep: i32, out: FinderCandidates, maxConfirmations: i32 = MAX_CONFIRMATIONS): void {
  out.clear();
  lastConfirmations = 0;
  const width = img.width;
  const flip: u32 = img.inverted ? 1 : 0;
  for (let y = rowStep >> 1; y < img.height; y += rowStep) {
    // the hot loop: this row's pixels and block thresholds by pointer, the five runs in locals
    // (r0..r4: dark, light, dark, light, dark; `state` is the index of the run being counted)
    let r0 = 0, r1 = 0, r2 = 0, r3 = 0, r4 = 0;
    let state = 0;
    const rowLuma = img.luma + <usize>(y * width);
    const rowThresholds = img.thresholds + <usize>((y >> BLOCK_SHIFT) * img.blocksX);
    for (let x0 = 0; x0 < width; x0 += BLOCK) {
      const x1 = min(x0 + BLOCK, width);
      const t = <u32>load<u8>(rowThresholds + <usize>(x0 >> BLOCK_SHIFT));
      // a block's pixels all of one colour continue the current run: no per-pixel state machine
      let darkCount: u32 = 0;
      for (let x = x0; x < x1; x++) darkCount += <u32>(<u32>load<u8>(rowLuma + <usize>x) <= t) ^ flip;
      const n = x1 - x0;
      if (darkCount == 0) {
        if (state == 1) { r1 += n; continue; }
        if (state == 3) { r3 += n; continue; }
        if (state == 0 && r0 == 0) continue;
      } else if (darkCount == <u32>n) {
        if (state == 0) { r0 += n; continue; }
        if (state == 2) { r2 += n; continue; }
        if (state == 4) { r4 += n; continue; }
      }
      for (let x = x0; x < x1; x++) {
        const dark = ((<u32>(<u32>load<u8>(rowLuma + <usize>x) <= t)) ^ flip) != 0;
        if (dark) {
          if (state & 1) state++;
          if (state == 0) r0++;
          else if (state == 2) r2++;
          else r4++;
          continue;
        }
        if (state == 1) { r1++; continue; }
        if (state == 3) { r3++; continue; }
        if (state == 0) {
          if (r0 == 0) continue; // no dark run yet
          state = 1;
          r1 = 1;
          continue;
        }
        if (state == 2) {
          state = 3;
          r3 = 1;
          continue;
        }
        // state 4 ended by a light pixel: five runs are complete
        const found = checkRuns(img, out, r0, r1, r2, r3, r4, x, y, maxConfirmations);
        if (found < 0) return;
        if (found > 0) {
          r0 = r1 = r2 = r3 = r4 = 0;
          state = 0;
        } else {
          r0 = r2;
          r1 = r3;
          r2 = r4;
          r3 = 1;
          r4 = 0;
          state = 3;
        }
      }
    }
    // the row's end closes a last dark run like a light pixel would
    if (state == 4 && checkRuns(img, out, r0, r1, r2, r3, r4, width, y, maxConfirmations) < 0) return;
  }
}

/**
 * Five complete runs ending just before `x` on row `y`: a finder sighting when they read 1:1:3:1:1
 * and the cuts through them confirm it. 1 found (or an already known pattern seen again), 0 not, −1 the
 * budget of confirmations is spent.
 */
function checkRuns(img: BitImage, out: FinderCandidates, r0: i32, r1: i32, r2: i32, r3: i32, r4: i32, x: i32, y: i32, maxConfirmations: i32): i32 {
  // cheap integer test first: the middle run is the longest of the five
  if (r2 < r0 || r2 < r1 || r2 < r3 || r2 < r4) return 0;
  unchecked((runs[0] = r0));
  unchecked((runs[1] = r1));
  unchecked((runs[2] = r2));
  unchecked((runs[3] = r3));
  unchecked((runs[4] = r4));
  if (!isFinderRatio(runs, 0.5)) return 0;
  const total = r0 + r1 + r2 + r3 + r4;
  const centreX = <f64>x - <f64>r4 - <f64>r3 - <f64>r2 * 0.5;
  if (out.bumpIfKnown(centreX, <f64>y + 0.5, <f64>total / 7.0)) return 1;
  if (++lastConfirmations > maxConfirmations) return -1;
  return confirm(img, out, total, centreX, y, r2) ? 1 : 0;
}
