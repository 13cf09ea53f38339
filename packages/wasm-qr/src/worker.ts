// Module worker entry (dist/worker.js) for createQrWorker: decodes
// ImageBitmaps (drawn to an OffscreenCanvas) and RGBA buffers, both received
// as transfers, and transfers the result bytes back. Built as one
// self-contained file so that the .wasm resolves beside it.
import { createQrDecoder } from './decoder.js';
import type { QrDecoder, QrLoadOptions } from './types.js';
import type { WorkerRequest, WorkerResponse, WorkerWasmSource } from './worker-protocol.js';

interface WorkerScope {
  onmessage: ((event: MessageEvent<WorkerRequest>) => void) | null;
  postMessage(message: WorkerResponse, transfer?: Transferable[]): void;
}

const scope = globalThis as unknown as WorkerScope;
let decoder: Promise<QrDecoder> | undefined;
let canvas: OffscreenCanvas | undefined;

function pixelsOf(bitmap: ImageBitmap): ImageData {
  if (!canvas || canvas.width !== bitmap.width || canvas.height !== bitmap.height) {
    canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
  }
  const context = canvas.getContext('2d', { willReadFrequently: true });
  if (!context) throw new Error('wasm-qr worker: no 2D context');
  context.drawImage(bitmap, 0, 0);
  bitmap.close();
  return context.getImageData(0, 0, canvas.width, canvas.height);
}

async function handle(request: WorkerRequest): Promise<void> {
  if (request.type === 'init') {
    const source = (given: WorkerWasmSource | undefined) => (typeof given === 'string' ? new URL(given) : given);
    const options: QrLoadOptions = {};
    if (request.wasm !== undefined) options.wasm = source(request.wasm);
    if (request.wasmSimd !== undefined) options.wasmSimd = source(request.wasmSimd);
    decoder = createQrDecoder(options);
    await decoder;
    scope.postMessage({ id: request.id, codes: [] });
    return;
  }
  decoder ??= createQrDecoder();
  const image = request.image;
  const pixels = typeof ImageBitmap !== 'undefined' && image instanceof ImageBitmap ? pixelsOf(image) : image;
  const codes = (await decoder).decode(pixels as { data: Uint8ClampedArray; width: number; height: number });
  scope.postMessage({ id: request.id, codes }, codes.map((code) => code.bytes.buffer as ArrayBuffer));
}

scope.onmessage = (event) => {
  handle(event.data).catch((error: unknown) => {
    scope.postMessage({ id: event.data.id, error: error instanceof Error ? error.message : String(error) });
  });
};
