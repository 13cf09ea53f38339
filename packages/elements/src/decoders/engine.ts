// A QR decoder the scanner can use. The wasm-qr worker is first choice; the
// others are fallbacks for when the .wasm cannot be loaded (old browser, a CSP
// without 'wasm-unsafe-eval', a missing file).

/** A picture to search for QR codes: a camera frame (VideoFrame or ImageBitmap) or a decoded photo. */
export type FrameImage = ImageBitmap | ImageData | VideoFrame;

/** One code found: its text, and its raw bytes where the engine can tell them. */
export interface DecodedCode { text: string; bytes?: Uint8Array }

export interface DecoderEngine {
  /** Short name shown to the user ("wasm-qr", "BarcodeDetector", "ZXing"). */
  readonly name: string;
  /** The text of every QR code found. Takes ownership of `image` (a VideoFrame or ImageBitmap is closed). */
  decode(image: FrameImage): Promise<string[]>;
  /** As `decode`, with each code's raw bytes (engines that can read them: wasm-qr). */
  decodeCodes?(image: FrameImage): Promise<DecodedCode[]>;
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

export interface Pixels {
  data: Uint8ClampedArray;
  width: number;
  height: number;
}

/**
 * RGBA pixels of an image, for engines that need them; closes the image.
 * A VideoFrame is converted straight into `scratch.buffer` (one copy, no
 * canvas); anything else is drawn on `scratch.canvas`. Both are reused
 * between frames of the same size.
 */
export async function pixelsOf(image: FrameImage, scratch: { canvas?: OffscreenCanvas; buffer?: Uint8ClampedArray }): Promise<Pixels> {
  if ('data' in image) return { data: image.data, width: image.width, height: image.height };
  if ('displayWidth' in image) {
    const width = image.displayWidth;
    const height = image.displayHeight;
    try {
      const size = width * height * 4;
      if (scratch.buffer?.length !== size) scratch.buffer = new Uint8ClampedArray(size);
      await image.copyTo(scratch.buffer, { format: 'RGBA', colorSpace: 'srgb', rect: image.visibleRect ?? { x: 0, y: 0, width, height } });
      image.close();
      return { data: scratch.buffer, width, height };
    } catch {
      // A browser without RGBA conversion in copyTo: the canvas route below.
    }
  }
  const width = 'displayWidth' in image ? image.displayWidth : image.width;
  const height = 'displayHeight' in image ? image.displayHeight : image.height;
  if (scratch.canvas?.width !== width || scratch.canvas.height !== height) scratch.canvas = new OffscreenCanvas(width, height);
  const context = scratch.canvas.getContext('2d', { willReadFrequently: true }) as OffscreenCanvasRenderingContext2D;
  context.drawImage(image, 0, 0, width, height);
  image.close();
  const pixels = context.getImageData(0, 0, width, height);
  return { data: pixels.data, width, height };
}
