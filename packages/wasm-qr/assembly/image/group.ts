// Finder candidates → plausible (top-left, top-right, bottom-left) triples,
// best first: two legs of similar length meeting at about a right angle,
// three similar module sizes, and a module count a QR symbol can have.

import { FinderCandidates } from './finder';

/** Only the most-sighted candidates take part: bounds the cubic search. */
const MAX_GROUPED: i32 = 24;
export const MAX_TRIPLES: i32 = 48;

export class Triples {
  topLeft: StaticArray<i32> = new StaticArray<i32>(MAX_TRIPLES);
  topRight: StaticArray<i32> = new StaticArray<i32>(MAX_TRIPLES);
  bottomLeft: StaticArray<i32> = new StaticArray<i32>(MAX_TRIPLES);
  score: StaticArray<f64> = new StaticArray<f64>(MAX_TRIPLES);
  count: i32 = 0;

  /** Keeps the list sorted by score (lower is better), dropping the worst when full. */
  insert(a: i32, b: i32, c: i32, s: f64): void {
    let at = this.count;
    if (at == MAX_TRIPLES) {
      if (s >= unchecked(this.score[MAX_TRIPLES - 1])) return;
      at = MAX_TRIPLES - 1;
    } else {
      this.count++;
    }
    while (at > 0 && unchecked(this.score[at - 1]) > s) {
      unchecked((this.topLeft[at] = this.topLeft[at - 1]));
      unchecked((this.topRight[at] = this.topRight[at - 1]));
      unchecked((this.bottomLeft[at] = this.bottomLeft[at - 1]));
      unchecked((this.score[at] = this.score[at - 1]));
      at--;
    }
    unchecked((this.topLeft[at] = a));
    unchecked((this.topRight[at] = b));
    unchecked((this.bottomLeft[at] = c));
    unchecked((this.score[at] = s));
  }
}

const chosen = new StaticArray<i32>(MAX_GROUPED);

function distance(f: FinderCandidates, i: i32, j: i32): f64 {
  const dx = unchecked(f.x[i]) - unchecked(f.x[j]);
  const dy = unchecked(f.y[i]) - unchecked(f.y[j]);
  return Math.sqrt(dx * dx + dy * dy);
}

/** Fills `out` with the plausible triples of `f`, best first. */
export function groupFinderPatterns(f: FinderCandidates, out: Triples): void {
  out.count = 0;
  // prefer candidates seen on at least two rows; fall back to all of them
  let minHits = 2;
  let eligible = 0;
  for (let i = 0; i < f.count; i++) if (unchecked(f.hits[i]) >= minHits) eligible++;
  if (eligible < 3) minHits = 1;
  let n = 0;
  // selection of the MAX_GROUPED most-sighted (ties: earlier first)
  for (let i = 0; i < f.count; i++) {
    const hits = unchecked(f.hits[i]);
    if (hits < minHits) continue;
    if (n < MAX_GROUPED) {
      unchecked((chosen[n++] = i));
      continue;
    }
    let weakest = 0;
    for (let k = 1; k < n; k++) if (unchecked(f.hits[chosen[k]]) < unchecked(f.hits[chosen[weakest]])) weakest = k;
    if (hits > unchecked(f.hits[chosen[weakest]])) unchecked((chosen[weakest] = i));
  }
  for (let p = 0; p < n; p++) {
    const i = unchecked(chosen[p]);
    for (let q = p + 1; q < n; q++) {
      const j = unchecked(chosen[q]);
      for (let r = q + 1; r < n; r++) {
        const k = unchecked(chosen[r]);
        considerTriple(f, i, j, k, out);
      }
    }
  }
}

function considerTriple(f: FinderCandidates, i: i32, j: i32, k: i32, out: Triples): void {
  const mi = unchecked(f.moduleSize[i]);
  const mj = unchecked(f.moduleSize[j]);
  const mk = unchecked(f.moduleSize[k]);
  const mMax = max(mi, max(mj, mk));
  const mMin = min(mi, min(mj, mk));
  if (mMax > 2.0 * mMin) return; // a finder nearer the camera looks bigger: up to 2× under strong perspective
  const dij = distance(f, i, j);
  const dik = distance(f, i, k);
  const djk = distance(f, j, k);
  // the top-left finder is the corner opposite the longest side in a flat view; under strong
  // perspective the angle at the top-left can be acute and another side the longest, so each
  // corner is tried, scored by how far its angle is from a right one (the others drop out on a clean code)
  considerCorner(f, i, j, k, dij, dik, djk, mMax / mMin, out);
  considerCorner(f, j, i, k, dij, djk, dik, mMax / mMin, out);
  considerCorner(f, k, i, j, dik, djk, dij, mMax / mMin, out);
}

/** Triple with `a` as the top-left finder: legs a–b and a–c, hypotenuse b–c. */
function considerCorner(f: FinderCandidates, a: i32, b: i32, c: i32, leg1: f64, leg2: f64, hyp: f64, moduleRatio: f64, out: Triples): void {
  const longest = hyp >= leg1 && hyp >= leg2;
  const legRatio = max(leg1, leg2) / min(leg1, leg2);
  const maxLegRatio: f64 = longest ? 2.1 : 1.6;
  const maxAnglePenalty: f64 = longest ? 0.5 : 0.35;
  if (!(legRatio < maxLegRatio)) return;
  const legs2 = leg1 * leg1 + leg2 * leg2;
  const anglePenalty = Math.abs(hyp * hyp - legs2) / legs2; // 0 at a right angle
  if (anglePenalty > maxAnglePenalty) return;
  const mi = unchecked(f.moduleSize[a]);
  const mj = unchecked(f.moduleSize[b]);
  const mk = unchecked(f.moduleSize[c]);
  const moduleSize = (mi + mj + mk) / 3.0;
  const modules = (leg1 + leg2) * 0.5 / moduleSize + 7.0;
  if (modules < 15.0 || modules > 190.0) return;
  // top-right is clockwise from top-left when y grows downwards
  const cross = (unchecked(f.x[b]) - unchecked(f.x[a])) * (unchecked(f.y[c]) - unchecked(f.y[a])) -
    (unchecked(f.y[b]) - unchecked(f.y[a])) * (unchecked(f.x[c]) - unchecked(f.x[a]));
  if (cross < 0) { const t = b; b = c; c = t; }
  // a corner not opposite the longest side is the less likely reading: it ranks after the usual one
  const score = (legRatio - 1.0) + anglePenalty + (moduleRatio - 1.0) + (longest ? 0.0 : 0.5);
  out.insert(a, b, c, score);
}
