// A QR decoder the scanner can use. The wasm-qr worker is first choice; the
// others are fallbacks for when the .wasm cannot be loaded (old browser, a CSP
// without 'wasm-unsafe-eval', a missing file).

/** A picture to search for QR codes: a camera frame or a decoded photo. */
export type FrameImage = ImageBitmap | ImageData;

export interface DecoderEngine {
  /** Short name shown to the user ("wasm-qr", "BarcodeDetector", "ZXing"). */
  readonly name: string;
  /** The text of every QR code found. Takes ownership of `image` (an ImageBitmap is closed). */
  decode(image: FrameImage): Promise<string[]>;
  dispose(): void;
}

/** Makes an engine, or rejects when it cannot run here. */
export type DecoderEngineFactory = () => Promise<DecoderEngine>;

/** The first engine that starts, in order of preference. */
export async function firstAvailableEngine(factories: readonly DecoderEngineFactory[]): Promise<DecoderEngine> {
  const failures: unknown[] = [];
  for (const factory of factories) {
    try {
      return await factory();
    } catch (e) {
      failures.push(e);
    }
  }
  throw new AggregateError(failures, 'no QR decoder could be started');
}

/** Pixels of an image, for engines that need raw RGBA. */
export function pixelsOf(image: FrameImage, canvas: OffscreenCanvas | undefined): { data: Uint8ClampedArray; width: number; height: number; canvas: OffscreenCanvas | undefined } {
  if (!('close' in image)) return { data: image.data, width: image.width, height: image.height, canvas };
  const { width, height } = image;
  const target = canvas && canvas.width === width && canvas.height === height ? canvas : new OffscreenCanvas(width, height);
  const context = target.getContext('2d', { willReadFrequently: true }) as OffscreenCanvasRenderingContext2D;
  context.drawImage(image, 0, 0);
  image.close();
  const pixels = context.getImageData(0, 0, width, height);
  return { data: pixels.data, width: pixels.width, height: pixels.height, canvas: target };
}
