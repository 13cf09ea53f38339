// A pass's QR, drawn again crisply: wasm-qr's encoder (which puts a SMART
// Health Card's digits in a numeric segment, as the spec asks), or ZXing's
// when the .wasm cannot load (same text in byte mode: denser, still scans).
import { createQrEncoder, encodeQr, type QrEncoder } from '@pass-check/wasm-qr';
import { encodeWithZxing } from './qr-encode-zxing.js';

export interface QrMatrix {
  size: number;
  /** size × size, row by row; truthy = dark module. */
  modules: ArrayLike<number | boolean>;
}

let encoderFromUrl: { url: string; encoder: Promise<QrEncoder> } | undefined;

/** Where the .wasm is, when wasm-qr cannot find it beside itself (the script-tag build). */
export function setQrWasmUrl(url: string): void {
  encoderFromUrl = { url, encoder: createQrEncoder({ wasm: new URL(url) }) };
  encoderFromUrl.encoder.catch(() => {});
}

/** The QR of a pass's text, or of its raw bytes (a DIVOC ZIP archive, in byte mode). */
export async function encodeQrMatrix(text: string | Uint8Array): Promise<QrMatrix> {
  try {
    // ecLevel L: a pass is shown on a clean screen or paper, and a smaller symbol scans from further away.
    if (encoderFromUrl) return (await encoderFromUrl.encoder).encode(text, { ecLevel: 'L' });
    return await encodeQr(text, { ecLevel: 'L' });
  } catch {
    // The .wasm could not load (or refuses the text): draw with ZXing instead.
    if (typeof text !== 'string') throw new Error('raw bytes need the wasm-qr encoder');
    return encodeWithZxing(text);
  }
}

/** One SVG path for every dark module: small, and sharp at any print size. */
export function qrPath(matrix: QrMatrix, quietZone = 4): string {
  const parts: string[] = [];
  for (let y = 0; y < matrix.size; y++) {
    for (let x = 0; x < matrix.size; x++) {
      if (!matrix.modules[y * matrix.size + x]) continue;
      // Runs of dark modules become one rectangle.
      let run = 1;
      while (x + run < matrix.size && matrix.modules[y * matrix.size + x + run]) run++;
      parts.push(`M${x + quietZone} ${y + quietZone}h${run}v1h-${run}z`);
      x += run - 1;
    }
  }
  return parts.join('');
}

/**
 * `text` as a QR code on a canvas, `moduleSize` pixels per module with a white
 * quiet zone of four modules, centred on a white page of `width`×`height`
 * (default: just the code): the picture a phone screen holds up to a camera,
 * for "show to camera" demos, stories and tests.
 */
export async function qrCanvas(text: string | Uint8Array, options: { moduleSize?: number; width?: number; height?: number } = {}): Promise<HTMLCanvasElement> {
  const { moduleSize = 4 } = options;
  const matrix = await encodeQrMatrix(text);
  const side = (matrix.size + 8) * moduleSize;
  const canvas = document.createElement('canvas');
  canvas.width = options.width ?? side;
  canvas.height = options.height ?? side;
  const context = canvas.getContext('2d')!;
  context.fillStyle = '#ffffff';
  context.fillRect(0, 0, canvas.width, canvas.height);
  context.fillStyle = '#000000';
  const left = Math.floor((canvas.width - side) / 2) + 4 * moduleSize;
  const top = Math.floor((canvas.height - side) / 2) + 4 * moduleSize;
  for (let y = 0; y < matrix.size; y++) {
    for (let x = 0; x < matrix.size; x++) {
      if (matrix.modules[y * matrix.size + x]) context.fillRect(left + x * moduleSize, top + y * moduleSize, moduleSize, moduleSize);
    }
  }
  return canvas;
}
