import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createTrustStore, createVerifier, evaluatePolicy, resolvePolicy, PolicyPresetNames } from '@pass-check/verifier-core';
import { createIdhpIssuer, idhpQrText } from '@pass-check/verifier-core/testing';

// Outcomes as a format module hands them to the policy (see src/outcome.ts).
const holder = { name: 'Jane Doe', birthDate: '1990-05-17' };
const vaccination = (completedOn, extra = {}) => ({
  format: 'idhp', errors: [], holder, issuer: { id: 'did:hpass:test' },
  credential: { kind: 'vaccination', doses: [{ date: completedOn?.slice(0, 10) ?? '2021-04-01', country: 'US' }], seriesComplete: completedOn !== undefined, ...(completedOn ? { completedOn } : {}) },
  ...extra,
});
const test = (testType, collectedAt, result = 'negative') => ({
  format: 'dcc', errors: [], holder, issuer: { id: 'AT' },
  credential: { kind: 'test', testType, result, collectedAt: new Date(collectedAt), country: 'AT' },
});
const recovery = (validFrom, validUntil) => ({
  format: 'dcc', errors: [], holder, issuer: { id: 'AT' }, credential: { kind: 'recovery', validFrom, validUntil, country: 'AT' },
});
const other = () => ({ format: 'idhp', errors: [], holder, credential: { kind: 'other', types: ['Membership'] } });
const invalid = (outcome) => ({ ...outcome, errors: ['EXPIRED'] });

const HOUR = 3_600_000;
const SAMPLE = '2021-05-10T12:00:00Z';
const after = (iso, ms) => new Date(Date.parse(iso) + ms).toISOString();

function decide(policy, outcome, now, locale = 'en', disclose = 'minimal') {
  return evaluatePolicy(resolvePolicy(policy), outcome, new Date(now), locale, disclose);
}

describe('policy presets across their boundaries', () => {
  // [preset, case, outcome, now, expected: rule id that admits | list of reason codes on reject]
  const table = [
    // ny-2021: counted on New York's calendar (EDT = UTC-4 in May)
    ['ny-2021', 'series done exactly 14 days ago (local midnight)', vaccination('2021-05-01'), '2021-05-15T04:00:00Z', 'vaccinated-14d'],
    ['ny-2021', '13 days ago, last second of the local day', vaccination('2021-05-01'), '2021-05-15T03:59:59Z', ['VACCINATION_TOO_RECENT', 'NOT_TEST', 'NOT_TEST']],
    ['ny-2021', 'incomplete series', vaccination(undefined), '2021-06-15T12:00:00Z', ['SERIES_INCOMPLETE', 'NOT_TEST', 'NOT_TEST']],
    ['ny-2021', 'PCR exactly 72 h old', test('naat', SAMPLE), after(SAMPLE, 72 * HOUR), 'naat-72h'],
    ['ny-2021', 'PCR 72 h and 1 ms old', test('naat', SAMPLE), after(SAMPLE, 72 * HOUR + 1), ['NOT_VACCINATION', 'TEST_TOO_OLD', 'TEST_TYPE_NOT_ACCEPTED']],
    ['ny-2021', 'PCR taken at the same instant', test('naat', SAMPLE), SAMPLE, 'naat-72h'],
    ['ny-2021', 'PCR sample in the future', test('naat', SAMPLE), after(SAMPLE, -1000), ['NOT_VACCINATION', 'TEST_TIME_UNKNOWN', 'TEST_TYPE_NOT_ACCEPTED']],
    ['ny-2021', 'positive PCR', test('naat', SAMPLE, 'positive'), after(SAMPLE, HOUR), ['NOT_VACCINATION', 'TEST_NOT_NEGATIVE', 'TEST_TYPE_NOT_ACCEPTED']],
    ['ny-2021', 'antigen exactly 6 h old', test('antigen', SAMPLE), after(SAMPLE, 6 * HOUR), 'antigen-6h'],
    ['ny-2021', 'antigen 6 h and 1 s old', test('antigen', SAMPLE), after(SAMPLE, 6 * HOUR + 1000), ['NOT_VACCINATION', 'TEST_TYPE_NOT_ACCEPTED', 'TEST_TOO_OLD']],
    ['ny-2021', 'a recovery certificate', recovery('2021-05-01', '2021-10-01'), '2021-06-01T12:00:00Z', ['NOT_VACCINATION', 'NOT_TEST', 'NOT_TEST']],
    ['ny-2021', 'an expired pass, however vaccinated', invalid(vaccination('2021-01-01')), '2021-06-01T12:00:00Z', ['PASS_NOT_VALID']],
    // vaccinated: UTC calendar
    ['vaccinated', 'exactly 14 days (UTC midnight)', vaccination('2021-05-01'), '2021-05-15T00:00:00Z', 'vaccinated-14d'],
    ['vaccinated', '13 days (UTC, last second)', vaccination('2021-05-01'), '2021-05-14T23:59:59Z', ['VACCINATION_TOO_RECENT']],
    ['vaccinated', 'a negative test', test('naat', SAMPLE), after(SAMPLE, HOUR), ['NOT_VACCINATION']],
    // tested: NAAT 72 h, antigen 24 h
    ['tested', 'NAAT exactly 72 h', test('naat', SAMPLE), after(SAMPLE, 72 * HOUR), 'naat-72h'],
    ['tested', 'NAAT just over 72 h', test('naat', SAMPLE), after(SAMPLE, 72 * HOUR + 1), ['TEST_TOO_OLD', 'TEST_TYPE_NOT_ACCEPTED']],
    ['tested', 'antigen exactly 24 h', test('antigen', SAMPLE), after(SAMPLE, 24 * HOUR), 'antigen-24h'],
    ['tested', 'antigen just over 24 h', test('antigen', SAMPLE), after(SAMPLE, 24 * HOUR + 1), ['TEST_TYPE_NOT_ACCEPTED', 'TEST_TOO_OLD']],
    ['tested', 'a test of another kind', test('other', SAMPLE), after(SAMPLE, HOUR), ['TEST_TYPE_NOT_ACCEPTED', 'TEST_TYPE_NOT_ACCEPTED']],
    ['tested', 'a vaccination', vaccination('2021-01-01'), '2021-06-01T00:00:00Z', ['NOT_TEST', 'NOT_TEST']],
    // any-valid
    ['any-valid', 'any authentic pass', other(), '2021-06-01T00:00:00Z', 'any-valid'],
    ['any-valid', 'an incomplete series is still a valid pass', vaccination(undefined), '2021-06-01T00:00:00Z', 'any-valid'],
    ['any-valid', 'an invalid pass', invalid(other()), '2021-06-01T00:00:00Z', ['PASS_NOT_VALID']],
    ['any-valid', 'an incomplete chunked pass', { format: 'shc', errors: [], incomplete: { have: 1, total: 2 } }, '2021-06-01T00:00:00Z', ['PASS_NOT_VALID']],
  ];
  for (const [preset, name, outcome, now, expected] of table) {
    it(`${preset}: ${name}`, () => {
      const r = decide(preset, outcome, now);
      if (typeof expected === 'string') {
        assert.equal(r.decision, 'accept', JSON.stringify(r));
        assert.equal(r.rule, expected);
        assert.equal(r.reasons.length, 1);
        assert.equal(r.reasons[0].rule, expected);
      } else {
        assert.equal(r.decision, 'reject', JSON.stringify(r));
        assert.equal(r.rule, undefined);
        assert.deepEqual(r.reasons.map((x) => x.code), expected);
        for (const reason of r.reasons) assert.ok(reason.message.length > 5);
      }
    });
  }
  it('lists the four presets', () => {
    assert.deepEqual([...PolicyPresetNames].sort(), ['any-valid', 'ny-2021', 'tested', 'vaccinated']);
  });
});

describe('policy calendar: date-only fields and time zones', () => {
  const done = vaccination('2021-05-01');
  const custom = (timeZone) => ({ timeZone, rules: [{ id: 'v', type: 'vaccination', minDaysSinceComplete: 14 }] });
  it('counts a date-only vaccination day on the venue calendar', () => {
    const now = '2021-05-15T02:00:00Z'; // 15 May in UTC and Tokyo, still 14 May in New York
    assert.equal(decide(custom('UTC'), done, now).decision, 'accept');
    assert.equal(decide(custom('Asia/Tokyo'), done, now).decision, 'accept');
    assert.equal(decide(custom('America/New_York'), done, now).decision, 'reject');
    assert.equal(decide(custom('Asia/Tokyo'), done, '2021-05-14T15:00:00Z').decision, 'accept', 'midnight in Tokyo');
    assert.equal(decide(custom('Asia/Tokyo'), done, '2021-05-14T14:59:59Z').decision, 'reject');
  });
  it('takes the venue-local day of a vaccination date-time', () => {
    const late = vaccination('2021-05-01T23:30:00-04:00'); // 1 May in New York, 2 May in UTC
    assert.equal(decide(custom('America/New_York'), late, '2021-05-15T12:00:00Z').decision, 'accept');
    assert.equal(decide(custom('UTC'), late, '2021-05-15T12:00:00Z').decision, 'reject');
  });
  it('uses a minimum of 0 days when none is given', () => {
    const policy = { rules: [{ id: 'v', type: 'vaccination' }] };
    assert.equal(decide(policy, done, '2021-05-01T00:00:00Z').decision, 'accept');
    assert.equal(decide(policy, done, '2021-04-30T23:59:59Z').decision, 'reject');
  });
  it('admits a recovery certificate within its window, inclusive', () => {
    const policy = { rules: [{ id: 'r', type: 'recovery' }] };
    const pass = recovery('2021-05-01', '2021-10-01');
    assert.equal(decide(policy, pass, '2021-05-01T00:00:00Z').decision, 'accept');
    assert.equal(decide(policy, pass, '2021-10-01T23:59:59Z').decision, 'accept');
    assert.deepEqual(decide(policy, pass, '2021-10-02T00:00:00Z').reasons.map((r) => r.code), ['RECOVERY_NOT_CURRENT']);
    assert.deepEqual(decide(policy, pass, '2021-04-30T23:59:59Z').reasons.map((r) => r.code), ['RECOVERY_NOT_CURRENT']);
    assert.deepEqual(decide(policy, vaccination('2021-01-01'), '2021-06-01T00:00:00Z').reasons.map((r) => r.code), ['NOT_RECOVERY']);
  });
});

describe('policy rules: age exemption and filters', () => {
  const under12 = { rules: [{ id: 'vaccinated', type: 'vaccination', minDaysSinceComplete: 14 }, { id: 'child', type: 'age-exemption', underYears: 12 }] };
  const child = (birthDate) => ({ ...vaccination(undefined), holder: { name: 'Kid', birthDate } });
  it('admits an authentic pass of a holder certainly under the age, up to the day before the birthday', () => {
    assert.equal(decide(under12, child('2009-06-01'), '2021-05-31T12:00:00Z').rule, 'child');
    assert.deepEqual(decide(under12, child('2009-06-01'), '2021-06-01T00:00:00Z').reasons.map((r) => r.code), ['SERIES_INCOMPLETE', 'NOT_UNDER_AGE']);
  });
  it('takes a partial birth date at its earliest day, and refuses without one', () => {
    assert.equal(decide(under12, child('2010'), '2021-12-31T12:00:00Z').rule, 'child');
    assert.equal(decide(under12, child('2009'), '2021-05-31T12:00:00Z').decision, 'reject', '2009 may be January: 12 already');
    assert.equal(decide(under12, child('2009-12'), '2021-11-30T12:00:00Z').rule, 'child');
    const noBirthDate = { ...vaccination(undefined), holder: { name: 'Kid' } };
    assert.equal(decide(under12, noBirthDate, '2021-05-31T12:00:00Z').decision, 'reject');
    assert.equal(decide(under12, invalid(child('2015-01-01')), '2021-05-31T12:00:00Z').decision, 'reject');
  });
  it('filters by format, issuer and country', () => {
    const pass = vaccination('2021-01-01');
    const now = '2021-06-01T00:00:00Z';
    const rule = (filters) => ({ rules: [{ id: 'r', type: 'any-valid', ...filters }] });
    assert.equal(decide(rule({ formats: ['idhp', 'shc'] }), pass, now).decision, 'accept');
    assert.deepEqual(decide(rule({ formats: ['dcc'] }), pass, now).reasons.map((r) => r.code), ['FORMAT_NOT_ACCEPTED']);
    assert.equal(decide(rule({ issuers: ['did:hpass:test'] }), pass, now).decision, 'accept');
    assert.deepEqual(decide(rule({ issuers: ['did:hpass:other'] }), pass, now).reasons.map((r) => r.code), ['ISSUER_NOT_ACCEPTED']);
    assert.equal(decide(rule({ countries: ['us'] }), pass, now).decision, 'accept');
    assert.deepEqual(decide(rule({ countries: ['CA'] }), pass, now).reasons.map((r) => r.code), ['COUNTRY_NOT_ACCEPTED']);
    assert.deepEqual(decide(rule({ countries: ['US'] }), other(), now).reasons.map((r) => r.code), ['COUNTRY_NOT_ACCEPTED'], 'no country on the pass');
  });
});

describe('policy validation (caller mistakes throw TypeError)', () => {
  const bad = {
    'unknown preset': 'ny-2022',
    'not an object': 42,
    'no rules': {},
    'empty rules': { rules: [] },
    'unknown rule type': { rules: [{ id: 'x', type: 'vibes' }] },
    'misspelt field': { rules: [{ id: 'x', type: 'vaccination', minDays: 14 }] },
    'field of another rule type': { rules: [{ id: 'x', type: 'vaccination', maxHoursSinceSample: 72 }] },
    'missing hours': { rules: [{ id: 'x', type: 'test' }] },
    'negative hours': { rules: [{ id: 'x', type: 'test', maxHoursSinceSample: -1 }] },
    'fractional days': { rules: [{ id: 'x', type: 'vaccination', minDaysSinceComplete: 1.5 }] },
    'hours as text': { rules: [{ id: 'x', type: 'test', maxHoursSinceSample: '72' }] },
    'duplicate ids': { rules: [{ id: 'x', type: 'any-valid' }, { id: 'x', type: 'any-valid' }] },
    'missing id': { rules: [{ type: 'any-valid' }] },
    'unknown time zone': { timeZone: 'Mars/Olympus_Mons', rules: [{ id: 'x', type: 'any-valid' }] },
    'unknown test type': { rules: [{ id: 'x', type: 'test', maxHoursSinceSample: 1, testTypes: ['blood'] }] },
    'unknown format': { rules: [{ id: 'x', type: 'any-valid', formats: ['pdf'] }] },
    'three-letter country': { rules: [{ id: 'x', type: 'any-valid', countries: ['USA'] }] },
    'unknown top-level field': { rules: [{ id: 'x', type: 'any-valid' }], admitEveryone: true },
    'age of zero': { rules: [{ id: 'x', type: 'age-exemption', underYears: 0 }] },
  };
  for (const [name, policy] of Object.entries(bad)) {
    it(`refuses ${name}`, () => {
      assert.throws(() => resolvePolicy(policy), TypeError);
      assert.throws(() => createVerifier({ trust: createTrustStore(), policy }), TypeError);
    });
  }
  it('normalises a good policy and leaves the caller’s object alone', () => {
    const input = { id: 'venue', rules: [{ id: 'x', type: 'any-valid', countries: ['at'] }] };
    const policy = resolvePolicy(input);
    assert.equal(policy.timeZone, 'UTC');
    assert.deepEqual(policy.rules[0].countries, ['AT']);
    assert.deepEqual(input.rules[0].countries, ['at']);
    assert.deepEqual(resolvePolicy(JSON.parse(JSON.stringify(policy))), policy, 'a resolved policy is valid policy JSON');
  });
});

describe('policy in the verifier, with a real pass', () => {
  it('admits a fully vaccinated IDHP holder under ny-2021 and explains itself in the chosen language', async () => {
    const issuer = await createIdhpIssuer();
    const trust = createTrustStore();
    await trust.addIdhpIssuer(issuer.trustEntry);
    const pass = idhpQrText(await issuer.issueVaccination({ issuanceDate: '2021-05-01T00:00:00Z', dateOfVaccination: '2021-05-01' }));
    const at = (now, extra = {}) => createVerifier({ trust, policy: 'ny-2021', clock: () => new Date(now), ...extra }).verify(pass);

    const early = await at('2021-05-15T03:00:00Z', { locale: 'es-MX' });
    assert.equal(early.status, 'valid');
    assert.equal(early.policy.decision, 'reject');
    assert.equal(early.policy.reasons[0].message, 'La pauta de vacunación se completó hace muy poco.');

    const full = await at('2021-05-15T03:00:00Z', { locale: 'es-MX', disclose: 'full' });
    assert.match(full.policy.reasons[0].message, /15 de mayo de 2021/);

    const ok = await at('2021-05-15T04:00:00Z');
    assert.deepEqual(ok.policy, { decision: 'accept', rule: 'vaccinated-14d', reasons: [{ rule: 'vaccinated-14d', code: 'VACCINATED', message: 'Fully vaccinated.' }] });

    const expired = await at('2031-05-15T04:00:00Z');
    assert.equal(expired.status, 'invalid');
    assert.equal(expired.policy.decision, 'reject');
  });
  it('applies no policy unless one is given', async () => {
    const r = await createVerifier({ trust: createTrustStore() }).verify('hello world');
    assert.equal(r.policy, undefined);
  });
});
