import { dateLocale } from './locale.js';

/** A calendar date ("2021-05-15") in the words of the locale; it names a day, so no time zone shifts it. */
export function formatDay(isoDate: string, locale: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDate);
  if (!m) return isoDate;
  const day = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return new Intl.DateTimeFormat(dateLocale(locale), { dateStyle: 'long', timeZone: 'UTC' }).format(day);
}

/** An instant as the venue's clock shows it, in the words of the locale. */
export function formatInstant(instant: Date, locale: string, timeZone: string): string {
  return new Intl.DateTimeFormat(dateLocale(locale), { dateStyle: 'long', timeStyle: 'short', timeZone }).format(instant);
}
