// Shift JIS two-byte characters (kanji mode, ECI 20) to Unicode.
import { SHIFT_JIS_TO_UNICODE } from './shift-jis-table';

const TRAILS_PER_LEAD = 189; // 0x40–0xFC

/** The code point of a two-byte Shift JIS character, or U+FFFD. */
export function shiftJisToCodePoint(lead: i32, trail: i32): i32 {
  let leadIndex = -1;
  if (lead >= 0x81 && lead <= 0x9f) leadIndex = lead - 0x81;
  else if (lead >= 0xe0 && lead <= 0xef) leadIndex = lead - 0xe0 + 31;
  if (leadIndex < 0 || trail < 0x40 || trail > 0xfc) return 0xfffd;
  const codePoint = <i32>SHIFT_JIS_TO_UNICODE[leadIndex * TRAILS_PER_LEAD + trail - 0x40];
  return codePoint == 0 ? 0xfffd : codePoint;
}
