// Plane-to-plane perspective transforms (homographies): module coordinates of
// the symbol → pixel coordinates of the image.

/** A 3×3 matrix in row-vector form: [x' y' w'] = [u v 1] · M. */
export class Homography {
  m11: f64 = 1; m12: f64 = 0; m13: f64 = 0;
  m21: f64 = 0; m22: f64 = 1; m23: f64 = 0;
  m31: f64 = 0; m32: f64 = 0; m33: f64 = 1;
  /** result of the last `map` */
  x: f64 = 0;
  y: f64 = 0;

  @inline map(u: f64, v: f64): void {
    const w = this.m13 * u + this.m23 * v + this.m33;
    this.x = (this.m11 * u + this.m21 * v + this.m31) / w;
    this.y = (this.m12 * u + this.m22 * v + this.m32) / w;
  }

  /** False when the transform is degenerate (collinear points, infinities). */
  isUsable(): bool {
    const det = this.m11 * (this.m22 * this.m33 - this.m23 * this.m32) -
      this.m12 * (this.m21 * this.m33 - this.m23 * this.m31) +
      this.m13 * (this.m21 * this.m32 - this.m22 * this.m31);
    return isFinite(det) && Math.abs(det) > 1e-12 && isFinite(this.m13) && isFinite(this.m23);
  }

  /** The unit square (0,0),(1,0),(1,1),(0,1) onto the quadrilateral p0..p3. */
  setSquareToQuad(x0: f64, y0: f64, x1: f64, y1: f64, x2: f64, y2: f64, x3: f64, y3: f64): void {
    const dx3 = x0 - x1 + x2 - x3;
    const dy3 = y0 - y1 + y2 - y3;
    if (Math.abs(dx3) < 1e-9 && Math.abs(dy3) < 1e-9) {
      this.m11 = x1 - x0; this.m21 = x2 - x1; this.m31 = x0;
      this.m12 = y1 - y0; this.m22 = y2 - y1; this.m32 = y0;
      this.m13 = 0; this.m23 = 0; this.m33 = 1;
      return;
    }
    const dx1 = x1 - x2;
    const dx2 = x3 - x2;
    const dy1 = y1 - y2;
    const dy2 = y3 - y2;
    const den = dx1 * dy2 - dx2 * dy1;
    const a13 = (dx3 * dy2 - dx2 * dy3) / den;
    const a23 = (dx1 * dy3 - dx3 * dy1) / den;
    this.m11 = x1 - x0 + a13 * x1; this.m21 = x3 - x0 + a23 * x3; this.m31 = x0;
    this.m12 = y1 - y0 + a13 * y1; this.m22 = y3 - y0 + a23 * y3; this.m32 = y0;
    this.m13 = a13; this.m23 = a23; this.m33 = 1;
  }

  /** Replaces this matrix by its adjugate (the inverse up to scale). */
  invertProjectively(): void {
    const a11 = this.m11, a12 = this.m12, a13 = this.m13;
    const a21 = this.m21, a22 = this.m22, a23 = this.m23;
    const a31 = this.m31, a32 = this.m32, a33 = this.m33;
    this.m11 = a22 * a33 - a23 * a32; this.m12 = a13 * a32 - a12 * a33; this.m13 = a12 * a23 - a13 * a22;
    this.m21 = a23 * a31 - a21 * a33; this.m22 = a11 * a33 - a13 * a31; this.m23 = a13 * a21 - a11 * a23;
    this.m31 = a21 * a32 - a22 * a31; this.m32 = a12 * a31 - a11 * a32; this.m33 = a11 * a22 - a12 * a21;
  }

  /** this := this · other (apply this, then other). */
  multiply(o: Homography): void {
    const a11 = this.m11, a12 = this.m12, a13 = this.m13;
    const a21 = this.m21, a22 = this.m22, a23 = this.m23;
    const a31 = this.m31, a32 = this.m32, a33 = this.m33;
    this.m11 = a11 * o.m11 + a12 * o.m21 + a13 * o.m31;
    this.m12 = a11 * o.m12 + a12 * o.m22 + a13 * o.m32;
    this.m13 = a11 * o.m13 + a12 * o.m23 + a13 * o.m33;
    this.m21 = a21 * o.m11 + a22 * o.m21 + a23 * o.m31;
    this.m22 = a21 * o.m12 + a22 * o.m22 + a23 * o.m32;
    this.m23 = a21 * o.m13 + a22 * o.m23 + a23 * o.m33;
    this.m31 = a31 * o.m11 + a32 * o.m21 + a33 * o.m31;
    this.m32 = a31 * o.m12 + a32 * o.m22 + a33 * o.m32;
    this.m33 = a31 * o.m13 + a32 * o.m23 + a33 * o.m33;
  }
}

const squareToDestination = new Homography();

/**
 * Sets `out` to the transform taking the source quadrilateral (module
 * coordinates) onto the destination one (pixels). Corners in the same order.
 */
export function quadToQuad(
  out: Homography,
  sx0: f64, sy0: f64, sx1: f64, sy1: f64, sx2: f64, sy2: f64, sx3: f64, sy3: f64,
  dx0: f64, dy0: f64, dx1: f64, dy1: f64, dx2: f64, dy2: f64, dx3: f64, dy3: f64,
): void {
  out.setSquareToQuad(sx0, sy0, sx1, sy1, sx2, sy2, sx3, sy3);
  out.invertProjectively();
  squareToDestination.setSquareToQuad(dx0, dy0, dx1, dy1, dx2, dy2, dx3, dy3);
  out.multiply(squareToDestination);
}

const normal = new StaticArray<f64>(8 * 9); // normal equations, augmented

/**
 * Least-squares homography through `count` correspondences (module u, v →
 * pixel x, y), count ≥ 4: more points than four average out the error of
 * each located pattern. Coordinates are normalised (modules by `scale`,
 * pixels about their mean) so the 8×8 normal equations stay well conditioned.
 */
export function fitHomography(out: Homography, count: i32, u: StaticArray<f64>, v: StaticArray<f64>, x: StaticArray<f64>, y: StaticArray<f64>, scale: f64): bool {
  if (count < 4) return false;
  let meanX: f64 = 0, meanY: f64 = 0;
  for (let i = 0; i < count; i++) { meanX += unchecked(x[i]); meanY += unchecked(y[i]); }
  meanX /= <f64>count;
  meanY /= <f64>count;
  let spread: f64 = 0;
  for (let i = 0; i < count; i++) spread += Math.abs(unchecked(x[i]) - meanX) + Math.abs(unchecked(y[i]) - meanY);
  spread /= <f64>count;
  if (!(spread > 0)) return false;
  for (let i = 0; i < 72; i++) unchecked((normal[i] = 0));
  const row = new StaticArray<f64>(9);
  for (let i = 0; i < count; i++) {
    const un = unchecked(u[i]) / scale, vn = unchecked(v[i]) / scale;
    const xn = (unchecked(x[i]) - meanX) / spread, yn = (unchecked(y[i]) - meanY) / spread;
    for (let r = 0; r < 2; r++) {
      // unknowns: a b c (x numerator), d e f (y numerator), g h (denominator)
      for (let k = 0; k < 9; k++) unchecked((row[k] = 0));
      const target = r == 0 ? xn : yn;
      const base = r == 0 ? 0 : 3;
      unchecked((row[base] = un));
      unchecked((row[base + 1] = vn));
      unchecked((row[base + 2] = 1));
      unchecked((row[6] = -un * target));
      unchecked((row[7] = -vn * target));
      unchecked((row[8] = target));
      for (let a = 0; a < 8; a++) {
        const ra = unchecked(row[a]);
        if (ra == 0) continue;
        for (let b = 0; b < 9; b++) unchecked((normal[a * 9 + b] += ra * unchecked(row[b])));
      }
    }
  }
  // Gaussian elimination with partial pivoting
  for (let c = 0; c < 8; c++) {
    let pivot = c;
    for (let r = c + 1; r < 8; r++) if (Math.abs(unchecked(normal[r * 9 + c])) > Math.abs(unchecked(normal[pivot * 9 + c]))) pivot = r;
    if (Math.abs(unchecked(normal[pivot * 9 + c])) < 1e-12) return false;
    if (pivot != c) {
      for (let k = 0; k < 9; k++) {
        const t = unchecked(normal[c * 9 + k]);
        unchecked((normal[c * 9 + k] = normal[pivot * 9 + k]));
        unchecked((normal[pivot * 9 + k] = t));
      }
    }
    const p = unchecked(normal[c * 9 + c]);
    for (let r = 0; r < 8; r++) {
      if (r == c) continue;
      const f = unchecked(normal[r * 9 + c]) / p;
      if (f == 0) continue;
      for (let k = c; k < 9; k++) unchecked((normal[r * 9 + k] -= f * unchecked(normal[c * 9 + k])));
    }
  }
  const a = normal[0 * 9 + 8] / normal[0 * 9 + 0];
  const b = normal[1 * 9 + 8] / normal[1 * 9 + 1];
  const c2 = normal[2 * 9 + 8] / normal[2 * 9 + 2];
  const d = normal[3 * 9 + 8] / normal[3 * 9 + 3];
  const e = normal[4 * 9 + 8] / normal[4 * 9 + 4];
  const f = normal[5 * 9 + 8] / normal[5 * 9 + 5];
  const g = normal[6 * 9 + 8] / normal[6 * 9 + 6];
  const h = normal[7 * 9 + 8] / normal[7 * 9 + 7];
  // back to pixels and modules: x = meanX + spread · xn, un = u / scale
  out.m13 = g / scale;
  out.m23 = h / scale;
  out.m33 = 1;
  out.m11 = (spread * a + meanX * g) / scale;
  out.m21 = (spread * b + meanX * h) / scale;
  out.m31 = spread * c2 + meanX;
  out.m12 = (spread * d + meanY * g) / scale;
  out.m22 = (spread * e + meanY * h) / scale;
  out.m32 = spread * f + meanY;
  return out.isUsable();
}
