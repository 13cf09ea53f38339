// Facts of the QR symbology the image stages need: alignment pattern
// positions and the BCH(18,6)-coded version information of versions 7–40.

const VERSION_GENERATOR: i32 = 0x1f25;

/** The 18-bit version information word of `version` (7–40). */
export function versionInfoWord(version: i32): i32 {
  let remainder = version << 12;
  for (let bit = 17; bit >= 12; bit--) {
    if (remainder & (1 << bit)) remainder ^= VERSION_GENERATOR << (bit - 12);
  }
  return (version << 12) | remainder;
}

/** Hamming distance of the best match of `bits`; the version itself in `decodedVersion`. */
export let decodedVersion: i32 = 0;
export function decodeVersionInfo(bits: i32): i32 {
  let best = 99;
  decodedVersion = 0;
  for (let v = 7; v <= 40; v++) {
    const d = <i32>popcnt<u32>(<u32>(bits ^ versionInfoWord(v)));
    if (d < best) {
      best = d;
      decodedVersion = v;
    }
  }
  return best;
}

/**
 * Centre coordinates (module index) of the alignment patterns of `version`,
 * written to `out`; returns how many. Evenly spaced from the last (4v+10)
 * backwards to the first after 6, spacing rounded up to even (26 for v32).
 */
export function alignmentPositions(version: i32, out: StaticArray<i32>): i32 {
  if (version < 2) return 0;
  const count = version / 7 + 2;
  const last = version * 4 + 10;
  const step = version == 32 ? 26 : <i32>Math.ceil(<f64>(version * 4 + 4) / <f64>(count * 2 - 2)) * 2;
  unchecked((out[0] = 6));
  for (let i = count - 1, pos = last; i >= 1; i--, pos -= step) unchecked((out[i] = pos));
  return count;
}
