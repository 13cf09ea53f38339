import { describe, it, before } from 'node:test';
import assert from 'node:assert/strict';
import { createQrDecoder, createQrEncoder, defaultWasmUrl, WASM_SHA256 } from '@pass-check/wasm-qr';
import { loadRawWasm, renderMatrix, seededRandom, transpose } from './codec-helpers.js';

async function wasmBytes() {
  const url = defaultWasmUrl();
  if (url.protocol === 'file:') {
    const fsModule = 'node:fs/promises';
    return new Uint8Array(await (await import(fsModule)).readFile(url));
  }
  return new Uint8Array(await (await fetch(url)).arrayBuffer());
}

describe('wrapper: loading the wasm', () => {
  it('WASM_SHA256 is the SHA-256 of the shipped .wasm, which is at most 150 KB', async () => {
    const bytes = await wasmBytes();
    const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes));
    assert.equal(WASM_SHA256, [...digest].map((b) => b.toString(16).padStart(2, '0')).join(''));
    assert.ok(bytes.length <= 150 * 1024, `${bytes.length} bytes`);
  });

  it('accepts the bytes, a URL or a compiled module instead of the default file', async () => {
    const bytes = await wasmBytes();
    const matrix = (await createQrEncoder({ wasm: bytes })).encode('loaded');
    for (const wasm of [bytes, bytes.buffer, defaultWasmUrl(), await WebAssembly.compile(bytes)]) {
      const decoder = await createQrDecoder({ wasm });
      assert.equal(decoder.decodeModules(matrix)?.text, 'loaded');
    }
    await assert.rejects(createQrDecoder({ wasm: 'wasm-qr.wasm' }), TypeError);
    await assert.rejects(createQrDecoder({ wasm: new Uint8Array([0, 97, 115, 109]) }));
  });
});

describe('wrapper: decode()', () => {
  let decoder;
  let encoder;
  before(async () => {
    decoder = await createQrDecoder();
    encoder = await createQrEncoder();
  });

  it('returns text, bytes, version, EC level and four corners in image pixels', () => {
    const matrix = encoder.encode('HC1:WRAPPER', { ecLevel: 'Q' });
    const image = renderMatrix(matrix, { scale: 5, margin: 4 });
    const [code] = decoder.decode(image);
    assert.equal(code.text, 'HC1:WRAPPER');
    assert.deepEqual(code.bytes, new TextEncoder().encode('HC1:WRAPPER'));
    assert.equal(code.version, matrix.version);
    assert.equal(code.ecLevel, 'Q');
    // the symbol spans pixels 20 .. 20 + 5·size; corners within a module of that
    const far = 20 + 5 * matrix.size;
    const expected = [[20, 20], [far, 20], [far, far], [20, far]];
    code.corners.forEach((corner, k) => {
      assert.ok(Math.abs(corner.x - expected[k][0]) <= 5 && Math.abs(corner.y - expected[k][1]) <= 5, `corner ${k}: ${corner.x},${corner.y}`);
    });
  });

  it('mirrored and light-on-dark symbols decode through decode() too', () => {
    for (const version of [2, 10, 25]) {
      const matrix = encoder.encode(`mirror ${version}`, { minVersion: version });
      const mirrored = renderMatrix(transpose(matrix), { scale: 3 });
      assert.deepEqual(decoder.decode(mirrored).map((code) => code.text), [`mirror ${version}`]);
      const inverted = renderMatrix(matrix, { scale: 3 });
      for (let i = 0; i < inverted.data.length; i += 4) for (let c = 0; c < 3; c++) inverted.data[i + c] = 255 - inverted.data[i + c];
      assert.deepEqual(decoder.decode(inverted).map((code) => code.text), [`mirror ${version}`]);
    }
  });

  it('reports structured append', () => {
    const matrix = encoder.encode([{ mode: 'structured-append', index: 0, total: 2, parity: 9 }, { mode: 'byte', data: 'first half' }]);
    const [code] = decoder.decode(renderMatrix(matrix));
    assert.deepEqual(code.sequence, { index: 0, total: 2, parity: 9 });
  });

  it('caller mistakes throw TypeError; empty, tiny, black and noisy images give []', () => {
    assert.throws(() => decoder.decode(null), TypeError);
    assert.throws(() => decoder.decode({ data: [0, 0, 0, 255], width: 1, height: 1 }), TypeError);
    assert.throws(() => decoder.decode({ data: new Uint8Array(4), width: 2, height: 2 }), TypeError);
    assert.throws(() => decoder.decode({ data: new Uint8Array(4), width: -1, height: 1 }), TypeError);
    assert.deepEqual(decoder.decode({ data: new Uint8Array(0), width: 0, height: 0 }), []);
    assert.deepEqual(decoder.decode({ data: new Uint8Array(4), width: 1, height: 1 }), []);
    const black = new Uint8ClampedArray(320 * 240 * 4);
    for (let i = 3; i < black.length; i += 4) black[i] = 255;
    assert.deepEqual(decoder.decode({ data: black, width: 320, height: 240 }), []);
    const random = seededRandom(7);
    const noise = new Uint8ClampedArray(320 * 240 * 4).map(() => Math.floor(random() * 256));
    assert.deepEqual(decoder.decode({ data: noise, width: 320, height: 240 }), []);
  });
});

describe('wrapper: memory stays flat (minimal runtime, collected after every call)', () => {
  it('thousands of grid decodes and encodes, hundreds of image decodes', async () => {
    const raw = await loadRawWasm();
    const encodeOnce = (text) => {
      const record = new Uint8Array(5 + text.length);
      new DataView(record.buffer).setUint32(1, text.length, true);
      record.set(new TextEncoder().encode(text), 5);
      // pointer first: asking for a buffer may grow (and so detach) memory.buffer
      const input = raw.encoderInputBuffer(record.length);
      new Uint8Array(raw.memory.buffer, input, record.length).set(record);
      const size = raw.encode(record.length, 1, 1, -1);
      const modules = new Uint8Array(raw.memory.buffer, raw.encodedModulesPtr(), size * size).slice();
      raw.__collect();
      return { size, modules };
    };
    const decodeGridOnce = ({ size, modules }) => {
      const grid = raw.gridBuffer(size * size);
      new Uint8Array(raw.memory.buffer, grid, size * size).set(modules);
      const status = raw.decodeGridBuffer(size);
      raw.__collect();
      return status;
    };
    const matrix = encodeOnce(`shc:/${'0123456789'.repeat(60)}`);
    const image = renderMatrix(matrix, { scale: 3 });
    const decodeImageOnce = () => {
      const pixels = raw.imageBuffer(image.data.length);
      new Uint8Array(raw.memory.buffer, pixels, image.data.length).set(image.data);
      const count = raw.decode(image.width, image.height);
      raw.__collect();
      return count;
    };
    for (let i = 0; i < 50; i++) {
      encodeOnce(`warm-up ${i}`);
      decodeGridOnce(matrix);
      decodeImageOnce();
    }
    const settled = raw.memory.buffer.byteLength;
    for (let i = 0; i < 3000; i++) {
      assert.equal(decodeGridOnce(matrix), 0);
      encodeOnce(`pass number ${i}`);
    }
    for (let i = 0; i < 200; i++) assert.equal(decodeImageOnce(), 1);
    assert.equal(raw.memory.buffer.byteLength, settled, 'no growth after warm-up');
  });
});
