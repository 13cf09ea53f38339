import { describe, it, before } from 'node:test';
import assert from 'node:assert/strict';
import { createQrDecoder, createQrEncoder, encodeQr, qrToSvg } from '@pass-check/wasm-qr';

/** ISO/IEC 18004 7.8.3 penalty, written out independently of the wasm one. */
function penalty({ size, modules }) {
  const at = (x, y) => (x < 0 || y < 0 || x >= size || y >= size ? 0 : modules[y * size + x]);
  let score = 0;
  for (const horizontal of [true, false]) {
    for (let line = 0; line < size; line++) {
      const get = (i) => (horizontal ? at(i, line) : at(line, i));
      let run = 1;
      for (let i = 1; i <= size; i++) {
        if (i < size && get(i) === get(i - 1)) { run++; continue; }
        if (run >= 5) score += 3 + (run - 5);
        run = 1;
      }
      const core = [1, 0, 1, 1, 1, 0, 1];
      for (let i = 0; i + 7 <= size; i++) {
        if (!core.every((value, k) => get(i + k) === value)) continue;
        if ([1, 2, 3, 4].every((k) => get(i - k) === 0)) score += 40;
        if ([1, 2, 3, 4].every((k) => get(i + 6 + k) === 0)) score += 40;
      }
    }
  }
  let dark = 0;
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      dark += at(x, y);
      if (x + 1 < size && y + 1 < size && at(x, y) === at(x + 1, y) && at(x, y) === at(x, y + 1) && at(x, y) === at(x + 1, y + 1)) score += 3;
    }
  }
  return score + 10 * Math.floor(Math.abs((dark * 100) / (size * size) - 50) / 5);
}

describe('encoder', () => {
  let encoder;
  let decoder;
  before(async () => {
    encoder = await createQrEncoder();
    decoder = await createQrDecoder();
  });

  it('auto segments: digits numeric, base45 alphanumeric, shc:/ bodies numeric (smaller symbols than byte mode)', () => {
    const shc = `shc:/${'5676290952432060346029243740446031222959532654603460292540772804336028702864716745222809'.repeat(12)}`;
    const auto = encoder.encode(shc, { ecLevel: 'L' });
    const asBytes = encoder.encode([{ mode: 'byte', data: shc }], { ecLevel: 'L' });
    assert.ok(auto.version < asBytes.version, `${auto.version} < ${asBytes.version}`);
    assert.equal(decoder.decodeModules(auto).text, shc);
    const dcc = `HC1:${'6BF+70790T9WJWG.FKY*4GO0.O1CV2 O5 N2FBBRW1*70HS8WY04AC*WIFN0AHCD8KD97TK0F90KECTHGWJC0FDC:5AIA%G7X+AQB9746HS80:54IBQF60R6$A80X6S1BTYACG6M+9XG8KIAWNA91AY%67092L4WJCT3EHS8XJC$+DXJCCWENF6OF63W5NW6WF6%JC QE/IAYJC5LEW34U3ET7DXC9 QE-ED8%E.JCBECB1A-:8$96646AL60A60S6Q$D.UDRYA 96NF6L/5QW6307KQEPD09WEQDD+Q6TW6FA7C466KCN9E%961A6DL6FA7D46JPCT3E5JDLA7$Q6E464W5TG6..DX%DZJC6/DTZ9 QE5$CB$DA/D JC1/D3Z8WED1ECW.CCWE.Y92OAGY8MY9L+9MPCG/D5 C5IA5N9$PC5$CUZCY$5Y$527B+A4KZNQG5TKOWWD9FL%I8U$F7O2IBM85CWOC%LEZU4R/BXHDAHN 11$CA5MRI:AONFN7091K9FKIGIY%VWSSSU9%01FO2*FTPQ3C3F'}`;
    const dccAuto = encoder.encode(dcc, { ecLevel: 'Q' });
    assert.ok(dccAuto.version < encoder.encode([{ mode: 'byte', data: dcc }], { ecLevel: 'Q' }).version);
    assert.equal(decoder.decodeModules(dccAuto).text, dcc);
  });

  it('version 40 limits: 7089 digits, 4296 alphanumerics, 2953 bytes at L; one more throws RangeError', () => {
    for (const [segment, limit] of [['numeric', 7089], ['alphanumeric', 4296], ['byte', 2953]]) {
      const fits = encoder.encode([{ mode: segment, data: '7'.repeat(limit) }], { ecLevel: 'L' });
      assert.equal(fits.version, 40, segment);
      assert.equal(decoder.decodeModules(fits).text, '7'.repeat(limit));
      assert.throws(() => encoder.encode([{ mode: segment, data: '7'.repeat(limit + 1) }], { ecLevel: 'L' }), RangeError);
    }
  });

  it('the chosen mask has the lowest penalty of the eight (independent penalty computation)', () => {
    for (const [text, ecLevel] of [['HC1:ABC', 'M'], ['shc:/0123456789', 'L'], ['Grüße aus dem Testlabor, Version vier', 'H']]) {
      const chosen = encoder.encode(text, { ecLevel });
      const scores = [0, 1, 2, 3, 4, 5, 6, 7].map((mask) => penalty(encoder.encode(text, { ecLevel, mask })));
      assert.equal(scores[chosen.mask], Math.min(...scores), `${text}: ${scores}`);
      assert.deepEqual(chosen.modules, encoder.encode(text, { ecLevel, mask: chosen.mask }).modules);
    }
  });

  it('draws the function patterns: finders, timing, dark module', () => {
    const { size, modules } = encoder.encode('patterns', { minVersion: 7 });
    const at = (x, y) => modules[y * size + x];
    for (const [left, top] of [[0, 0], [size - 7, 0], [0, size - 7]]) {
      for (let dy = 0; dy < 7; dy++) {
        for (let dx = 0; dx < 7; dx++) {
          const ring = Math.max(Math.abs(dx - 3), Math.abs(dy - 3));
          assert.equal(at(left + dx, top + dy), ring === 2 ? 0 : 1);
        }
      }
    }
    for (let i = 8; i < size - 8; i++) {
      assert.equal(at(i, 6), i % 2 === 0 ? 1 : 0);
      assert.equal(at(6, i), i % 2 === 0 ? 1 : 0);
    }
    assert.equal(at(8, size - 8), 1);
  });

  it('rejects bad options and characters a mode cannot hold', () => {
    assert.throws(() => encoder.encode('x', { ecLevel: 'X' }), TypeError);
    for (const minVersion of [0, 41, 1.5]) assert.throws(() => encoder.encode('x', { minVersion }), TypeError);
    for (const mask of [8, -2]) assert.throws(() => encoder.encode('x', { mask }), TypeError);
    assert.throws(() => encoder.encode([{ mode: 'numeric', data: '12a' }]), TypeError);
    assert.throws(() => encoder.encode([{ mode: 'alphanumeric', data: 'lower' }]), TypeError);
    assert.throws(() => encoder.encode([{ mode: 'structured-append', index: 3, total: 2, parity: 0 }]), TypeError);
    assert.throws(() => encoder.encode(42), TypeError);
  });

  it('the empty string encodes to a version 1 symbol', () => {
    const matrix = encoder.encode('');
    assert.equal(matrix.version, 1);
    assert.equal(decoder.decodeModules(matrix).text, '');
  });

  it('encodeQr uses a shared encoder and gives the same matrix', async () => {
    const shared = await encodeQr('HC1:SHARED', { ecLevel: 'Q' });
    assert.deepEqual(shared, encoder.encode('HC1:SHARED', { ecLevel: 'Q' }));
  });
});

describe('qrToSvg', () => {
  let encoder;
  before(async () => { encoder = await createQrEncoder(); });

  it('one crisp path whose runs cover exactly the dark modules, offset by the margin', () => {
    const matrix = encoder.encode('svg test', { ecLevel: 'M' });
    const svg = qrToSvg(matrix, { margin: 2 });
    assert.match(svg, /^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg" viewBox="0 0 25 25" shape-rendering="crispEdges"/);
    assert.equal(svg.match(/<path /g).length, 1);
    const covered = new Uint8Array(matrix.size * matrix.size);
    for (const [, x, y, width] of svg.matchAll(/M(\d+) (\d+)h(\d+)v1h-\d+z/g)) {
      for (let k = 0; k < Number(width); k++) covered[(Number(y) - 2) * matrix.size + Number(x) - 2 + k] = 1;
    }
    assert.deepEqual(covered, matrix.modules);
  });

  it('size, colours (escaped), transparent background, default quiet zone of 4', () => {
    const matrix = encoder.encode('x');
    assert.match(qrToSvg(matrix), /viewBox="0 0 29 29"/);
    assert.match(qrToSvg(matrix, { moduleSize: 3 }), /width="87" height="87"/);
    const svg = qrToSvg(matrix, { dark: '"><script>', light: null });
    assert.ok(!svg.includes('<script>'));
    assert.ok(!svg.includes('<rect'));
    assert.throws(() => qrToSvg({ size: 21, modules: new Uint8Array(3) }), TypeError);
    assert.throws(() => qrToSvg(matrix, { margin: -1 }), TypeError);
  });
});
