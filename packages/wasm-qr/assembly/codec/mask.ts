// The eight data mask patterns (ISO/IEC 18004 Table 10); row i, column j.
// Each pattern is also kept as a 177 × 177 table (built on first use), so that
// reading and writing a symbol looks masks up instead of dividing per module.
export const MASK_STRIDE: i32 = 177;

export function maskBit(mask: i32, i: i32, j: i32): bool {
  switch (mask) {
    case 0: return (i + j) % 2 == 0;
    case 1: return i % 2 == 0;
    case 2: return j % 3 == 0;
    case 3: return (i + j) % 3 == 0;
    case 4: return (i / 2 + j / 3) % 2 == 0;
    case 5: return (i * j) % 2 + (i * j) % 3 == 0;
    case 6: return ((i * j) % 2 + (i * j) % 3) % 2 == 0;
    default: return ((i + j) % 2 + (i * j) % 3) % 2 == 0;
  }
}

const tables = new StaticArray<Uint8Array | null>(8);

/** Mask `mask` (0..7) as bytes: table[i * MASK_STRIDE + j] = 1 where module (row i, column j) flips. */
export function maskTable(mask: i32): Uint8Array {
  const cached = unchecked(tables[mask & 7]);
  if (cached) return cached;
  const table = new Uint8Array(MASK_STRIDE * MASK_STRIDE);
  for (let i = 0; i < MASK_STRIDE; i++) {
    for (let j = 0; j < MASK_STRIDE; j++) table[i * MASK_STRIDE + j] = maskBit(mask & 7, i, j) ? 1 : 0;
  }
  unchecked(tables[mask & 7] = table);
  return table;
}
