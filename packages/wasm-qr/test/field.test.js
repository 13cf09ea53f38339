// Field photos (test/field-scenes.js): health-pass-sized codes, versions
// 10–25, as phones see them. Each test stands for a way real photos failed
// (issue #15): tiny codes, dark-mode screens, large soft photos, strong tilt,
// Shift JIS text without an ECI; and none of the kinds may ever give a wrong
// text. Node and Chromium (no JPEG kind here: that needs an encoder).
import { describe, it, before } from 'node:test';
import assert from 'node:assert/strict';
import { createQrDecoder, createQrEncoder } from '@pass-check/wasm-qr';
import { fieldPhoto, FIELD_KINDS } from './field-scenes.js';
import { seededRandom } from './codec-helpers.js';
import { renderScene } from './image-scenes.js';

/** Each corner the decoder reports within `modules` module sizes of the true one (same order: TL, TR, BR, BL). */
function assertCornersNear(got, truth, size, modules, label) {
  const side = Math.hypot(truth[1].x - truth[0].x, truth[1].y - truth[0].y);
  const tolerance = (modules * side) / size;
  got.forEach((corner, k) => {
    const off = Math.hypot(corner.x - truth[k].x, corner.y - truth[k].y);
    assert.ok(off <= tolerance, `${label}: corner ${k} (${corner.x.toFixed(1)}, ${corner.y.toFixed(1)}) is ${off.toFixed(1)} px from (${truth[k].x.toFixed(1)}, ${truth[k].y.toFixed(1)}), more than ${tolerance.toFixed(1)}`);
  });
}

function invert(image) {
  const data = new Uint8ClampedArray(image.data);
  for (let i = 0; i < data.length; i += 4) {
    data[i] = 255 - data[i];
    data[i + 1] = 255 - data[i + 1];
    data[i + 2] = 255 - data[i + 2];
  }
  return { data, width: image.width, height: image.height };
}

describe('field photos', () => {
  let decoder;
  let encoder;
  before(async () => {
    decoder = await createQrDecoder();
    encoder = await createQrEncoder();
  });
  const photo = (kind, i) => fieldPhoto(kind, i, { encoder });
  const texts = (image) => decoder.decode(image).map((c) => c.text);

  it('tiny codes: 1.4–2.2 pixels a module in a ~100–200 px image, also inverted', async () => {
    for (let i = 0; i < 4; i++) {
      const p = await photo('small', i);
      assert.ok(Math.max(p.image.width, p.image.height) <= 400, 'a tiny image');
      assert.deepEqual(texts(p.image), [p.text], `${p.id} (${p.image.width}×${p.image.height}, version ${p.version})`);
      assert.deepEqual(texts(invert(p.image)), [p.text], `${p.id} inverted`);
    }
  });

  it('dark-mode screens: light modules on dark, hardly any border; corners where the code is', async () => {
    for (let i = 0; i < 3; i++) {
      const p = await photo('dark-mode', i);
      const codes = decoder.decode(p.image);
      assert.deepEqual(codes.map((c) => c.text), [p.text], p.id);
      assertCornersNear(codes[0].corners, p.corners, 17 + 4 * p.version, 1, p.id);
    }
  });

  it('a large soft photo (12 MP, the code a small part of it): read, corners in full-size pixels', async () => {
    const p = await photo('large', 0);
    assert.equal(p.image.width * p.image.height, 12e6);
    const codes = decoder.decode(p.image);
    assert.deepEqual(codes.map((c) => c.text), [p.text]);
    assertCornersNear(codes[0].corners, p.corners, 17 + 4 * p.version, 1, p.id);
  });

  it('a large photo whose full-size scan finds nothing is read at half size; corners in full-size pixels', () => {
    // a fine striped texture (1-pixel 1:1:3:1:1 runs) above the code spends the row scans' budget of
    // sightings before they reach it; at half size (2×2 means) the stripes become flat grey
    const text = 'HC1:' + 'NCFOXN%TS3DH3ZSUZK+.V0ETD%65NL-AH'.repeat(6);
    const matrix = encoder.encode(text, { ecLevel: 'Q' });
    const module = 6, quiet = 4 * module, side = (matrix.size + 8) * module;
    const scene = (width, height) => {
      const x0 = 700, y0 = height - side - 60;
      const outer = [{ x: x0, y: y0 }, { x: x0 + side, y: y0 }, { x: x0 + side, y: y0 + side }, { x: x0, y: y0 + side }];
      const image = renderScene(width, height, [{ matrix, corners: outer }], { background: 200 });
      const stripe = [0, 1, 0, 0, 0, 1, 0, 1];
      for (let y = 0; y < y0 - 40; y++) {
        for (let x = 0; x < width; x++) {
          const o = (y * width + x) * 4;
          image.data[o] = image.data[o + 1] = image.data[o + 2] = stripe[x % 8] ? 230 : 30;
        }
      }
      const truth = [[0, 0], [1, 0], [1, 1], [0, 1]].map(([u, v]) => ({ x: x0 + quiet + u * (side - 2 * quiet), y: y0 + quiet + v * (side - 2 * quiet) }));
      return { image, truth };
    };
    // short side under 1200 px: one scan at full size only, which the texture defeats
    assert.deepEqual(decoder.decode(scene(2400, 1180).image), []);
    // 2400 × 1800: the second look at half size reads it, corners mapped back to full-size pixels
    const large = scene(2400, 1800);
    const codes = decoder.decode(large.image);
    assert.deepEqual(codes.map((c) => c.text), [text]);
    assertCornersNear(codes[0].corners, large.truth, matrix.size, 0.5, 'halved');
  });

  it('strong tilt: a trapezoid whose far edge is 65–75 % of the near one, every edge, four rotations', () => {
    const text = 'shc:/' + '5676290952432060346029243740446031222959532654603460292540772804336028702864716745222809286133314564376531415950'.repeat(5);
    const matrix = encoder.encode(text, { ecLevel: 'L', minVersion: 15 });
    const read = { 0.65: 0, 0.75: 0 };
    for (const keep of [0.65, 0.75]) {
      for (const edge of [0, 1, 2, 3]) {
        for (const degrees of [0, 30, 135, 250]) {
          // edge 0 top, 1 right, 2 bottom, 3 left: shortened to `keep`, as a plane tilted away from the camera
          const unit = [[-1, -1], [1, -1], [1, 1], [-1, 1]].map(([u, v]) => {
            if ((edge === 0 && v < 0) || (edge === 2 && v > 0)) u *= keep;
            if ((edge === 1 && u > 0) || (edge === 3 && u < 0)) v *= keep;
            return [u, v];
          });
          const a = (degrees * Math.PI) / 180;
          const half = ((matrix.size + 8) * 4.5) / 2;
          const corners = unit.map(([u, v]) => ({ x: 640 + (u * Math.cos(a) - v * Math.sin(a)) * half, y: 400 + (u * Math.sin(a) + v * Math.cos(a)) * half }));
          const got = texts(renderScene(1280, 800, [{ matrix, corners }], { blur: 1, noise: 3 }));
          assert.ok(got.every((t) => t === text), `keep ${keep} edge ${edge} ${degrees}°: no wrong text`);
          if (got.includes(text)) read[keep]++;
        }
      }
    }
    // measured (issue #15): 15/16 at 75 %, 12/16 at 65 %; the decoder before it read 14/16 and 3/16 (at 55 %: 1 and 0)
    assert.ok(read[0.75] >= 14, `75 %: ${read[0.75]} of 16`);
    assert.ok(read[0.65] >= 10, `65 %: ${read[0.65]} of 16`);
  });

  it('Shift JIS text without an ECI: the Japanese text, and the bytes as coded', async () => {
    for (let i = 0; i < 3; i++) {
      const p = await photo('charset', i);
      const codes = decoder.decode(p.image);
      assert.equal(codes.length, 1, p.id);
      assert.equal(codes[0].text, p.text);
      assert.deepEqual(codes[0].bytes, p.bytes);
      assert.ok(/[\u3040-\u30ff\u4e00-\u9fff]/.test(codes[0].text), 'Japanese text');
    }
  });

  it('no kind ever gives a wrong text: a code is read right or not at all', async () => {
    for (const kind of FIELD_KINDS) {
      if (kind === 'jpeg' || kind === 'large') continue; // jpeg needs an encoder; large is covered above
      for (let i = 4; i < 5; i++) {
        const p = await photo(kind, i);
        for (const image of [p.image, invert(p.image)]) {
          const got = texts(image);
          assert.ok(got.every((t) => t === p.text), `${p.id}: ${got.length} codes, none may differ`);
        }
      }
    }
  });

  it('noise at the sizes that get a second look (tiny: enlarged; large: halved, quartered): nothing, quickly', () => {
    const random = seededRandom(1515);
    for (const [width, height, cell] of [[87, 107, 1], [150, 150, 2], [2100, 2000, 3]]) {
      const data = new Uint8ClampedArray(width * height * 4);
      for (let y = 0; y < height; y += cell) {
        for (let x = 0; x < width; x += cell) {
          const v = random() < 0.5 ? 0 : 255;
          for (let yy = y; yy < Math.min(height, y + cell); yy++) {
            for (let xx = x; xx < Math.min(width, x + cell); xx++) {
              const o = (yy * width + xx) * 4;
              data[o] = data[o + 1] = data[o + 2] = v;
              data[o + 3] = 255;
            }
          }
        }
      }
      const start = performance.now();
      assert.deepEqual(decoder.decode({ data, width, height }), []);
      assert.ok(performance.now() - start < 20000, `${width}×${height} bounded`);
    }
  });
});
