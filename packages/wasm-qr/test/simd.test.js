// The two builds of the .wasm (wasm-qr.wasm for every engine, wasm-qr-simd.wasm
// where WebAssembly SIMD validates): how a decoder picks one, and that they
// decode alike: same texts, same corners to the last bit, on colour pictures
// of every field kind, on sizes that leave SIMD tails, and on noise. Node and
// Chromium (the worker's choice: wrapper.browser.test.js).
import { describe, it, before } from 'node:test';
import assert from 'node:assert/strict';
import {
  createQrDecoder, createQrEncoder, defaultSimdWasmUrl, defaultWasmUrl, wasmSimdSupported,
  WASM_SHA256, WASM_SIMD_SHA256,
} from '@pass-check/wasm-qr';
import { fieldPhoto, FIELD_KINDS } from './field-scenes.js';
import { seededRandom } from './codec-helpers.js';
import { renderScene, squareAt } from './image-scenes.js';

async function bytesOf(url) {
  if (url.protocol === 'file:') {
    const fsModule = 'node:fs/promises';
    return new Uint8Array(await (await import(fsModule)).readFile(url));
  }
  return new Uint8Array(await (await fetch(url)).arrayBuffer());
}

const hex = async (bytes) => [...new Uint8Array(await crypto.subtle.digest('SHA-256', bytes))].map((b) => b.toString(16).padStart(2, '0')).join('');

/** A grey picture in colour: each channel its own gain and offset, alpha random (decoders ignore it). */
function tinted(image, seed) {
  const random = seededRandom(seed);
  const gain = [0.6 + random() * 0.6, 0.6 + random() * 0.6, 0.6 + random() * 0.6];
  const offset = [random() * 60 - 30, random() * 60 - 30, random() * 60 - 30];
  const data = new Uint8ClampedArray(image.data.length);
  for (let i = 0; i < data.length; i += 4) {
    for (let c = 0; c < 3; c++) data[i + c] = image.data[i + c] * gain[c] + offset[c] + (random() * 16 - 8);
    data[i + 3] = random() * 256;
  }
  return { data, width: image.width, height: image.height };
}

function noise(width, height, seed) {
  const random = seededRandom(seed);
  const data = new Uint8ClampedArray(width * height * 4);
  for (let i = 0; i < data.length; i++) data[i] = random() * 256;
  return { data, width, height };
}

const outcome = (codes) => JSON.stringify(codes.map((c) => ({ text: c.text, version: c.version, ecLevel: c.ecLevel, corners: c.corners })));

describe('wasm-qr builds: which one runs', () => {
  it('ships both, each with its SHA-256 and at most 150 KB', async () => {
    const plain = await bytesOf(defaultWasmUrl());
    const simd = await bytesOf(defaultSimdWasmUrl());
    assert.equal(await hex(plain), WASM_SHA256);
    assert.equal(await hex(simd), WASM_SIMD_SHA256);
    assert.notEqual(WASM_SHA256, WASM_SIMD_SHA256);
    for (const bytes of [plain, simd]) assert.ok(bytes.length <= 150 * 1024, `${bytes.length} bytes`);
    // that the plain build holds no SIMD at all: simd-features.node.test.js
  });

  it('by default, a decoder runs the SIMD build where the engine has SIMD (Node 20, Chromium)', async () => {
    assert.equal(wasmSimdSupported(), true);
    assert.equal((await createQrDecoder()).simd, true);
    assert.equal((await createQrDecoder({ wasm: defaultWasmUrl() })).simd, false, 'a plain `wasm` alone is used as given');
    const both = await createQrDecoder({ wasm: await bytesOf(defaultWasmUrl()), wasmSimd: await bytesOf(defaultSimdWasmUrl()) });
    assert.equal(both.simd, true);
  });

  it('falls back to the plain build when the SIMD file is missing or broken, and refuses a wrong type', async () => {
    const missing = new URL('./no-such-build.wasm', defaultSimdWasmUrl());
    const encoder = await createQrEncoder();
    const matrix = encoder.encode('fallback');
    for (const wasmSimd of [missing, new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0, 99])]) {
      const decoder = await createQrDecoder({ wasmSimd });
      assert.equal(decoder.simd, false);
      assert.equal(decoder.decodeModules(matrix)?.text, 'fallback');
    }
    await assert.rejects(createQrDecoder({ wasmSimd: 'wasm-qr-simd.wasm' }), TypeError);
  });
});

describe('wasm-qr builds: the same results', () => {
  let plain;
  let simd;
  let encoder;
  before(async () => {
    plain = await createQrDecoder({ wasm: defaultWasmUrl() });
    simd = await createQrDecoder({ wasm: defaultWasmUrl(), wasmSimd: defaultSimdWasmUrl() });
    encoder = await createQrEncoder();
    assert.equal(plain.simd, false);
    assert.equal(simd.simd, true);
  });

  it('every field kind, in colour: same texts and corners', async () => {
    let read = 0;
    for (const kind of FIELD_KINDS) {
      if (kind === 'jpeg' || kind === 'large') continue; // jpeg needs an image encoder; large is below
      for (let i = 0; i < 2; i++) {
        const photo = await fieldPhoto(kind, i, { encoder });
        const image = tinted(photo.image, 31 * i + kind.length);
        const a = outcome(plain.decode(image));
        assert.equal(outcome(simd.decode(image)), a, `${photo.id}`);
        if (a !== '[]') read++;
      }
    }
    assert.ok(read >= 14, `only ${read} of the pictures held a readable code: the comparison says too little`);
  });

  it('sizes that leave SIMD tails, the enlarged and the halved second looks, and noise', async () => {
    const random = seededRandom(77);
    // widths that are no multiple of 16 (or of 8), tiny images enlarged 2–3×, one ≥ 1200 px halved
    for (const [width, height, side] of [[1001, 333, 260], [517, 389, 300], [97, 91, 80], [183, 203, 150], [1203, 1207, 700], [1920, 1080, 420]]) {
      const matrix = encoder.encode(`tails ${width}×${height} ${random().toFixed(6)}`, { ecLevel: 'M' });
      const corners = squareAt(width / 2 + 3, height / 2 - 2, side, 7);
      const image = tinted(renderScene(width, height, [{ matrix, corners }], { noise: 12, seed: width, gradient: 0.3 }), height);
      const a = outcome(plain.decode(image));
      assert.notEqual(a, '[]', `${width}×${height}: the plain build reads it`);
      assert.equal(outcome(simd.decode(image)), a, `${width}×${height}`);
    }
    for (const [width, height] of [[640, 480], [333, 111], [1281, 721]]) {
      const image = noise(width, height, width * height);
      assert.equal(outcome(simd.decode(image)), outcome(plain.decode(image)), `noise ${width}×${height}`);
    }
  });

  it('the large field kind (4000 × 3000, halved and quartered)', async () => {
    const photo = await fieldPhoto('large', 0, { encoder });
    const image = tinted(photo.image, 5);
    assert.equal(outcome(simd.decode(image)), outcome(plain.decode(image)));
  });
});
