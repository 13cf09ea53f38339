// Byte-mode text to UTF-8, per the character set an ECI designates (or the
// guess when there is none: UTF-8 when valid, as encoders emit in practice;
// else Shift JIS when the bytes are valid Shift JIS holding Japanese text, as
// Japanese encoders emit without an ECI; else ISO-8859-1, the standard's default).
import { ByteSink } from './byte-sink';
import { shiftJisToCodePoint } from './shift-jis';

export const CHARSET_GUESS: i32 = 0;
export const CHARSET_LATIN1: i32 = 1;
export const CHARSET_UTF8: i32 = 2;
export const CHARSET_ASCII: i32 = 3;
export const CHARSET_SHIFT_JIS: i32 = 4;
export const CHARSET_UTF16BE: i32 = 5;

const REPLACEMENT: i32 = 0xfffd;

/** The character set an ECI assignment number designates; unknown ones fall back to guessing. */
export function charsetForEci(eci: i32): i32 {
  if (eci == 1 || eci == 3) return CHARSET_LATIN1;
  if (eci == 26) return CHARSET_UTF8;
  if (eci == 27 || eci == 170) return CHARSET_ASCII;
  if (eci == 20) return CHARSET_SHIFT_JIS;
  if (eci == 25) return CHARSET_UTF16BE;
  return CHARSET_GUESS;
}

let sequenceLength: i32 = 0;

/** The code point of the UTF-8 sequence at src[i], or −1 when invalid; sets sequenceLength. */
function utf8At(src: Uint8Array, i: i32, end: i32): i32 {
  const lead = <i32>src[i];
  sequenceLength = 1;
  if (lead < 0x80) return lead;
  let count = 0;
  let low = 0x80;
  let high = 0xbf;
  let codePoint = 0;
  if (lead >= 0xc2 && lead <= 0xdf) { count = 1; codePoint = lead & 0x1f; }
  else if (lead >= 0xe0 && lead <= 0xef) {
    count = 2; codePoint = lead & 0x0f;
    if (lead == 0xe0) low = 0xa0;
    if (lead == 0xed) high = 0x9f;
  } else if (lead >= 0xf0 && lead <= 0xf4) {
    count = 3; codePoint = lead & 0x07;
    if (lead == 0xf0) low = 0x90;
    if (lead == 0xf4) high = 0x8f;
  } else return -1;
  if (i + count >= end) return -1;
  for (let k = 1; k <= count; k++) {
    const next = <i32>src[i + k];
    if (k == 1 ? (next < low || next > high) : (next < 0x80 || next > 0xbf)) return -1;
    codePoint = (codePoint << 6) | (next & 0x3f);
  }
  sequenceLength = count + 1;
  return codePoint;
}

export function isValidUtf8(src: Uint8Array, start: i32, end: i32): bool {
  let i = start;
  while (i < end) {
    if (utf8At(src, i, end) < 0) return false;
    i += sequenceLength;
  }
  return true;
}

/**
 * True when src[start..end) is valid Shift JIS (ASCII, half-width katakana,
 * two-byte JIS X 0208 characters the table maps) and looks Japanese: it holds
 * a two-byte character led by 0x81–0x9F (punctuation, kana, level-1 kanji;
 * as Latin-1 these are C1 controls, never in real text). Latin-1 text can be
 * valid Shift JIS ("çü" reads as one level-2 kanji, "Ö" or "±½¾" as
 * half-width katakana) but then lacks that sign, so it stays Latin-1; text of
 * half-width katakana alone is read as Latin-1 too (ambiguous, and rare).
 */
export function isLikelyShiftJis(src: Uint8Array, start: i32, end: i32): bool {
  let japanese = false;
  let i = start;
  while (i < end) {
    const b = <i32>src[i];
    if (b < 0x80 || (b >= 0xa1 && b <= 0xdf)) { i++; continue; }
    if (i + 1 >= end) return false;
    if (shiftJisToCodePoint(b, <i32>src[i + 1]) == REPLACEMENT) return false;
    if (b <= 0x9f) japanese = true;
    i += 2;
  }
  return japanese;
}

/** The character set guessed for byte-mode data without an ECI. */
export function guessCharset(src: Uint8Array, start: i32, end: i32): i32 {
  if (isValidUtf8(src, start, end)) return CHARSET_UTF8;
  if (isLikelyShiftJis(src, start, end)) return CHARSET_SHIFT_JIS;
  return CHARSET_LATIN1;
}

/** Appends src[start..end) in `charset` to out as UTF-8. */
export function appendAsUtf8(src: Uint8Array, start: i32, end: i32, charset: i32, out: ByteSink): void {
  if (charset == CHARSET_GUESS) charset = guessCharset(src, start, end);
  let i = start;
  while (i < end) {
    const b = <i32>src[i];
    if (charset == CHARSET_UTF8) {
      const codePoint = utf8At(src, i, end);
      out.pushCodePoint(codePoint < 0 ? REPLACEMENT : codePoint);
      i += sequenceLength;
    } else if (charset == CHARSET_LATIN1) {
      out.pushCodePoint(b);
      i++;
    } else if (charset == CHARSET_ASCII) {
      out.pushCodePoint(b < 0x80 ? b : REPLACEMENT);
      i++;
    } else if (charset == CHARSET_UTF16BE) {
      if (i + 1 >= end) { out.pushCodePoint(REPLACEMENT); break; }
      let unit = (b << 8) | <i32>src[i + 1];
      i += 2;
      if (unit >= 0xd800 && unit <= 0xdbff && i + 1 < end) {
        const low = (<i32>src[i] << 8) | <i32>src[i + 1];
        if (low >= 0xdc00 && low <= 0xdfff) {
          unit = 0x10000 + ((unit - 0xd800) << 10) + (low - 0xdc00);
          i += 2;
        }
      }
      out.pushCodePoint(unit >= 0xd800 && unit <= 0xdfff ? REPLACEMENT : unit);
    } else {
      // Shift JIS: ASCII, half-width katakana, or a two-byte character
      if (b < 0x80) { out.pushCodePoint(b); i++; }
      else if (b >= 0xa1 && b <= 0xdf) { out.pushCodePoint(0xff61 + b - 0xa1); i++; }
      else if (i + 1 < end) { out.pushCodePoint(shiftJisToCodePoint(b, <i32>src[i + 1])); i += 2; }
      else { out.pushCodePoint(REPLACEMENT); i++; }
    }
  }
}
