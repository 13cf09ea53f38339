import { describe, it, before } from 'node:test';
import assert from 'node:assert/strict';
import { createQrDecoder, createQrEncoder } from '@pass-check/wasm-qr';
import { corruptCodeword, dataModuleOrder, interleavedIndex, loadRawWasm, seededRandom, transpose } from './codec-helpers.js';

const bytesOf = (...values) => new Uint8Array(values);
const ascii = (text) => new TextEncoder().encode(text);

describe('codec: data modes, ECI, headers, orientation, damaged function patterns', () => {
  let encoder;
  let decoder;
  before(async () => {
    encoder = await createQrEncoder();
    decoder = await createQrDecoder();
  });
  const roundTrip = (input, options) => decoder.decodeModules(encoder.encode(input, options));

  it('numeric: every digit group length (1, 2, 3 digits left over)', () => {
    for (const text of ['7', '42', '123', '1234', '00000', '9876543210']) {
      const code = roundTrip([{ mode: 'numeric', data: text }]);
      assert.equal(code.text, text);
      assert.deepEqual(code.bytes, ascii(text));
    }
  });

  it('alphanumeric: the whole 45-character set, odd and even lengths', () => {
    const set = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:';
    for (const text of [set, set.slice(1), 'HC1:NCFOXN%TS3DH3ZSUZK+.V0ETD%65NL-AH-R6IOOK.IR9B+9D-6WNJ']) {
      assert.equal(roundTrip([{ mode: 'alphanumeric', data: text }]).text, text);
    }
  });

  it('byte + numeric segments, as in an shc:/ code', () => {
    const digits = '567629095243206034602924374044603122295953265460346029254077280433602870286471674522280928613331';
    const code = roundTrip([{ mode: 'byte', data: 'shc:/' }, { mode: 'numeric', data: digits }], { ecLevel: 'L' });
    assert.equal(code.text, `shc:/${digits}`);
  });

  it('byte mode without ECI: UTF-8 when valid, else ISO-8859-1; bytes stay as coded', () => {
    assert.equal(roundTrip('Grüße ✓ 日本').text, 'Grüße ✓ 日本');
    const latin1 = bytesOf(0x63, 0x61, 0x66, 0xe9); // "café" in ISO-8859-1, invalid as UTF-8
    const code = roundTrip(latin1);
    assert.equal(code.text, 'café');
    assert.deepEqual(code.bytes, latin1);
  });

  it('ECI designators select the character set of the byte segments after them', () => {
    const utf8 = roundTrip([{ mode: 'eci', assignment: 26 }, { mode: 'byte', data: 'Grüße' }]);
    assert.equal(utf8.text, 'Grüße');
    // ECI 3 (ISO-8859-1) is honoured even where the bytes happen to be valid UTF-8
    const latin1 = roundTrip([{ mode: 'eci', assignment: 3 }, { mode: 'byte', data: bytesOf(0xc3, 0xa9) }]);
    assert.equal(latin1.text, 'Ã©');
    const shiftJis = roundTrip([{ mode: 'eci', assignment: 20 }, { mode: 'byte', data: bytesOf(0x93, 0xfa, 0x96, 0x7b, 0x41, 0xb1) }]);
    assert.equal(shiftJis.text, '日本Aｱ');
    // two-byte and three-byte ECI designators
    assert.equal(roundTrip([{ mode: 'eci', assignment: 170 }, { mode: 'byte', data: 'ascii' }]).text, 'ascii');
    assert.equal(roundTrip([{ mode: 'eci', assignment: 20000 }, { mode: 'byte', data: 'ok' }]).text, 'ok');
  });

  it('kanji mode: Shift JIS pairs as bytes, Unicode as text', () => {
    const sjis = bytesOf(0x93, 0xfa, 0x96, 0x7b, 0x8c, 0xea, 0xe0, 0x40); // 日本語 and a 0xE040 code
    const code = roundTrip([{ mode: 'kanji', data: sjis }]);
    assert.deepEqual(code.bytes, sjis);
    assert.equal(code.text, '日本語漾');
    assert.throws(() => encoder.encode([{ mode: 'kanji', data: bytesOf(0x41, 0x42) }]), TypeError);
  });

  it('structured append: index, total and parity are reported', () => {
    const code = roundTrip([{ mode: 'structured-append', index: 2, total: 5, parity: 0xa7 }, { mode: 'byte', data: 'part three' }]);
    assert.equal(code.text, 'part three');
    assert.deepEqual(code.sequence, { index: 2, total: 5, parity: 0xa7 });
    assert.equal(roundTrip('no sequence').sequence, undefined);
  });

  it('FNC1 (GS1): % becomes the GS separator, %% a percent sign', () => {
    const code = roundTrip([{ mode: 'fnc1' }, { mode: 'alphanumeric', data: '01%10%%' }]);
    assert.equal(code.text, '01\u001d10%');
  });

  it('every forced mask decodes, and the chosen mask is reported', () => {
    for (let mask = 0; mask < 8; mask++) {
      const matrix = encoder.encode('mask test', { mask, ecLevel: 'Q' });
      assert.equal(matrix.mask, mask);
      assert.equal(decoder.decodeModules(matrix)?.text, 'mask test');
    }
  });

  it('mirrored symbols (a transposed grid) decode and say so', () => {
    for (const version of [1, 7, 23]) {
      const matrix = encoder.encode('mirror, mirror', { minVersion: version });
      assert.equal(decoder.decodeModules(matrix).mirrored, false);
      const mirrored = decoder.decodeModules(transpose(matrix));
      assert.equal(mirrored?.text, 'mirror, mirror');
      assert.equal(mirrored.mirrored, true);
    }
  });

  it('format information: one destroyed copy is survivable, two are not', () => {
    const matrix = encoder.encode('format', { ecLevel: 'H', minVersion: 3 });
    const { size } = matrix;
    const firstCopy = { size, modules: matrix.modules.slice() };
    for (let i = 0; i <= 8; i++) {
      if (i !== 6) firstCopy.modules[8 * size + i] ^= 1; // row 8, left
      if (i !== 6) firstCopy.modules[i * size + 8] ^= 1; // column 8, top
    }
    assert.equal(decoder.decodeModules(firstCopy)?.text, 'format');
    const both = { size, modules: firstCopy.modules.slice() };
    for (let i = 0; i < 8; i++) both.modules[8 * size + size - 1 - i] ^= 1;
    for (let i = 0; i < 7; i++) both.modules[(size - 1 - i) * size + 8] ^= 1;
    assert.equal(decoder.decodeModules(both), null);
  });

  it('version information that contradicts the size is refused; one bad copy is not', () => {
    const v7 = encoder.encode('version seven', { minVersion: 7 });
    const v8 = encoder.encode('version eight', { minVersion: 8 });
    const copyVersionBlocks = (target, source, copies) => {
      const out = { size: target.size, modules: target.modules.slice() };
      for (let a = 0; a < 6; a++) {
        for (let b = 0; b < 3; b++) {
          if (copies.includes(0)) out.modules[a * target.size + target.size - 11 + b] = source.modules[a * source.size + source.size - 11 + b];
          if (copies.includes(1)) out.modules[(target.size - 11 + b) * target.size + a] = source.modules[(source.size - 11 + b) * source.size + a];
        }
      }
      return out;
    };
    assert.equal(decoder.decodeModules(copyVersionBlocks(v7, v8, [0, 1])), null);
    // copy 0 beyond repair (6 bit errors), copy 1 intact: the symbol still reads
    const noisy = { size: v7.size, modules: v7.modules.slice() };
    for (let a = 0; a < 6; a++) noisy.modules[a * v7.size + v7.size - 10] ^= 1;
    assert.equal(decoder.decodeModules(noisy)?.text, 'version seven');
  });

  it('modules flagged uncertain (grid bit 1) become erasures: more damage is recoverable', async () => {
    const raw = await loadRawWasm();
    const version = 22;
    const text = `shc:/${'5676290952432060346029243740446031222959532654603460292540772804'.repeat(10)}`;
    const clean = encoder.encode(text, { ecLevel: 'L', minVersion: version });
    const layout = { total: raw.symbolTotalCodewords(version), blocks: raw.symbolBlockCount(version, 0), ecPerBlock: raw.symbolEcPerBlock(version, 0) };
    const order = dataModuleOrder(version);
    const random = seededRandom(21);
    // 20 wrong codewords in block 0: beyond the 14 errors alone can fix
    const damaged = { size: clean.size, modules: clean.modules.slice() };
    const hit = [];
    for (let position = 0; position < 20; position++) {
      const index = interleavedIndex(layout, 0, position * 3);
      corruptCodeword(damaged, order, index, 1 + Math.floor(random() * 255));
      hit.push(index);
    }
    assert.equal(decoder.decodeModules(damaged), null, 'too many errors without hints');
    const flagged = { size: damaged.size, modules: damaged.modules.slice() };
    for (const index of hit.slice(0, 16)) for (let bit = 0; bit < 8; bit++) flagged.modules[order[index * 8 + bit]] |= 2;
    const code = decoder.decodeModules(flagged);
    assert.equal(code?.text, text, '16 flagged + 4 unflagged errors: 16 + 2·4 ≤ 28 − 4');
    // flags on sound codewords cost budget but do no harm
    const sound = { size: clean.size, modules: clean.modules.slice() };
    for (let k = 0; k < 60; k++) sound.modules[order[interleavedIndex(layout, 1, k) * 8]] |= 2;
    assert.equal(decoder.decodeModules(sound)?.text, text);
  });

  it('random, blank, full and wrongly sized grids give null, quickly', () => {
    const random = seededRandom(99);
    const started = Date.now();
    for (let i = 0; i < 400; i++) {
      const version = 1 + Math.floor(random() * 40);
      const size = 17 + 4 * version;
      const modules = new Uint8Array(size * size);
      for (let k = 0; k < modules.length; k++) modules[k] = random() < 0.5 ? 1 : 0;
      assert.equal(decoder.decodeModules({ size, modules }), null);
    }
    for (const size of [21, 101, 177]) {
      assert.equal(decoder.decodeModules({ size, modules: new Uint8Array(size * size) }), null);
      assert.equal(decoder.decodeModules({ size, modules: new Uint8Array(size * size).fill(1) }), null);
    }
    for (const size of [1, 20, 22, 181]) assert.equal(decoder.decodeModules({ size, modules: new Uint8Array(size * size) }), null);
    assert.ok(Date.now() - started < 20000);
  });

  it('a symbol whose RS blocks are intact but whose bit stream is invalid is refused, not misread', async () => {
    const raw = await loadRawWasm();
    const maskBit = [
      (i, j) => (i + j) % 2 === 0, (i) => i % 2 === 0, (_i, j) => j % 3 === 0, (i, j) => (i + j) % 3 === 0,
      (i, j) => (Math.floor(i / 2) + Math.floor(j / 3)) % 2 === 0, (i, j) => ((i * j) % 2) + ((i * j) % 3) === 0,
      (i, j) => (((i * j) % 2) + ((i * j) % 3)) % 2 === 0, (i, j) => (((i + j) % 2) + ((i * j) % 3)) % 2 === 0,
    ];
    /** A version 1-L symbol (one block: 19 data + 7 EC codewords) carrying exactly `data`. */
    const symbolWith = (data) => {
      const matrix = encoder.encode('x', { ecLevel: 'L', minVersion: 1, mask: 0 });
      const block = new Uint8Array(raw.memory.buffer, raw.rsBlockBuffer(), 255);
      block.set(data);
      raw.rsEncodeBlock(19, 7);
      const codewords = block.slice(0, 26);
      const order = dataModuleOrder(1);
      order.forEach((index, bit) => {
        const value = bit < 26 * 8 ? (codewords[bit >> 3] >> (7 - (bit & 7))) & 1 : 0;
        matrix.modules[index] = value ^ (maskBit[0](Math.floor(index / 21), index % 21) ? 1 : 0);
      });
      return matrix;
    };
    const valid = new Uint8Array(19).fill(0xec);
    valid.set([0x40, 0x14, 0x10]); // byte mode, 1 byte: 'A', terminator
    assert.equal(decoder.decodeModules(symbolWith(valid))?.text, 'A');
    assert.equal(decoder.decodeModules(symbolWith(new Uint8Array(19).fill(0xf0))), null, 'mode 1111 does not exist');
    const truncated = new Uint8Array(19).fill(0x41);
    truncated.set([0x4f, 0xf4]); // byte mode claiming 255 bytes in a 19-codeword symbol
    assert.equal(decoder.decodeModules(symbolWith(truncated)), null);
    const badNumeric = new Uint8Array(19);
    badNumeric.set([0x10, 0x0f, 0xfe]); // numeric, 3 digits, group value 1023 > 999
    assert.equal(decoder.decodeModules(symbolWith(badNumeric)), null);
    assert.throws(() => decoder.decodeModules({ size: 21, modules: new Uint8Array(10) }), TypeError);
  });
});
