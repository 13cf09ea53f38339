// @pass-check/wasm-qr: QR decoder/encoder in WebAssembly. Issue #5 fills this in.
export { WASM_SHA256 } from './wasm-sha256.js';
export interface QrCode {
  text: string;
  bytes: Uint8Array;
  version: number;
  ecLevel: 'L' | 'M' | 'Q' | 'H';
  corners: { x: number; y: number }[];
}
export interface QrImage { data: Uint8ClampedArray | Uint8Array; width: number; height: number }
export interface QrDecoder { decode(image: QrImage): QrCode[] }

export async function createQrDecoder(_options: { wasm?: BufferSource | URL } = {}): Promise<QrDecoder> {
  throw new Error('wasm-qr: the decoder is not built yet');
}
