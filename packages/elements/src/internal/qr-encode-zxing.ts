// ZXing's QR encoder: the fallback when wasm-qr's encoder is not available.
import type { QrMatrix } from './qr-encode.js';
import { loadZxing } from './load-zxing.js';

export async function encodeWithZxing(text: string): Promise<QrMatrix> {
  const { QRCodeEncoder, QRCodeDecoderErrorCorrectionLevel } = await loadZxing();
  const matrix = QRCodeEncoder.encode(text, QRCodeDecoderErrorCorrectionLevel.L).getMatrix();
  const size = matrix.getWidth();
  const modules = new Uint8Array(size * size);
  for (let y = 0; y < size; y++) for (let x = 0; x < size; x++) modules[y * size + x] = matrix.get(x, y) === 1 ? 1 : 0;
  return { size, modules };
}
