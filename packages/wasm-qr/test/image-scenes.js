// Test images for the image stages, made here from encoder matrices (no corpus
// copies): a scene is a background plus codes placed by the image positions of
// their four outer corners (quiet zone included), rendered with 3×3
// supersampling, then optionally blurred, noised, inverted or dimmed.
import { seededRandom } from './codec-helpers.js';

/** seededRandom (mulberry32): test images are the same on every run. */
export { seededRandom };

/** The 3×3 transform taking the unit square onto the quadrilateral p0..p3 (row-vector form). */
export function squareToQuad(p) {
  const [x0, y0, x1, y1, x2, y2, x3, y3] = p.flatMap((q) => [q.x, q.y]);
  const dx3 = x0 - x1 + x2 - x3;
  const dy3 = y0 - y1 + y2 - y3;
  if (Math.abs(dx3) < 1e-9 && Math.abs(dy3) < 1e-9) {
    return [x1 - x0, y1 - y0, 0, x2 - x1, y2 - y1, 0, x0, y0, 1];
  }
  const dx1 = x1 - x2, dx2 = x3 - x2, dy1 = y1 - y2, dy2 = y3 - y2;
  const den = dx1 * dy2 - dx2 * dy1;
  const g = (dx3 * dy2 - dx2 * dy3) / den;
  const h = (dx1 * dy3 - dx3 * dy1) / den;
  return [x1 - x0 + g * x1, y1 - y0 + g * y1, g, x3 - x0 + h * x3, y3 - y0 + h * y3, h, x0, y0, 1];
}

/** Inverse (adjugate) of a row-vector 3×3 matrix: image point → unit square. */
export function adjugate(m) {
  const [a, b, c, d, e, f, g, h, i] = m;
  return [e * i - f * h, c * h - b * i, b * f - c * e, f * g - d * i, a * i - c * g, c * d - a * f, d * h - e * g, b * g - a * h, a * e - b * d];
}


/** Corners of a square of side `side` centred at (cx, cy), turned by `degrees`. */
export function squareAt(cx, cy, side, degrees = 0) {
  const a = (degrees * Math.PI) / 180;
  const c = Math.cos(a), s = Math.sin(a);
  return [[-1, -1], [1, -1], [1, 1], [-1, 1]].map(([u, v]) => ({
    x: cx + (u * c - v * s) * (side / 2),
    y: cy + (u * s + v * c) * (side / 2),
  }));
}

/**
 * Renders codes into a grey image and returns RGBA.
 * codes: [{ matrix: { size, modules }, corners: [tl, tr, br, bl] (outer corners of the quiet zone), margin = 4 }]
 * options: background (0–255), ink, paper, blur (box radius, px), noise (± amplitude), seed, invert, gradient (0–1)
 */
export function renderScene(width, height, codes, options = {}) {
  const { background = 200, ink = 20, paper = 235, blur = 0, noise = 0, seed = 1, invert = false, gradient = 0, glare = 0 } = options;
  const luma = new Float32Array(width * height).fill(background);
  for (const code of codes) {
    const margin = code.margin ?? 4;
    const { size, modules } = code.matrix;
    const total = size + 2 * margin;
    const toSquare = adjugate(squareToQuad(code.corners));
    const xs = code.corners.map((p) => p.x), ys = code.corners.map((p) => p.y);
    const x0 = Math.max(0, Math.floor(Math.min(...xs))), x1 = Math.min(width - 1, Math.ceil(Math.max(...xs)));
    const y0 = Math.max(0, Math.floor(Math.min(...ys))), y1 = Math.min(height - 1, Math.ceil(Math.max(...ys)));
    for (let y = y0; y <= y1; y++) {
      for (let x = x0; x <= x1; x++) {
        let sum = 0, inside = 0;
        for (let sy = 0; sy < 3; sy++) {
          for (let sx = 0; sx < 3; sx++) {
            const px = x + (sx + 0.5) / 3, py = y + (sy + 0.5) / 3;
            const w = toSquare[2] * px + toSquare[5] * py + toSquare[8];
            const u = (toSquare[0] * px + toSquare[3] * py + toSquare[6]) / w;
            const v = (toSquare[1] * px + toSquare[4] * py + toSquare[7]) / w;
            if (u < 0 || v < 0 || u >= 1 || v >= 1) continue;
            inside++;
            const mx = Math.floor(u * total) - margin, my = Math.floor(v * total) - margin;
            const dark = mx >= 0 && my >= 0 && mx < size && my < size && modules[my * size + mx] === 1;
            sum += dark ? ink : paper;
          }
        }
        if (inside) luma[y * width + x] = (luma[y * width + x] * (9 - inside) + sum) / 9;
      }
    }
  }
  if (gradient || glare) {
    for (let y = 0; y < height; y++) {
      for (let x = 0; x < width; x++) {
        const shade = 1 - gradient * (x / width);
        const dx = (x - width * 0.6) / (width * 0.25), dy = (y - height * 0.4) / (height * 0.25);
        const spot = glare * 255 * Math.exp(-(dx * dx + dy * dy));
        luma[y * width + x] = luma[y * width + x] * shade + spot * (1 - luma[y * width + x] / 255);
      }
    }
  }
  let image = luma;
  for (let pass = 0; pass < 2 && blur > 0; pass++) image = boxBlur(image, width, height, blur);
  const random = seededRandom(seed);
  const rgba = new Uint8ClampedArray(width * height * 4);
  for (let i = 0; i < width * height; i++) {
    let v = image[i] + (noise ? (random() + random() + random() - 1.5) * 2 * noise : 0);
    if (invert) v = 255 - v;
    rgba[i * 4] = v;
    rgba[i * 4 + 1] = v;
    rgba[i * 4 + 2] = v;
    rgba[i * 4 + 3] = 255;
  }
  return { data: rgba, width, height };
}

/** A (2·radius + 1)² box blur of a float image, edges clamped, as two running sums; radius 0 returns `src`. */
export function boxBlur(src, width, height, radius) {
  if (radius <= 0) return src;
  const tmp = new Float32Array(src.length);
  const out = new Float32Array(src.length);
  const n = 2 * radius + 1;
  for (let y = 0; y < height; y++) {
    const row = y * width;
    let s = 0;
    for (let k = -radius; k <= radius; k++) s += src[row + Math.min(width - 1, Math.max(0, k))];
    for (let x = 0; x < width; x++) {
      tmp[row + x] = s / n;
      s += src[row + Math.min(width - 1, x + radius + 1)] - src[row + Math.max(0, x - radius)];
    }
  }
  for (let x = 0; x < width; x++) {
    let s = 0;
    for (let k = -radius; k <= radius; k++) s += tmp[Math.min(height - 1, Math.max(0, k)) * width + x];
    for (let y = 0; y < height; y++) {
      out[y * width + x] = s / n;
      s += tmp[Math.min(height - 1, y + radius + 1) * width + x] - tmp[Math.max(0, y - radius) * width + x];
    }
  }
  return out;
}

/** The matrix read mirrored (transposed), as a code seen through the back of a sheet. */
export function transposed({ size, modules, ...rest }) {
  const out = new Uint8Array(size * size);
  for (let y = 0; y < size; y++) for (let x = 0; x < size; x++) out[x * size + y] = modules[y * size + x];
  return { ...rest, size, modules: out };
}

/**
 * A code (4 modules of quiet zone) in a square of `side` px centred at (cx, cy),
 * turned by `degrees`; `warp(u, v)` moves a point of the image's unit square to
 * the point of the code's plane seen there, `shade(u, v)` dims the paper.
 */
export function renderWarped(matrix, { width = 1280, height = 720, cx = 640, cy = 360, side, degrees = 0, warp, shade = () => 1, seed = 1 }) {
  const margin = 4;
  const total = matrix.size + 2 * margin;
  const corners = squareAt(cx, cy, side, degrees);
  const toSquare = adjugate(squareToQuad(corners));
  const random = seededRandom(seed);
  let luma = new Float32Array(width * height);
  for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) luma[y * width + x] = 150 + 30 * (x / width);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      let sum = 0, inside = 0;
      for (let sy = 0; sy < 3; sy++) {
        for (let sx = 0; sx < 3; sx++) {
          const px = x + (sx + 0.5) / 3, py = y + (sy + 0.5) / 3;
          const w = toSquare[2] * px + toSquare[5] * py + toSquare[8];
          const [u, v] = warp((toSquare[0] * px + toSquare[3] * py + toSquare[6]) / w, (toSquare[1] * px + toSquare[4] * py + toSquare[7]) / w);
          if (u < 0 || v < 0 || u >= 1 || v >= 1) continue;
          inside++;
          const mx = Math.floor(u * total) - margin, my = Math.floor(v * total) - margin;
          const dark = mx >= 0 && my >= 0 && mx < matrix.size && my < matrix.size && matrix.modules[my * matrix.size + mx] === 1;
          sum += (dark ? 25 : 230) * shade(u, v);
        }
      }
      if (inside) luma[y * width + x] = (luma[y * width + x] * (9 - inside) + sum) / 9;
    }
  }
  luma = boxBlur(luma, width, height, 1);
  const data = new Uint8ClampedArray(width * height * 4);
  for (let i = 0; i < width * height; i++) {
    const v = luma[i] + (random() + random() + random() - 1.5) * 6;
    data[i * 4] = data[i * 4 + 1] = data[i * 4 + 2] = v;
    data[i * 4 + 3] = 255;
  }
  return { data, width, height };
}

/** A screen or card bowed by `bend` of its side (a parabola across, a slight barrel along). */
export const bowed = (bend) => (u, v) => [
  u + bend * 0.5 * (4 * (v - 0.5) * (v - 0.5) - 1) * (u - 0.5),
  v + bend * (4 * (u - 0.5) * (u - 0.5) - 1),
];
