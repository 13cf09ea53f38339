// The image stages end to end: codes rendered from encoder matrices at
// several scales, rotations and perspectives, with blur, noise, glare, low
// contrast, inversion and mirroring, several per image. Node and Chromium.
import { describe, it, before } from 'node:test';
import assert from 'node:assert/strict';
import { createQrDecoder, createQrEncoder } from '@pass-check/wasm-qr';
import { renderScene, squareAt, transposed } from './image-scenes.js';

const SHC_TEXT = 'shc:/' + '5676290952432060346029243740446031222959532654603460292540772804336028702865'.repeat(30);
const DCC_TEXT = 'HC1:NCFOXN%TS3DH3ZSUZK+.V0ETD%65NL-AH-R6IOOK.IR9B+9D-8LMAI$STF0RQIR:N9J$LOOCF6JK9B+9:NC3PA8UF:2.XYAIJCR6TG$0BU4E2DUN3:JGYUFOF5L6JIWTH$O1/6B.4O8EKLRQ1EBWM7B9C$KV0L8RBZ*3TDTP+WO/V0DH:P1J7T+X47H5-QJBB9JOSAT7YMJ0QR:J3F7H9*EU%NJ%V1R3U13P%M0/J9HMN:K+CO2EFGD7R+BRIG+I2K2';

function near(point, expected, tolerance) {
  return Math.hypot(point.x - expected.x, point.y - expected.y) <= tolerance;
}

describe('image pipeline', () => {
  let decoder;
  let encoder;
  before(async () => {
    decoder = await createQrDecoder();
    encoder = await createQrEncoder();
  });

  /** The outer corners of the symbol itself (inside a 4-module quiet zone) given the quiet-zone corners of an axis-aligned square. */
  function symbolCorners(cx, cy, side, size) {
    const inner = (side * size) / (size + 8);
    return squareAt(cx, cy, inner);
  }

  it('reads a version 5 code at 2, 3, 5 and 9 pixels per module, with the corners where it was drawn', () => {
    const matrix = encoder.encode('https://example.org/pass?id=12345', { ecLevel: 'M' });
    for (const scale of [2, 3, 5, 9]) {
      const side = (matrix.size + 8) * scale;
      const width = side + 40;
      const image = renderScene(width, width, [{ matrix, corners: squareAt(width / 2, width / 2, side) }]);
      const codes = decoder.decode(image);
      assert.equal(codes.length, 1, `${scale} px/module`);
      assert.equal(codes[0].text, 'https://example.org/pass?id=12345');
      assert.equal(codes[0].version, matrix.version);
      assert.equal(codes[0].ecLevel, 'M');
      const expected = symbolCorners(width / 2, width / 2, side, matrix.size);
      for (let k = 0; k < 4; k++) assert.ok(near(codes[0].corners[k], expected[k], scale * 1.5), `${scale} px/module corner ${k}: ${JSON.stringify(codes[0].corners[k])} vs ${JSON.stringify(expected[k])}`);
    }
  });

  it('reads a code turned by any angle, with the top-left corner where the symbol has it', () => {
    const matrix = encoder.encode(DCC_TEXT, { ecLevel: 'Q' });
    for (const degrees of [0, 17, 45, 90, 135, 180, 250, 333]) {
      const side = (matrix.size + 8) * 4;
      const width = Math.ceil(side * 1.45) + 10;
      const corners = squareAt(width / 2, width / 2, side, degrees);
      const codes = decoder.decode(renderScene(width, width, [{ matrix, corners }], { blur: 1 }));
      assert.equal(codes.length, 1, `${degrees}°`);
      assert.equal(codes[0].text, DCC_TEXT, `${degrees}°`);
      const expected = symbolCorners(0, 0, side, matrix.size);
      const a = (degrees * Math.PI) / 180;
      const topLeft = { x: width / 2 + expected[0].x * Math.cos(a) - expected[0].y * Math.sin(a), y: width / 2 + expected[0].x * Math.sin(a) + expected[0].y * Math.cos(a) };
      assert.ok(near(codes[0].corners[0], topLeft, 8), `${degrees}°: top-left ${JSON.stringify(codes[0].corners[0])} vs ${JSON.stringify(topLeft)}`);
    }
  });

  it('reads a large (version 20+) SMART Health Card code under perspective, through its alignment patterns', () => {
    const matrix = encoder.encode([{ mode: 'byte', data: 'shc:/' }, { mode: 'numeric', data: SHC_TEXT.slice(5) }], { ecLevel: 'L' });
    assert.ok(matrix.version >= 20, `version ${matrix.version}`);
    const keystones = [
      [{ x: 60, y: 40 }, { x: 640, y: 70 }, { x: 610, y: 650 }, { x: 40, y: 600 }],
      [{ x: 90, y: 30 }, { x: 600, y: 30 }, { x: 660, y: 660 }, { x: 30, y: 660 }],
      [{ x: 40, y: 90 }, { x: 660, y: 20 }, { x: 660, y: 680 }, { x: 40, y: 610 }],
    ];
    for (const corners of keystones) {
      const codes = decoder.decode(renderScene(700, 700, [{ matrix, corners }], { blur: 1, noise: 6 }));
      assert.equal(codes.length, 1, JSON.stringify(corners));
      assert.equal(codes[0].text, SHC_TEXT);
      assert.equal(codes[0].version, matrix.version);
    }
  });

  it('survives noise, blur, a shadow gradient with glare, and low contrast', () => {
    const matrix = encoder.encode(DCC_TEXT, { ecLevel: 'M' });
    const side = (matrix.size + 8) * 4;
    const width = side + 60;
    const scenes = {
      noise: { noise: 40, seed: 3 },
      blur: { blur: 1, noise: 4 },
      gradientAndGlare: { gradient: 0.5, glare: 0.5, noise: 3 },
      lowContrast: { ink: 138, paper: 160, background: 150, noise: 2 },
    };
    for (const [name, options] of Object.entries(scenes)) {
      const codes = decoder.decode(renderScene(width, width, [{ matrix, corners: squareAt(width / 2, width / 2, side, 8) }], options));
      assert.equal(codes.length, 1, name);
      assert.equal(codes[0].text, DCC_TEXT, name);
    }
  });

  it('reads light-on-dark (inverted) and mirrored codes', () => {
    const matrix = encoder.encode('INVERTED AND MIRRORED 0123456789', { ecLevel: 'H' });
    const side = (matrix.size + 8) * 5;
    const width = side + 40;
    const inverted = decoder.decode(renderScene(width, width, [{ matrix, corners: squareAt(width / 2, width / 2, side) }], { invert: true }));
    assert.deepEqual(inverted.map((c) => c.text), ['INVERTED AND MIRRORED 0123456789']);
    const mirrored = decoder.decode(renderScene(width, width, [{ matrix: transposed(matrix), corners: squareAt(width / 2, width / 2, side, 20) }]));
    assert.deepEqual(mirrored.map((c) => c.text), ['INVERTED AND MIRRORED 0123456789']);
  });

  it('finds several codes in one image, each once, with corners around each', () => {
    const texts = ['first code', 'second code, a little longer than the first', 'THIRD 3333333333'];
    const placements = [squareAt(130, 130, 200, 0), squareAt(400, 150, 220, 25), squareAt(250, 400, 180, -15)];
    const codes = decoder.decode(renderScene(560, 540, texts.map((t, i) => ({ matrix: encoder.encode(t, { ecLevel: 'M' }), corners: placements[i] })), { noise: 4 }));
    assert.deepEqual(codes.map((c) => c.text).sort(), [...texts].sort());
    for (const code of codes) {
      const i = texts.indexOf(code.text);
      const cx = placements[i].reduce((s, p) => s + p.x, 0) / 4, cy = placements[i].reduce((s, p) => s + p.y, 0) / 4;
      const mx = code.corners.reduce((s, p) => s + p.x, 0) / 4, my = code.corners.reduce((s, p) => s + p.y, 0) / 4;
      assert.ok(Math.hypot(cx - mx, cy - my) < 10, `${code.text}: centre (${mx}, ${my}) vs (${cx}, ${cy})`);
    }
  });

  it('reads a code that fills a small part of a 1280×720 frame', () => {
    const matrix = encoder.encode(DCC_TEXT, { ecLevel: 'Q' });
    const codes = decoder.decode(renderScene(1280, 720, [{ matrix, corners: squareAt(900, 300, 330, -6) }], { background: 90, blur: 1, noise: 5, gradient: 0.3 }));
    assert.deepEqual(codes.map((c) => c.text), [DCC_TEXT]);
  });
});
