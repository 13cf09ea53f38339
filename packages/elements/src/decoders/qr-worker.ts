// The decoding worker: wasm-qr on full-resolution frames, off the main thread
// so the camera preview and the result screen never stutter.
import { createQrDecoder, type QrDecoder, type QrLoadOptions } from '@pass-check/wasm-qr';
import { pixelsOf } from './engine.js';
import type { FromWorker, ToWorker } from './worker-protocol.js';

// The project's lib is DOM, not WebWorker: describe the little of the worker scope used here.
const scope = self as unknown as { postMessage(message: FromWorker): void; onmessage: ((event: MessageEvent<ToWorker>) => void) | null };
let decoder: QrDecoder | undefined;
const scratch: { canvas?: OffscreenCanvas; buffer?: Uint8ClampedArray } = {};

const reply = (message: FromWorker) => scope.postMessage(message);

scope.onmessage = async (event: MessageEvent<ToWorker>) => {
  const message = event.data;
  if (message.type === 'init') {
    try {
      const options: QrLoadOptions = {};
      if (message.wasmUrl) options.wasm = new URL(message.wasmUrl);
      if (message.wasmSimdUrl) options.wasmSimd = new URL(message.wasmSimdUrl);
      decoder = await createQrDecoder(options);
      reply({ type: 'ready' });
    } catch (e) {
      reply({ type: 'failed', message: e instanceof Error ? e.message : String(e) });
    }
    return;
  }
  if (message.type === 'decode') {
    let texts: string[] = [];
    let bytes: Uint8Array[] = [];
    try {
      const pixels = await pixelsOf(message.image, scratch);
      const codes = decoder ? decoder.decode(pixels) : [];
      texts = codes.map((code) => code.text);
      bytes = codes.map((code) => code.bytes);
    } catch {
      // A frame the decoder chokes on is a frame with no code; the next one may be fine.
    }
    reply({ type: 'decoded', id: message.id, texts, bytes });
  }
};
