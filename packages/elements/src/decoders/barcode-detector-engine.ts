// The browser's own BarcodeDetector (Chrome on Android/macOS/ChromeOS, Safari 17+).
import type { DecoderEngine, FrameImage } from './engine.js';

interface BarcodeDetectorLike {
  detect(image: ImageBitmapSource): Promise<{ rawValue: string }[]>;
}
interface BarcodeDetectorClass {
  new (options: { formats: string[] }): BarcodeDetectorLike;
  getSupportedFormats(): Promise<string[]>;
}

export async function startBarcodeDetectorEngine(): Promise<DecoderEngine> {
  const Detector = (globalThis as { BarcodeDetector?: BarcodeDetectorClass }).BarcodeDetector;
  if (!Detector) throw new Error('BarcodeDetector is not available');
  if (!(await Detector.getSupportedFormats()).includes('qr_code')) throw new Error('BarcodeDetector cannot read QR codes here');
  const detector = new Detector({ formats: ['qr_code'] });
  return {
    name: 'BarcodeDetector',
    async decode(image: FrameImage) {
      try {
        return (await detector.detect(image)).map((code) => code.rawValue);
      } catch {
        return [];
      } finally {
        if (!('data' in image)) image.close();
      }
    },
    dispose() {},
  };
}
