import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createQrEncoder, createQrWorker, defaultSimdWasmUrl, defaultWasmUrl } from '@pass-check/wasm-qr';
import { renderMatrix } from './codec-helpers.js';

describe('createQrWorker (module worker, transfers)', () => {
  let worker;
  let encoder;
  before(async () => {
    worker = await createQrWorker();
    encoder = await createQrEncoder();
  });
  after(() => worker.terminate());

  const imageOf = (text) => {
    const { data, width, height } = renderMatrix(encoder.encode(text, { ecLevel: 'M' }), { scale: 4 });
    return new ImageData(data, width, height);
  };

  it('decodes ImageData, transferring its buffer by default', async () => {
    const image = imageOf('HC1:WORKER');
    const codes = await worker.decode(image);
    assert.equal(codes.length, 1);
    assert.equal(codes[0].text, 'HC1:WORKER');
    assert.ok(codes[0].bytes instanceof Uint8Array);
    assert.equal(image.data.byteLength, 0, 'the pixels were transferred, not copied');
  });

  it('copies instead when asked', async () => {
    const image = imageOf('kept');
    assert.equal((await worker.decode(image, { transfer: false }))[0].text, 'kept');
    assert.ok(image.data.byteLength > 0);
  });

  it('decodes an ImageBitmap (transferred and closed)', async () => {
    const bitmap = await createImageBitmap(imageOf('shc:/56762909524320603460292437404460'));
    const codes = await worker.decode(bitmap);
    assert.equal(codes[0].text, 'shc:/56762909524320603460292437404460');
    assert.equal(bitmap.width, 0, 'the bitmap was transferred');
  });

  it('answers concurrent requests in order of their own ids', async () => {
    const texts = ['one', 'two', 'three', 'four'];
    const results = await Promise.all(texts.map((text) => worker.decode(imageOf(text))));
    assert.deepEqual(results.map((codes) => codes[0].text), texts);
  });

  it('takes the .wasm as an option, and rejects after terminate()', async () => {
    const other = await createQrWorker({ wasm: defaultWasmUrl() });
    assert.equal((await other.decode(imageOf('with url')))[0].text, 'with url');
    other.terminate();
    await assert.rejects(other.decode(imageOf('too late')));
  });

  it('takes the SIMD build as an option, and falls back to `wasm` when that file is missing', async () => {
    for (const wasmSimd of [defaultSimdWasmUrl(), new URL('./no-such-build.wasm', defaultSimdWasmUrl())]) {
      const other = await createQrWorker({ wasm: defaultWasmUrl(), wasmSimd });
      try {
        assert.equal((await other.decode(imageOf('either build')))[0].text, 'either build');
      } finally {
        other.terminate();
      }
    }
  });
});
