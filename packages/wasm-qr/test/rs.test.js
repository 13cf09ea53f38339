import { describe, it, before } from 'node:test';
import assert from 'node:assert/strict';
import { createQrDecoder, createQrEncoder } from '@pass-check/wasm-qr';
import { corruptCodeword, dataModuleOrder, interleavedIndex, loadRawWasm, randomBytes, seededRandom } from './codec-helpers.js';

/** `count` distinct positions in [0, length). */
function distinctPositions(random, length, count) {
  const chosen = new Set();
  while (chosen.size < count) chosen.add(Math.floor(random() * length));
  return [...chosen];
}

describe('Reed–Solomon, block level', () => {
  let raw;
  let block;
  before(async () => {
    raw = await loadRawWasm();
  });

  function encodeBlock(data, ecCount) {
    block = new Uint8Array(raw.memory.buffer, raw.rsBlockBuffer(), 255);
    block.set(data);
    assert.ok(raw.rsEncodeBlock(data.length, ecCount));
    return block.slice(0, data.length + ecCount);
  }

  function correct(received, ecCount, maxErrors = ecCount >> 1) {
    block = new Uint8Array(raw.memory.buffer, raw.rsBlockBuffer(), 255);
    block.set(received);
    const corrected = raw.rsCorrectBlock(received.length, ecCount, maxErrors);
    return { corrected, result: block.slice(0, received.length) };
  }

  // EC counts and block lengths that QR uses (7–30 EC codewords, blocks up to 153 codewords)
  const shapes = [[19, 7], [16, 10], [13, 13], [9, 17], [34, 10], [116, 30], [15, 30], [122, 30], [43, 24], [92, 26], [153 - 28, 28]];

  it('a fresh block has zero syndromes: nothing to correct', () => {
    const random = seededRandom(1);
    for (const [dataLength, ec] of shapes) {
      const codeword = encodeBlock(randomBytes(random, dataLength), ec);
      const { corrected, result } = correct(codeword, ec);
      assert.equal(corrected, 0);
      assert.deepEqual(result, codeword);
    }
  });

  it('corrects every number of errors up to ⌊ec/2⌋, at random positions and values', () => {
    const random = seededRandom(2);
    for (const [dataLength, ec] of shapes) {
      for (let errors = 1; errors <= ec >> 1; errors++) {
        for (let trial = 0; trial < 4; trial++) {
          const codeword = encodeBlock(randomBytes(random, dataLength), ec);
          const received = codeword.slice();
          for (const position of distinctPositions(random, received.length, errors)) received[position] ^= 1 + Math.floor(random() * 255);
          const { corrected, result } = correct(received, ec);
          assert.equal(corrected, errors, `${dataLength}+${ec}, ${errors} errors`);
          assert.deepEqual(result, codeword);
        }
      }
    }
  });

  it('errors in the EC codewords themselves and at both ends are corrected', () => {
    const random = seededRandom(3);
    const codeword = encodeBlock(randomBytes(random, 50), 20);
    const received = codeword.slice();
    for (const position of [0, 1, 49, 50, 60, 69]) received[position] ^= 0xff;
    const { corrected, result } = correct(received, 20);
    assert.equal(corrected, 6);
    assert.deepEqual(result, codeword);
  });

  it('one error past the limit is never "corrected" into something RS does not vouch for', () => {
    const random = seededRandom(4);
    let refused = 0;
    let trials = 0;
    for (const [dataLength, ec] of shapes) {
      const limit = ec >> 1;
      for (let trial = 0; trial < 20; trial++) {
        trials++;
        const codeword = encodeBlock(randomBytes(random, dataLength), ec);
        const received = codeword.slice();
        for (const position of distinctPositions(random, received.length, limit + 1)) received[position] ^= 1 + Math.floor(random() * 255);
        const { corrected, result } = correct(received, ec);
        if (corrected < 0) {
          refused++;
          continue;
        }
        // Accepted only if the output is a codeword within the correction radius
        // of what was received (necessarily a different one than was sent).
        assert.ok(corrected <= limit);
        assert.notDeepEqual(result, codeword);
        const distance = result.reduce((n, value, i) => n + (value !== received[i] ? 1 : 0), 0);
        assert.equal(distance, corrected);
        assert.equal(correct(result, ec).corrected, 0, 'the output is a codeword');
      }
    }
    // a miscorrection needs a neighbouring codeword within ⌊ec/2⌋: rare
    assert.ok(refused >= trials * 0.9, `${refused} of ${trials} refused`);
  });

  it('errors and erasures: any mix with 2·errors + erasures ≤ ec is corrected', () => {
    const random = seededRandom(6);
    for (const [dataLength, ec] of shapes) {
      for (let erasureCount = 0; erasureCount <= ec; erasureCount += Math.max(1, ec >> 3)) {
        const errors = (ec - erasureCount) >> 1;
        const codeword = encodeBlock(randomBytes(random, dataLength), ec);
        block = new Uint8Array(raw.memory.buffer, raw.rsBlockBuffer(), 255);
        const positions = distinctPositions(random, codeword.length, erasureCount + errors);
        positions.forEach((position, k) => {
          if (k < erasureCount) raw.rsSetErasure(k, position); // erased: any value, often wrong
          block[position] ^= k < erasureCount ? Math.floor(random() * 256) : 1 + Math.floor(random() * 255);
        });
        const corrected = raw.rsCorrectBlockWithErasures(codeword.length, ec, ec, erasureCount);
        assert.ok(corrected >= 0, `${dataLength}+${ec}: ${erasureCount} erasures + ${errors} errors`);
        assert.deepEqual(new Uint8Array(raw.memory.buffer, raw.rsBlockBuffer(), codeword.length), codeword);
      }
    }
  });

  it('errors and erasures past the budget are refused', () => {
    const random = seededRandom(8);
    let refused = 0;
    for (let trial = 0; trial < 40; trial++) {
      const codeword = encodeBlock(randomBytes(random, 60), 20);
      block = new Uint8Array(raw.memory.buffer, raw.rsBlockBuffer(), 255);
      // 8 erasures + 5 errors: 2·5 + 8 = 18 > a budget of 16
      distinctPositions(random, codeword.length, 13).forEach((position, k) => {
        if (k < 8) raw.rsSetErasure(k, position);
        block[position] ^= 1 + Math.floor(random() * 255);
      });
      if (raw.rsCorrectBlockWithErasures(codeword.length, 20, 16, 8) < 0) refused++;
    }
    assert.equal(refused, 40);
  });

  it('honours a lower limit (misdecode protection codewords of versions 1–3)', () => {
    const random = seededRandom(5);
    const codeword = encodeBlock(randomBytes(random, 19), 7); // version 1-L: 7 EC, p = 3, corrects 2
    const received = codeword.slice();
    for (const position of [2, 9, 20]) received[position] ^= 0x5a;
    assert.equal(correct(received, 7, 3).corrected, 3, '3 errors are within ⌊7/2⌋');
    assert.equal(correct(received, 7, 2).corrected, -1, 'but not within the 2 that version 1-L allows');
  });
});

describe('Reed–Solomon, symbol level (errors injected into module grids)', () => {
  let encoder;
  let decoder;
  let raw;
  before(async () => {
    encoder = await createQrEncoder();
    decoder = await createQrDecoder();
    raw = await loadRawWasm();
  });

  const cases = [
    [1, 'M'], [2, 'L'], [5, 'Q'], [7, 'H'], [10, 'M'], [22, 'L'], [25, 'Q'], [33, 'H'], [40, 'L'], [40, 'H'],
  ];
  const LEVEL_INDEX = { L: 0, M: 1, Q: 2, H: 3 };

  function misdecodeProtection(version, level) {
    if (version === 1) return level === 'L' ? 3 : level === 'M' ? 2 : 1;
    if (version === 2 && level === 'L') return 2;
    if (version === 3 && level === 'L') return 1;
    return 0;
  }

  for (const [version, level] of cases) {
    it(`v${version}-${level}: the limit in every block decodes; one more in any block fails`, () => {
      const random = seededRandom(version * 10 + LEVEL_INDEX[level]);
      const text = '0123456789'.repeat(version * 2);
      const clean = encoder.encode(text, { ecLevel: level, minVersion: version });
      assert.equal(clean.version, version);
      const layout = {
        total: raw.symbolTotalCodewords(version),
        blocks: raw.symbolBlockCount(version, LEVEL_INDEX[level]),
        ecPerBlock: raw.symbolEcPerBlock(version, LEVEL_INDEX[level]),
      };
      const limit = (layout.ecPerBlock - misdecodeProtection(version, level)) >> 1;
      const order = dataModuleOrder(version);
      const shortLength = Math.floor(layout.total / layout.blocks);
      const shortCount = layout.blocks - (layout.total % layout.blocks);
      const blockLength = (b) => shortLength + (b >= shortCount ? 1 : 0);

      const atLimit = { size: clean.size, modules: clean.modules.slice() };
      for (let b = 0; b < layout.blocks; b++) {
        for (const position of distinctPositions(random, blockLength(b), limit)) {
          corruptCodeword(atLimit, order, interleavedIndex(layout, b, position), 1 + Math.floor(random() * 255));
        }
      }
      const decoded = decoder.decodeModules(atLimit);
      assert.equal(decoded?.text, text);
      assert.equal(decoded.correctedErrors, limit * layout.blocks);

      const victim = Math.floor(random() * layout.blocks);
      const pastLimit = { size: clean.size, modules: clean.modules.slice() };
      for (const position of distinctPositions(random, blockLength(victim), limit + 1)) {
        corruptCodeword(pastLimit, order, interleavedIndex(layout, victim, position), 1 + Math.floor(random() * 255));
      }
      const result = decoder.decodeModules(pastLimit);
      assert.ok(result === null || result.text !== text, 'no silent success past the limit');
      assert.equal(result, null, 'refused');
    });
  }
});
