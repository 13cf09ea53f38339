// `pass-check verify`: passes from files (PNG/JPEG photos and screenshots read
// with @pass-check/wasm-qr, `.smart-health-card` files, text) or stdin.
//
// Image decoders: pngjs and jpeg-js. Both are pure JavaScript with no native
// build and no dependencies of their own, long maintained and widely used, and
// give RGBA pixels straight into what the QR decoder takes.
import fs from 'node:fs/promises';
import { PNG } from 'pngjs';
import jpeg from 'jpeg-js';

/** Inputs larger than this are refused unread (a phone photo is a few MB). */
export const MAX_INPUT_BYTES = 32 * 1024 * 1024;
/** Decoded images larger than this many pixels are refused (jpeg-js checks it too). */
export const MAX_PIXELS = 40_000_000;

let decoderPromise;
// Loaded on first use: trust commands never need the QR decoder.
const qrDecoder = () => (decoderPromise ??= import('@pass-check/wasm-qr').then((m) => m.createQrDecoder()));

const isPng = (b) => b.length > 8 && b[0] === 0x89 && b[1] === 0x50 && b[2] === 0x4e && b[3] === 0x47;
const isJpeg = (b) => b.length > 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff;

export class InputError extends Error {
  name = 'InputError';
  constructor(code, message) { super(message); this.code = code; }
}

function decodeImage(bytes) {
  try {
    if (isPng(bytes)) {
      const png = PNG.sync.read(Buffer.from(bytes));
      if (png.width * png.height > MAX_PIXELS) throw new InputError('IMAGE_TOO_LARGE', 'image has too many pixels');
      return { data: new Uint8Array(png.data.buffer, png.data.byteOffset, png.data.length), width: png.width, height: png.height };
    }
    const img = jpeg.decode(bytes, { useTArray: true, formatAsRGBA: true, maxResolutionInMP: MAX_PIXELS / 1e6, maxMemoryUsageInMB: 512 });
    return { data: img.data, width: img.width, height: img.height };
  } catch (e) {
    if (e instanceof InputError) throw e;
    throw new InputError('BAD_IMAGE', `cannot decode the image: ${String(e?.message ?? e).slice(0, 120)}`);
  }
}

/** What to hand the verifier for one input: a text, every chunk of a chunked SHC, or nothing found. */
export async function passFromBytes(bytes) {
  if (isPng(bytes) || isJpeg(bytes)) {
    const codes = (await qrDecoder()).decode(decodeImage(bytes));
    const texts = [...new Set(codes.map((c) => c.text))];
    if (!texts.length) throw new InputError('NO_QR', 'no QR code found in the image');
    if (texts.length > 1 && texts.every((t) => /^shc:\/\d+\/\d+\//i.test(t))) return texts;
    return texts[0];
  }
  let text;
  try { text = new TextDecoder('utf-8', { fatal: true }).decode(bytes); } catch { throw new InputError('BAD_INPUT', 'not an image and not UTF-8 text'); }
  return text.trim();
}

export async function readInput(name, stdin) {
  if (name === '-') {
    const chunks = [];
    let total = 0;
    for await (const chunk of stdin) {
      total += chunk.length;
      if (total > MAX_INPUT_BYTES) throw new InputError('INPUT_TOO_LARGE', 'stdin is too large');
      chunks.push(chunk);
    }
    return new Uint8Array(Buffer.concat(chunks));
  }
  let handle;
  try {
    handle = await fs.open(name, 'r');
    const { size } = await handle.stat();
    if (size > MAX_INPUT_BYTES) throw new InputError('INPUT_TOO_LARGE', `${name} is too large`);
    return new Uint8Array(await handle.readFile());
  } catch (e) {
    if (e instanceof InputError) throw e;
    throw new InputError('READ_FILE', `cannot read ${name}: ${e.code ?? e.message}`);
  } finally {
    await handle?.close();
  }
}
