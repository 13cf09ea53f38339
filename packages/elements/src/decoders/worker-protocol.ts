// Messages between the scanner and its decoding worker.
import type { FrameImage } from './engine.js';

export type ToWorker =
  /**
   * `wasmUrl`, `wasmSimdUrl`: where the two builds of the .wasm are (the
   * script-tag build passes them; the module build lets wasm-qr find them).
   */
  | { type: 'init'; wasmUrl?: string; wasmSimdUrl?: string }
  | { type: 'decode'; id: number; image: FrameImage };

export type FromWorker =
  | { type: 'ready' }
  | { type: 'failed'; message: string }
  /** `bytes[i]`: the raw bytes of code i (a DIVOC QR holds a ZIP archive, which no text can carry). */
  | { type: 'decoded'; id: number; texts: string[]; bytes?: Uint8Array[] };
