// A fixed-capacity byte buffer: decoding never allocates per character, and
// the capacity bounds the output of any symbol (version 40 holds at most
// 7089 digits, whose text is as long).
export class ByteSink {
  data: Uint8Array;
  length: i32 = 0;
  overflow: bool = false;

  constructor(capacity: i32) {
    this.data = new Uint8Array(capacity);
  }

  reset(): void {
    this.length = 0;
    this.overflow = false;
  }

  push(value: i32): void {
    if (this.length >= this.data.length) {
      this.overflow = true;
      return;
    }
    unchecked(this.data[this.length++] = <u8>value);
  }

  /** Appends a code point as UTF-8. */
  pushCodePoint(codePoint: i32): void {
    if (codePoint < 0x80) {
      this.push(codePoint);
    } else if (codePoint < 0x800) {
      this.push(0xc0 | (codePoint >> 6));
      this.push(0x80 | (codePoint & 0x3f));
    } else if (codePoint < 0x10000) {
      this.push(0xe0 | (codePoint >> 12));
      this.push(0x80 | ((codePoint >> 6) & 0x3f));
      this.push(0x80 | (codePoint & 0x3f));
    } else {
      this.push(0xf0 | (codePoint >> 18));
      this.push(0x80 | ((codePoint >> 12) & 0x3f));
      this.push(0x80 | ((codePoint >> 6) & 0x3f));
      this.push(0x80 | (codePoint & 0x3f));
    }
  }

  /** A copy of the content, exactly as long as it. */
  toArray(): Uint8Array {
    return this.data.slice(0, this.length);
  }
}
