// One finder triple → candidate module grids: size (from distances, or from
// the version information), the perspective transform (with the bottom-right
// alignment pattern), and for large versions a piecewise mapping through all
// alignment patterns so that bent or distorted prints still sample cleanly.

import { BitImage } from './bitimage';
import { FinderCandidates } from './finder';
import { Homography, fitHomography, quadToQuad } from './perspective';
import { findAlignment, foundX, foundY } from './alignment';
import { alignmentPositions, decodeVersionInfo, decodedVersion } from './version';
import { decodeFormat, formatDistance } from '../codec/bch';
import { formatBitX, formatBitY } from '../codec/info-placement';

const MAX_ALIGNMENTS: i32 = 7;

const MAX_FIT_POINTS: i32 = 3 + MAX_ALIGNMENTS * MAX_ALIGNMENTS;
const fitU = new StaticArray<f64>(MAX_FIT_POINTS);
const fitV = new StaticArray<f64>(MAX_FIT_POINTS);
const fitX = new StaticArray<f64>(MAX_FIT_POINTS);
const fitY = new StaticArray<f64>(MAX_FIT_POINTS);
const fitted = new Homography();

const moduleLuma = new Uint8Array(177 * 177);

// the progressive alignment-grid search: which nodes are known, the best prediction quality each was searched with
const gridKnown = new StaticArray<bool>(MAX_ALIGNMENTS * MAX_ALIGNMENTS);
const gridTried = new StaticArray<i32>(MAX_ALIGNMENTS * MAX_ALIGNMENTS);
const nodeQuality = new StaticArray<i32>(MAX_ALIGNMENTS * MAX_ALIGNMENTS);
const nodeRadius = new StaticArray<f64>(MAX_ALIGNMENTS * MAX_ALIGNMENTS);
let predX: f64 = 0, predY: f64 = 0, predUx: f64 = 0, predUy: f64 = 0, predVx: f64 = 0, predVy: f64 = 0, predRadius: f64 = 0;
let checkedX: f64 = 0, checkedY: f64 = 0;
const cell = new Homography();
const moduleSums = new StaticArray<i32>(178 * 178);

let ringLight: f64 = 0;
/** from the last moduleAlong: distance to the middle of the outer dark ring ahead (3 modules), or -1 */
let lastForwardDark: f64 = -1;
let ringDark: f64 = 0;

/** The sampling methods, tried in this order. */
export const SAMPLE_ALIGNMENT_GRID: i32 = 0; // piecewise through every alignment pattern (version ≥ 7)
export const SAMPLE_HOMOGRAPHY: i32 = 1; // one transform: finders and alignment patterns, or the finders' rings
export const SAMPLE_PARALLELOGRAM: i32 = 2; // three finders only (version 1, or the alignment pattern not found)

export class SymbolLocator {
  img: BitImage = new BitImage();
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
  dimensionCandidates: StaticArray<i32> = new StaticArray<i32>(3);
  dimensionCandidateCount: i32 = 0;
  moduleSize: f64 = 0;
  /** see formatPlausible */
  strictFormat: bool = false;
  // module sizes measured at each finder along the symbol's axes
  moduleA_right: f64 = 0; moduleA_down: f64 = 0;
  moduleB_left: f64 = 0; moduleB_down: f64 = 0;
  moduleC_up: f64 = 0; moduleC_right: f64 = 0;
  // distances from each finder centre to the middle of its outer dark ring (3 modules) towards the others, -1 when unmeasured
  ringAB: f64 = -1; ringBA: f64 = -1; ringAC: f64 = -1; ringCA: f64 = -1;
  // unit vectors along the top (A→B) and left (A→C) edges
  ex: f64 = 1; ey: f64 = 0; fx: f64 = 0; fy: f64 = 1;
  /** alignment patterns found by the last locateAlignmentGrid (diagnostics) */
  gridFoundCount: i32 = 0;

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
    this.ringAB = lastForwardDark;
    const mBA = this.moduleAlong(this.bx, this.by, this.ax, this.ay, unchecked(f.moduleSize[b]));
    this.ringBA = lastForwardDark;
    const mAC = this.moduleAlong(this.ax, this.ay, this.cx, this.cy, unchecked(f.moduleSize[a]));
    this.ringAC = lastForwardDark;
    const mCA = this.moduleAlong(this.cx, this.cy, this.ax, this.ay, unchecked(f.moduleSize[c]));
    this.ringCA = lastForwardDark;
    this.moduleA_right = mAB;
    this.moduleA_down = mAC;
    this.moduleB_left = mBA;
    this.moduleC_up = mCA;
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
    // the timing patterns count modules directly; distances over module size only estimate
    const timing = this.timingDimension(raw);
    this.versionDimension = 0;
    if (raw >= 40.0) this.readVersion();
    if (this.versionDimension > 0) this.addDimension(this.versionDimension);
    if (timing > 0) this.addDimension(timing);
    if (nearest >= 1 && nearest <= 40) this.addDimension(17 + 4 * nearest);
    if (other >= 1 && other <= 40) this.addDimension(17 + 4 * other);
    return this.dimensionCandidateCount > 0;
  }

  addDimension(dimension: i32): void {
    for (let i = 0; i < this.dimensionCandidateCount; i++) if (unchecked(this.dimensionCandidates[i]) == dimension) return;
    if (this.dimensionCandidateCount < 3) unchecked((this.dimensionCandidates[this.dimensionCandidateCount++] = dimension));
  }

  /**
   * The size read from the timing patterns: row 6 between the top finders and
   * column 6 between the left ones alternate dark and light module by module.
   * Each is a straight line in the image too, three modules beside the line
   * through the finder centres; counting its dark runs R gives 2R + 11
   * modules. The count nearer the estimate `raw` wins; 0 when neither is valid.
   */
  timingDimension(raw: f64): i32 {
    const abLength = Math.hypot(this.bx - this.ax, this.by - this.ay);
    const acLength = Math.hypot(this.cx - this.ax, this.cy - this.ay);
    const ex = (this.bx - this.ax) / abLength, ey = (this.by - this.ay) / abLength;
    const fx = (this.cx - this.ax) / acLength, fy = (this.cy - this.ay) / acLength;
    this.ex = ex; this.ey = ey; this.fx = fx; this.fy = fy;
    const m = this.moduleSize;
    this.moduleB_down = this.moduleAlong(this.bx, this.by, this.bx + fx, this.by + fy, m);
    this.moduleC_right = this.moduleAlong(this.cx, this.cy, this.cx + ex, this.cy + ey, m);
    const downAtA = this.moduleA_down * 3.0;
    const downAtB = this.moduleB_down * 3.0;
    const rightAtA = this.moduleA_right * 3.0;
    const rightAtC = this.moduleC_right * 3.0;
    const row = this.darkRuns(this.ax + fx * downAtA, this.ay + fy * downAtA, this.bx + fx * downAtB, this.by + fy * downAtB);
    const column = this.darkRuns(this.ax + ex * rightAtA, this.ay + ey * rightAtA, this.cx + ex * rightAtC, this.cy + ey * rightAtC);
    const fromRow = (row & 1) == 1 && row >= 5 ? 2 * row + 11 : 0;
    const fromColumn = (column & 1) == 1 && column >= 5 ? 2 * column + 11 : 0;
    if (fromRow > 177) return fromColumn <= 177 ? fromColumn : 0;
    if (fromColumn > 177) return fromRow;
    if (fromRow == 0) return fromColumn;
    if (fromColumn == 0 || fromRow == fromColumn) return fromRow;
    return Math.abs(<f64>fromRow - raw) <= Math.abs(<f64>fromColumn - raw) ? fromRow : fromColumn;
  }

  /** Dark runs along the segment, sampled every half pixel; single-sample runs are noise and ignored. */
  darkRuns(x0: f64, y0: f64, x1: f64, y1: f64): i32 {
    const length = Math.hypot(x1 - x0, y1 - y0);
    const steps = min(<i32>(length * 2.0), 8000);
    if (steps < 8) return 0;
    const dx = (x1 - x0) / <f64>steps, dy = (y1 - y0) / <f64>steps;
    let runs = 0;
    // nearest pixels, not interpolation: at one pixel per module a sample between two pixels is grey
    let current = this.img.darkAt(x0, y0);
    if (current) runs = 1;
    let pending = false; // a changed sample waiting for confirmation by the next one
    for (let i = 1; i <= steps; i++) {
      const dark = this.img.darkAt(x0 + <f64>i * dx, y0 + <f64>i * dy);
      if (dark == current) { pending = false; continue; }
      if (!pending) { pending = true; continue; }
      pending = false;
      current = dark;
      if (dark) runs++;
    }
    return runs;
  }

  /**
   * Module size at a finder centre measured along the line towards another
   * point. The middles of the light ring (±2 modules) and of the dark ring
   * (±3 modules) are used rather than edges: blur and threshold bias move
   * every edge the same way, which cancels out in the middles.
   */
  moduleAlong(x: f64, y: f64, towardsX: f64, towardsY: f64, fallback: f64): f64 {
    const length = Math.hypot(towardsX - x, towardsY - y);
    if (!(length > 0)) return fallback;
    const dx = (towardsX - x) / length;
    const dy = (towardsY - y) / length;
    lastForwardDark = -1;
    if (!this.ringMiddles(x, y, dx, dy, fallback)) return fallback;
    const lightForward = ringLight, darkForward = ringDark;
    lastForwardDark = darkForward;
    if (!this.ringMiddles(x, y, -dx, -dy, fallback)) return fallback;
    const m = (lightForward + ringLight + darkForward + ringDark) / 10.0;
    // a measurement far from the run-based estimate hit a neighbouring module: keep the estimate
    if (m < fallback * 0.5 || m > fallback * 1.6) return fallback;
    return m;
  }

  /** Sets ringLight/ringDark to the distances from a finder centre to the middles of its rings along (dx, dy). */
  ringMiddles(x: f64, y: f64, dx: f64, dy: f64, moduleSize: f64): bool {
    const steps = <i32>(moduleSize * 14.0) + 8; // half-pixel steps up to ~7 modules
    const img = this.img;
    let state = 0; // 0 centre dark, 1 light ring, 2 dark ring
    let lightStart: f64 = 0, darkStart: f64 = 0;
    for (let i = 0; i <= steps; i++) {
      const t = <f64>i * 0.5;
      const dark = img.darkAt(x + t * dx, y + t * dy);
      if (state == 0 && !dark) { state = 1; lightStart = t; }
      else if (state == 1 && dark) { state = 2; darkStart = t; }
      else if (state == 2 && !dark) {
        ringLight = (lightStart + darkStart) * 0.5;
        ringDark = (darkStart + t) * 0.5;
        return true;
      }
    }
    return false;
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
      const mx = this.moduleB_left;
      const my = this.moduleB_down;
      let bits = 0;
      for (let row = 5; row >= 0; row--) {
        for (let col = 2; col >= 0; col--) {
          const du = <f64>(col - 7) * mx;
          const dv = <f64>(row - 3) * my;
          const dark = this.img.sampleDark(this.bx + du * ex + dv * fx, this.by + du * ey + dv * fy);
          bits = (bits << 1) | (dark ? 1 : 0);
        }
      }
      const d = decodeVersionInfo(bits);
      if (d < best) { best = d; version = decodedVersion; }
    }
    {
      const mx = this.moduleC_right;
      const my = this.moduleC_up;
      let bits = 0;
      // bottom-left block: the transpose (rows -7..-5 above the finder centre, columns -3..2)
      for (let col = 5; col >= 0; col--) {
        for (let row = 2; row >= 0; row--) {
          const du = <f64>(col - 3) * mx;
          const dv = <f64>(row - 7) * my;
          const dark = this.img.sampleDark(this.cx + du * ex + dv * fx, this.cy + du * ey + dv * fy);
          bits = (bits << 1) | (dark ? 1 : 0);
        }
      }
      const d = decodeVersionInfo(bits);
      if (d < best) { best = d; version = decodedVersion; }
    }
    if (best <= 3) this.versionDimension = 17 + 4 * version;
  }

  /** Builds the three-finder transform for `dimension`; false when degenerate. */
  setDimension(dimension: i32): bool {
    this.dimension = dimension;
    const far = <f64>dimension - 3.5;
    quadToQuad(this.parallelogram,
      3.5, 3.5, far, 3.5, far, far, 3.5, far,
      this.ax, this.ay, this.bx, this.by, this.bx + this.cx - this.ax, this.by + this.cy - this.ay, this.cx, this.cy);
    this.hasAlignment = false;
    this.positionCount = alignmentPositions((dimension - 17) >> 2, this.positions);
    copyHomography(this.parallelogram, this.transform);
    if (!this.parallelogram.isUsable()) return false;
    this.fitFromFinders();
    return true;
  }

  /**
   * A perspective transform from the finders alone: besides the three centres,
   * the middles of the outer dark rings facing each other along the top and
   * left edges (3 modules from each centre) show how the scale changes along
   * both edges, which is what perspective is. Replaces the transform when the
   * fit works; the plain parallelogram stays as a fallback sampling.
   */
  fitFromFinders(): void {
    // below ~2.5 pixels per module the ring middles are too coarse to tell perspective from noise
    if (this.moduleSize < 2.5) return;
    if (this.ringAB <= 0 || this.ringBA <= 0 || this.ringAC <= 0 || this.ringCA <= 0) return;
    const d = <f64>this.dimension;
    const ex = this.ex, ey = this.ey, fx = this.fx, fy = this.fy;
    let n = 0;
    fitU[n] = 3.5; fitV[n] = 3.5; fitX[n] = this.ax; fitY[n] = this.ay; n++;
    fitU[n] = d - 3.5; fitV[n] = 3.5; fitX[n] = this.bx; fitY[n] = this.by; n++;
    fitU[n] = 3.5; fitV[n] = d - 3.5; fitX[n] = this.cx; fitY[n] = this.cy; n++;
    fitU[n] = 6.5; fitV[n] = 3.5; fitX[n] = this.ax + ex * this.ringAB; fitY[n] = this.ay + ey * this.ringAB; n++;
    fitU[n] = d - 6.5; fitV[n] = 3.5; fitX[n] = this.bx - ex * this.ringBA; fitY[n] = this.by - ey * this.ringBA; n++;
    fitU[n] = 3.5; fitV[n] = 6.5; fitX[n] = this.ax + fx * this.ringAC; fitY[n] = this.ay + fy * this.ringAC; n++;
    fitU[n] = 3.5; fitV[n] = d - 6.5; fitX[n] = this.cx - fx * this.ringCA; fitY[n] = this.cy - fy * this.ringCA; n++;
    if (!fitHomography(fitted, n, fitU, fitV, fitX, fitY, d)) return;
    // a wild fit (far from the parallelogram at the far corner) is noise, not perspective
    fitted.map(d - 3.5, d - 3.5);
    const fx0 = fitted.x, fy0 = fitted.y;
    this.parallelogram.map(d - 3.5, d - 3.5);
    const side = Math.hypot(this.bx - this.ax, this.by - this.ay);
    if (!(Math.hypot(fx0 - this.parallelogram.x, fy0 - this.parallelogram.y) < side * 0.25)) return;
    copyHomography(fitted, this.transform);
  }

  /**
   * A cheap test before the expensive stages: is a copy of the format
   * information (read plainly or mirrored) within three bits of a valid word
   * (about half of the look-alike triples pass)? Under `strictFormat` (the
   * fallback passes, where look-alikes abound): one copy within one bit, or
   * both within three bits of the same word (about one in ten pass).
   */
  formatPlausible(): bool {
    const n = this.dimension;
    for (let orientation = 0; orientation < 2; orientation++) {
      let first = 0;
      let second = 0;
      for (let bit = 14; bit >= 0; bit--) {
        const x0 = formatBitX(0, bit, n), y0 = formatBitY(0, bit, n);
        const x1 = formatBitX(1, bit, n), y1 = formatBitY(1, bit, n);
        const a = orientation == 0 ? this.localDark(x0, y0) : this.localDark(y0, x0);
        const b = orientation == 0 ? this.localDark(x1, y1) : this.localDark(y1, x1);
        first = (first << 1) | (a ? 1 : 0);
        second = (second << 1) | (b ? 1 : 0);
      }
      const value0 = decodeFormat(first);
      const distance0 = formatDistance;
      const value1 = decodeFormat(second);
      const distance1 = formatDistance;
      if (!this.strictFormat) {
        if (min(distance0, distance1) <= 3) return true;
        continue;
      }
      // strict: one copy nearly exact, or both near the same word
      if (min(distance0, distance1) <= 1) return true;
      if (distance0 <= 3 && distance1 <= 3 && value0 == value1) return true;
    }
    return false;
  }

  /**
   * Module (x, y) near a finder, located from that finder's centre and the
   * module sizes measured there: exact under perspective, where one
   * transform through three points is not.
   */
  localDark(x: i32, y: i32): bool {
    const n = this.dimension;
    const u = <f64>x + 0.5, v = <f64>y + 0.5;
    let ox: f64, oy: f64, du: f64, dv: f64;
    if (x >= n - 9 && y < 9) {
      ox = this.bx; oy = this.by; du = (u - (<f64>n - 3.5)) * this.moduleB_left; dv = (v - 3.5) * this.moduleB_down;
    } else if (y >= n - 9 && x < 9) {
      ox = this.cx; oy = this.cy; du = (u - 3.5) * this.moduleC_right; dv = (v - (<f64>n - 3.5)) * this.moduleC_up;
    } else {
      ox = this.ax; oy = this.ay; du = (u - 3.5) * this.moduleA_right; dv = (v - 3.5) * this.moduleA_down;
    }
    return this.img.sampleDark(ox + du * this.ex + dv * this.fx, oy + du * this.ey + dv * this.fy);
  }

  /** Looks for the bottom-right alignment pattern and, when found, builds the four-point transform. */
  locateCornerAlignment(): void {
    const dimension = this.dimension;
    if (dimension <= 21) return;
    const d = <f64>dimension;
    const far = d - 3.5;
    const at = d - 6.5;
    const h = this.transform;
    h.map(at, at);
    const px = h.x, py = h.y;
    h.map(at + 1.0, at);
    const ux = h.x - px, uy = h.y - py;
    h.map(at, at + 1.0);
    const vx = h.x - px, vy = h.y - py;
    let found = findAlignment(this.img, px, py, ux, uy, vx, vy, 4.0, 22);
    if (!found) found = findAlignment(this.img, px, py, ux, uy, vx, vy, 8.0, 24);
    if (!found) found = this.findCornerAlignmentInPerspective(d);
    if (found) {
      quadToQuad(this.transform,
        3.5, 3.5, far, 3.5, at, at, 3.5, far,
        this.ax, this.ay, this.bx, this.by, foundX, foundY, this.cx, this.cy);
      this.hasAlignment = this.transform.isUsable();
      if (!this.hasAlignment) {
        copyHomography(this.parallelogram, this.transform);
        this.fitFromFinders();
      }
    }
  }

  /**
   * Strong tilt: the parallelogram through the three finders misplaces the
   * bottom-right corner by many modules. Under a homography the local scale
   * goes as 1/w², w = 1 + g·u + h·v: the module sizes measured at both ends of
   * each leg give g and h, and with them the three finder centres fix the
   * whole transform. The alignment pattern is searched where it predicts.
   */
  findCornerAlignmentInPerspective(d: f64): bool {
    const L = d - 7.0;
    if (!(this.moduleA_right > 0.0 && this.moduleB_left > 0.0 && this.moduleA_down > 0.0 && this.moduleC_up > 0.0)) return false;
    const wb = Math.sqrt(this.moduleA_right / this.moduleB_left);
    const wc = Math.sqrt(this.moduleA_down / this.moduleC_up);
    // a flat view was searched already; a ratio beyond 2.5 is no longer a plausible tilt
    if (Math.abs(wb - 1.0) < 0.06 && Math.abs(wc - 1.0) < 0.06) return false;
    if (wb > 2.5 || wb < 0.4 || wc > 2.5 || wc < 0.4) return false;
    const g = (wb - 1.0) / L, h = (wc - 1.0) / L;
    const c0 = this.ax, f0 = this.ay;
    const a0 = (this.bx * wb - c0) / L, d0 = (this.by * wb - f0) / L;
    const b0 = (this.cx * wc - c0) / L, e0 = (this.cy * wc - f0) / L;
    const u = L - 3.0; // the alignment pattern's centre, from the top-left finder's centre
    const w = 1.0 + g * u + h * u;
    const w1 = w + g, w2 = w + h;
    if (!(w > 0.05 && w1 > 0.05 && w2 > 0.05)) return false;
    const px = (a0 * u + b0 * u + c0) / w, py = (d0 * u + e0 * u + f0) / w;
    const ux = (a0 * (u + 1.0) + b0 * u + c0) / w1 - px, uy = (d0 * (u + 1.0) + e0 * u + f0) / w1 - py;
    const vx = (a0 * u + b0 * (u + 1.0) + c0) / w2 - px, vy = (d0 * u + e0 * (u + 1.0) + f0) / w2 - py;
    return findAlignment(this.img, px, py, ux, uy, vx, vy, 8.0, 24);
  }

  /** Whether `method` applies to the current dimension (see the SAMPLE_ constants). */
  applies(method: i32): bool {
    if (method == SAMPLE_ALIGNMENT_GRID) return this.positionCount >= 3;
    if (method == SAMPLE_HOMOGRAPHY) return true;
    // with the alignment pattern found, three finders alone are rarely better
    return !this.hasAlignment || this.dimension <= 25;
  }

  /** Samples the module grid (size dimension², 1 = dark) with `method`. */
  sample(method: i32, grid: Uint8Array): void {
    const n = this.dimension;
    const img = this.img;
    const h = method == SAMPLE_PARALLELOGRAM ? this.parallelogram : this.transform;
    copyHomography(h, this.used);
    if (method == SAMPLE_ALIGNMENT_GRID) {
      this.locateAlignmentGrid(h);
      this.refitFromGrid();
      // patterns missed on the way (strong perspective at the far edges) are searched again around the fitted prediction
      if (this.searchMissedAlignments()) this.refitFromGrid();
      this.fillMissingLocally();
      this.sampleThroughGrid(grid);
      return;
    }
    for (let y = 0; y < n; y++) {
      for (let x = 0; x < n; x++) {
        h.map(<f64>x + 0.5, <f64>y + 0.5);
        unchecked((grid[y * n + x] = this.sampleModule(y * n + x, h.x, h.y)));
      }
    }
  }

  /**
   * Finds the alignment patterns progressively, outwards from the finders:
   * each next one is predicted from patterns already found around it (the
   * parallelogram of three neighbours, or the line through two in its row or
   * column), which follows a bowed or creased grid where one transform from
   * the finders does not. The search radius grows with the distance the
   * prediction reaches over; a match far from its prediction must also pass
   * the 1:1:1 cross-check of its rings. The three places under the finders
   * count as known from the start (`h` is exact next to the finders).
   */
  locateAlignmentGrid(h: Homography): void {
    const count = this.positionCount;
    this.gridFoundCount = 0;
    for (let j = 0; j < count; j++) {
      for (let i = 0; i < count; i++) {
        const k = j * MAX_ALIGNMENTS + i;
        h.map(<f64>unchecked(this.positions[i]) + 0.5, <f64>unchecked(this.positions[j]) + 0.5);
        unchecked((this.gridX[k] = h.x));
        unchecked((this.gridY[k] = h.y));
        unchecked((this.gridFound[k] = false));
        const underFinder = (i == 0 && j == 0) || (i == 0 && j == count - 1) || (j == 0 && i == count - 1);
        unchecked((gridKnown[k] = underFinder));
        unchecked((gridTried[k] = underFinder ? 9 : 0));
      }
    }
    // each round searches the node with the best prediction; a node is searched again only when its prediction improved
    // predictions change only when a pattern is found: they are kept per node until then
    let misses = 0;
    let stale = true;
    for (let round = 0; round < 3 * MAX_ALIGNMENTS * MAX_ALIGNMENTS; round++) {
      let bestK = -1, bestQuality = 0;
      let bestRadius: f64 = Infinity;
      for (let j = 0; j < count; j++) {
        for (let i = 0; i < count; i++) {
          const k = j * MAX_ALIGNMENTS + i;
          if (unchecked(gridKnown[k])) continue;
          if (stale) {
            unchecked((nodeQuality[k] = this.predictNode(i, j, h)));
            unchecked((nodeRadius[k] = predRadius));
          }
          const quality = unchecked(nodeQuality[k]);
          if (quality <= unchecked(gridTried[k])) continue;
          const radius = unchecked(nodeRadius[k]);
          if (quality > bestQuality || (quality == bestQuality && radius < bestRadius)) {
            bestK = k; bestQuality = quality; bestRadius = radius;
          }
        }
      }
      stale = false;
      if (bestK < 0) break;
      const i = bestK % MAX_ALIGNMENTS, j = bestK / MAX_ALIGNMENTS;
      this.predictNode(i, j, h);
      unchecked((gridTried[bestK] = bestQuality));
      const px = predX, py = predY, ux = predUx, uy = predUy, vx = predVx, vy = predVy;
      // near the prediction first (cheap, and what a flat code needs), then as far as the prediction may be off
      let hit = findAlignment(this.img, px, py, ux, uy, vx, vy, min(predRadius, 2.0), 21);
      if (!hit && predRadius > 2.0) hit = findAlignment(this.img, px, py, ux, uy, vx, vy, predRadius, 21);
      let x = foundX, y = foundY;
      if (hit && Math.hypot(x - px, y - py) / Math.sqrt((ux * ux + uy * uy + vx * vx + vy * vy) * 0.5) > 2.0) {
        // far from where it was expected: only a real alignment pattern's rings will do
        hit = this.crossCheck(x, y, ux, uy, vx, vy);
        x = checkedX; y = checkedY;
      }
      if (!hit) {
        // a wrong size or a look-alike triple finds nothing: stop paying for wide searches
        if (++misses > this.gridFoundCount + 2) break;
        continue;
      }
      unchecked((this.gridX[bestK] = x));
      unchecked((this.gridY[bestK] = y));
      unchecked((this.gridFound[bestK] = true));
      unchecked((gridKnown[bestK] = true));
      this.gridFoundCount++;
      stale = true;
    }
  }

  /**
   * Predicts node (i, j) of the alignment grid from known neighbours into
   * predX/predY (module vectors predU/predV, search radius predRadius in
   * modules). Quality 3: the parallelogram of three neighbours; 2: between
   * two known nodes of its row or column; 1: beyond two of them; 0: none.
   */
  predictNode(i: i32, j: i32, h: Homography): i32 {
    const pos = this.positions;
    const count = this.positionCount;
    const at = <f64>unchecked(pos[i]) + 0.5, bt = <f64>unchecked(pos[j]) + 0.5;
    h.map(at, bt);
    const hx = h.x, hy = h.y;
    h.map(at + 1.0, bt);
    predUx = h.x - hx; predUy = h.y - hy;
    h.map(at, bt + 1.0);
    predVx = h.x - hx; predVy = h.y - hy;
    // the parallelogram of three known neighbours (exact for any affine piece of the grid)
    for (let q = 0; q < 4; q++) {
      const di = (q & 1) != 0 ? 1 : -1, dj = (q & 2) != 0 ? 1 : -1;
      if (!this.known(i + di, j) || !this.known(i, j + dj) || !this.known(i + di, j + dj)) continue;
      const ka = j * MAX_ALIGNMENTS + i + di, kb = (j + dj) * MAX_ALIGNMENTS + i, kc = (j + dj) * MAX_ALIGNMENTS + i + di;
      predX = unchecked(this.gridX[ka]) + unchecked(this.gridX[kb]) - unchecked(this.gridX[kc]);
      predY = unchecked(this.gridY[ka]) + unchecked(this.gridY[kb]) - unchecked(this.gridY[kc]);
      const su = <f64>(unchecked(pos[i + di]) - unchecked(pos[i]));
      const sv = <f64>(unchecked(pos[j + dj]) - unchecked(pos[j]));
      predUx = (unchecked(this.gridX[ka]) - predX) / su; predUy = (unchecked(this.gridY[ka]) - predY) / su;
      predVx = (unchecked(this.gridX[kb]) - predX) / sv; predVy = (unchecked(this.gridY[kb]) - predY) / sv;
      predRadius = 2.5;
      return 3;
    }
    // along the row (axis 0) or the column (axis 1): between two known nodes, or beyond two on one side
    let quality = 0;
    for (let axis = 0; axis < 2; axis++) {
      const here = axis == 0 ? i : j;
      let before = -1, before2 = -1, after = -1, after2 = -1;
      for (let t = here - 1; t >= 0; t--) {
        if (!(axis == 0 ? this.known(t, j) : this.known(i, t))) continue;
        if (before < 0) before = t; else { before2 = t; break; }
      }
      for (let t = here + 1; t < count; t++) {
        if (!(axis == 0 ? this.known(t, j) : this.known(i, t))) continue;
        if (after < 0) after = t; else { after2 = t; break; }
      }
      let p0 = -1, p1 = -1, q: i32 = 0;
      if (before >= 0 && after >= 0) { p0 = before; p1 = after; q = 2; }
      else if (before2 >= 0) { p0 = before2; p1 = before; q = 1; }
      else if (after2 >= 0) { p0 = after2; p1 = after; q = 1; }
      if (q == 0 || q < quality) continue;
      const k0 = axis == 0 ? j * MAX_ALIGNMENTS + p0 : p0 * MAX_ALIGNMENTS + i;
      const k1 = axis == 0 ? j * MAX_ALIGNMENTS + p1 : p1 * MAX_ALIGNMENTS + i;
      const m0 = <f64>unchecked(pos[p0]), m1 = <f64>unchecked(pos[p1]), m = <f64>unchecked(pos[here]);
      const t = (m - m0) / (m1 - m0);
      const x = unchecked(this.gridX[k0]) + (unchecked(this.gridX[k1]) - unchecked(this.gridX[k0])) * t;
      const y = unchecked(this.gridY[k0]) + (unchecked(this.gridY[k1]) - unchecked(this.gridY[k0])) * t;
      // a bow is largest halfway between the known nodes, an extrapolation's error grows with its reach
      const reach = q == 2 ? min(m - m0, m1 - m) : Math.abs(m - m1);
      const radius = 2.0 + reach * (q == 2 ? 0.12 : 0.1);
      if (q > quality || radius < predRadius) {
        quality = q;
        predX = x; predY = y; predRadius = min(radius, 5.0);
        const sx = (unchecked(this.gridX[k1]) - unchecked(this.gridX[k0])) / (m1 - m0);
        const sy = (unchecked(this.gridY[k1]) - unchecked(this.gridY[k0])) / (m1 - m0);
        if (axis == 0) { predUx = sx; predUy = sy; } else { predVx = sx; predVy = sy; }
      }
    }
    return quality;
  }

  @inline known(i: i32, j: i32): bool {
    if (i < 0 || j < 0 || i >= this.positionCount || j >= this.positionCount) return false;
    return unchecked(gridKnown[j * MAX_ALIGNMENTS + i]);
  }

  /**
   * The 1:1:1 cross-check of an alignment pattern at (x, y): along both
   * module axes, both ways, the dark centre ends about half a module out and
   * the light ring is about one module wide. Sets checkedX/checkedY to the
   * centre re-measured from the light ring's middles.
   */
  crossCheck(x: f64, y: f64, ux: f64, uy: f64, vx: f64, vy: f64): bool {
    let cx = x, cy = y;
    for (let axis = 0; axis < 2; axis++) {
      const dx = axis == 0 ? ux : vx, dy = axis == 0 ? uy : vy;
      const m = Math.hypot(dx, dy);
      if (!(m > 0.5)) return false;
      const sx = dx / m, sy = dy / m;
      let shift: f64 = 0;
      for (let side = -1; side <= 1; side += 2) {
        const steps = <i32>(m * 6.0) + 4; // half-pixel steps up to 3 modules
        let lightStart: f64 = -1, darkStart: f64 = -1;
        for (let s = 0; s <= steps; s++) {
          const t = <f64>s * 0.5;
          const dark = this.img.darkAt(cx + <f64>side * t * sx, cy + <f64>side * t * sy);
          if (lightStart < 0) { if (!dark) lightStart = t; }
          else if (dark) { darkStart = t; break; }
        }
        if (lightStart < 0 || darkStart < 0) return false;
        if (lightStart > m * 1.0) return false;
        const width = darkStart - lightStart;
        if (width < m * 0.5 || width > m * 1.6) return false;
        shift += <f64>side * (lightStart + darkStart) * 0.5;
      }
      // both light middles at ±1 module: move the centre halfway between them
      cx += sx * shift * 0.5;
      cy += sy * shift * 0.5;
    }
    checkedX = cx;
    checkedY = cy;
    return true;
  }

  /**
   * Least-squares transform through the three finder centres and every
   * alignment pattern found: under strong perspective the grid, followed
   * pattern by pattern from the top-left, reaches patterns that a search
   * around the three-finder prediction misses. Patterns not found are then
   * re-predicted from this transform, and it becomes the SAMPLE_HOMOGRAPHY one.
   */
  refitFromGrid(): void {
    if (this.gridFoundCount < 1) return;
    const d = <f64>this.dimension;
    let n = 0;
    fitU[n] = 3.5; fitV[n] = 3.5; fitX[n] = this.ax; fitY[n] = this.ay; n++;
    fitU[n] = d - 3.5; fitV[n] = 3.5; fitX[n] = this.bx; fitY[n] = this.by; n++;
    fitU[n] = 3.5; fitV[n] = d - 3.5; fitX[n] = this.cx; fitY[n] = this.cy; n++;
    const count = this.positionCount;
    for (let j = 0; j < count; j++) {
      for (let i = 0; i < count; i++) {
        const k = j * MAX_ALIGNMENTS + i;
        if (!unchecked(this.gridFound[k])) continue;
        fitU[n] = <f64>unchecked(this.positions[i]) + 0.5;
        fitV[n] = <f64>unchecked(this.positions[j]) + 0.5;
        fitX[n] = unchecked(this.gridX[k]);
        fitY[n] = unchecked(this.gridY[k]);
        n++;
      }
    }
    if (!fitHomography(fitted, n, fitU, fitV, fitX, fitY, d)) return;
    copyHomography(fitted, this.transform);
    this.hasAlignment = true;
    for (let j = 0; j < count; j++) {
      for (let i = 0; i < count; i++) {
        const k = j * MAX_ALIGNMENTS + i;
        if (unchecked(this.gridFound[k])) continue;
        fitted.map(<f64>unchecked(this.positions[i]) + 0.5, <f64>unchecked(this.positions[j]) + 0.5);
        unchecked((this.gridX[k] = fitted.x));
        unchecked((this.gridY[k] = fitted.y));
      }
    }
  }

  /** Samples one module: keeps its luma for `rethreshold` and returns 1 when dark by the image's block threshold. */
  @inline sampleModule(index: i32, x: f64, y: f64): u8 {
    const img = this.img;
    const v = img.lumaAt(x, y);
    unchecked((moduleLuma[index] = <u8>v));
    const ix = <i32>x, iy = <i32>y;
    if (ix < 0 || iy < 0 || ix >= img.width || iy >= img.height) return 0;
    return (v <= <f64>img.threshold(ix, iy)) != img.inverted ? 1 : 0;
  }

  /**
   * Re-judges the last sampled grid module by module against the mean of the
   * modules around it (9×9), instead of the image's pixel-block thresholds:
   * under glare or a steep shadow the module samples themselves tell best
   * where dark ends. False when the result equals the grid already tried.
   */
  rethreshold(grid: Uint8Array): bool {
    const n = this.dimension;
    const r = 4;
    // integral image of the module lumas
    const stride = n + 1;
    for (let i = 0; i < stride; i++) { unchecked((moduleSums[i] = 0)); }
    for (let y = 0; y < n; y++) {
      let row: i32 = 0;
      unchecked((moduleSums[(y + 1) * stride] = 0));
      for (let x = 0; x < n; x++) {
        row += <i32>unchecked(moduleLuma[y * n + x]);
        unchecked((moduleSums[(y + 1) * stride + x + 1] = unchecked(moduleSums[y * stride + x + 1]) + row));
      }
    }
    let changed = false;
    const inverted = this.img.inverted;
    for (let y = 0; y < n; y++) {
      const y0 = max(0, y - r), y1 = min(n, y + r + 1);
      for (let x = 0; x < n; x++) {
        const x0 = max(0, x - r), x1 = min(n, x + r + 1);
        const sum = unchecked(moduleSums[y1 * stride + x1]) - unchecked(moduleSums[y0 * stride + x1]) -
          unchecked(moduleSums[y1 * stride + x0]) + unchecked(moduleSums[y0 * stride + x0]);
        const count = (y1 - y0) * (x1 - x0);
        const dark: u8 = (<i32>unchecked(moduleLuma[y * n + x]) * count <= sum) != inverted ? 1 : 0;
        if (dark != unchecked(grid[y * n + x])) changed = true;
        unchecked((grid[y * n + x] = dark));
      }
    }
    return changed;
  }

  /** Searches the patterns not found yet around their current (fitted) position; true when any turned up. */
  searchMissedAlignments(): bool {
    if (this.gridFoundCount < 1) return false;
    const count = this.positionCount;
    const h = this.transform;
    let any = false;
    for (let j = 0; j < count; j++) {
      for (let i = 0; i < count; i++) {
        const k = j * MAX_ALIGNMENTS + i;
        if (unchecked(this.gridFound[k])) continue;
        if ((i == 0 && j == 0) || (i == 0 && j == count - 1) || (j == 0 && i == count - 1)) continue;
        const at = <f64>unchecked(this.positions[i]) + 0.5;
        const bt = <f64>unchecked(this.positions[j]) + 0.5;
        h.map(at, bt);
        const px = h.x, py = h.y;
        h.map(at + 1.0, bt);
        const ux = h.x - px, uy = h.y - py;
        h.map(at, bt + 1.0);
        const vx = h.x - px, vy = h.y - py;
        if (findAlignment(this.img, px, py, ux, uy, vx, vy, 2.0, 21)) {
          unchecked((this.gridX[k] = foundX));
          unchecked((this.gridY[k] = foundY));
          unchecked((this.gridFound[k] = true));
          this.gridFoundCount++;
          any = true;
        }
      }
    }
    return any;
  }

  /**
   * Places the patterns still not found from their found neighbours (between
   * two in their row or column, or the parallelogram of three) rather than
   * from the one fitted transform, which loses a bow or a crease; those
   * without such neighbours keep the fitted place.
   */
  fillMissingLocally(): void {
    const count = this.positionCount;
    for (let j = 0; j < count; j++) {
      for (let i = 0; i < count; i++) {
        const k = j * MAX_ALIGNMENTS + i;
        const underFinder = (i == 0 && j == 0) || (i == 0 && j == count - 1) || (j == 0 && i == count - 1);
        unchecked((gridKnown[k] = underFinder || unchecked(this.gridFound[k])));
      }
    }
    const h = this.transform;
    for (let round = 0; round < MAX_ALIGNMENTS * MAX_ALIGNMENTS; round++) {
      let bestK = -1, bestQuality = 1;
      for (let j = 0; j < count; j++) {
        for (let i = 0; i < count; i++) {
          const k = j * MAX_ALIGNMENTS + i;
          if (unchecked(gridKnown[k])) continue;
          const quality = this.predictNode(i, j, h);
          if (quality > bestQuality) { bestK = k; bestQuality = quality; }
        }
      }
      if (bestK < 0) break;
      this.predictNode(bestK % MAX_ALIGNMENTS, bestK / MAX_ALIGNMENTS, h);
      unchecked((this.gridX[bestK] = predX));
      unchecked((this.gridY[bestK] = predY));
      unchecked((gridKnown[bestK] = true));
    }
  }

  /** Each cell of the alignment grid through its own perspective transform from its four corner patterns; the outer cells reach the symbol's edges. */
  sampleThroughGrid(grid: Uint8Array): void {
    const n = this.dimension;
    const count = this.positionCount;
    const pos = this.positions;
    for (let cy = 0; cy < count - 1; cy++) {
      const y0 = cy == 0 ? 0 : unchecked(pos[cy]);
      const y1 = cy == count - 2 ? n : unchecked(pos[cy + 1]);
      const v0 = <f64>unchecked(pos[cy]) + 0.5, v1 = <f64>unchecked(pos[cy + 1]) + 0.5;
      for (let cx = 0; cx < count - 1; cx++) {
        const x0 = cx == 0 ? 0 : unchecked(pos[cx]);
        const x1 = cx == count - 2 ? n : unchecked(pos[cx + 1]);
        const u0 = <f64>unchecked(pos[cx]) + 0.5, u1 = <f64>unchecked(pos[cx + 1]) + 0.5;
        const k = cy * MAX_ALIGNMENTS + cx;
        // corners of the cell in module space and in the image; a corner under a finder is that finder's centre,
        // measured in the image rather than predicted
        let su0 = u0, sv0 = v0, px0 = unchecked(this.gridX[k]), py0 = unchecked(this.gridY[k]);
        let su1 = u1, sv1 = v0, px1 = unchecked(this.gridX[k + 1]), py1 = unchecked(this.gridY[k + 1]);
        let su3 = u0, sv3 = v1, px3 = unchecked(this.gridX[k + MAX_ALIGNMENTS]), py3 = unchecked(this.gridY[k + MAX_ALIGNMENTS]);
        if (cx == 0 && cy == 0) { su0 = 3.5; sv0 = 3.5; px0 = this.ax; py0 = this.ay; }
        if (cx == count - 2 && cy == 0) { su1 = <f64>n - 3.5; sv1 = 3.5; px1 = this.bx; py1 = this.by; }
        if (cx == 0 && cy == count - 2) { su3 = 3.5; sv3 = <f64>n - 3.5; px3 = this.cx; py3 = this.cy; }
        quadToQuad(cell, su0, sv0, su1, sv1, u1, v1, su3, sv3,
          px0, py0, px1, py1,
          unchecked(this.gridX[k + MAX_ALIGNMENTS + 1]), unchecked(this.gridY[k + MAX_ALIGNMENTS + 1]),
          px3, py3);
        const usable = cell.isUsable();
        for (let y = y0; y < y1; y++) {
          for (let x = x0; x < x1; x++) {
            if (usable) cell.map(<f64>x + 0.5, <f64>y + 0.5);
            else this.transform.map(<f64>x + 0.5, <f64>y + 0.5);
            const px = usable ? cell.x : this.transform.x, py = usable ? cell.y : this.transform.y;
            unchecked((grid[y * n + x] = this.sampleModule(y * n + x, px, py)));
          }
        }
      }
    }
  }
}

function copyHomography(from: Homography, to: Homography): void {
  to.m11 = from.m11; to.m12 = from.m12; to.m13 = from.m13;
  to.m21 = from.m21; to.m22 = from.m22; to.m23 = from.m23;
  to.m31 = from.m31; to.m32 = from.m32; to.m33 = from.m33;
}
