// A binarised image (one byte per pixel, 1 = dark) seen with a given polarity,
// so that inverted (light-on-dark) codes reuse every detection stage unchanged.

export class BitImage {
  constructor(
    public bits: Uint8Array,
    public width: i32,
    public height: i32,
    /** the byte value that counts as "dark": 1 normally, 0 for inverted codes */
    public dark: u8,
  ) {}

  @inline isDark(x: i32, y: i32): bool {
    return load<u8>(this.bits.dataStart + <usize>(y * this.width + x)) == this.dark;
  }

  @inline contains(x: i32, y: i32): bool {
    return x >= 0 && y >= 0 && x < this.width && y < this.height;
  }

  /** Dark at the continuous point (x, y); outside the image counts as light. */
  @inline darkAt(x: f64, y: f64): bool {
    const ix = <i32>Math.floor(x);
    const iy = <i32>Math.floor(y);
    if (ix < 0 || iy < 0 || ix >= this.width || iy >= this.height) return false;
    return this.isDark(ix, iy);
  }
}
