// Mask penalty (ISO/IEC 18004 7.8.3): N1 runs of five or more same-colour
// modules in a row or column, N2 2×2 same-colour blocks, N3 finder-like
// 1:1:3:1:1 patterns with four light modules on a side (outside the symbol
// counts as light), N4 dark proportion away from 50 %.
const N1: i32 = 3;
const N2: i32 = 3;
const N3: i32 = 40;
const N4: i32 = 10;
/** dark-light-dark-dark-dark-light-dark, last module in the low bit */
const FINDER_CORE: i32 = 0b1011101;
const WINDOW_MASK: i32 = 0x7ff;

/** Penalty of one line (row when stride = 1, column when stride = size). */
function linePenalty(matrix: Uint8Array, start: i32, stride: i32, size: i32): i32 {
  let score = 0;
  let runColour = -1;
  let runLength = 0;
  // the last 11 modules as bits; four light modules of padding before the line
  let window = 0;
  for (let i = 0; i < size + 4; i++) {
    const colour = i < size ? <i32>unchecked(matrix[start + i * stride]) : 0;
    if (i < size) {
      if (colour == runColour) {
        runLength++;
        if (runLength == 5) score += N1;
        else if (runLength > 5) score++;
      } else {
        runColour = colour;
        runLength = 1;
      }
    }
    window = ((window << 1) | colour) & WINDOW_MASK;
    // 0000 1011101 (light before) or 1011101 0000 (light after), counted once each
    if (window == FINDER_CORE && i >= 6) score += N3;
    if (window == (FINDER_CORE << 4) && i >= 10) score += N3;
  }
  return score;
}

export function penalty(matrix: Uint8Array, size: i32): i32 {
  let score = 0;
  for (let line = 0; line < size; line++) {
    score += linePenalty(matrix, line * size, 1, size);
    score += linePenalty(matrix, line, size, size);
  }
  let dark = 0;
  for (let y = 0; y < size; y++) {
    const row = y * size;
    for (let x = 0; x < size; x++) {
      const colour = unchecked(matrix[row + x]);
      dark += colour;
      if (x + 1 < size && y + 1 < size && colour == unchecked(matrix[row + x + 1]) && colour == unchecked(matrix[row + size + x]) && colour == unchecked(matrix[row + size + x + 1])) score += N2;
    }
  }
  const total = size * size;
  score += N4 * (abs(dark * 20 - total * 10) / total);
  return score;
}
