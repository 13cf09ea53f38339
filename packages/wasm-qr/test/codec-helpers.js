// Shared by the codec tests (Node and Chromium): raw access to the package's
// .wasm, a seeded PRNG, rendering a matrix to RGBA, and an independent
// re-derivation of where each codeword's bits sit in a symbol.
import { defaultWasmUrl } from '@pass-check/wasm-qr';

export async function loadRawWasm() {
  const url = defaultWasmUrl();
  let bytes;
  if (url.protocol === 'file:') {
    const fsModule = 'node:fs/promises';
    bytes = await (await import(fsModule)).readFile(url);
  } else {
    bytes = await (await fetch(url)).arrayBuffer();
  }
  const { instance } = await WebAssembly.instantiate(bytes, {
    env: { abort(_m, _f, line, column) { throw new Error(`wasm abort at ${line}:${column}`); } },
  });
  return instance.exports;
}

/** mulberry32: small, seeded, good enough to pick test data. */
export function seededRandom(seed) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function randomBytes(random, length) {
  const bytes = new Uint8Array(length);
  for (let i = 0; i < length; i++) bytes[i] = Math.floor(random() * 256);
  return bytes;
}

/** RGBA image of a matrix: `scale` pixels per module, `margin` modules of quiet zone. */
export function renderMatrix({ size, modules }, { scale = 4, margin = 4 } = {}) {
  const width = (size + margin * 2) * scale;
  const data = new Uint8ClampedArray(width * width * 4).fill(255);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      if (!modules[y * size + x]) continue;
      for (let dy = 0; dy < scale; dy++) {
        const row = ((margin + y) * scale + dy) * width;
        for (let dx = 0; dx < scale; dx++) {
          const offset = (row + (margin + x) * scale + dx) * 4;
          data[offset] = data[offset + 1] = data[offset + 2] = 0;
        }
      }
    }
  }
  return { data, width, height: width };
}

function alignmentCentres(version) {
  if (version < 2) return [];
  const count = Math.floor(version / 7) + 2;
  const size = version * 4 + 17;
  const step = version === 32 ? 26 : Math.ceil((size - 13) / (count * 2 - 2)) * 2;
  const centres = [6];
  for (let position = size - 7; centres.length < count; position -= step) centres.splice(1, 0, position);
  return centres;
}

/** Module indices (y·size + x) of the data region in placement order. */
export function dataModuleOrder(version) {
  const size = version * 4 + 17;
  const reserved = new Uint8Array(size * size);
  const mark = (left, top, width, height) => {
    for (let y = Math.max(0, top); y < Math.min(size, top + height); y++) {
      for (let x = Math.max(0, left); x < Math.min(size, left + width); x++) reserved[y * size + x] = 1;
    }
  };
  mark(0, 0, 9, 9);
  mark(size - 8, 0, 8, 9);
  mark(0, size - 8, 9, 8);
  mark(0, 6, size, 1);
  mark(6, 0, 1, size);
  const centres = alignmentCentres(version);
  for (const cy of centres) {
    for (const cx of centres) {
      const last = centres[centres.length - 1];
      if ((cx === 6 && cy === 6) || (cx === 6 && cy === last) || (cx === last && cy === 6)) continue;
      mark(cx - 2, cy - 2, 5, 5);
    }
  }
  if (version >= 7) {
    mark(size - 11, 0, 3, 6);
    mark(0, size - 11, 6, 3);
  }
  const order = [];
  for (let right = size - 1; right >= 1; right -= 2) {
    if (right === 6) right = 5;
    const upward = ((right + 1) & 2) === 0;
    for (let step = 0; step < size; step++) {
      const y = upward ? size - 1 - step : step;
      for (const x of [right, right - 1]) if (!reserved[y * size + x]) order.push(y * size + x);
    }
  }
  return order;
}

/**
 * Position in the symbol's codeword sequence of codeword `position` of block
 * `block` (data first, then EC), given the block layout.
 */
export function interleavedIndex({ total, blocks, ecPerBlock }, block, position) {
  const shortLength = Math.floor(total / blocks);
  const shortCount = blocks - (total % blocks);
  const shortData = shortLength - ecPerBlock;
  const dataLength = shortData + (block >= shortCount ? 1 : 0);
  const dataTotal = total - blocks * ecPerBlock;
  if (position < shortData) return position * blocks + block;
  if (position < dataLength) return shortData * blocks + (block - shortCount);
  return dataTotal + (position - dataLength) * blocks + block;
}

/** XORs codeword `index` (interleaved order) of a matrix with `pattern` (non-zero byte). */
export function corruptCodeword(matrix, order, index, pattern) {
  for (let bit = 0; bit < 8; bit++) {
    if ((pattern >> (7 - bit)) & 1) matrix.modules[order[index * 8 + bit]] ^= 1;
  }
}

export function transpose({ size, modules }) {
  const out = new Uint8Array(size * size);
  for (let y = 0; y < size; y++) for (let x = 0; x < size; x++) out[x * size + y] = modules[y * size + x];
  return { size, modules: out };
}
