// The encoder: segments → records in wasm memory → module matrix.
import { ecLevelIndex, ecLevelName } from './ec-level.js';
import { compileWasm, instantiateWasm, isWasmFailure } from './load-wasm.js';
import type { QrEncodeOptions, QrEncoder, QrLoadOptions, QrMatrix, QrSegment } from './types.js';
import type { WasmQrExports } from './wasm-exports.js';

const MODE_CODES = { auto: 0, numeric: 1, alphanumeric: 2, byte: 4, kanji: 8 } as const;
const RECORD_HEADER = 5;
const utf8 = new TextEncoder();

function toSegments(input: string | Uint8Array | QrSegment[]): QrSegment[] {
  if (typeof input === 'string') return [{ mode: 'auto', data: input }];
  if (input instanceof Uint8Array) return [{ mode: 'byte', data: input }];
  if (Array.isArray(input)) return input;
  throw new TypeError('wasm-qr: encode() takes a string, a Uint8Array or an array of segments');
}

function headerRecord(mode: number, value: number): Uint8Array {
  const record = new Uint8Array(RECORD_HEADER);
  record[0] = mode;
  new DataView(record.buffer).setUint32(1, value, true);
  return record;
}

/** Serialises segments as the wasm's records: [mode u8][length u32 LE][bytes]. */
function toRecords(segments: QrSegment[]): Uint8Array {
  const parts: Uint8Array[] = [];
  let total = 0;
  for (const segment of segments) {
    let record: Uint8Array;
    if (segment.mode === 'eci') {
      if (!Number.isInteger(segment.assignment) || segment.assignment < 0 || segment.assignment > 999999) {
        throw new TypeError('wasm-qr: an ECI assignment number is an integer 0–999999');
      }
      record = headerRecord(7, segment.assignment);
    } else if (segment.mode === 'structured-append') {
      const { index, total, parity } = segment;
      if (![index, total, parity].every(Number.isInteger) || total < 1 || total > 16 || index < 0 || index >= total || parity < 0 || parity > 255) {
        throw new TypeError('wasm-qr: structured append needs 0 ≤ index < total ≤ 16 and a parity byte');
      }
      record = headerRecord(3, (index << 16) | (total << 8) | parity);
    } else if (segment.mode === 'fnc1') {
      record = headerRecord(5, 0);
    } else {
      const code = MODE_CODES[segment.mode];
      if (code === undefined) throw new TypeError(`wasm-qr: unknown segment mode ${String(segment.mode)}`);
      const data = typeof segment.data === 'string' ? utf8.encode(segment.data) : segment.data;
      if (!(data instanceof Uint8Array)) throw new TypeError('wasm-qr: segment data must be a string or Uint8Array');
      record = new Uint8Array(RECORD_HEADER + data.length);
      record[0] = code;
      new DataView(record.buffer).setUint32(1, data.length, true);
      record.set(data, RECORD_HEADER);
    }
    parts.push(record);
    total += record.length;
  }
  const records = new Uint8Array(total);
  let offset = 0;
  for (const part of parts) {
    records.set(part, offset);
    offset += part.length;
  }
  return records;
}

function checkOptions(options: QrEncodeOptions): { ecLevel: number; minVersion: number; mask: number } {
  const ecLevel = ecLevelIndex(options.ecLevel ?? 'M');
  const minVersion = options.minVersion ?? 1;
  if (!Number.isInteger(minVersion) || minVersion < 1 || minVersion > 40) throw new TypeError('wasm-qr: minVersion must be an integer 1–40');
  const mask = options.mask ?? -1;
  if (!Number.isInteger(mask) || mask < -1 || mask > 7) throw new TypeError('wasm-qr: mask must be an integer 0–7');
  return { ecLevel, minVersion, mask };
}

class WasmQrEncoder implements QrEncoder {
  #module: WebAssembly.Module;
  #wasm: WasmQrExports;

  constructor(module: WebAssembly.Module) {
    this.#module = module;
    this.#wasm = instantiateWasm(module);
  }

  encode(input: string | Uint8Array | QrSegment[], options: QrEncodeOptions = {}): QrMatrix {
    const { ecLevel, minVersion, mask } = checkOptions(options);
    const records = toRecords(toSegments(input));
    let size: number;
    let matrix: QrMatrix;
    try {
      const wasm = this.#wasm;
      const pointer = wasm.encoderInputBuffer(records.length);
      if (pointer === 0) throw new RangeError('wasm-qr: the data is too long for a QR code');
      new Uint8Array(wasm.memory.buffer, pointer, records.length).set(records);
      size = wasm.encode(records.length, ecLevel, minVersion, mask);
      if (size < 0) throw encodeError(size, options);
      matrix = {
        size,
        version: wasm.encodedSymbolVersion(),
        ecLevel: ecLevelName(ecLevel),
        mask: wasm.encodedSymbolMask(),
        modules: new Uint8Array(wasm.memory.buffer, wasm.encodedModulesPtr(), size * size).slice(),
      };
    } catch (error) {
      if (isWasmFailure(error)) this.#wasm = instantiateWasm(this.#module);
      throw error;
    } finally {
      this.#wasm.__collect();
    }
    return matrix;
  }
}

function encodeError(status: number, options: QrEncodeOptions): Error {
  if (status === -1) return new RangeError(`wasm-qr: the data does not fit in a version 40 symbol at EC level ${options.ecLevel ?? 'M'}`);
  if (status === -3) return new TypeError('wasm-qr: a segment holds a character its mode cannot encode');
  return new TypeError(`wasm-qr: the encoder rejected its input (status ${status})`);
}

/** An encoder with its own wasm instance; encode() is synchronous. */
export async function createQrEncoder(options: QrLoadOptions = {}): Promise<QrEncoder> {
  return new WasmQrEncoder(await compileWasm(options.wasm));
}

let sharedEncoder: Promise<QrEncoder> | undefined;

/**
 * Encodes text (split into numeric/alphanumeric/byte segments as suits it),
 * bytes, or explicit segments into the smallest fitting symbol. Uses one
 * shared encoder over the package's own .wasm.
 */
export async function encodeQr(input: string | Uint8Array | QrSegment[], options: QrEncodeOptions = {}): Promise<QrMatrix> {
  sharedEncoder ??= createQrEncoder();
  sharedEncoder.catch(() => { sharedEncoder = undefined; });
  return (await sharedEncoder).encode(input, options);
}
