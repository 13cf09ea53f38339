// Messages between createQrWorker (main thread) and worker.ts.
import type { QrCode } from './types.js';

export type WorkerWasmSource = string | BufferSource | WebAssembly.Module;

export type WorkerRequest =
  | { id: number; type: 'init'; wasm?: WorkerWasmSource; wasmSimd?: WorkerWasmSource }
  | { id: number; type: 'decode'; image: ImageBitmap | { data: Uint8ClampedArray | Uint8Array; width: number; height: number } };

export type WorkerResponse =
  | { id: number; codes: QrCode[] }
  | { id: number; error: string };
