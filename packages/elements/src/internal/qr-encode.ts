// A pass's QR, drawn again crisply. wasm-qr's encoder is used when the build
// has it (`encodeQr`, with SMART Health Cards' numeric segment); otherwise
// ZXing's encoder, which writes the same text in byte mode (a denser code
// that every reader still scans).
import * as wasmQr from '@pass-check/wasm-qr';

export interface QrMatrix {
  size: number;
  /** size × size, row by row; truthy = dark module. */
  modules: ArrayLike<number | boolean>;
}

type EncodeQr = (text: string, options: { ecLevel: 'L' | 'M' | 'Q' | 'H' }) => QrMatrix | Promise<QrMatrix>;

export async function encodeQrMatrix(text: string): Promise<QrMatrix> {
  const encodeQr = (wasmQr as unknown as { encodeQr?: EncodeQr }).encodeQr;
  if (typeof encodeQr === 'function') {
    try {
      return await encodeQr(text, { ecLevel: 'L' });
    } catch {
      // The encoder could not load (no .wasm here): draw with ZXing instead.
    }
  }
  return (await import('./qr-encode-zxing.js')).encodeWithZxing(text);
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
