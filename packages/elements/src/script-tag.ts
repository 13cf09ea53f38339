// pass-check.js: the one classic <script> for pages without a bundler. Defines
// both elements and window.PassCheck, and finds its worker and .wasm beside
// itself (captured now: document.currentScript only exists while this runs).
import { createTrustStore, createVerifier, type VerificationResult, type VerifierOptions } from '@pass-check/verifier-core';
import { configureDecoders } from './decoders/assets.js';
import { startWorkerEngine } from './decoders/wasm-worker-engine.js';
import { startBarcodeDetectorEngine } from './decoders/barcode-detector-engine.js';
import { defineElements } from './define-elements.js';
import { setQrWasmUrl } from './internal/qr-encode.js';

const scriptUrl = (document.currentScript as HTMLScriptElement | null)?.src || new URL('pass-check.js', document.baseURI).href;
const besideScript = (file: string) => new URL(file, scriptUrl).href;

configureDecoders([
  () => startWorkerEngine({
    createWorker: () => new Worker(besideScript('pass-check-worker.js'), { name: 'pass-check-qr' }),
    // the SIMD build where the browser has WebAssembly SIMD (and the file is there), else the plain one
    wasmUrl: besideScript('wasm-qr.wasm'),
    wasmSimdUrl: besideScript('wasm-qr-simd.wasm'),
  }),
  // ZXing is left out of the script tag to keep it small; npm users get it as a third fallback.
  startBarcodeDetectorEngine,
]);
setQrWasmUrl(besideScript('wasm-qr.wasm'));
defineElements();

export interface ScriptTagVerifyOptions extends Partial<Omit<VerifierOptions, 'trust'>> {
  trust?: VerifierOptions['trust'];
}

/** One-shot verification: `PassCheck.verify(text, { trust, policy })`. */
async function verify(text: string | string[] | Uint8Array, options: ScriptTagVerifyOptions = {}): Promise<VerificationResult> {
  const { trust, ...rest } = options;
  return createVerifier({ ...rest, trust: trust ?? createTrustStore() }).verify(text);
}

const PassCheck = Object.freeze({ createVerifier, createTrustStore, verify });
(globalThis as { PassCheck?: typeof PassCheck }).PassCheck = PassCheck;
