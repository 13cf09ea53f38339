// createQrDecoder: one wasm instance per decoder; pixels are copied into its
// memory, results copied out, and the runtime collected after every call so
// memory stays flat over thousands of frames.
import { ecLevelName } from './ec-level.js';
import { instantiateWasm, isWasmFailure } from './load-wasm.js';
import { compileDecoderWasm } from './load-wasm-simd.js';
import type { QrCode, QrDecoder, QrGridCode, QrImage, QrLoadOptions, QrSequence } from './types.js';
import type { WasmQrExports } from './wasm-exports.js';

const utf8 = new TextDecoder('utf-8');

function copyOut(wasm: WasmQrExports, pointer: number, length: number): Uint8Array {
  return new Uint8Array(wasm.memory.buffer, pointer, length).slice();
}

function sequenceFrom(packed: number): QrSequence | undefined {
  if (packed < 0) return undefined;
  return { index: packed >>> 16, total: (packed >>> 8) & 0xff, parity: packed & 0xff };
}

function checkImage(image: QrImage): void {
  if (image === null || typeof image !== 'object') throw new TypeError('wasm-qr: decode() needs { data, width, height }');
  const { data, width, height } = image;
  if (!Number.isInteger(width) || !Number.isInteger(height) || width < 0 || height < 0) {
    throw new TypeError('wasm-qr: width and height must be non-negative integers');
  }
  if (!(data instanceof Uint8ClampedArray || data instanceof Uint8Array)) throw new TypeError('wasm-qr: data must be a Uint8ClampedArray or Uint8Array of RGBA pixels');
  if (data.length < width * height * 4) throw new TypeError('wasm-qr: data is shorter than width × height × 4');
}

class WasmQrDecoder implements QrDecoder {
  #module: WebAssembly.Module;
  #wasm: WasmQrExports;

  constructor(module: WebAssembly.Module) {
    this.#module = module;
    this.#wasm = instantiateWasm(module);
  }

  get simd(): boolean {
    return this.#wasm.simdBuild() === 1;
  }

  decode(image: QrImage): QrCode[] {
    checkImage(image);
    if (image.width === 0 || image.height === 0) return [];
    return this.#guard(() => this.#decode(image), []);
  }

  decodeModules(matrix: { size: number; modules: Uint8Array }): QrGridCode | null {
    const { size, modules } = matrix ?? {};
    if (!Number.isInteger(size) || size <= 0 || !(modules instanceof Uint8Array) || modules.length < size * size) {
      throw new TypeError('wasm-qr: decodeModules() needs { size, modules } with size·size modules');
    }
    return this.#guard(() => this.#decodeModules(size, modules), null);
  }

  /** Runs fn; a wasm abort or trap (our bug, not the input's) discards the instance and yields `fallback`. */
  #guard<T>(fn: () => T, fallback: T): T {
    try {
      return fn();
    } catch (error) {
      if (!isWasmFailure(error)) throw error;
      this.#wasm = instantiateWasm(this.#module);
      return fallback;
    } finally {
      this.#wasm.__collect();
    }
  }

  #decode(image: QrImage): QrCode[] {
    const wasm = this.#wasm;
    const byteLength = image.width * image.height * 4;
    if (byteLength > 0x7fffffff) return [];
    const pointer = wasm.imageBuffer(byteLength);
    if (pointer === 0) return []; // larger than the decoder accepts
    new Uint8Array(wasm.memory.buffer, pointer, byteLength).set(image.data.subarray(0, byteLength));
    const count = wasm.decode(image.width, image.height);
    const codes: QrCode[] = [];
    for (let i = 0; i < count; i++) {
      const bytes = copyOut(wasm, wasm.resultBytesPtr(i), wasm.resultBytesLength(i));
      const corners = [0, 1, 2, 3].map((k) => ({ x: wasm.resultCornerX(i, k), y: wasm.resultCornerY(i, k) }));
      const code: QrCode = {
        text: utf8.decode(copyOut(wasm, wasm.resultTextPtr(i), wasm.resultTextLength(i))),
        bytes,
        version: wasm.resultVersion(i),
        ecLevel: ecLevelName(wasm.resultEcLevel(i)),
        corners,
      };
      const sequence = sequenceFrom(wasm.resultSequence(i));
      if (sequence) code.sequence = sequence;
      codes.push(code);
    }
    return codes;
  }

  #decodeModules(size: number, modules: Uint8Array): QrGridCode | null {
    const wasm = this.#wasm;
    const pointer = wasm.gridBuffer(size * size);
    if (pointer === 0) return null;
    new Uint8Array(wasm.memory.buffer, pointer, size * size).set(modules.subarray(0, size * size));
    if (wasm.decodeGridBuffer(size) !== 0) return null;
    const code: QrGridCode = {
      text: utf8.decode(copyOut(wasm, wasm.gridResultTextPtr(), wasm.gridResultTextLength())),
      bytes: copyOut(wasm, wasm.gridResultBytesPtr(), wasm.gridResultBytesLength()),
      version: wasm.gridResultVersion(),
      ecLevel: ecLevelName(wasm.gridResultEcLevel()),
      mirrored: wasm.gridResultMirrored() === 1,
      correctedErrors: wasm.gridResultCorrectedErrors(),
    };
    const sequence = sequenceFrom(wasm.gridResultSequence());
    if (sequence) code.sequence = sequence;
    return code;
  }
}

/**
 * A QR decoder backed by its own wasm instance. Without options the .wasm
 * beside this module is used (Node: read from disk; browser: fetched via
 * import.meta.url): wasm-qr-simd.wasm where the engine has WebAssembly SIMD,
 * else wasm-qr.wasm. `wasm` and `wasmSimd` accept bytes, a URL or a compiled module.
 */
export async function createQrDecoder(options: QrLoadOptions = {}): Promise<QrDecoder> {
  const module = await compileDecoderWasm(options);
  return new WasmQrDecoder(module);
}
