// createQrWorker: decoding off the main thread for the scanner. Frames go to
// the worker as transfers (ImageBitmap, or the RGBA buffer), so a camera loop
// copies nothing on the main thread.
import type { QrCode, QrImage, QrWasmSource } from './types.js';
import type { WorkerRequest, WorkerResponse, WorkerWasmSource } from './worker-protocol.js';

export interface QrWorkerOptions {
  /** The .wasm for the worker: URL, bytes or compiled module; default: beside the worker script. */
  wasm?: QrWasmSource;
  /** Its SIMD build, taken where the engine has SIMD (as in createQrDecoder). */
  wasmSimd?: QrWasmSource;
  /** A worker to use instead of the package's dist/worker.js (e.g. one a bundler made). */
  worker?: Worker;
}

export interface QrWorkerDecodeOptions {
  /**
   * Transfer the frame to the worker (default true): an ImageBitmap is then
   * closed and an RGBA buffer detached in the caller. false copies instead.
   */
  transfer?: boolean;
}

export interface QrWorker {
  decode(source: ImageBitmap | ImageData | QrImage, options?: QrWorkerDecodeOptions): Promise<QrCode[]>;
  terminate(): void;
}

export async function createQrWorker(options: QrWorkerOptions = {}): Promise<QrWorker> {
  const worker = options.worker ?? new Worker(new URL('./worker.js', import.meta.url), { type: 'module' });
  const pending = new Map<number, { resolve(codes: QrCode[]): void; reject(error: Error): void }>();
  let nextId = 1;
  let failure: Error | undefined;

  worker.onmessage = (event: MessageEvent<WorkerResponse>) => {
    const entry = pending.get(event.data.id);
    if (!entry) return;
    pending.delete(event.data.id);
    if ('error' in event.data) entry.reject(new Error(event.data.error));
    else entry.resolve(event.data.codes);
  };
  worker.onerror = (event: ErrorEvent) => {
    failure = new Error(`wasm-qr worker failed: ${event.message || 'could not start'}`);
    for (const entry of pending.values()) entry.reject(failure);
    pending.clear();
  };

  function send(request: WorkerRequest, transfer: Transferable[]): Promise<QrCode[]> {
    if (failure) return Promise.reject(failure);
    return new Promise((resolve, reject) => {
      pending.set(request.id, { resolve, reject });
      worker.postMessage(request, transfer);
    });
  }

  const forWorker = (wasm: QrWasmSource | undefined): WorkerWasmSource | undefined => (wasm instanceof URL ? wasm.href : wasm);
  const init: Extract<WorkerRequest, { type: 'init' }> = { id: nextId++, type: 'init' };
  if (options.wasm !== undefined) init.wasm = forWorker(options.wasm);
  if (options.wasmSimd !== undefined) init.wasmSimd = forWorker(options.wasmSimd);
  await send(init, []);

  return {
    decode(source, decodeOptions = {}) {
      const transfer = decodeOptions.transfer ?? true;
      if (typeof ImageBitmap !== 'undefined' && source instanceof ImageBitmap) {
        return send({ id: nextId++, type: 'decode', image: source }, transfer ? [source] : []);
      }
      const { data, width, height } = source as QrImage;
      const pixels = transfer ? data : data.slice();
      return send({ id: nextId++, type: 'decode', image: { data: pixels, width, height } }, transfer ? [pixels.buffer as ArrayBuffer] : []);
    },
    terminate() {
      worker.terminate();
      failure = new Error('wasm-qr worker terminated');
      for (const entry of pending.values()) entry.reject(failure);
      pending.clear();
    },
  };
}
