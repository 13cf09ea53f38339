// Adversarial images: nothing in them, or nothing sensible. Every one must
// return (an empty list) quickly, without a trap or a throw. Node and Chromium.
import { describe, it, before } from 'node:test';
import assert from 'node:assert/strict';
import { createQrDecoder, createQrEncoder } from '@pass-check/wasm-qr';
import { renderScene, seededRandom, squareAt } from './image-scenes.js';

function solid(width, height, value) {
  const data = new Uint8ClampedArray(width * height * 4).fill(value);
  for (let i = 3; i < data.length; i += 4) data[i] = 255;
  return { data, width, height };
}

function noise(width, height, seed, cell = 1) {
  const random = seededRandom(seed);
  const data = new Uint8ClampedArray(width * height * 4);
  const cells = new Uint8Array(Math.ceil(width / cell) * Math.ceil(height / cell)).map(() => (random() < 0.5 ? 0 : 255));
  const perRow = Math.ceil(width / cell);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const v = cells[Math.floor(y / cell) * perRow + Math.floor(x / cell)];
      const o = (y * width + x) * 4;
      data[o] = data[o + 1] = data[o + 2] = v;
      data[o + 3] = 255;
    }
  }
  return { data, width, height };
}

/** Runs `decode` and returns [codes, milliseconds]. */
function timed(decoder, image) {
  const start = performance.now();
  const codes = decoder.decode(image);
  return [codes, performance.now() - start];
}

describe('adversarial images', () => {
  let decoder;
  let encoder;
  before(async () => {
    decoder = await createQrDecoder();
    encoder = await createQrEncoder();
  });

  it('0×0, 1×1, 1×N and 20×20 images give no codes', () => {
    for (const [w, h] of [[0, 0], [1, 1], [1, 500], [500, 1], [20, 20]]) {
      assert.deepEqual(decoder.decode(solid(w, h, 0)), [], `${w}×${h}`);
    }
  });

  it('all black, all white and mid-grey 1280×720 frames give no codes, quickly', () => {
    for (const value of [0, 255, 128]) {
      const [codes, ms] = timed(decoder, solid(1280, 720, value));
      assert.deepEqual(codes, [], `value ${value}`);
      assert.ok(ms < 2000, `value ${value}: ${ms} ms`);
    }
  });

  it('random noise (pixel and block sized) gives no codes and no misread, quickly', () => {
    for (const [cell, seed] of [[1, 1], [2, 2], [3, 3], [5, 4], [8, 5]]) {
      const [codes, ms] = timed(decoder, noise(640, 480, seed, cell));
      assert.deepEqual(codes, [], `cells of ${cell} px`);
      assert.ok(ms < 3000, `cells of ${cell} px: ${ms} ms`);
    }
  });

  it('finder patterns without a symbol (three squares, a checkerboard of them) give no codes', () => {
    // a version 1 symbol with its data wiped: finders, timing and format information are there, the codewords are not
    const matrix = encoder.encode('WIPED', { ecLevel: 'L' });
    const wiped = new Uint8Array(matrix.modules);
    const n = matrix.size;
    const functional = (x, y) => (x < 9 && y < 9) || (x >= n - 8 && y < 9) || (x < 9 && y >= n - 8) || x === 6 || y === 6;
    for (let y = 0; y < n; y++) for (let x = 0; x < n; x++) if (!functional(x, y)) wiped[y * n + x] = (x * 7 + y * 3) % 5 === 0 ? 1 : 0;
    const [codes] = timed(decoder, renderScene(300, 300, [{ matrix: { size: matrix.size, modules: wiped }, corners: squareAt(150, 150, 240) }]));
    assert.deepEqual(codes, []);
    const finders = [];
    for (let i = 0; i < 9; i++) {
      finders.push({ matrix: { size: 7, modules: Uint8Array.from({ length: 49 }, (_, k) => { const x = k % 7, y = (k / 7) | 0; const r = Math.max(Math.abs(x - 3), Math.abs(y - 3)); return r === 2 ? 0 : 1; }) }, corners: squareAt(60 + (i % 3) * 110, 60 + Math.floor(i / 3) * 110, 60), margin: 1 });
    }
    assert.deepEqual(decoder.decode(renderScene(360, 360, finders)), []);
  });

  it('a damaged code (a third of it painted over) gives no code rather than a wrong one', () => {
    const matrix = encoder.encode('DAMAGED CODE 1234567890 ABCDEFGHIJKLMNOPQRSTUVWXYZ', { ecLevel: 'L' });
    const damaged = new Uint8Array(matrix.modules);
    for (let y = 0; y < matrix.size; y++) for (let x = Math.floor(matrix.size * 0.4); x < Math.floor(matrix.size * 0.75); x++) if (y > 8 && y < matrix.size - 8) damaged[y * matrix.size + x] = 1;
    const codes = decoder.decode(renderScene(300, 300, [{ matrix: { size: matrix.size, modules: damaged }, corners: squareAt(150, 150, 260) }]));
    assert.ok(codes.every((c) => c.text === 'DAMAGED CODE 1234567890 ABCDEFGHIJKLMNOPQRSTUVWXYZ'), JSON.stringify(codes.map((c) => c.text)));
  });

  it('a huge image (8000×8000) is refused at once; a large one (3000×3000 noise) returns in bounded time', () => {
    const huge = { data: new Uint8ClampedArray(8000 * 8000 * 4), width: 8000, height: 8000 };
    const [hugeCodes, hugeMs] = timed(decoder, huge);
    assert.deepEqual(hugeCodes, []);
    assert.ok(hugeMs < 1000, `8000×8000: ${hugeMs} ms`);
    const [codes, ms] = timed(decoder, noise(3000, 3000, 9, 3));
    assert.deepEqual(codes, []);
    assert.ok(ms < 20000, `3000×3000: ${ms} ms`);
  });

  it('still decodes after all of the above (no state left behind)', () => {
    const matrix = encoder.encode('STILL WORKS', { ecLevel: 'M' });
    const codes = decoder.decode(renderScene(200, 200, [{ matrix, corners: squareAt(100, 100, 170) }]));
    assert.deepEqual(codes.map((c) => c.text), ['STILL WORKS']);
  });
});
