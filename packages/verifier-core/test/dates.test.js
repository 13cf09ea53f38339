import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { parseIsoDate, parseIsoDateTime } from '@pass-check/verifier-core/testing';

const pad = (n, width = 2) => String(n).padStart(width, '0');
/** The calendar by the engine's own Date.UTC: the independent reference for which days exist. */
function utcDay(year, month, day) {
  const date = new Date(Date.UTC(2000, month - 1, day));
  date.setUTCFullYear(year);
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day ? date.getTime() : undefined;
}

describe('ISO dates read by hand (internal/dates.ts)', () => {
  it('knows every day of 1896-2104 and the century leap rules, and no day that does not exist', () => {
    for (let year = 1896; year <= 2104; year++) {
      for (let month = 0; month <= 13; month++) {
        for (let day = 0; day <= 32; day++) {
          const text = `${year}-${pad(month)}-${pad(day)}`;
          const expected = month >= 1 && month <= 12 && day >= 1 ? utcDay(year, month, day) : undefined;
          assert.equal(parseIsoDate(text), expected, text);
          assert.equal(parseIsoDateTime(text), expected, text);
        }
      }
    }
    assert.equal(parseIsoDate('1900-02-29'), undefined);
    assert.equal(parseIsoDate('2000-02-29'), Date.UTC(2000, 1, 29));
    assert.equal(parseIsoDate('2100-02-29'), undefined);
    assert.equal(parseIsoDate('0000-01-01'), -62167219200000);
    assert.equal(parseIsoDate('9999-12-31'), Date.UTC(9999, 11, 31));
  });

  it('reads date-times with seconds, fractions and zones as the instant they name', () => {
    const at = Date.UTC(2021, 4, 29, 10, 0, 0);
    const cases = {
      '2021-05-29T10:00': at,
      '2021-05-29T10:00Z': at,
      '2021-05-29T10:00:00': at,
      '2021-05-29T10:00:00Z': at,
      '2021-05-29T12:00:00+02:00': at,
      '2021-05-29T12:00:00+0200': at,
      '2021-05-29T07:30:00-02:30': at,
      '2021-05-29T10:00:00-00:00': at,
      '2021-05-29T10:00:00.5Z': at + 500,
      '2021-05-29T10:00:00.123456789Z': at + 123,
      '2021-05-29T23:59:59.999+23:59': Date.UTC(2021, 4, 29, 23, 59, 59, 999) - (23 * 60 + 59) * 60_000,
      '2021-01-01T00:30:00+01:00': Date.UTC(2020, 11, 31, 23, 30),
    };
    for (const [text, expected] of Object.entries(cases)) assert.equal(parseIsoDateTime(text), expected, text);
  });

  it('refuses impossible times, other layouts and anything after the zone', () => {
    for (const text of [
      '', '2021', '2021-05', '2021-5-29', '21-05-29', '2021/05/29', '+02021-05-29', '2021-05-29Z', '2021-05-29T', '2021-05-29 10:00:00Z',
      '2021-05-29T24:00:00Z', '2021-05-29T10:60Z', '2021-05-29T10:00:60Z', '2021-05-29T1:00:00Z', '2021-05-29T10:0:00Z',
      '2021-05-29T10:00:00.Z', '2021-05-29T10:00:00.1234567891Z', '2021-05-29T10:00:00+02', '2021-05-29T10:00:00+02:0',
      '2021-05-29T10:00:00+02:60', '2021-05-29T10:00:00+24:00', '2021-05-29T10:00:00ZZ', '2021-05-29T10:00:00Z ', ' 2021-05-29',
      '2021-02-30T10:00:00Z', '٢٠٢١-05-29', '2021-05-29T10:00:00.1234567Z'.padEnd(45, '0'),
    ]) assert.equal(parseIsoDateTime(text), undefined, JSON.stringify(text));
    for (const text of ['2021-05-29T10:00', '2021-05-29 ', '2021-05-2']) assert.equal(parseIsoDate(text), undefined, text);
  });

  it('agrees with Date.parse on every RFC 3339 date-time it is given (the engine reads those the same everywhere)', () => {
    fc.assert(fc.property(
      fc.record({
        year: fc.integer({ min: 1000, max: 9999 }), month: fc.integer({ min: 1, max: 12 }), day: fc.integer({ min: 1, max: 28 }),
        hour: fc.integer({ min: 0, max: 23 }), minute: fc.integer({ min: 0, max: 59 }), second: fc.integer({ min: 0, max: 59 }),
        fraction: fc.option(fc.stringMatching(/^\d{1,9}$/), { nil: undefined }),
        zone: fc.oneof(fc.constant('Z'), fc.tuple(fc.constantFrom('+', '-'), fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 }))
          .map(([sign, h, m]) => `${sign}${pad(h)}:${pad(m)}`)),
      }),
      ({ year, month, day, hour, minute, second, fraction, zone }) => {
        const text = `${year}-${pad(month)}-${pad(day)}T${pad(hour)}:${pad(minute)}:${pad(second)}${fraction === undefined ? '' : `.${fraction}`}${zone}`;
        assert.equal(parseIsoDateTime(text), Date.parse(text), text);
        // The same instant with the zone written without its colon.
        if (zone !== 'Z') assert.equal(parseIsoDateTime(text.slice(0, -3) + text.slice(-2)), Date.parse(text), text);
      },
    ), { numRuns: 2000 });
  });
});
