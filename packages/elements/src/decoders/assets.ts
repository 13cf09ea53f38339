// Where the decoder comes from. The module build starts `qr-worker.js` beside
// this file and lets wasm-qr find its own .wasm; the script-tag build calls
// `configureDecoders` with files beside pass-check.js. Either way the fallbacks
// follow, in order. (ZXing itself is imported only when its engine starts.)
import type { DecoderEngineFactory } from './engine.js';
import { moduleWorker, startWorkerEngine } from './wasm-worker-engine.js';
import { startBarcodeDetectorEngine } from './barcode-detector-engine.js';
import { startZxingEngine } from './zxing-engine.js';

let factories: DecoderEngineFactory[] = [
  () => startWorkerEngine({ createWorker: moduleWorker }),
  startBarcodeDetectorEngine,
  startZxingEngine,
];

/** Replaces the engine list used by scanners created from now on. */
export function configureDecoders(next: DecoderEngineFactory[]): void {
  factories = [...next];
}

export function decoderFactories(): readonly DecoderEngineFactory[] {
  return factories;
}
