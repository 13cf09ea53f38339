// Mask penalty (ISO/IEC 18004 7.8.3): N1 runs of five or more same-colour
// modules in a row or column, N2 2×2 same-colour blocks, N3 finder-like
// 1:1:3:1:1 patterns with four light modules on a side, N4 dark proportion.
const N1: i32 = 3;
const N2: i32 = 3;
const N3: i32 = 40;
const N4: i32 = 10;
/** dark-light-dark-dark-dark-light-dark, first module in the high bit */
const FINDER_CORE: i32 = 0b1011101;

function moduleAt(matrix: Uint8Array, size: i32, x: i32, y: i32, horizontal: bool): i32 {
  if (x < 0 || y < 0 || x >= size || y >= size) return 0; // outside is light
  return <i32>(horizontal ? matrix[y * size + x] : matrix[x * size + y]);
}

/** 1011101 at position `at` along a line, with four light modules before or after. */
function finderLikeAt(matrix: Uint8Array, size: i32, line: i32, at: i32, horizontal: bool): i32 {
  for (let k = 0; k < 7; k++) if (moduleAt(matrix, size, at + k, line, horizontal) != ((FINDER_CORE >> (6 - k)) & 1)) return 0;
  let before = true;
  let after = true;
  for (let k = 1; k <= 4; k++) {
    if (moduleAt(matrix, size, at - k, line, horizontal) != 0) before = false;
    if (moduleAt(matrix, size, at + 6 + k, line, horizontal) != 0) after = false;
  }
  return (before ? 1 : 0) + (after ? 1 : 0);
}

export function penalty(matrix: Uint8Array, size: i32): i32 {
  let score = 0;
  for (let pass = 0; pass < 2; pass++) {
    const horizontal = pass == 0;
    for (let line = 0; line < size; line++) {
      let runColour = -1;
      let runLength = 0;
      for (let i = 0; i < size; i++) {
        const colour = moduleAt(matrix, size, i, line, horizontal);
        if (colour == runColour) {
          runLength++;
          if (runLength == 5) score += N1;
          else if (runLength > 5) score += 1;
        } else {
          runColour = colour;
          runLength = 1;
        }
        if (colour == 1 && i <= size - 7) score += N3 * finderLikeAt(matrix, size, line, i, horizontal);
      }
    }
  }
  let dark = 0;
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const colour = matrix[y * size + x];
      dark += colour;
      if (x + 1 < size && y + 1 < size && colour == matrix[y * size + x + 1] && colour == matrix[(y + 1) * size + x] && colour == matrix[(y + 1) * size + x + 1]) score += N2;
    }
  }
  const total = size * size;
  score += N4 * (abs(dark * 20 - total * 10) / total);
  return score;
}
