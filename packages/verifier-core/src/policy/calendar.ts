// Calendar arithmetic for policies. A day is an ISO date string "YYYY-MM-DD";
// comparing two such strings compares the days.

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
  if (!value) return undefined;
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return value;
  if (!/^\d{4}-\d{2}-\d{2}T/.test(value)) return undefined;
  const instant = new Date(value);
  return Number.isNaN(instant.getTime()) ? undefined : dayIn(instant, timeZone);
}

export function addDays(day: string, days: number): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

/**
 * Completed years of age on `today` for a birth date that may be partial
 * ("1990", "1990-05"). A partial date is taken at its earliest day, the oldest
 * the holder can be, so an age exemption never admits on a guess.
 */
export function ageOn(birthDate: string, today: string): number | undefined {
  const m = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/.exec(birthDate);
  if (!m) return undefined;
  const birth = `${m[1]}-${m[2] ?? '01'}-${m[3] ?? '01'}`;
  if (birth > today) return undefined;
  const years = Number(today.slice(0, 4)) - Number(birth.slice(0, 4));
  return today.slice(5) < birth.slice(5) ? years - 1 : years;
}
