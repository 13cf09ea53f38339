// One finder triple → candidate module grids: size (from distances, or from
// the version information), the perspective transform (with the bottom-right
// alignment pattern), and for large versions a piecewise mapping through all
// alignment patterns so that bent or distorted prints still sample cleanly.

import { BitImage } from './bitimage';
import { FinderCandidates } from './finder';
import { Homography, quadToQuad } from './perspective';
import { findAlignment, foundX, foundY } from './alignment';
import { alignmentPositions, decodeVersionInfo, decodedVersion } from './version';

const MAX_ALIGNMENTS: i32 = 7;

/** The sampling methods, tried in this order. */
export const SAMPLE_ALIGNMENT_GRID: i32 = 0; // piecewise through every alignment pattern (version ≥ 7)
export const SAMPLE_HOMOGRAPHY: i32 = 1; // one transform through three finders and the last alignment pattern
export const SAMPLE_PARALLELOGRAM: i32 = 2; // three finders only (version 1, or the alignment pattern not found)

export class SymbolLocator {
  img: BitImage = new BitImage(new Uint8Array(0), 0, 0, 1);
  // finder centres, pixels
  ax: f64 = 0; ay: f64 = 0; bx: f64 = 0; by: f64 = 0; cx: f64 = 0; cy: f64 = 0;
  dimension: i32 = 0;
  /** the dimension proven by version information, 0 when unread */
  versionDimension: i32 = 0;
  parallelogram: Homography = new Homography();
  transform: Homography = new Homography();
  hasAlignment: bool = false;
  positions: StaticArray<i32> = new StaticArray<i32>(MAX_ALIGNMENTS);
  positionCount: i32 = 0;
  gridX: StaticArray<f64> = new StaticArray<f64>(MAX_ALIGNMENTS * MAX_ALIGNMENTS);
  gridY: StaticArray<f64> = new StaticArray<f64>(MAX_ALIGNMENTS * MAX_ALIGNMENTS);
  gridFound: StaticArray<bool> = new StaticArray<bool>(MAX_ALIGNMENTS * MAX_ALIGNMENTS);
  /** transform used by the last successful `sample`, for the corners */
  used: Homography = new Homography();
  dimensionCandidates: StaticArray<i32> = new StaticArray<i32>(2);
  dimensionCandidateCount: i32 = 0;
  moduleSize: f64 = 0;

  /** Sets the finder triple; false when its geometry gives no QR size. */
  setFinders(img: BitImage, f: FinderCandidates, a: i32, b: i32, c: i32): bool {
    this.img = img;
    this.ax = unchecked(f.x[a]); this.ay = unchecked(f.y[a]);
    this.bx = unchecked(f.x[b]); this.by = unchecked(f.y[b]);
    this.cx = unchecked(f.x[c]); this.cy = unchecked(f.y[c]);
    const ab = Math.hypot(this.bx - this.ax, this.by - this.ay);
    const ac = Math.hypot(this.cx - this.ax, this.cy - this.ay);
    // module sizes measured along each leg at both its ends: rotation-proof
    const mAB = this.moduleAlong(this.ax, this.ay, this.bx, this.by, unchecked(f.moduleSize[a]));
    const mBA = this.moduleAlong(this.bx, this.by, this.ax, this.ay, unchecked(f.moduleSize[b]));
    const mAC = this.moduleAlong(this.ax, this.ay, this.cx, this.cy, unchecked(f.moduleSize[a]));
    const mCA = this.moduleAlong(this.cx, this.cy, this.ax, this.ay, unchecked(f.moduleSize[c]));
    const mLeg1 = (mAB + mBA) * 0.5;
    const mLeg2 = (mAC + mCA) * 0.5;
    if (!(mLeg1 > 0.5) || !(mLeg2 > 0.5)) return false;
    this.moduleSize = (mLeg1 + mLeg2) * 0.5;
    const raw = (ab / mLeg1 + ac / mLeg2) * 0.5 + 7.0;
    if (!(raw >= 17.0 && raw <= 181.0 + 4.0)) return false;
    // nearest, then second nearest, size of the form 4v + 17
    const v = (raw - 17.0) / 4.0;
    const nearest = <i32>Math.round(v);
    const other = v >= <f64>nearest ? nearest + 1 : nearest - 1;
    this.dimensionCandidateCount = 0;
    if (nearest >= 1 && nearest <= 40) unchecked((this.dimensionCandidates[this.dimensionCandidateCount++] = 17 + 4 * nearest));
    if (other >= 1 && other <= 40) unchecked((this.dimensionCandidates[this.dimensionCandidateCount++] = 17 + 4 * other));
    this.versionDimension = 0;
    if (raw >= 40.0) this.readVersion();
    if (this.versionDimension > 0) {
      unchecked((this.dimensionCandidates[0] = this.versionDimension));
      this.dimensionCandidateCount = 1;
    }
    return this.dimensionCandidateCount > 0;
  }

  /**
   * Module size at a finder centre measured towards another point: the
   * distance from the centre to the finder's outer edge is 3.5 modules.
   */
  moduleAlong(x: f64, y: f64, towardsX: f64, towardsY: f64, fallback: f64): f64 {
    const length = Math.hypot(towardsX - x, towardsY - y);
    if (!(length > 0)) return fallback;
    const dx = (towardsX - x) / length;
    const dy = (towardsY - y) / length;
    const forward = this.edgeDistance(x, y, dx, dy, fallback);
    const backward = this.edgeDistance(x, y, -dx, -dy, fallback);
    if (forward < 0 || backward < 0) return fallback;
    const m = (forward + backward) / 7.0;
    // a measurement far from the run-based estimate hit a neighbouring module: keep the estimate
    if (m < fallback * 0.5 || m > fallback * 1.6) return fallback;
    return m;
  }

  /** Pixels from a finder centre to where its dark ring ends along (dx, dy), or -1. */
  edgeDistance(x: f64, y: f64, dx: f64, dy: f64, moduleSize: f64): f64 {
    const limit = <i32>(moduleSize * 7.0) + 4;
    const img = this.img;
    let state = 0; // 0 centre dark, 1 light ring, 2 dark ring
    for (let i = 0; i <= limit; i++) {
      const dark = img.darkAt(x + <f64>i * dx, y + <f64>i * dy);
      if (state == 0 && !dark) state = 1;
      else if (state == 1 && dark) state = 2;
      else if (state == 2 && !dark) return <f64>i;
    }
    return -1;
  }

  /**
   * Reads the version information next to the top-right and bottom-left
   * finders (versions 7+). Its modules are located from the finder alone, so
   * a dimension estimate that is off by a few modules does not matter.
   */
  readVersion(): void {
    let best = 99;
    let version = 0;
    // top-right block: 3 columns × 6 rows left of the finder; column offset -7..-5, row -3..2 modules from its centre
    const abLength = Math.hypot(this.bx - this.ax, this.by - this.ay);
    const acLength = Math.hypot(this.cx - this.ax, this.cy - this.ay);
    const ex = (this.bx - this.ax) / abLength, ey = (this.by - this.ay) / abLength;
    const fx = (this.cx - this.ax) / acLength, fy = (this.cy - this.ay) / acLength;
    {
      const mx = this.moduleAlong(this.bx, this.by, this.ax, this.ay, this.moduleSize);
      const my = this.moduleAlong(this.bx, this.by, this.bx + fx, this.by + fy, this.moduleSize);
      let bits = 0;
      for (let row = 5; row >= 0; row--) {
        for (let col = 2; col >= 0; col--) {
          const du = <f64>(col - 7) * mx;
          const dv = <f64>(row - 3) * my;
          const dark = this.img.darkAt(this.bx + du * ex + dv * fx, this.by + du * ey + dv * fy);
          bits = (bits << 1) | (dark ? 1 : 0);
        }
      }
      const d = decodeVersionInfo(bits);
      if (d < best) { best = d; version = decodedVersion; }
    }
    {
      const mx = this.moduleAlong(this.cx, this.cy, this.cx + ex, this.cy + ey, this.moduleSize);
      const my = this.moduleAlong(this.cx, this.cy, this.ax, this.ay, this.moduleSize);
      let bits = 0;
      // bottom-left block: the transpose (rows -7..-5 above the finder centre, columns -3..2)
      for (let col = 5; col >= 0; col--) {
        for (let row = 2; row >= 0; row--) {
          const du = <f64>(col - 3) * mx;
          const dv = <f64>(row - 7) * my;
          const dark = this.img.darkAt(this.cx + du * ex + dv * fx, this.cy + du * ey + dv * fy);
          bits = (bits << 1) | (dark ? 1 : 0);
        }
      }
      const d = decodeVersionInfo(bits);
      if (d < best) { best = d; version = decodedVersion; }
    }
    if (best <= 3) this.versionDimension = 17 + 4 * version;
  }

  /** Builds the transforms for `dimension`; false when degenerate. */
  setDimension(dimension: i32): bool {
    this.dimension = dimension;
    const d = <f64>dimension;
    const far = d - 3.5;
    quadToQuad(this.parallelogram,
      3.5, 3.5, far, 3.5, far, far, 3.5, far,
      this.ax, this.ay, this.bx, this.by, this.bx + this.cx - this.ax, this.by + this.cy - this.ay, this.cx, this.cy);
    if (!this.parallelogram.isUsable()) return false;
    this.hasAlignment = false;
    this.positionCount = alignmentPositions((dimension - 17) >> 2, this.positions);
    if (dimension > 21) {
      const at = d - 6.5;
      const h = this.parallelogram;
      h.map(at, at);
      const px = h.x, py = h.y;
      h.map(at + 1.0, at);
      const ux = h.x - px, uy = h.y - py;
      h.map(at, at + 1.0);
      const vx = h.x - px, vy = h.y - py;
      let found = findAlignment(this.img, px, py, ux, uy, vx, vy, 4.0, 22);
      if (!found) found = findAlignment(this.img, px, py, ux, uy, vx, vy, 10.0, 23);
      if (found) {
        quadToQuad(this.transform,
          3.5, 3.5, far, 3.5, at, at, 3.5, far,
          this.ax, this.ay, this.bx, this.by, foundX, foundY, this.cx, this.cy);
        this.hasAlignment = this.transform.isUsable();
      }
    }
    if (!this.hasAlignment) copyHomography(this.parallelogram, this.transform);
    return true;
  }

  /** Whether `method` applies to the current dimension (see the SAMPLE_ constants). */
  applies(method: i32): bool {
    if (method == SAMPLE_ALIGNMENT_GRID) return this.positionCount >= 3;
    if (method == SAMPLE_HOMOGRAPHY) return this.hasAlignment;
    return true;
  }

  /** Samples the module grid (size dimension², 1 = dark) with `method`. */
  sample(method: i32, grid: Uint8Array): void {
    const n = this.dimension;
    const img = this.img;
    const h = method == SAMPLE_PARALLELOGRAM ? this.parallelogram : this.transform;
    copyHomography(h, this.used);
    if (method == SAMPLE_ALIGNMENT_GRID) {
      this.locateAlignmentGrid(h);
      this.sampleThroughGrid(grid);
      return;
    }
    for (let y = 0; y < n; y++) {
      for (let x = 0; x < n; x++) {
        h.map(<f64>x + 0.5, <f64>y + 0.5);
        unchecked((grid[y * n + x] = img.darkAt(h.x, h.y) ? 1 : 0));
      }
    }
  }

  /**
   * Finds every alignment pattern near where `h` predicts it, correcting each
   * prediction by the drift already measured at its upper and left neighbours
   * (prints bend smoothly). Patterns not found keep the prediction.
   */
  locateAlignmentGrid(h: Homography): void {
    const count = this.positionCount;
    for (let j = 0; j < count; j++) {
      for (let i = 0; i < count; i++) {
        const k = j * MAX_ALIGNMENTS + i;
        const at = <f64>unchecked(this.positions[i]) + 0.5;
        const bt = <f64>unchecked(this.positions[j]) + 0.5;
        h.map(at, bt);
        let px = h.x, py = h.y;
        h.map(at + 1.0, bt);
        const ux = h.x - px, uy = h.y - py;
        h.map(at, bt + 1.0);
        const vx = h.x - px, vy = h.y - py;
        let driftX: f64 = 0, driftY: f64 = 0, drifts: f64 = 0;
        if (i > 0 && unchecked(this.gridFound[k - 1])) {
          h.map(<f64>unchecked(this.positions[i - 1]) + 0.5, bt);
          driftX += unchecked(this.gridX[k - 1]) - h.x; driftY += unchecked(this.gridY[k - 1]) - h.y; drifts += 1;
        }
        if (j > 0 && unchecked(this.gridFound[k - MAX_ALIGNMENTS])) {
          h.map(at, <f64>unchecked(this.positions[j - 1]) + 0.5);
          driftX += unchecked(this.gridX[k - MAX_ALIGNMENTS]) - h.x; driftY += unchecked(this.gridY[k - MAX_ALIGNMENTS]) - h.y; drifts += 1;
        }
        if (drifts > 0) { px += driftX / drifts; py += driftY / drifts; }
        unchecked((this.gridX[k] = px));
        unchecked((this.gridY[k] = py));
        unchecked((this.gridFound[k] = false));
        // the three positions under the finder patterns hold no alignment pattern
        const underFinder = (i == 0 && j == 0) || (i == 0 && j == count - 1) || (j == 0 && i == count - 1);
        if (underFinder) continue;
        if (findAlignment(this.img, px, py, ux, uy, vx, vy, 2.0, 21)) {
          unchecked((this.gridX[k] = foundX));
          unchecked((this.gridY[k] = foundY));
          unchecked((this.gridFound[k] = true));
        }
      }
    }
  }

  /** Bilinear interpolation between the four alignment centres around each module. */
  sampleThroughGrid(grid: Uint8Array): void {
    const n = this.dimension;
    const count = this.positionCount;
    const img = this.img;
    let cellY = 0;
    for (let y = 0; y < n; y++) {
      while (cellY < count - 2 && y >= unchecked(this.positions[cellY + 1])) cellY++;
      const y0 = <f64>unchecked(this.positions[cellY]);
      const v = (<f64>y - y0) / (<f64>unchecked(this.positions[cellY + 1]) - y0);
      let cellX = 0;
      for (let x = 0; x < n; x++) {
        while (cellX < count - 2 && x >= unchecked(this.positions[cellX + 1])) cellX++;
        const x0 = <f64>unchecked(this.positions[cellX]);
        const u = (<f64>x - x0) / (<f64>unchecked(this.positions[cellX + 1]) - x0);
        const k = cellY * MAX_ALIGNMENTS + cellX;
        const w00 = (1.0 - u) * (1.0 - v), w10 = u * (1.0 - v), w01 = (1.0 - u) * v, w11 = u * v;
        const px = w00 * unchecked(this.gridX[k]) + w10 * unchecked(this.gridX[k + 1]) +
          w01 * unchecked(this.gridX[k + MAX_ALIGNMENTS]) + w11 * unchecked(this.gridX[k + MAX_ALIGNMENTS + 1]);
        const py = w00 * unchecked(this.gridY[k]) + w10 * unchecked(this.gridY[k + 1]) +
          w01 * unchecked(this.gridY[k + MAX_ALIGNMENTS]) + w11 * unchecked(this.gridY[k + MAX_ALIGNMENTS + 1]);
        unchecked((grid[y * n + x] = img.darkAt(px, py) ? 1 : 0));
      }
    }
  }
}

function copyHomography(from: Homography, to: Homography): void {
  to.m11 = from.m11; to.m12 = from.m12; to.m13 = from.m13;
  to.m21 = from.m21; to.m22 = from.m22; to.m23 = from.m23;
  to.m31 = from.m31; to.m32 = from.m32; to.m33 = from.m33;
}
