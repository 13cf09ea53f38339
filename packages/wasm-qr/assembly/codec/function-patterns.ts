// Which modules of a version's symbol are function patterns (finders with
// separators, timing, alignment, format and version information, the dark
// module): everything else carries data. Cached per version.
import { alignmentPositions } from './tables';

const masks = new StaticArray<Uint8Array | null>(41);
const codewordTotals = new StaticArray<i32>(41);
const alignment = new StaticArray<i32>(8);

export function symbolSize(version: i32): i32 {
  return version * 4 + 17;
}

function fillRect(map: Uint8Array, size: i32, left: i32, top: i32, width: i32, height: i32): void {
  for (let y = top; y < top + height; y++) {
    if (y < 0 || y >= size) continue;
    for (let x = left; x < left + width; x++) {
      if (x >= 0 && x < size) map[y * size + x] = 1;
    }
  }
}

/** size*size bytes, 1 = function module. version must be 1..40. */
export function functionPatternMap(version: i32): Uint8Array {
  const cached = unchecked(masks[version]);
  if (cached) return cached;
  const size = symbolSize(version);
  const map = new Uint8Array(size * size);
  fillRect(map, size, 0, 0, 9, 9); // top-left finder, separator, format information
  fillRect(map, size, size - 8, 0, 8, 9); // top-right finder, separator, format information
  fillRect(map, size, 0, size - 8, 9, 8); // bottom-left finder, separator, format information, dark module
  fillRect(map, size, 0, 6, size, 1); // timing
  fillRect(map, size, 6, 0, 1, size);
  const count = alignmentPositions(version, alignment);
  for (let i = 0; i < count; i++) {
    for (let j = 0; j < count; j++) {
      // the three corners that would overlap finder patterns have none
      if ((i == 0 && j == 0) || (i == 0 && j == count - 1) || (i == count - 1 && j == 0)) continue;
      fillRect(map, size, alignment[j] - 2, alignment[i] - 2, 5, 5);
    }
  }
  if (version >= 7) {
    fillRect(map, size, size - 11, 0, 3, 6);
    fillRect(map, size, 0, size - 11, 6, 3);
  }
  let dataModules = 0;
  for (let i = 0; i < size * size; i++) if (map[i] == 0) dataModules++;
  unchecked(codewordTotals[version] = dataModules >> 3);
  unchecked(masks[version] = map);
  return map;
}

/** Total codewords (data + EC) of a version. */
export function totalCodewords(version: i32): i32 {
  functionPatternMap(version);
  return unchecked(codewordTotals[version]);
}
