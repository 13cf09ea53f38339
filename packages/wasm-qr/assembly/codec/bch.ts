// Format information (BCH(15,5), generator 0x537, masked with 0x5412) and
// version information (BCH(18,6), generator 0x1F25). Reading picks the valid
// code nearest in Hamming distance; up to 3 bit errors are corrected.

function bchRemainder(value: i32, generator: i32, generatorDegree: i32): i32 {
  let remainder = value << generatorDegree;
  for (let bit = 31 - clz<i32>(remainder); bit >= generatorDegree; bit--) {
    if ((remainder >> bit) & 1) remainder ^= generator << (bit - generatorDegree);
  }
  return remainder;
}

/** The 15 bits of format information for (EC indicator bits, mask). */
export function formatBits(ecIndicator: i32, mask: i32): i32 {
  const data = (ecIndicator << 3) | mask;
  return ((data << 10) | bchRemainder(data, 0x537, 10)) ^ 0x5412;
}

/** The 18 bits of version information (versions ≥ 7). */
export function versionBits(version: i32): i32 {
  return (version << 12) | bchRemainder(version, 0x1f25, 12);
}

/** Distance of the best format match from the last decodeFormat call. */
export let formatDistance: i32 = 99;

/** Nearest (EC indicator << 3 | mask) to `raw`; formatDistance tells how near. */
export function decodeFormat(raw: i32): i32 {
  let best = -1;
  let bestDistance = 99;
  for (let data = 0; data < 32; data++) {
    const distance = popcnt<i32>(formatBits(data >> 3, data & 7) ^ raw);
    if (distance < bestDistance) {
      bestDistance = distance;
      best = data;
    }
  }
  formatDistance = bestDistance;
  return best;
}

export let versionDistance: i32 = 99;

/** Nearest version 7..40 to the raw 18 bits; versionDistance tells how near. */
export function decodeVersion(raw: i32): i32 {
  let best = -1;
  let bestDistance = 99;
  for (let version = 7; version <= 40; version++) {
    const distance = popcnt<i32>(versionBits(version) ^ raw);
    if (distance < bestDistance) {
      bestDistance = distance;
      best = version;
    }
  }
  versionDistance = bestDistance;
  return best;
}
