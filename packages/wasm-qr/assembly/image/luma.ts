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

/**
 * `src` (width × height) enlarged `factor` times (2 or 3) into `dst`, bilinear,
 * pixel centres kept aligned: for tiny codes (1–2 pixels a module), whose
 * finder runs are too short to measure and whose modules fall between pixels.
 */
export function upscale(src: Uint8Array, dst: Uint8Array, width: i32, height: i32, factor: i32): void {
  const s = src.dataStart;
  const d = dst.dataStart;
  const outWidth = width * factor;
  const outHeight = height * factor;
  const inv = 1.0 / <f32>factor;
  for (let y = 0; y < outHeight; y++) {
    let fy = (<f32>y + 0.5) * inv - 0.5;
    if (fy < 0) fy = 0;
    let y0 = <i32>fy;
    if (y0 > height - 1) y0 = height - 1;
    const y1 = min(y0 + 1, height - 1);
    const wy = fy - <f32>y0;
    const row0 = s + <usize>(y0 * width);
    const row1 = s + <usize>(y1 * width);
    const out = d + <usize>(y * outWidth);
    for (let x = 0; x < outWidth; x++) {
      let fx = (<f32>x + 0.5) * inv - 0.5;
      if (fx < 0) fx = 0;
      let x0 = <i32>fx;
      if (x0 > width - 1) x0 = width - 1;
      const x1 = min(x0 + 1, width - 1);
      const wx = fx - <f32>x0;
      const top = <f32>load<u8>(row0 + <usize>x0) * (1 - wx) + <f32>load<u8>(row0 + <usize>x1) * wx;
      const bottom = <f32>load<u8>(row1 + <usize>x0) * (1 - wx) + <f32>load<u8>(row1 + <usize>x1) * wx;
      store<u8>(out + <usize>x, <u8>(<i32>(top * (1 - wy) + bottom * wy + 0.5)));
    }
  }
}

/**
 * `src` reduced by 2 into `dst` ((width >> 1) × (height >> 1)), each pixel the
 * mean of a 2×2 block: for large photos whose code has big, soft modules
 * (the block thresholds then span too little of a module), and it halves the noise.
 */
export function downscale2(src: Uint8Array, dst: Uint8Array, width: i32, height: i32): void {
  const s = src.dataStart;
  const d = dst.dataStart;
  const outWidth = width >> 1;
  const outHeight = height >> 1;
  for (let y = 0; y < outHeight; y++) {
    const a = s + <usize>(2 * y * width);
    const b = a + <usize>width;
    const out = d + <usize>(y * outWidth);
    for (let x = 0; x < outWidth; x++) {
      const c = <usize>(2 * x);
      const sum = <u32>load<u8>(a + c) + <u32>load<u8>(a + c + 1) + <u32>load<u8>(b + c) + <u32>load<u8>(b + c + 1);
      store<u8>(out + <usize>x, <u8>((sum + 2) >> 2));
    }
  }
}
