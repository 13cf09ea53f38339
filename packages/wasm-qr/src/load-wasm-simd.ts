// The decoder's choice between the two builds: wasm-qr-simd.wasm (the pixel
// loops 16 bytes a step) where the engine validates WebAssembly SIMD and the
// file loads, else wasm-qr.wasm. Same source, same results.
import { compileWasm, isWasmSource, SOURCE_ERROR } from './load-wasm.js';
import type { QrLoadOptions, QrWasmSource } from './types.js';

let defaultModule: Promise<WebAssembly.Module> | undefined;
let simdAnswer: boolean | undefined;

/** The URL of the SIMD build shipped beside the package (used where wasmSimdSupported()). */
export function defaultSimdWasmUrl(): URL {
  return new URL('./wasm-qr-simd.wasm', import.meta.url);
}

// The smallest module with a SIMD instruction: (func (result v128) (v128.const i32x4 0 0 0 0)).
const SIMD_PROBE = new Uint8Array([
  0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, // \0asm, version 1
  0x01, 0x05, 0x01, 0x60, 0x00, 0x01, 0x7b, // types: () → v128
  0x03, 0x02, 0x01, 0x00, // one function of type 0
  0x0a, 0x16, 0x01, 0x14, 0x00, 0xfd, 0x0c, ...new Array<number>(16).fill(0), 0x0b, // its body: v128.const, end
]);

/** Whether this engine runs WebAssembly SIMD (every current browser and Node; not Safari before 16.4). */
export function wasmSimdSupported(): boolean {
  if (simdAnswer === undefined) {
    try {
      simdAnswer = WebAssembly.validate(SIMD_PROBE);
    } catch {
      simdAnswer = false;
    }
  }
  return simdAnswer;
}

async function preferSimd(simd: QrWasmSource, plain: QrWasmSource | undefined): Promise<WebAssembly.Module> {
  if (wasmSimdSupported()) {
    try {
      return await compileWasm(simd);
    } catch {
      // not deployed beside the other file, blocked, or refused: the plain build does the same work
    }
  }
  return compileWasm(plain);
}

/** The module a decoder runs: see QrLoadOptions. */
export function compileDecoderWasm(options: QrLoadOptions): Promise<WebAssembly.Module> {
  const { wasm, wasmSimd } = options;
  // a caller's mistake is reported, not hidden behind the fallback to `wasm`
  if (wasmSimd !== undefined && !isWasmSource(wasmSimd)) return Promise.reject(new TypeError(SOURCE_ERROR('wasmSimd')));
  if (wasmSimd !== undefined) return preferSimd(wasmSimd, wasm);
  if (wasm !== undefined) return compileWasm(wasm);
  if (!defaultModule) {
    const pending = preferSimd(defaultSimdWasmUrl(), undefined);
    defaultModule = pending;
    // a failed load must not stick: the next call tries again
    pending.catch(() => { if (defaultModule === pending) defaultModule = undefined; });
  }
  return defaultModule;
}
