// @pass-check/wasm-qr: a QR decoder and encoder in WebAssembly.
export { createQrDecoder } from './decoder.js';
export { createQrEncoder, encodeQr } from './encoder.js';
export { qrToSvg } from './svg.js';
export { createQrWorker } from './create-worker.js';
export { defaultWasmUrl } from './load-wasm.js';
export { defaultSimdWasmUrl, wasmSimdSupported } from './load-wasm-simd.js';
export { WASM_SHA256, WASM_SIMD_SHA256 } from './wasm-sha256.js';
export type { QrSvgOptions } from './svg.js';
export type { QrWorker, QrWorkerDecodeOptions, QrWorkerOptions } from './create-worker.js';
export type {
  QrCode, QrDecoder, QrEcLevel, QrEncodeOptions, QrEncoder, QrGridCode, QrImage, QrLoadOptions,
  QrMatrix, QrPoint, QrSegment, QrSequence, QrWasmSource,
} from './types.js';
