// What a pass may put on screen. Every pass field is text the holder (or a forger) chose;
// a door guard reads it in a glance. So before it is shown:
// - format and control characters go (Unicode Cf/Cc: bidi overrides such as U+202E, zero-width
//   spaces and joiners, BOM, invisible separators), so the text reads as it is stored;
// - runs of combining marks are cut to three, so no "Zalgo" name climbs over the verdict;
// - the length is capped (the CSS also clamps the block to a few lines);
// - dates are shown only when they are real calendar dates (YYYY, YYYY-MM, YYYY-MM-DD).
// The element also isolates each such field (<bdi>), so right-to-left names cannot reorder the words around them.

/** Longest name shown, in characters; longer ones end with "…". */
export const MAX_SHOWN_NAME = 80;
/** Longest other pass text shown (issuer, reasons) before "…". */
export const MAX_SHOWN_TEXT = 160;

const INVISIBLE = /[\p{Cc}\p{Cf}\u2028\u2029]/gu;
const COMBINING_RUN = /(\p{M}{3})\p{M}+/gu;

/** `value` made safe to show as a name or label: visible characters only, at most `max` of them. */
export function shownText(value: unknown, max = MAX_SHOWN_NAME): string {
  if (typeof value !== 'string') return '';
  // Work on a bounded prefix: nothing past it could be shown anyway.
  const text = value.slice(0, max * 8).normalize('NFC').replace(INVISIBLE, '').replace(COMBINING_RUN, '$1').replace(/\s+/gu, ' ').trim();
  const chars = Array.from(text);
  return chars.length > max ? `${chars.slice(0, max - 1).join('').trimEnd()}…` : text;
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** `value` when it is a real (possibly partial) calendar date, else undefined: nothing else is shown as a date. */
export function shownDate(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const m = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/.exec(value);
  if (!m) return undefined;
  const year = Number(m[1]);
  if (m[2] === undefined) return value;
  const month = Number(m[2]);
  if (month < 1 || month > 12) return undefined;
  if (m[3] === undefined) return value;
  const day = Number(m[3]);
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  const last = month === 2 && leap ? 29 : DAYS_IN_MONTH[month - 1]!;
  return day >= 1 && day <= last ? value : undefined;
}
