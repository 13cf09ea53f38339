import { parseIsoDateTime } from '../internal/dates.js';

/**
 * An ISO 8601 date or date-time from an IBM credential (the forms internal/dates.ts
 * reads). A date alone means the start of that day in UTC, and a date-time without a
 * zone is read as UTC: the credentials we have seen write UTC throughout. Impossible
 * dates (2021-02-30) are refused: such a pass is not trusted to mean anything.
 * Undefined for anything else.
 */
export function parseIdhpDate(value: unknown): Date | undefined {
  if (typeof value !== 'string') return undefined;
  const ms = parseIsoDateTime(value);
  return ms === undefined ? undefined : new Date(ms);
}
