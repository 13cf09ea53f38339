// wasm-qr running in a Web Worker. One frame is in flight at a time; the scan
// loop skips camera frames while the worker is busy instead of queueing them,
// so the decoder always works on a recent picture. (Two in flight was tried:
// no more frames per second on two busy cores, and slower first results.)
import type { DecodedCode, DecoderEngine, FrameImage } from './engine.js';
import type { FromWorker, ToWorker } from './worker-protocol.js';

export interface WorkerEngineOptions {
  /** Makes the worker. The module build starts `qr-worker.js` as a module worker; the script tag a classic one. */
  createWorker: () => Worker;
  wasmUrl?: string;
  /** Where the SIMD build is (taken where the engine has WebAssembly SIMD, else wasmUrl). */
  wasmSimdUrl?: string;
  /** How long the worker may take to load the .wasm before the next engine is tried. */
  startTimeoutMs?: number;
}

export function moduleWorker(): Worker {
  return new Worker(new URL('./qr-worker.js', import.meta.url), { type: 'module', name: 'pass-check-qr' });
}

export async function startWorkerEngine(options: WorkerEngineOptions): Promise<DecoderEngine> {
  const worker = options.createWorker();
  const pending = new Map<number, (codes: DecodedCode[]) => void>();
  let nextId = 1;

  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => fail(new Error('the QR worker did not start in time')), options.startTimeoutMs ?? 15_000);
    function fail(error: Error) {
      clearTimeout(timer);
      worker.terminate();
      reject(error);
    }
    worker.onerror = (event) => {
      event.preventDefault();
      fail(new Error(event.message || 'the QR worker could not be loaded'));
    };
    worker.onmessage = (event: MessageEvent<FromWorker>) => {
      if (event.data.type === 'ready') {
        clearTimeout(timer);
        resolve();
      } else if (event.data.type === 'failed') {
        fail(new Error(event.data.message));
      }
    };
    const init: Extract<ToWorker, { type: 'init' }> = { type: 'init' };
    if (options.wasmUrl) init.wasmUrl = options.wasmUrl;
    if (options.wasmSimdUrl) init.wasmSimdUrl = options.wasmSimdUrl;
    worker.postMessage(init);
  });

  worker.onmessage = (event: MessageEvent<FromWorker>) => {
    if (event.data.type !== 'decoded') return;
    const { texts, bytes } = event.data;
    pending.get(event.data.id)?.(texts.map((text, i) => (bytes?.[i] ? { text, bytes: bytes[i]! } : { text })));
    pending.delete(event.data.id);
  };
  worker.onerror = (event) => {
    event.preventDefault();
    // A crashed worker answers nothing more: settle what is waiting so the scan loop keeps going.
    for (const settle of pending.values()) settle([]);
    pending.clear();
  };

  const decodeCodes = (image: FrameImage): Promise<DecodedCode[]> => {
    const id = nextId++;
    return new Promise<DecodedCode[]>((resolve) => {
      pending.set(id, resolve);
      const message: ToWorker = { type: 'decode', id, image };
      worker.postMessage(message, ['data' in image ? image.data.buffer : image]);
    });
  };
  return {
    name: 'wasm-qr',
    decodeCodes,
    decode: async (image: FrameImage) => (await decodeCodes(image)).map((code) => code.text),
    dispose() {
      worker.terminate();
      for (const settle of pending.values()) settle([]);
      pending.clear();
    },
  };
}
