// Calendar arithmetic for policies. A day is an ISO date string "YYYY-MM-DD", checked
// against the calendar; arithmetic and comparisons go through day numbers (days since
// 1970-01-01), never through the strings: "+010000-01-14" < "2021-06-01" as text.
import { dayNumber, dayText, isPartialDate, parseIsoDateTime } from '../internal/dates.js';

const formatters = new Map<string, Intl.DateTimeFormat>();

/** The day an instant falls on in a time zone. */
export function dayIn(instant: Date, timeZone: string): string {
  let format = formatters.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    formatters.set(timeZone, format);
  }
  const parts = Object.fromEntries(format.formatToParts(instant).map((p) => [p.type, p.value]));
  return `${parts.year}-${parts.month}-${parts.day}`;
}

/**
 * The day a pass field names: a date ("2021-05-01") is that day as written,
 * wherever the venue is; a date-time is the day it falls on at the venue.
 */
export function dayOf(value: string | undefined, timeZone: string): string | undefined {
  if (!value || value.length < 10) return undefined;
  if (value.length === 10) return dayNumber(value) === undefined ? undefined : value;
  const ms = parseIsoDateTime(value);
  return ms === undefined ? undefined : dayIn(new Date(ms), timeZone);
}

/** `day` plus `days`, or undefined when either is not a real day or the sum leaves the years 0–9999. */
export function addDays(day: string, days: number): string | undefined {
  const n = dayNumber(day);
  return n === undefined || !Number.isInteger(days) ? undefined : dayText(n + days);
}

/** a − b in whole days, or undefined unless both are real days. */
export function daysBetween(a: string, b: string): number | undefined {
  const x = dayNumber(a), y = dayNumber(b);
  return x === undefined || y === undefined ? undefined : x - y;
}

/**
 * Completed years of age on `today` for a birth date that may be partial
 * ("1990", "1990-05"). A partial date is taken at its earliest day, the oldest
 * the holder can be, so an age exemption never admits on a guess.
 */
export function ageOn(birthDate: string, today: string): number | undefined {
  const m = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/.exec(birthDate);
  if (!m || !isPartialDate(birthDate)) return undefined;
  const birth = `${m[1]}-${m[2] ?? '01'}-${m[3] ?? '01'}`;
  const after = daysBetween(birth, today);
  if (after === undefined || after > 0) return undefined;
  const years = Number(today.slice(0, 4)) - Number(birth.slice(0, 4));
  return today.slice(5) < birth.slice(5) ? years - 1 : years;
}
