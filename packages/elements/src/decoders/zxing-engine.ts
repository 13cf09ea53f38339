// ZXing (pure JavaScript) on the main thread: the last resort when neither
// the wasm decoder nor BarcodeDetector is available. Loaded only when needed.
import type { DecoderEngine, FrameImage } from './engine.js';
import { pixelsOf } from './engine.js';
import { loadZxing } from '../internal/load-zxing.js';

export async function startZxingEngine(): Promise<DecoderEngine> {
  const { BinaryBitmap, HybridBinarizer, QRCodeReader, RGBLuminanceSource, DecodeHintType } = await loadZxing();
  const reader = new QRCodeReader();
  const hints = new Map([[DecodeHintType.TRY_HARDER, true]]);
  const scratch: { canvas?: OffscreenCanvas; buffer?: Uint8ClampedArray } = {};
  return {
    name: 'ZXing',
    async decode(image: FrameImage) {
      const pixels = await pixelsOf(image, scratch);
      const luminance = new Uint8ClampedArray(pixels.width * pixels.height);
      for (let i = 0, p = 0; i < luminance.length; i++, p += 4) {
        // Integer Rec. 601 weights: close enough for binarization, and cheap.
        luminance[i] = (pixels.data[p]! * 77 + pixels.data[p + 1]! * 150 + pixels.data[p + 2]! * 29) >> 8;
      }
      try {
        const bitmap = new BinaryBitmap(new HybridBinarizer(new RGBLuminanceSource(luminance, pixels.width, pixels.height)));
        return [reader.decode(bitmap, hints).getText()];
      } catch {
        // ZXing signals "no code here" by throwing.
        return [];
      } finally {
        reader.reset();
      }
    },
    dispose() {},
  };
}
