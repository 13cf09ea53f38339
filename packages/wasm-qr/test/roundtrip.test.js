import { describe, it, before } from 'node:test';
import assert from 'node:assert/strict';
import { createQrDecoder, createQrEncoder } from '@pass-check/wasm-qr';
import { loadRawWasm, randomBytes, renderMatrix, seededRandom } from './codec-helpers.js';

const LEVELS = ['L', 'M', 'Q', 'H'];

describe('encode → decode round trips, every version 1–40 × every EC level', () => {
  let encoder;
  let decoder;
  let raw;
  before(async () => {
    encoder = await createQrEncoder();
    decoder = await createQrDecoder();
    raw = await loadRawWasm();
  });

  /** Byte-mode capacity of (version, level), from the block layout the codec uses. */
  function byteCapacity(version, level) {
    const blocks = raw.symbolBlockCount(version, level);
    const data = raw.symbolTotalCodewords(version) - blocks * raw.symbolEcPerBlock(version, level);
    return Math.floor((data * 8 - 4 - (version < 10 ? 8 : 16)) / 8);
  }

  it('byte capacities match the published ones (spot checks of the EC tables)', () => {
    // ISO/IEC 18004 Table 7: versions 1, 10, 27 and 40
    const published = { 1: [17, 14, 11, 7], 10: [271, 213, 151, 119], 27: [1465, 1125, 805, 625], 40: [2953, 2331, 1663, 1273] };
    for (const [version, capacities] of Object.entries(published)) {
      assert.deepEqual([0, 1, 2, 3].map((level) => byteCapacity(Number(version), level)), capacities, `version ${version}`);
    }
  });

  for (const [level, name] of LEVELS.entries()) {
    it(`${name}: a full symbol of random bytes picks exactly that version and decodes to the same bytes`, () => {
      const random = seededRandom(1000 + level);
      for (let version = 1; version <= 40; version++) {
        const capacity = byteCapacity(version, level);
        const payload = randomBytes(random, capacity);
        const matrix = encoder.encode(payload, { ecLevel: name });
        assert.equal(matrix.version, version, `v${version}-${name}: smallest fitting version`);
        assert.equal(matrix.size, 17 + 4 * version);
        const code = decoder.decodeModules(matrix);
        assert.ok(code, `v${version}-${name} decodes`);
        assert.deepEqual(code.bytes, payload, `v${version}-${name} bytes`);
        assert.equal(code.version, version);
        assert.equal(code.ecLevel, name);
        assert.equal(code.correctedErrors, 0);
        if (version < 40) {
          const bigger = encoder.encode(randomBytes(random, capacity + 1), { ecLevel: name });
          assert.equal(bigger.version, version + 1, `v${version}-${name}: one byte more needs the next version`);
        } else {
          assert.throws(() => encoder.encode(randomBytes(random, capacity + 1), { ecLevel: name }), RangeError);
        }
      }
    });

    it(`${name}: text symbols of every version decode to the same text (minVersion)`, () => {
      for (let version = 1; version <= 40; version++) {
        const text = `v${version}-${name} Grüße, 日本 ✓`;
        const matrix = encoder.encode(text, { ecLevel: name, minVersion: version });
        assert.ok(matrix.version >= version);
        if (version >= 5) assert.equal(matrix.version, version, `v${version}-${name}: minVersion honoured`);
        const code = decoder.decodeModules(matrix);
        assert.equal(code?.text, text, `v${version}-${name}`);
      }
    });
  }

  for (const [level, name] of LEVELS.entries()) {
    it(`${name}: encode → RGBA image with a quiet zone → decode(), versions 1–40`, () => {
      for (let version = 1; version <= 40; version++) {
        const text = `shc:/${String(version * 7919 + level).repeat(8)} · v${version}-${name}`;
        const matrix = encoder.encode(text, { ecLevel: name, minVersion: version });
        const codes = decoder.decode(renderMatrix(matrix, { scale: version > 20 ? 2 : 3 }));
        assert.equal(codes.length, 1, `v${version}-${name}: one code found`);
        assert.equal(codes[0].text, text, `v${version}-${name}`);
        assert.equal(codes[0].version, matrix.version);
        assert.equal(codes[0].ecLevel, name);
        assert.equal(codes[0].corners.length, 4);
      }
    });
  }
});
