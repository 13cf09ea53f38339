// Alignment patterns (5×5: dark centre, light ring, dark ring), found by
// matching that template at module spacing around a predicted position.

import { BitImage } from './bitimage';

export let foundX: f64 = 0;
export let foundY: f64 = 0;
export let foundScore: i32 = 0;

/** How many of the 25 template modules agree at centre (cx, cy) with module vectors u and v. */
@inline function templateScore(img: BitImage, cx: f64, cy: f64, ux: f64, uy: f64, vx: f64, vy: f64, giveUpAfter: i32): i32 {
  let misses = 0;
  for (let b = -2; b <= 2; b++) {
    for (let a = -2; a <= 2; a++) {
      const ring = max(abs(a), abs(b));
      const wantDark = ring != 1;
      const dark = img.darkAt(cx + <f64>a * ux + <f64>b * vx, cy + <f64>a * uy + <f64>b * vy);
      if (dark != wantDark) {
        misses++;
        if (misses > giveUpAfter) return 25 - misses;
      }
    }
  }
  return 25 - misses;
}

/**
 * Searches a square of ±`radius` modules around (px, py) for the alignment
 * template; sets foundX/foundY to the centre of the best match (ties: the one
 * nearest the prediction, averaged with equally good neighbours for sub-pixel
 * precision). False when nothing scores at least `minScore` of 25.
 */
export function findAlignment(img: BitImage, px: f64, py: f64, ux: f64, uy: f64, vx: f64, vy: f64, radius: f64, minScore: i32): bool {
  const moduleSize = Math.sqrt((ux * ux + uy * uy + vx * vx + vy * vy) * 0.5);
  if (!(moduleSize > 0.5) || !isFinite(px) || !isFinite(py)) return false;
  const step = max(1.0, moduleSize * 0.4);
  const reach = radius * moduleSize;
  const n = min(<i32>(reach / step), 200);
  let bestScore = minScore - 1;
  let bestDistance = Infinity;
  let bx: f64 = 0, by: f64 = 0;
  for (let j = -n; j <= n; j++) {
    const cy = py + <f64>j * step;
    for (let i = -n; i <= n; i++) {
      const cx = px + <f64>i * step;
      const s = templateScore(img, cx, cy, ux, uy, vx, vy, 25 - bestScore);
      if (s < bestScore) continue;
      const d = <f64>(i * i + j * j);
      if (s > bestScore || d < bestDistance) {
        bestScore = s;
        bestDistance = d;
        bx = cx;
        by = cy;
      }
    }
  }
  if (bestScore < minScore) return false;
  // centroid of the equally good positions within half a module of the best
  let sx: f64 = 0, sy: f64 = 0, k: f64 = 0;
  const m = <i32>(moduleSize * 0.5 / step) + 1;
  for (let j = -m; j <= m; j++) {
    for (let i = -m; i <= m; i++) {
      const cx = bx + <f64>i * step;
      const cy = by + <f64>j * step;
      if (templateScore(img, cx, cy, ux, uy, vx, vy, 25 - bestScore) >= bestScore) {
        sx += cx; sy += cy; k += 1;
      }
    }
  }
  foundX = k > 0 ? sx / k : bx;
  foundY = k > 0 ? sy / k : by;
  foundScore = bestScore;
  return true;
}
