/** Error correction level: about 7, 15, 25 and 30 % of codewords restorable. */
export type QrEcLevel = 'L' | 'M' | 'Q' | 'H';

/** RGBA pixels, as in ImageData. */
export interface QrImage {
  data: Uint8ClampedArray | Uint8Array;
  width: number;
  height: number;
}

export interface QrPoint {
  x: number;
  y: number;
}

/** Structured append: this symbol is part `index` (0-based) of `total`. */
export interface QrSequence {
  index: number;
  total: number;
  parity: number;
}

export interface QrCode {
  /** The payload as text (byte mode taken as UTF-8 when valid, else ISO-8859-1; ECI honoured). */
  text: string;
  /** The payload as coded (byte mode raw; numeric/alphanumeric as ASCII; kanji as Shift JIS). */
  bytes: Uint8Array;
  version: number;
  ecLevel: QrEcLevel;
  /** Top-left, top-right, bottom-right, bottom-left, in image pixels. */
  corners: QrPoint[];
  /** Present when the symbol is part of a structured-append sequence. */
  sequence?: QrSequence;
}

export interface QrDecoder {
  /** true when this decoder runs the SIMD build (same results, less time per frame). */
  readonly simd: boolean;
  /** Every code found in the image. Synchronous; bad or empty images give []. */
  decode(image: QrImage): QrCode[];
  /**
   * Decodes a module grid directly (size·size bytes, row-major, 1 = dark), e.g.
   * one sampled by other means; null when it is not a readable symbol.
   */
  decodeModules(matrix: { size: number; modules: Uint8Array }): QrGridCode | null;
}

export interface QrGridCode {
  text: string;
  bytes: Uint8Array;
  version: number;
  ecLevel: QrEcLevel;
  mirrored: boolean;
  /** Reed–Solomon errors corrected, over all blocks. */
  correctedErrors: number;
  sequence?: QrSequence;
}

/** Where the .wasm comes from: its bytes, a compiled module, or a URL (default: beside this module). */
export type QrWasmSource = BufferSource | URL | WebAssembly.Module;

export interface QrLoadOptions {
  /**
   * The .wasm that runs on every WebAssembly engine (default: wasm-qr.wasm
   * beside this module). Given alone, it is used as it is.
   */
  wasm?: QrWasmSource;
  /**
   * Decoders only (the encoder always runs `wasm`): the SIMD build
   * (wasm-qr-simd.wasm), used instead where the engine accepts WebAssembly
   * SIMD; if it cannot be loaded or compiled, `wasm` is used. Default: beside
   * this module when `wasm` is not given either.
   */
  wasmSimd?: QrWasmSource;
}

/**
 * An encoder segment. 'auto' splits text into what fits passes best (numeric
 * for digit runs, alphanumeric for base45, byte otherwise); 'eci' designates
 * a character set for the byte segments after it (26 = UTF-8). Headers
 * ('structured-append', 'fnc1') go first.
 */
export type QrSegment =
  | { mode: 'auto' | 'numeric' | 'alphanumeric' | 'byte'; data: string | Uint8Array }
  /** Shift JIS two-byte characters (0x8140–0x9FFC, 0xE040–0xEBBF) as bytes. */
  | { mode: 'kanji'; data: Uint8Array }
  | { mode: 'eci'; assignment: number }
  /** Symbol `index` (0-based) of `total` (≤ 16); parity: XOR of all the sequence's data bytes. */
  | { mode: 'structured-append'; index: number; total: number; parity: number }
  /** GS1: FNC1 in first position. */
  | { mode: 'fnc1' };

export interface QrEncodeOptions {
  /** Default 'M'. */
  ecLevel?: QrEcLevel;
  /** Smallest version to use (1–40); the smallest that fits is chosen from there. Default 1. */
  minVersion?: number;
  /** Force a data mask 0–7; default: the lowest penalty. */
  mask?: number;
}

export interface QrMatrix {
  /** Modules per side (17 + 4·version); no quiet zone included. */
  size: number;
  version: number;
  ecLevel: QrEcLevel;
  mask: number;
  /** size·size bytes, row-major, 1 = dark. */
  modules: Uint8Array;
}

export interface QrEncoder {
  encode(input: string | Uint8Array | QrSegment[], options?: QrEncodeOptions): QrMatrix;
}
