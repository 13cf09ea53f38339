// Where the bits of format and version information sit in the symbol
// (bit 0 = least significant). x = column, y = row.

/** Column of format bit `bit` in copy 0 (around the top-left finder) or copy 1 (split top-right / bottom-left). */
export function formatBitX(copy: i32, bit: i32, size: i32): i32 {
  if (copy == 0) {
    if (bit <= 7) return 8;
    if (bit == 8) return 7;
    return 14 - bit;
  }
  return bit <= 7 ? size - 1 - bit : 8;
}

export function formatBitY(copy: i32, bit: i32, size: i32): i32 {
  if (copy == 0) {
    if (bit <= 5) return bit;
    if (bit == 6) return 7;
    return 8;
  }
  return bit <= 7 ? 8 : size - 15 + bit;
}

/** Version bit `bit` of copy 0 (above the bottom-left finder is copy 1: transposed). */
export function versionBitX(copy: i32, bit: i32, size: i32): i32 {
  return copy == 0 ? size - 11 + bit % 3 : bit / 3;
}

export function versionBitY(copy: i32, bit: i32, size: i32): i32 {
  return copy == 0 ? bit / 3 : size - 11 + bit % 3;
}
