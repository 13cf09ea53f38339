// Luma filters. (RGBA → luma is fused with the block statistics: binarize.ts, lumaAndBlockStats.)

/**
 * A 3×3 box blur of `src` into `dst` (borders copied). Used as a fallback for
 * noisy images: averaging nine pixels cuts sensor/JPEG noise by about three,
 * which keeps finder-pattern runs from breaking up after binarisation.
 */
export function boxBlur3(src: Uint8Array, dst: Uint8Array, width: i32, height: i32): void {
  const s = src.dataStart;
  const d = dst.dataStart;
  for (let y = 0; y < height; y++) {
    const row = <usize>(y * width);
    if (y == 0 || y == height - 1 || width < 3) {
      memory.copy(d + row, s + row, <usize>width);
      continue;
    }
    store<u8>(d + row, load<u8>(s + row));
    store<u8>(d + row + <usize>(width - 1), load<u8>(s + row + <usize>(width - 1)));
    const up = row - <usize>width;
    const down = row + <usize>width;
    for (let x = 1; x < width - 1; x++) {
      const c = <usize>x;
      const sum: u32 =
        <u32>load<u8>(s + up + c - 1) + <u32>load<u8>(s + up + c) + <u32>load<u8>(s + up + c + 1) +
        <u32>load<u8>(s + row + c - 1) + <u32>load<u8>(s + row + c) + <u32>load<u8>(s + row + c + 1) +
        <u32>load<u8>(s + down + c - 1) + <u32>load<u8>(s + down + c) + <u32>load<u8>(s + down + c + 1);
      store<u8>(d + row + c, <u8>((sum * 7282 + 32768) >> 16)); // ≈ sum / 9
    }
  }
}
