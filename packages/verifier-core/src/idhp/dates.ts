const ISO_DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})?)?$/;

/**
 * An ISO 8601 date or date-time from an IBM credential. A date alone means the
 * start of that day in UTC, and a date-time without a zone is read as UTC: the
 * credentials we have seen write UTC throughout. Undefined for anything else.
 */
export function parseIdhpDate(value: unknown): Date | undefined {
  if (typeof value !== 'string' || value.length > 40) return undefined;
  const m = ISO_DATE_TIME.exec(value);
  if (!m) return undefined;
  const text = m[4] === undefined ? `${value}T00:00:00Z` : m[7] === undefined ? `${value}Z` : value;
  const date = new Date(text);
  if (Number.isNaN(date.getTime())) return undefined;
  // Date() rolls 2021-02-30 over to March; a pass with an impossible date is not trusted to mean anything.
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const calendar = new Date(Date.UTC(year, month - 1, day));
  if (calendar.getUTCMonth() !== month - 1 || calendar.getUTCDate() !== day) return undefined;
  return date;
}
