// Shift JIS two-byte characters to Unicode. Placeholder until the table is
// generated: every two-byte character becomes U+FFFD.
export function shiftJisToCodePoint(lead: i32, trail: i32): i32 {
  return lead > 0 && trail > 0 ? 0xfffd : 0xfffd;
}
