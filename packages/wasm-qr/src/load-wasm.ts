// Finding, compiling and instantiating the .wasm. By default it is a file
// beside this module (new URL(..., import.meta.url)): read from disk in Node,
// fetched from the same origin in a browser. Never a CDN. Two builds of the
// same source ship: wasm-qr.wasm here, for every engine (and the encoder,
// which SIMD does not speed up), and wasm-qr-simd.wasm (load-wasm-simd.ts),
// which decoders take where the engine validates SIMD.
import type { QrWasmSource } from './types.js';
import type { WasmQrExports } from './wasm-exports.js';

/** The wasm aborted (an internal bug, never bad input): the instance is discarded. */
export class WasmAbort extends Error {
  constructor(where: string) {
    super(`wasm-qr: internal abort ${where}`);
    this.name = 'WasmAbort';
  }
}

let defaultModule: Promise<WebAssembly.Module> | undefined;

/** The URL of the .wasm shipped with this package that runs on every WebAssembly engine. */
export function defaultWasmUrl(): URL {
  return new URL('./wasm-qr.wasm', import.meta.url);
}

function isNode(): boolean {
  const versions = (globalThis as { process?: { versions?: { node?: string } } }).process?.versions;
  return typeof versions?.node === 'string';
}

async function readUrl(url: URL): Promise<ArrayBuffer | Uint8Array> {
  if (url.protocol === 'file:' && isNode()) {
    // A variable specifier keeps bundlers from pulling node:fs into browser builds.
    const fsModule = 'node:fs/promises';
    const { readFile } = await import(/* @vite-ignore */ /* webpackIgnore: true */ fsModule);
    return (await readFile(url)) as Uint8Array;
  }
  const response = await fetch(url);
  if (!response.ok) throw new Error(`wasm-qr: could not load ${url.href} (HTTP ${response.status})`);
  return response.arrayBuffer();
}

export const SOURCE_ERROR = (option: string) => `wasm-qr: options.${option} must be a URL, the bytes of the .wasm, or a WebAssembly.Module`;

/** A URL, the bytes of a .wasm, or a compiled module: what the `wasm` options accept. */
export function isWasmSource(source: unknown): source is QrWasmSource {
  return source instanceof WebAssembly.Module || source instanceof URL || ArrayBuffer.isView(source) || source instanceof ArrayBuffer;
}

/** Compiles a source (URL, bytes or module); without one, the plain build beside this module (compiled once). */
export function compileWasm(source?: QrWasmSource): Promise<WebAssembly.Module> {
  if (source === undefined) {
    defaultModule ??= readUrl(defaultWasmUrl()).then((bytes) => WebAssembly.compile(bytes as BufferSource));
    // a failed load must not stick: the next call tries again
    defaultModule.catch(() => { defaultModule = undefined; });
    return defaultModule;
  }
  if (source instanceof WebAssembly.Module) return Promise.resolve(source);
  if (source instanceof URL) return readUrl(source).then((bytes) => WebAssembly.compile(bytes as BufferSource));
  if (isWasmSource(source)) return WebAssembly.compile(source);
  return Promise.reject(new TypeError(SOURCE_ERROR('wasm')));
}

const imports = {
  env: {
    abort(_message: number, _file: number, line: number, column: number): never {
      throw new WasmAbort(`at ${line}:${column}`);
    },
  },
};

/** A fresh instance (own memory) of a compiled module; synchronous, as the module is small. */
export function instantiateWasm(module: WebAssembly.Module): WasmQrExports {
  return new WebAssembly.Instance(module, imports).exports as unknown as WasmQrExports;
}

/** A wasm failure that is ours (abort or trap), as opposed to a caller mistake. */
export function isWasmFailure(error: unknown): boolean {
  return error instanceof WasmAbort || error instanceof WebAssembly.RuntimeError;
}
