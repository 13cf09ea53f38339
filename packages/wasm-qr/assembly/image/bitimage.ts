// A thresholded view of a luma image: a pixel is dark when its luma is at or
// below the threshold of its 8×8 block. Comparing on the fly (rather than
// writing a bit per pixel first) saves a full pass over the frame, and the
// same view samples module centres with sub-pixel (bilinear) precision.
// `inverted` flips dark and light so light-on-dark codes reuse every stage.

export const BLOCK_SHIFT: i32 = 3;

export class BitImage {
  luma: usize = 0;
  thresholds: usize = 0;
  blocksX: i32 = 0;
  width: i32 = 0;
  height: i32 = 0;
  inverted: bool = false;

  /** `thresholds` holds one byte per 8×8 block, row-major, ceil(width / 8) per row. */
  set(luma: Uint8Array, thresholds: Uint8Array, width: i32, height: i32, inverted: bool): void {
    this.luma = luma.dataStart;
    this.thresholds = thresholds.dataStart;
    this.blocksX = (width + 7) >> BLOCK_SHIFT;
    this.width = width;
    this.height = height;
    this.inverted = inverted;
  }

  @inline threshold(x: i32, y: i32): u32 {
    return <u32>load<u8>(this.thresholds + <usize>((y >> BLOCK_SHIFT) * this.blocksX + (x >> BLOCK_SHIFT)));
  }

  @inline isDark(x: i32, y: i32): bool {
    const v = <u32>load<u8>(this.luma + <usize>(y * this.width + x));
    return (v <= this.threshold(x, y)) != this.inverted;
  }

  @inline contains(x: i32, y: i32): bool {
    return x >= 0 && y >= 0 && x < this.width && y < this.height;
  }

  /** Dark at the continuous point (x, y) (pixel centres at +0.5); outside the image counts as light. */
  @inline darkAt(x: f64, y: f64): bool {
    const ix = <i32>Math.floor(x);
    const iy = <i32>Math.floor(y);
    if (ix < 0 || iy < 0 || ix >= this.width || iy >= this.height) return false;
    return this.isDark(ix, iy);
  }

  /**
   * Dark at (x, y) judged on the bilinearly interpolated luma: at two or three
   * pixels per module the nearest pixel is often half a module's neighbour.
   */
  sampleDark(x: f64, y: f64): bool {
    const v = this.lumaAt(x, y);
    const ix = <i32>x, iy = <i32>y;
    if (ix < 0 || iy < 0 || ix >= this.width || iy >= this.height) return false;
    return (v <= <f64>this.threshold(ix, iy)) != this.inverted;
  }

  /** Bilinearly interpolated luma at (x, y); 255 (paper) outside the image. */
  lumaAt(x: f64, y: f64): f64 {
    const fx = x - 0.5;
    const fy = y - 0.5;
    const ix = <i32>Math.floor(fx);
    const iy = <i32>Math.floor(fy);
    if (ix < 0 || iy < 0 || ix + 1 >= this.width || iy + 1 >= this.height) {
      const nx = <i32>Math.floor(x), ny = <i32>Math.floor(y);
      if (nx < 0 || ny < 0 || nx >= this.width || ny >= this.height) return 255;
      return <f64>load<u8>(this.luma + <usize>(ny * this.width + nx));
    }
    const ax = fx - <f64>ix;
    const ay = fy - <f64>iy;
    const p = this.luma + <usize>(iy * this.width + ix);
    const w = <usize>this.width;
    const top = <f64>load<u8>(p) * (1.0 - ax) + <f64>load<u8>(p + 1) * ax;
    const bottom = <f64>load<u8>(p + w) * (1.0 - ax) + <f64>load<u8>(p + w + 1) * ax;
    return top * (1.0 - ay) + bottom * ay;
  }
}
