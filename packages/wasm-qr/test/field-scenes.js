// Field photos, made from encoder matrices: health-pass-sized codes (versions
// 10–25) as a phone camera sees them on a screen or a print-out. Pure JS, seeded
// (the same images on every run), Node and browser. Used by the field tests and
// by `npm run bench:qr` (which adds phone-quality JPEG through sharp).
//
// Each kind stands for one of the ways real photos failed (issue #15):
//   dark-mode  → inverted   light modules on a dark screen, no light quiet zone
//   small      → small      the whole image ~100–200 px, 1.4–2.2 px per module
//   motion     → small      motion blur along a random direction (modules smeared)
//   moire      → small      screen pixel grid beating with the camera's sampling
//   jpeg       → small      phone-quality JPEG (4:2:0) at 2–3 px per module (bench only: needs an encoder)
//   large      → large      a 12 MP frame, the code a small part of it, soft (3–9 px a module, blurred by a third of one)
//   tilt       → tilt       strong perspective (one edge 55–75 % of the other) and any rotation
//   curved     → tilt       a curved screen or a bent card: the module grid bows
//   crease     → tilt       a folded print-out: a kink in the grid and a shaded half
//   thumb      → tilt       a thumb over an edge of the code: data lost, the outline broken
//   glare      → light      a bright reflection washing out part of the code
//   low-light  → light      a dim, noisy frame (high ISO)
//   charset    → charset    Japanese text in byte mode, Shift JIS without an ECI
import { seededRandom } from './codec-helpers.js';
import { adjugate, boxBlur, squareToQuad } from './image-scenes.js';

export const FIELD_KINDS = ['dark-mode', 'small', 'motion', 'moire', 'jpeg', 'large', 'tilt', 'curved', 'crease', 'thumb', 'glare', 'low-light', 'charset'];
export const FAILURE_OF_KIND = {
  'dark-mode': 'inverted', small: 'small', motion: 'small', moire: 'small', jpeg: 'small', large: 'large',
  tilt: 'tilt', curved: 'tilt', crease: 'tilt', thumb: 'tilt', glare: 'light', 'low-light': 'light', charset: 'charset',
};

const BASE45 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:';
const JAPANESE = ['予約確認', '東京都新宿区西新宿', 'ワクチン接種証明書', '氏名：山田太郎', '有効期限まで', 'お問い合わせは窓口へ', '第１回目', '会場入口でご提示ください'];

/** Shift JIS bytes of `text` (ASCII, half-width katakana, JIS X 0208), by inverting the platform's WHATWG decoder. */
export function shiftJis(text) {
  if (!shiftJis.table) {
    const decoder = new TextDecoder('shift_jis');
    const table = new Map();
    const leads = [];
    for (let b = 0x81; b <= 0x9f; b++) leads.push(b);
    for (let b = 0xe0; b <= 0xef; b++) leads.push(b);
    for (const lead of leads) {
      for (let trail = 0x40; trail <= 0xfc; trail++) {
        if (trail === 0x7f) continue;
        const ch = decoder.decode(new Uint8Array([lead, trail]));
        if (ch.length === 1 && ch !== '\ufffd' && !table.has(ch)) table.set(ch, [lead, trail]);
      }
    }
    for (let b = 0xa1; b <= 0xdf; b++) table.set(String.fromCodePoint(0xff61 + b - 0xa1), [b]);
    shiftJis.table = table;
  }
  const out = [];
  for (const ch of text) {
    const cp = ch.codePointAt(0);
    if (cp < 0x80) out.push(cp);
    else if (shiftJis.table.has(ch)) out.push(...shiftJis.table.get(ch));
    else throw new Error(`no Shift JIS for U+${cp.toString(16)}`);
  }
  return new Uint8Array(out);
}

/** A payload of `scale` × a rough capacity: an shc:/ numeric body, a base45 HC1: string, or Shift JIS text. */
function payload(random, kind, version, scale) {
  const room = Math.floor(8 * version * version * 0.5 * scale);
  if (kind === 'charset') {
    let text = '';
    while (shiftJis(text).length < Math.max(20, room / 4)) text += JAPANESE[Math.floor(random() * JAPANESE.length)] + (random() < 0.3 ? ' No.' + Math.floor(random() * 1000) : '');
    const bytes = shiftJis(text);
    return { text, input: bytes, bytes, ecLevel: 'M' };
  }
  if (random() < 0.5) {
    let digits = '';
    const n = Math.max(40, Math.floor(room * 1.1)) & ~1;
    for (let i = 0; i < n; i++) digits += Math.floor(random() * 10);
    const text = `shc:/${digits}`;
    return { text, input: text, bytes: new TextEncoder().encode(text), ecLevel: 'L' };
  }
  let body = '';
  const n = Math.max(40, Math.floor(room * 0.45));
  for (let i = 0; i < n; i++) body += BASE45[Math.floor(random() * 45)];
  const text = `HC1:${body}`;
  return { text, input: text, bytes: new TextEncoder().encode(text), ecLevel: 'Q' };
}

/** A payload whose symbol is exactly `version` (10–25): shrunk until it fits, the encoder pads up to minVersion. */
function symbolOf(random, kind, version, encoder) {
  let scale = 1;
  for (let attempt = 0; attempt < 30; attempt++, scale *= 0.85) {
    const state = random();
    const p = payload(seededRandom(Math.floor(state * 2 ** 32)), kind, version, scale);
    const matrix = encoder.encode(p.input, { ecLevel: p.ecLevel, minVersion: version });
    if (matrix.version === version) return { p, matrix };
  }
  throw new Error(`no payload fits version ${version}`);
}

/** A quadrilateral: a square of `side` centred at (cx, cy), turned by `degrees`, its far edge shortened to `keep` (perspective) along `axis`. */
function quad(cx, cy, side, degrees, keep = 1, axis = 0) {
  const a = (degrees * Math.PI) / 180;
  const c = Math.cos(a), s = Math.sin(a);
  const unit = [[-1, -1], [1, -1], [1, 1], [-1, 1]].map(([u, v]) => {
    // shorten the edge at v = −1 (axis 0) or u = 1 (axis 1): a plane tilted away from the camera
    if (axis === 0 && v < 0) u *= keep;
    if (axis === 1 && u > 0) v *= keep;
    return [u, v];
  });
  return unit.map(([u, v]) => ({ x: cx + (u * c - v * s) * (side / 2), y: cy + (u * s + v * c) * (side / 2) }));
}

/** Motion blur: the mean of `length` samples along (dx, dy), bilinear-free (nearest pixel), edges clamped. */
function motionBlur(src, width, height, length, degrees) {
  const out = new Float32Array(src.length);
  const dx = Math.cos((degrees * Math.PI) / 180), dy = Math.sin((degrees * Math.PI) / 180);
  const steps = Math.max(2, Math.round(length));
  const offsets = [];
  for (let k = 0; k < steps; k++) {
    const t = k - (steps - 1) / 2;
    offsets.push([Math.round(t * dx), Math.round(t * dy)]);
  }
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      let s = 0;
      for (const [ox, oy] of offsets) s += src[Math.min(height - 1, Math.max(0, y + oy)) * width + Math.min(width - 1, Math.max(0, x + ox))];
      out[y * width + x] = s / steps;
    }
  }
  return out;
}

/**
 * Renders one field photo: { id, kind, failure, text, bytes, version, corners, image: { data, width, height } };
 * `corners` are the symbol's (top-left, top-right, bottom-right, bottom-left; no quiet zone) in image pixels.
 * `jpeg(image, quality)` (async, optional) re-encodes for the jpeg kind; without it that kind is left out.
 */
export async function fieldPhoto(kind, index, { encoder, jpeg } = {}) {
  const random = seededRandom(0x15f00 + FIELD_KINDS.indexOf(kind) * 1000 + index);
  const pick = (lo, hi) => lo + random() * (hi - lo);
  const version = 10 + Math.floor(random() * 16);
  const { p, matrix } = symbolOf(random, kind, version, encoder);
  const margin = kind === 'dark-mode' ? pick(0.5, 2) : 4; // wallet apps draw a thin border at most
  const total = matrix.size + 2 * margin;

  // pixels per module and frame size per kind
  let ppm = pick(3, 5.5);
  let width = 1280, height = 720;
  if (kind === 'small') { ppm = pick(1.4, 2.2); }
  if (kind === 'jpeg' || kind === 'moire') ppm = pick(2.2, 3.4);
  if (kind === 'large') { width = 4000; height = 3000; ppm = pick(3, 9); }
  if (kind === 'motion') ppm = pick(4, 6);
  const side = total * ppm;
  if (kind === 'small') { width = Math.ceil(side * pick(1.05, 1.3)); height = Math.ceil(side * pick(1.1, 1.35)); }
  // tilt kinds need room for a turned square
  const maxSide = Math.min(width, height) * 0.92;
  const finalSide = Math.min(side, maxSide);
  let degrees = pick(-12, 12);
  let keep = 1;
  if (kind === 'tilt') { degrees = pick(0, 360); keep = pick(0.55, 0.75); }
  else if (kind === 'curved' || kind === 'crease' || kind === 'thumb') { degrees = pick(-25, 25); keep = pick(0.8, 1); }
  else if (kind === 'small') degrees = pick(-4, 4);
  const span = finalSide * (kind === 'tilt' ? 1.42 : 1.2) / 2;
  const cx = Math.min(width - span, Math.max(span, width * pick(0.3, 0.7)));
  const cy = Math.min(height - span, Math.max(span, height * pick(0.3, 0.7)));
  const corners = quad(cx, cy, finalSide, degrees, keep, random() < 0.5 ? 0 : 1);

  // background: a lit scene with some clutter
  const n = width * height;
  let luma = new Float32Array(n);
  const base = kind === 'dark-mode' ? pick(15, 40) : pick(90, 170);
  const gx = pick(-40, 40) / width, gy = pick(-40, 40) / height;
  for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) luma[y * width + x] = base + gx * x + gy * y;
  for (let r = 0; r < 6; r++) {
    const rx = Math.floor(random() * width), ry = Math.floor(random() * height);
    const rw = Math.floor(pick(0.05, 0.3) * width), rh = Math.floor(pick(0.05, 0.3) * height);
    const v = pick(20, 230);
    for (let y = ry; y < Math.min(height, ry + rh); y++) for (let x = rx; x < Math.min(width, rx + rw); x++) luma[y * width + x] = v;
  }

  // the code: ink and paper per kind (dark mode: light modules on a dark screen)
  let ink = pick(10, 45), paper = pick(190, 245);
  if (kind === 'dark-mode') { ink = pick(200, 245); paper = pick(10, 40); }
  if (kind === 'low-light') { ink = pick(5, 15); paper = pick(45, 75); }
  const toSquare = adjugate(squareToQuad(corners));
  const bend = kind === 'curved' ? pick(0.015, 0.04) * (random() < 0.5 ? -1 : 1) : 0;
  const crease = kind === 'crease' ? { at: pick(0.35, 0.65), kink: pick(0.006, 0.016), shade: pick(0.75, 0.9), vertical: random() < 0.5 } : null;
  const xs = corners.map((q) => q.x), ys = corners.map((q) => q.y);
  const pad = Math.ceil(finalSide * 0.1);
  const x0 = Math.max(0, Math.floor(Math.min(...xs)) - pad), x1 = Math.min(width - 1, Math.ceil(Math.max(...xs)) + pad);
  const y0 = Math.max(0, Math.floor(Math.min(...ys)) - pad), y1 = Math.min(height - 1, Math.ceil(Math.max(...ys)) + pad);
  const sub = 3;
  for (let y = y0; y <= y1; y++) {
    for (let x = x0; x <= x1; x++) {
      let sum = 0, inside = 0;
      for (let sy = 0; sy < sub; sy++) {
        for (let sx = 0; sx < sub; sx++) {
          const px = x + (sx + 0.5) / sub, py = y + (sy + 0.5) / sub;
          const w = toSquare[2] * px + toSquare[5] * py + toSquare[8];
          let u = (toSquare[0] * px + toSquare[3] * py + toSquare[6]) / w;
          let v = (toSquare[1] * px + toSquare[4] * py + toSquare[7]) / w;
          if (bend) { v += bend * (4 * (u - 0.5) * (u - 0.5) - 1); u += bend * 0.5 * (4 * (v - 0.5) * (v - 0.5) - 1) * (u - 0.5); }
          let shade = 1;
          if (crease) {
            const t = crease.vertical ? u : v;
            if (t > crease.at) {
              const d = crease.kink * Math.min(1, (t - crease.at) * 6);
              if (crease.vertical) v += d; else u += d;
              shade = crease.shade;
            }
          }
          if (u < 0 || v < 0 || u >= 1 || v >= 1) continue;
          inside++;
          const mx = Math.floor(u * total - margin), my = Math.floor(v * total - margin);
          const dark = mx >= 0 && my >= 0 && mx < matrix.size && my < matrix.size && matrix.modules[my * matrix.size + mx] === 1;
          sum += (dark ? ink : paper) * shade;
        }
      }
      if (inside) luma[y * width + x] = (luma[y * width + x] * (sub * sub - inside) + sum) / (sub * sub);
    }
  }

  // a thumb: a skin-toned ellipse reaching in from the middle of one edge (finders left visible)
  if (kind === 'thumb') {
    const k = Math.floor(random() * 4);
    const a = corners[k], b = corners[(k + 1) % 4], centre = { x: cx, y: cy };
    const edge = { x: (a.x + b.x) / 2, y: (a.y + b.y) / 2 };
    const t = pick(0.0, 0.08);
    const tx = edge.x + (centre.x - edge.x) * t, ty = edge.y + (centre.y - edge.y) * t;
    const rx = finalSide * pick(0.06, 0.09), ry = finalSide * pick(0.12, 0.18);
    const angle = Math.atan2(centre.y - edge.y, centre.x - edge.x) + Math.PI / 2;
    const ca = Math.cos(angle), sa = Math.sin(angle);
    const tone = pick(120, 190);
    for (let y = Math.max(0, Math.floor(ty - ry)); y < Math.min(height, ty + ry); y++) {
      for (let x = Math.max(0, Math.floor(tx - ry)); x < Math.min(width, tx + ry); x++) {
        const ex = (x - tx) * ca + (y - ty) * sa, ey = -(x - tx) * sa + (y - ty) * ca;
        const d = (ex * ex) / (rx * rx) + (ey * ey) / (ry * ry);
        if (d < 1) luma[y * width + x] = tone * (0.85 + 0.15 * d);
      }
    }
  }

  // optics: a little lens blur always, more for some kinds
  luma = boxBlur(luma, width, height, kind === 'large' ? Math.round(ppm / 3) : ppm > 3.5 ? 1 : 0); // 12 MP photos are soft at the pixel level
  if (kind === 'motion') luma = motionBlur(luma, width, height, pick(0.8, 1.5) * ppm, pick(0, 180));

  // light: moiré (screen subpixels against the sensor), glare, vignetting
  if (kind === 'moire' || kind === 'dark-mode') {
    const period = pick(2.2, 3.6), angle = pick(-0.15, 0.15), depth = kind === 'moire' ? pick(0.15, 0.3) : 0.1;
    const ca = Math.cos(angle), sa = Math.sin(angle);
    for (let y = y0; y <= y1; y++) {
      for (let x = x0; x <= x1; x++) {
        const a = (x * ca + y * sa) / period, b = (-x * sa + y * ca) / period;
        luma[y * width + x] *= 1 - depth * (0.5 + 0.25 * (Math.cos(2 * Math.PI * a) + Math.cos(2 * Math.PI * b)));
      }
    }
  }
  if (kind === 'glare') {
    const gx0 = cx + pick(-0.3, 0.3) * finalSide, gy0 = cy + pick(-0.3, 0.3) * finalSide;
    const r = finalSide * pick(0.12, 0.22), strength = pick(0.55, 0.8);
    for (let y = y0; y <= y1; y++) {
      for (let x = x0; x <= x1; x++) {
        const d = ((x - gx0) ** 2 + (y - gy0) ** 2) / (r * r);
        const g = strength * Math.exp(-d);
        luma[y * width + x] = luma[y * width + x] * (1 - g) + 255 * g;
      }
    }
  }

  // sensor noise: some always, a lot in low light
  const noise = kind === 'low-light' ? pick(8, 14) : pick(1, 4);
  const rgba = new Uint8ClampedArray(n * 4);
  const tint = [pick(0.92, 1.05), 1, pick(0.9, 1.05)];
  for (let i = 0; i < n; i++) {
    const v = luma[i] + (random() + random() + random() - 1.5) * 2 * noise;
    rgba[i * 4] = v * tint[0];
    rgba[i * 4 + 1] = v * tint[1];
    rgba[i * 4 + 2] = v * tint[2];
    rgba[i * 4 + 3] = 255;
  }
  let image = { data: rgba, width, height };
  const recompress = random() < 0.5; // drawn always, so the scene is the same with or without an encoder
  if (kind === 'jpeg' || (jpeg && recompress)) {
    if (!jpeg) return null;
    image = await jpeg(image, Math.round(kind === 'jpeg' ? pick(55, 75) : pick(75, 90)));
  }
  // the symbol's own corners (quiet zone excluded) through the plane's transform: bend and crease left out
  const plane = squareToQuad(corners);
  const symbolCorners = [[0, 0], [1, 0], [1, 1], [0, 1]].map(([cu, cv]) => {
    const u = (margin + cu * matrix.size) / total, v = (margin + cv * matrix.size) / total;
    const w = plane[2] * u + plane[5] * v + plane[8];
    return { x: (plane[0] * u + plane[3] * v + plane[6]) / w, y: (plane[1] * u + plane[4] * v + plane[7]) / w };
  });
  return { id: `${kind}-${String(index).padStart(3, '0')}`, kind, failure: FAILURE_OF_KIND[kind], text: p.text, bytes: p.bytes, version: matrix.version, corners: symbolCorners, image };
}
