import type { QrEcLevel } from './types.js';

const LEVELS: readonly QrEcLevel[] = ['L', 'M', 'Q', 'H'];

export function ecLevelName(index: number): QrEcLevel {
  return LEVELS[index] ?? 'L';
}

export function ecLevelIndex(level: QrEcLevel): number {
  const index = LEVELS.indexOf(level);
  if (index < 0) throw new TypeError(`wasm-qr: ecLevel must be one of L, M, Q, H (got ${String(level)})`);
  return index;
}
