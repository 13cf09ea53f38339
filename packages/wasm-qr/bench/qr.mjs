// npm run bench:qr -- --corpus ../shared/corpus/qr [--sets dcc,photos,...] [--limit N] [--field N] [--repeat N]
//
// Sets: the corpus folders (dcc, shc, photos, photos-jsqr, synthetic, frames)
// and `field`: N generated field photos per kind (test/field-scenes.js; phone
// JPEG through sharp), reported per kind and per failure kind.
//
// Our decoder against zxing-wasm (fast: tryHarder off, first code only; and
// its defaults), jsQR and @zxing/library, side by side in one run on the same
// pixels: every image is loaded once with sharp (transparency flattened onto
// white, 8-bit RGBA like a canvas ImageData) and handed to each decoder in turn.
// Per set: read rate, misreads (a text returned that is not the expected one),
// median and p90 milliseconds per image. A decoder's time for an image is the
// least of --repeat runs (default 3, every decoder alike), so that one
// interruption on a shared machine does not stand for that image; read counts
// come from the first run. `ours` is the build a decoder picks by default
// (wasm-qr-simd.wasm where the engine has SIMD, as Node 20 and every current
// browser do); `ours, plain .wasm` is wasm-qr.wasm, what engines without SIMD
// run. A benchmark, not a test: it prints.
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const packageDir = path.join(here, '..');
const require = createRequire(path.join(packageDir, 'package.json'));

function option(name, fallback) {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 && i + 1 < process.argv.length ? process.argv[i + 1] : fallback;
}
const corpus = path.resolve(option('corpus', path.join(packageDir, '../../../shared/corpus/qr')));
const onlySets = option('sets', 'dcc,shc,photos,photos-jsqr,synthetic,frames,field').split(',');
const fieldPerKind = Number(option('field', '6'));
const limit = Number(option('limit', 'Infinity'));
const repeat = Math.max(1, Number(option('repeat', '3')));
const verbose = process.argv.includes('--verbose');

const sharp = require('sharp');
const jsQR = require('jsqr');
const zxingLibrary = require('@zxing/library');
const zxingWasm = await import('zxing-wasm/reader');
const { createQrDecoder, createQrEncoder, defaultWasmUrl } = await import('@pass-check/wasm-qr');
const { fieldPhoto, FIELD_KINDS, FAILURE_OF_KIND } = await import('../test/field-scenes.js');

// zxing-wasm would fetch its .wasm from a CDN by default: hand it the local file
zxingWasm.prepareZXingModule({
  overrides: { wasmBinary: fs.readFileSync(require.resolve('zxing-wasm/reader/zxing_reader.wasm')) },
  fireImmediately: true,
});

const ours = await loadOurs();
const oursPlain = await createQrDecoder({ wasm: defaultWasmUrl() });

/** Our decoder through its public API; while the wrapper is unfinished, straight through the agreed wasm exports. */
async function loadOurs() {
  try {
    return await createQrDecoder();
  } catch (err) {
    console.log(`(createQrDecoder failed: ${err.message}; using dist/wasm-qr.wasm exports directly)`);
    const { instance } = await WebAssembly.instantiate(fs.readFileSync(path.join(packageDir, 'dist', 'wasm-qr.wasm')), {
      env: { abort: () => { throw new Error('wasm abort'); }, seed: () => 1, trace: () => {} },
    });
    const w = instance.exports;
    const utf8 = new TextDecoder();
    return {
      decode(img) {
        const ptr = w.imageBuffer(img.data.length);
        if (!ptr) return [];
        new Uint8Array(w.memory.buffer, ptr, img.data.length).set(img.data);
        const n = w.decode(img.width, img.height);
        const out = [];
        for (let i = 0; i < n; i++) out.push({ text: utf8.decode(new Uint8Array(w.memory.buffer, w.resultTextPtr(i), w.resultTextLength(i))) });
        return out;
      },
    };
  }
}
const zxingFastOptions = { formats: ['QRCode'], tryHarder: false, maxNumberOfSymbols: 1 };
const zxingDefaultOptions = { formats: ['QRCode'] };
const libraryReader = new zxingLibrary.QRCodeReader();

/** Each decoder: (image) → texts found. zxing's and jsQR's own API shapes are adapted before timing. */
const decoders = [
  { name: ours.simd ? 'ours' : 'ours (no SIMD here)', run: (img) => ours.decode(img).map((c) => ({ text: c.text, bytes: c.bytes })) },
  { name: 'ours, plain .wasm', run: (img) => oursPlain.decode(img).map((c) => ({ text: c.text, bytes: c.bytes })) },
  { name: 'zxing-wasm fast', run: async (img) => (await zxingWasm.readBarcodesFromImageData(img, zxingFastOptions)).filter((r) => r.isValid).map((r) => ({ text: r.text, bytes: r.bytes })) },
  { name: 'zxing-wasm default', run: async (img) => (await zxingWasm.readBarcodesFromImageData(img, zxingDefaultOptions)).filter((r) => r.isValid).map((r) => ({ text: r.text, bytes: r.bytes })) },
  { name: 'jsQR', run: (img) => { const r = jsQR(img.data, img.width, img.height); return r ? [{ text: r.data, bytes: Uint8Array.from(r.binaryData) }] : []; } },
  {
    name: '@zxing/library',
    prepare: (img) => {
      const argb = new Int32Array(img.width * img.height);
      const d = img.data;
      for (let i = 0, j = 0; i < argb.length; i++, j += 4) argb[i] = (0xff << 24) | (d[j] << 16) | (d[j + 1] << 8) | d[j + 2];
      return argb;
    },
    run: (img, argb) => {
      const source = new zxingLibrary.RGBLuminanceSource(argb, img.width, img.height);
      try { return [{ text: libraryReader.decode(new zxingLibrary.BinaryBitmap(new zxingLibrary.HybridBinarizer(source))).getText(), bytes: null }]; }
      catch { return []; }
    },
  },
];

async function loadImage(file) {
  const { data, info } = await sharp(file).flatten({ background: '#ffffff' }).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
  return { data: new Uint8ClampedArray(data.buffer, data.byteOffset, data.length), width: info.width, height: info.height };
}

/** The readings of a payload's bytes a reader may give without an ECI. */
const charsetReadings = [new TextDecoder('utf-8'), new TextDecoder('shift_jis'), new TextDecoder('latin1')];
/** Right bytes, wrong text: the charset guess failed (not a misread). Without expected bytes, any reading that gives the text counts. */
function charsetOnly(result, item) {
  if (!result.bytes || result.text === item.expected) return false;
  if (item.bytes) return result.bytes.length === item.bytes.length && result.bytes.every((b, i) => b === item.bytes[i]);
  // latin1 in WHATWG is windows-1252: check ISO-8859-1 by hand too
  const iso = String.fromCharCode(...result.bytes);
  return iso === item.expected || charsetReadings.some((d) => d.decode(result.bytes) === item.expected);
}

async function sharpJpeg(img, quality) {
  const encoded = await sharp(Buffer.from(img.data.buffer, img.data.byteOffset, img.data.length), { raw: { width: img.width, height: img.height, channels: 4 } })
    .jpeg({ quality, chromaSubsampling: '4:2:0' }).toBuffer();
  const { data, info } = await sharp(encoded).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
  return { data: new Uint8ClampedArray(data.buffer, data.byteOffset, data.length), width: info.width, height: info.height };
}

/** The generated field set: made one image at a time while benchmarking (12 MP frames are large). */
function fieldSet() {
  const items = [];
  let encoder;
  for (const kind of FIELD_KINDS) {
    for (let i = 0; i < fieldPerKind; i++) {
      items.push({
        id: `${kind}-${String(i).padStart(3, '0')}`, kind, failure: FAILURE_OF_KIND[kind], expected: null, bytes: null, reference: null,
        async load() {
          encoder ??= await createQrEncoder();
          const photo = await fieldPhoto(kind, i, { encoder, jpeg: sharpJpeg });
          this.expected = photo.text;
          this.bytes = photo.bytes;
          return photo.image;
        },
      });
    }
  }
  return { name: 'field', items, perKind: true };
}

function readJson(file) { return JSON.parse(fs.readFileSync(file, 'utf8')); }

/** The bench's sets: frames are the synthetic 1280×720 `frame-*` images, reported on their own. */
function listSets() {
  const sets = [];
  for (const dir of ['dcc', 'shc', 'photos', 'photos-jsqr', 'synthetic']) {
    const file = path.join(corpus, dir, 'manifest.json');
    if (!fs.existsSync(file)) continue;
    const manifest = readJson(file);
    const items = manifest.items.map((item) => ({
      id: item.id,
      file: path.join(corpus, dir, item.image),
      expected: item.expected ? fs.readFileSync(path.join(corpus, dir, item.expected), 'utf8') : null,
      reference: item.reference ? readJson(path.join(corpus, dir, item.reference)) : null,
    }));
    if (dir === 'synthetic') {
      sets.push({ name: 'synthetic', items: items.filter((i) => !i.id.startsWith('frame-')) });
      sets.push({ name: 'frames', items: items.filter((i) => i.id.startsWith('frame-')) });
    } else {
      sets.push({ name: dir, items });
    }
  }
  if (fieldPerKind > 0) sets.push(fieldSet());
  return sets.filter((s) => onlySets.includes(s.name)).map((s) => ({ ...s, items: s.items.slice(0, limit) }));
}

function quantile(sorted, q) {
  if (!sorted.length) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
}

async function benchSet(set) {
  const tally = decoders.map((d) => ({ name: d.name, read: 0, misread: 0, charset: 0, agree: 0, times: [], misses: [], kinds: {} }));
  let scored = 0;
  for (const item of set.items) {
    const img = item.load ? await item.load() : await loadImage(item.file);
    const wanted = item.expected !== null ? [item.expected] : item.reference;
    if (item.expected !== null) scored++;
    // each decoder goes first equally often, and after a pause: the image load (sharp's threads, a fresh
    // buffer) must not weigh on whichever decoder happens to run right after it
    const offset = set.items.indexOf(item) % decoders.length;
    for (let j = 0; j < decoders.length; j++) {
      const k = (j + offset) % decoders.length;
      const d = decoders[k];
      const t = tally[k];
      const prepared = d.prepare ? d.prepare(img) : undefined;
      let results;
      let best = Infinity;
      for (let r = 0; r < repeat; r++) {
        await new Promise((resolve) => setTimeout(resolve, 1));
        const start = performance.now();
        const got = await d.run(img, prepared);
        best = Math.min(best, performance.now() - start);
        results ??= got;
      }
      t.times.push(best);
      const texts = results.map((r) => r.text);
      if (item.expected !== null) {
        const read = texts.includes(item.expected);
        const charset = !read && results.some((r) => charsetOnly(r, item));
        if (read) t.read++;
        else t.misses.push(item.id);
        if (charset) t.charset++;
        if (results.some((r) => r.text !== item.expected && !charsetOnly(r, item))) t.misread++;
        if (set.perKind) {
          for (const key of [item.kind, `(${item.failure})`]) {
            const k = (t.kinds[key] ??= { read: 0, charset: 0, total: 0 });
            k.total++;
            if (read) k.read++;
            if (charset) k.charset++;
          }
        }
      } else if (wanted && wanted.length && wanted.every((w) => texts.includes(w))) {
        t.agree++;
      }
    }
  }
  return { tally, scored, total: set.items.length, referenceOnly: set.items.some((i) => i.expected === null) };
}

function fmt(x) { return Number.isFinite(x) ? x.toFixed(2) : '-'; }

// warm every decoder up (wasm compilation, JIT) on one image outside the timings
{
  const first = listSets()[0]?.items[0];
  if (first) {
    const img = first.load ? await first.load() : await loadImage(first.file);
    for (const d of decoders) await d.run(img, d.prepare ? d.prepare(img) : undefined);
  }
}

console.log(`corpus ${corpus}`);
const summary = [];
for (const set of listSets()) {
  const { tally, scored, total, referenceOnly } = await benchSet(set);
  console.log(`\n== ${set.name}: ${total} images${referenceOnly ? ` (no ground truth for ${total - scored}: agreement with the zxing-wasm reference is shown)` : ''}`);
  console.log(`${'decoder'.padEnd(20)} ${'read'.padStart(9)} ${'rate'.padStart(7)} ${'misread'.padStart(8)} ${'charset'.padStart(8)} ${'median ms'.padStart(10)} ${'p90 ms'.padStart(9)}`);
  for (const t of tally) {
    t.times.sort((a, b) => a - b);
    const count = referenceOnly ? t.agree : t.read;
    const denominator = referenceOnly ? total : scored;
    console.log(`${t.name.padEnd(20)} ${`${count}/${denominator}`.padStart(9)} ${fmt((100 * count) / denominator).padStart(6)}% ${String(t.misread).padStart(8)} ${String(t.charset).padStart(8)} ${fmt(quantile(t.times, 0.5)).padStart(10)} ${fmt(quantile(t.times, 0.9)).padStart(9)}`);
  }
  const [o, plain, fast, full] = tally;
  const ratio = (a, b) => quantile(a.times, 0.5) / quantile(b.times, 0.5);
  console.log(`ours/zxing-wasm fast: median time ×${fmt(ratio(o, fast))}, read ${o.read + o.agree} vs ${fast.read + fast.agree}; ours/zxing-wasm default: median time ×${fmt(ratio(o, full))}, read ${o.read + o.agree} vs ${full.read + full.agree}`);
  console.log(`plain .wasm/zxing-wasm fast: median time ×${fmt(ratio(plain, fast))}, read ${plain.read + plain.agree}; plain .wasm/ours: ×${fmt(ratio(plain, o))}`);
  if (set.perKind) {
    console.log(`per kind (read/total; +n = right bytes, wrong text): ${tally.map((t) => t.name).join(' | ')}`);
    const keys = Object.keys(o.kinds);
    for (const key of [...keys.filter((k) => !k.startsWith('(')), ...keys.filter((k) => k.startsWith('('))]) {
      console.log(`  ${key.padEnd(12)} ${tally.map((t) => { const k = t.kinds[key]; return `${k.read}/${k.total}${k.charset ? ` +${k.charset}` : ''}`.padStart(10); }).join(' ')}`);
    }
  }
  if (verbose && o.misses.length) console.log(`ours missed: ${o.misses.join(' ')}`);
  summary.push({ set: set.name, o, fast, full });
}
const sizeOf = (file) => { const bytes = fs.statSync(file).size; return `${bytes} bytes (${(bytes / 1024).toFixed(1)} KiB)`; };
console.log(`\nwasm-qr.wasm ${sizeOf(path.join(packageDir, 'dist', 'wasm-qr.wasm'))}; wasm-qr-simd.wasm ${sizeOf(path.join(packageDir, 'dist', 'wasm-qr-simd.wasm'))}; zxing_reader.wasm ${sizeOf(require.resolve('zxing-wasm/reader/zxing_reader.wasm'))}`);
