import { isObject } from '../internal/bytes.js';
import type { Credential, Dose, Holder, TestCredential, VaccinationCredential } from '../types.js';
import { testOutcomeOf, testTypeOf, vaccineByCode } from './codes.js';
import { parseIdhpDate } from './dates.js';
import { isPartialDate, parseIsoDateTime } from '../internal/dates.js';

const text = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() ? v.trim() : undefined);
const count = (v: unknown): number | undefined => {
  const n = typeof v === 'string' && /^\d{1,2}$/.test(v) ? Number(v) : v;
  return typeof n === 'number' && Number.isInteger(n) && n > 0 && n < 100 ? n : undefined;
};
/** "2021-01-01" from a real calendar date or date-time as written on the pass. */
const isoDate = (v: unknown): string | undefined => {
  const s = text(v);
  return s && s.length >= 10 && parseIsoDateTime(s) !== undefined ? s.slice(0, 10) : undefined;
};

/**
 * A field still hidden behind its HMAC (the holder chose not to disclose it):
 * base64url of 32 bytes. Shown as a name it would be gibberish, so it is left out.
 */
const WITHHELD = /^[A-Za-z0-9_-]{43}$/;
const nameText = (v: unknown): string | undefined => {
  const s = text(v);
  return s && !WITHHELD.test(s) ? s : undefined;
};

/**
 * The holder, from either subject shape (formats.md §3): `recipient {givenName,
 * middleName, familyName, birthDate}` or the older `subject {name {given,
 * family}, birthDate}`. Values are the disclosed ones where obfuscated.
 */
export function holderOf(subject: Record<string, unknown>): Holder | undefined {
  let parts: (string | undefined)[] = [];
  let birthDate: unknown;
  if (isObject(subject.recipient)) {
    const r = subject.recipient;
    parts = [nameText(r.givenName), nameText(r.middleName), nameText(r.familyName)];
    birthDate = r.birthDate;
  } else if (isObject(subject.subject)) {
    const s = subject.subject;
    const name = isObject(s.name) ? s.name : {};
    const given = Array.isArray(name.given) ? name.given.slice(0, 8).map(nameText).join(' ') : nameText(name.given);
    parts = [given, nameText(name.family)];
    birthDate = s.birthDate;
  }
  const name = parts.filter(Boolean).join(' ').replace(/\s+/g, ' ').trim();
  if (!name) return undefined;
  const holder: Holder = { name };
  const dob = text(birthDate);
  if (dob && isPartialDate(dob)) holder.birthDate = dob;
  return holder;
}

/**
 * Whether the pass leaves out (or keeps hidden behind its HMAC) any of the three things a
 * guard compares with a photo ID: given name, family name, birth date. A holder may withhold
 * them from other verifiers; a door cannot decide without them.
 */
export function identityWithheld(subject: Record<string, unknown>): boolean {
  const dob = (v: unknown) => { const s = text(v); return !!s && isPartialDate(s); };
  if (isObject(subject.recipient)) {
    const r = subject.recipient;
    return !nameText(r.givenName) || !nameText(r.familyName) || !dob(r.birthDate);
  }
  if (isObject(subject.subject)) {
    const s = subject.subject;
    const name = isObject(s.name) ? s.name : {};
    const given = Array.isArray(name.given) ? name.given.slice(0, 8).map(nameText).filter(Boolean).length > 0 : !!nameText(name.given);
    return !given || !nameText(name.family) || !dob(s.birthDate);
  }
  return true;
}

/** Date fields that are written but are no real date (2021-02-30, 2021-13-45, free text): the pass breaks the schema. */
export function hasImpossibleDate(subject: Record<string, unknown>): boolean {
  const bad = (v: unknown, partialAllowed = false) => {
    if (v === undefined || v === null) return false;
    if (typeof v !== 'string') return true;
    if (WITHHELD.test(v)) return false; // hidden behind its HMAC: not a date to read
    return !(partialAllowed ? isPartialDate(v) : false) && parseIsoDateTime(v) === undefined;
  };
  const entries = [subject, ...(Array.isArray(subject.history) ? subject.history.filter(isObject).slice(0, 16) : [])];
  for (const e of entries) if (bad(e.dateOfVaccination) || bad(e.occurrenceDateTime)) return true;
  if (bad(subject.dateOfSample)) return true;
  const person = isObject(subject.recipient) ? subject.recipient : isObject(subject.subject) ? subject.subject : undefined;
  return !!person && bad(person.birthDate, true);
}

const VACCINATION_TYPES = ['IDHP-VACCINATION', 'Vaccination', 'VaccinationCredential'];
const TEST_TYPES = ['IDHP-TEST', 'Test', 'TestResult', 'TestCredential'];

/** The credential in the library's shape: vaccination, test, or other (with its VC types). */
export function credentialOf(types: string[], subject: Record<string, unknown>): Credential {
  const has = (field: string) => Object.hasOwn(subject, field);
  if (types.some((t) => TEST_TYPES.includes(t)) || has('testType') || has('testResult') || has('dateOfSample')) return testOf(subject);
  if (types.some((t) => VACCINATION_TYPES.includes(t)) || has('dateOfVaccination') || has('occurrenceDateTime') || has('vaccineCode')) {
    return vaccinationOf(subject);
  }
  return { kind: 'other', types: types.filter((t) => t !== 'VerifiableCredential') };
}

function vaccinationOf(subject: Record<string, unknown>): VaccinationCredential {
  const doses: Dose[] = [];
  // The older card shape keeps earlier doses in `history` and the latest at the top level.
  const history = Array.isArray(subject.history) ? subject.history.filter(isObject).slice(0, 16) : [];
  for (const entry of [...history, subject]) {
    const dose = doseOf(entry);
    if (dose) doses.push(dose);
  }
  doses.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  const credential: VaccinationCredential = { kind: 'vaccination', doses, seriesComplete: false };
  const completing = completingDose(doses);
  if (completing) {
    credential.seriesComplete = true;
    credential.completedOn = completing.date;
  }
  return credential;
}

function doseOf(entry: Record<string, unknown>): Dose | undefined {
  const date = isoDate(entry.dateOfVaccination) ?? isoDate(entry.occurrenceDateTime);
  if (!date) return undefined;
  const dose: Dose = { date };
  const code = text(entry.medicinalProductCode) ?? text(entry.vaccineCode);
  const product = code ? vaccineByCode(code) : undefined;
  if (code) dose.productCode = code;
  const name = product?.name ?? text(entry.vaccine);
  if (name) dose.product = name;
  const doseNumber = count(entry.doseNumber) ?? product?.doseNumber;
  if (doseNumber) dose.doseNumber = doseNumber;
  const seriesDoses = count(entry.dosesPerCycle) ?? product?.seriesDoses;
  if (seriesDoses) dose.seriesDoses = seriesDoses;
  const lot = text(entry.batchNumber) ?? text(entry.lotNumber);
  if (lot) dose.lotNumber = lot;
  const country = text(entry.countryOfVaccination);
  if (country && /^[a-z]{2}$/i.test(country)) dose.country = country.toUpperCase();
  const performer = text(entry.marketingAuthorizationHolder) ?? text(entry.manufacturer);
  if (performer) dose.performer = performer;
  return dose;
}

/**
 * The dose that completed the primary series: the first whose dose number
 * reaches its series length, or, where the pass does not number its doses,
 * the n-th dose of a product whose series is n doses long.
 */
function completingDose(doses: Dose[]): Dose | undefined {
  const numbered = doses.find((d) => d.doseNumber !== undefined && d.seriesDoses !== undefined && d.doseNumber >= d.seriesDoses);
  if (numbered) return numbered;
  const length = doses.find((d) => d.seriesDoses !== undefined)?.seriesDoses;
  return length && doses.length >= length && doses.every((d) => d.doseNumber === undefined) ? doses[length - 1] : undefined;
}

function testOf(subject: Record<string, unknown>): TestCredential {
  const code = text(subject.testType) ?? '';
  const result = text(subject.testResult) ?? '';
  const credential: TestCredential = { kind: 'test', testType: testTypeOf(code), result: testOutcomeOf(result) };
  if (code) credential.testCode = code;
  const name = text(subject.testName) ?? text(subject.testManufacturer);
  if (name) credential.testName = name;
  const collected = parseIdhpDate(subject.dateOfSample);
  if (collected) credential.collectedAt = collected;
  const country = text(subject.countryOfTest);
  if (country && /^[a-z]{2}$/i.test(country)) credential.country = country.toUpperCase();
  const performer = text(subject.issuer) ?? text(subject.testingFacility);
  if (performer) credential.performer = performer;
  return credential;
}
