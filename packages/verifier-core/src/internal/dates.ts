// ISO 8601 dates and date-times as passes write them (the RFC 3339 profile, plus
// the forms issuers use in the wild), read by hand rather than by Date.parse:
// - every engine reads them the same way (Date.parse leaves anything outside its
//   own format to the engine, and V8 takes 2021-02-31 for 3 March);
// - impossible calendar dates and times are refused;
// - a scan checks several dates per pass, and a few char-code comparisons touch far
//   less code than a regular expression and the engine's date parser.
//
// Accepted: YYYY-MM-DD, optionally followed by THH:MM, then optionally :SS, then
// optionally a fraction of 1 to 9 digits, then optionally a zone: Z, ±HH:MM or ±HHMM.
// A date alone is the start of that day in UTC; a date-time without a zone is read
// as UTC (passes write UTC throughout, and a door scanner's own zone must not
// change a verdict).

/** Longest text read: a date-time with nine fraction digits and a zone is 35 characters. */
const MAX_LENGTH = 40;
const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const ZERO = 48;
const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;

/** The number written by `count` ASCII digits at `at`, or -1 if any is not a digit. */
function digits(text: string, at: number, count: number): number {
  let n = 0;
  for (let i = at; i < at + count; i++) {
    const d = text.charCodeAt(i) - ZERO;
    if (!(d >= 0 && d <= 9)) return -1; // also NaN, past the end of the text
    n = n * 10 + d;
  }
  return n;
}

const isLeapYear = (year: number): boolean => year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);

/**
 * Days from 1970-01-01 to a proleptic Gregorian date, by arithmetic: years are
 * counted from March, so the leap day ends the year, and in whole 400-year cycles of
 * 146,097 days (the days-from-civil method as Howard Hinnant published it).
 */
function daysSinceEpoch(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const cycle = Math.floor(y / 400);
  const yearOfCycle = y - cycle * 400;
  const dayOfYear = Math.floor((153 * (month > 2 ? month - 3 : month + 9) + 2) / 5) + day - 1;
  const dayOfCycle = yearOfCycle * 365 + Math.floor(yearOfCycle / 4) - Math.floor(yearOfCycle / 100) + dayOfYear;
  return cycle * 146_097 + dayOfCycle - 719_468;
}

/** Milliseconds since the epoch of the calendar date at the start of `text`, or undefined when it is none. */
function dateAt(text: string): number | undefined {
  if (text.length < 10 || text.charCodeAt(4) !== 45 || text.charCodeAt(7) !== 45) return undefined; // '-'
  const year = digits(text, 0, 4), month = digits(text, 5, 2), day = digits(text, 8, 2);
  if (year < 0 || month < 1 || month > 12 || day < 1) return undefined;
  if (day > (month === 2 && isLeapYear(year) ? 29 : DAYS_IN_MONTH[month - 1]!)) return undefined;
  return daysSinceEpoch(year, month, day) * DAY_MS;
}

/** A date alone (`YYYY-MM-DD`, exactly): milliseconds since the epoch at the start of that day in UTC, or undefined. */
export function parseIsoDate(text: string): number | undefined {
  return text.length === 10 ? dateAt(text) : undefined;
}

/** A date or a date-time (see the top of this file): milliseconds since the epoch, or undefined. */
export function parseIsoDateTime(text: string): number | undefined {
  if (text.length > MAX_LENGTH) return undefined;
  const day = dateAt(text);
  if (day === undefined) return undefined;
  if (text.length === 10) return day;
  // THH:MM
  if (text.length < 16 || text.charCodeAt(10) !== 84 || text.charCodeAt(13) !== 58) return undefined; // 'T', ':'
  const hour = digits(text, 11, 2), minute = digits(text, 14, 2);
  if (hour < 0 || hour > 23 || minute < 0 || minute > 59) return undefined;
  let ms = day + (hour * 60 + minute) * MINUTE_MS;
  let at = 16;
  // :SS, then .fraction
  if (text.charCodeAt(at) === 58) {
    const second = digits(text, at + 1, 2);
    if (text.length < at + 3 || second < 0 || second > 59) return undefined;
    ms += second * 1000;
    at += 3;
    if (text.charCodeAt(at) === 46) { // '.'
      let end = at + 1;
      while (end < text.length && end - at <= 9) {
        const d = text.charCodeAt(end) - ZERO;
        if (d < 0 || d > 9) break;
        end++;
      }
      const count = end - at - 1;
      if (count < 1 || count > 9) return undefined;
      ms += Math.floor(digits(text, at + 1, Math.min(count, 3)) * 10 ** (3 - Math.min(count, 3)));
      at = end;
    }
  }
  if (at === text.length) return ms;
  // Z, ±HH:MM or ±HHMM
  const sign = text.charCodeAt(at);
  if (sign === 90) return at + 1 === text.length ? ms : undefined; // 'Z'
  if (sign !== 43 && sign !== 45) return undefined; // '+', '-'
  const colon = text.charCodeAt(at + 3) === 58 ? 1 : 0;
  if (text.length !== at + 5 + colon) return undefined;
  const zoneHour = digits(text, at + 1, 2), zoneMinute = digits(text, at + 3 + colon, 2);
  if (zoneHour < 0 || zoneHour > 23 || zoneMinute < 0 || zoneMinute > 59) return undefined;
  const offset = (zoneHour * 60 + zoneMinute) * MINUTE_MS;
  return sign === 43 ? ms - offset : ms + offset;
}

/**
 * A full or partial calendar date as FHIR and the DCC write birth dates: `YYYY`, `YYYY-MM`
 * or `YYYY-MM-DD`, exactly, each part a real one (no month 13, no 30 February).
 */
export function isPartialDate(text: string): boolean {
  if (text.length === 4) return digits(text, 0, 4) >= 0;
  if (text.length === 7) {
    const month = digits(text, 5, 2);
    return digits(text, 0, 4) >= 0 && text.charCodeAt(4) === 45 && month >= 1 && month <= 12;
  }
  return text.length === 10 && dateAt(text) !== undefined;
}

/** Whole days since 1970-01-01 of a `YYYY-MM-DD` day (numeric, so day arithmetic never compares strings), or undefined. */
export function dayNumber(day: string): number | undefined {
  const ms = parseIsoDate(day);
  return ms === undefined ? undefined : ms / DAY_MS;
}

/** The `YYYY-MM-DD` text of a day number (years 0–9999 only; undefined outside them). */
export function dayText(days: number): string | undefined {
  if (!Number.isInteger(days)) return undefined;
  const date = new Date(days * DAY_MS);
  const year = date.getUTCFullYear();
  if (Number.isNaN(year) || year < 0 || year > 9999) return undefined;
  return date.toISOString().slice(0, 10);
}
