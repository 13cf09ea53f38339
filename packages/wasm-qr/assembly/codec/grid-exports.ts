// Grid-level wasm exports: decode a module grid directly, without an image.
// The codec tests (encode → grid → decode, injected errors) use these, and
// they let a host that samples grids itself reuse the codec.
import { decodeGrid, DecodedSymbol, gridStatusCounts, lastGridStatus } from './grid';

const MAX_GRID_BYTES = 177 * 177;
let gridInput = new Uint8Array(0);
let gridSymbol: DecodedSymbol | null = null;

/** Pointer to a buffer of ≥ byteLength bytes (at most 177²) for a grid; 0 when too large. */
export function gridBuffer(byteLength: i32): usize {
  if (byteLength < 0 || byteLength > MAX_GRID_BYTES) return 0;
  if (gridInput.length < byteLength) gridInput = new Uint8Array(MAX_GRID_BYTES);
  return gridInput.dataStart;
}

/** Decodes the grid in gridBuffer; 0 when a symbol was read, else the grid status (grid.ts). */
export function decodeGridBuffer(size: i32): i32 {
  gridSymbol = null;
  if (size <= 0 || size * size > gridInput.length) return 1;
  gridSymbol = decodeGrid(gridInput, size);
  return gridSymbol ? 0 : lastGridStatus;
}

export function gridResultTextPtr(): usize { const s = gridSymbol; return s ? s.text.dataStart : 0; }
export function gridResultTextLength(): i32 { const s = gridSymbol; return s ? s.text.length : 0; }
export function gridResultBytesPtr(): usize { const s = gridSymbol; return s ? s.bytes.dataStart : 0; }
export function gridResultBytesLength(): i32 { const s = gridSymbol; return s ? s.bytes.length : 0; }
export function gridResultVersion(): i32 { const s = gridSymbol; return s ? s.version : 0; }
export function gridResultEcLevel(): i32 { const s = gridSymbol; return s ? s.ecLevel : -1; }
export function gridResultMirrored(): i32 { const s = gridSymbol; return s && s.mirrored ? 1 : 0; }
export function gridResultCorrectedErrors(): i32 { const s = gridSymbol; return s ? s.correctedErrors : -1; }
/** (index << 16) | (total << 8) | parity, or −1 without structured append. */
export function gridResultSequence(): i32 {
  const s = gridSymbol;
  if (!s || s.sequenceIndex < 0) return -1;
  return (s.sequenceIndex << 16) | (s.sequenceTotal << 8) | s.sequenceParity;
}

/** decodeGrid calls since the last reset that ended in `status` (0 ok … 5, see grid.ts); diagnostics. */
export function gridStatusCount(status: i32): i32 {
  return status >= 0 && status < 6 ? gridStatusCounts[status] : 0;
}

export function resetGridStatusCounts(): void {
  for (let i = 0; i < 6; i++) gridStatusCounts[i] = 0;
}
