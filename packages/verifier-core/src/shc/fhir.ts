import { VerifierError } from '../errors.js';
import { isObject } from '../internal/bytes.js';
import { isPartialDate, parseIsoDateTime } from '../internal/dates.js';
import type { Credential, Dose, Holder, TestCredential, VaccinationCredential } from '../types.js';
import {
  ANTIGEN_LOINC, COVID_VACCINES_BY_CVX, CVX_SYSTEM, LOINC_SYSTEM, NAAT_LOINC, SNOMED_SYSTEM, TEST_RESULT_BY_SNOMED,
} from '../internal/health-codes.js';

type Json = Record<string, unknown>;

/** Resource types SMART Health Cards carry (vaccination, lab and their supporting resources). Anything else is not a health card bundle. */
const ALLOWED_RESOURCES = new Set([
  'Patient', 'Immunization', 'Observation', 'DiagnosticReport', 'Specimen', 'Location', 'Organization', 'Practitioner',
  'PractitionerRole', 'Condition', 'Procedure', 'Medication', 'MedicationStatement', 'MedicationAdministration',
  'AllergyIntolerance', 'Encounter', 'Device', 'Coverage',
]);
const MAX_ENTRIES = 500;
/** FHIR `date` (YYYY, YYYY-MM, YYYY-MM-DD) or `dateTime`, checked against the calendar: 2021-02-30 is no date. */
const isFhirDateTime = (s: string): boolean => isPartialDate(s) || (s.length > 10 && parseIsoDateTime(s) !== undefined);

const schema = (why: string): never => { throw new VerifierError('SCHEMA', `FHIR bundle: ${why}`); };
const text = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() ? v.trim() : undefined);
const codings = (concept: unknown): Json[] =>
  isObject(concept) && Array.isArray(concept.coding) ? concept.coding.filter(isObject) : [];

function holderOf(patient: Json): Holder {
  const names = Array.isArray(patient.name) ? patient.name.filter(isObject) : [];
  const name = names[0];
  if (!name) return schema('Patient has no name');
  const given = Array.isArray(name.given) ? name.given.map(text).filter(Boolean) : [];
  const family = text(name.family);
  const full = [...given, family].filter(Boolean).join(' ') || text(name.text);
  if (!full) return schema('Patient name is empty');
  const birthDate = patient.birthDate === undefined ? undefined : text(patient.birthDate);
  // Exactly a FHIR date: "1990-01-01 — ID CHECKED" is no birth date, and would reach the door screen.
  if (patient.birthDate !== undefined && (!birthDate || birthDate !== patient.birthDate || !isPartialDate(birthDate))) schema('Patient birthDate is not a date');
  return birthDate ? { name: full, birthDate } : { name: full };
}

function doseOf(immunization: Json): Dose {
  if (immunization.status !== 'completed') schema('Immunization status is not completed');
  const coding = codings(immunization.vaccineCode);
  if (!coding.length || !coding.every((c) => text(c.code))) schema('Immunization vaccineCode has no coding');
  const when = text(immunization.occurrenceDateTime);
  if (!when || !isFhirDateTime(when)) return schema('Immunization occurrenceDateTime is missing or no real date');
  const cvx = coding.find((c) => c.system === CVX_SYSTEM);
  const code = String((cvx ?? coding[0]!).code);
  const product = cvx ? COVID_VACCINES_BY_CVX[code] : undefined;
  const performers = Array.isArray(immunization.performer) ? immunization.performer.filter(isObject) : [];
  const performer = performers.map((p) => (isObject(p.actor) ? text(p.actor.display) : undefined)).find(Boolean);
  const lot = text(immunization.lotNumber);
  const dose: Dose = { date: when.length > 10 && when[10] === 'T' ? when.slice(0, 10) : when, productCode: code };
  if (product) dose.product = product.name;
  if (product?.seriesDoses) dose.seriesDoses = product.seriesDoses;
  if (performer) dose.performer = performer;
  if (lot) dose.lotNumber = lot;
  return dose;
}

/**
 * A primary series is complete at the first dose that brings the count of
 * COVID-19 doses with a known series length up to that product's length (so
 * Pfizer then Moderna completes, and one Janssen dose does). Unspecified
 * products and boosters do not count: a verifier cannot tell what they were.
 */
function vaccinationOf(doses: Dose[]): VaccinationCredential {
  const sorted = [...doses].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  let counted = 0;
  for (const dose of sorted) {
    if (!dose.seriesDoses) continue;
    counted++;
    if (counted >= dose.seriesDoses) return { kind: 'vaccination', doses: sorted, seriesComplete: true, completedOn: dose.date };
  }
  return { kind: 'vaccination', doses: sorted, seriesComplete: false };
}

function testOf(observation: Json, loinc: string): TestCredential {
  const result = codings(observation.valueCodeableConcept)
    // Only a string code is looked up, and only as an own key: `String()` of an object can throw, and
    // "constructor" or "__proto__" would find the prototype's members.
    .map((c) => (c.system === SNOMED_SYSTEM && typeof c.code === 'string' && Object.hasOwn(TEST_RESULT_BY_SNOMED, c.code) ? TEST_RESULT_BY_SNOMED[c.code] : undefined))
    .find(Boolean) ?? 'unknown';
  const effective = text(observation.effectiveDateTime);
  if (observation.effectiveDateTime !== undefined && (!effective || !isFhirDateTime(effective))) schema('Observation effectiveDateTime is no real date');
  // A date alone is read as the start of that day (UTC), the oldest the sample can be; a partial date gives no time.
  const sampledMs = effective && effective.length >= 10 ? parseIsoDateTime(effective) : undefined;
  const collectedAt = sampledMs === undefined ? undefined : new Date(sampledMs);
  const performers = Array.isArray(observation.performer) ? observation.performer.filter(isObject) : [];
  const performer = performers.map((p) => text(p.display)).find(Boolean);
  return {
    kind: 'test',
    testType: NAAT_LOINC.has(loinc) ? 'naat' : 'antigen',
    result,
    testCode: loinc,
    ...(collectedAt && !Number.isNaN(collectedAt.getTime()) ? { collectedAt } : {}),
    ...(performer ? { performer } : {}),
  };
}

/**
 * The holder and credential of an SHC FHIR bundle; SCHEMA when it is not one.
 * A vaccination or test card must name its Patient (`patientRequired`, or any
 * Immunization or COVID-19 test in it); other health cards (a lab report, say) may not.
 */
export function readShcBundle(bundle: unknown, patientRequired: boolean): { holder?: Holder; credential: Credential } {
  if (!isObject(bundle) || bundle.resourceType !== 'Bundle') return schema('not a Bundle');
  if (!Array.isArray(bundle.entry) || bundle.entry.length === 0) return schema('no entries');
  if (bundle.entry.length > MAX_ENTRIES) return schema('too many entries');
  let patient: Json | undefined;
  const doses: Dose[] = [];
  const tests: { observation: Json; loinc: string; when: string }[] = [];
  for (const entry of bundle.entry) {
    const resource = isObject(entry) ? entry.resource : undefined;
    if (!isObject(resource) || typeof resource.resourceType !== 'string') return schema('an entry without a resource');
    const type = resource.resourceType;
    if (!ALLOWED_RESOURCES.has(type)) return schema(`resource type ${type.slice(0, 40)} does not belong in a health card`);
    if (type === 'Patient') {
      if (patient) schema('more than one Patient');
      patient = resource;
    } else if (type === 'Immunization') {
      doses.push(doseOf(resource));
    } else if (type === 'Observation') {
      if (!text(resource.status)) schema('Observation without status');
      const coding = codings(resource.code);
      if (!coding.length) schema('Observation code has no coding');
      const loinc = coding.map((c) => (c.system === LOINC_SYSTEM && typeof c.code === 'string' ? c.code : '')).find((c) => NAAT_LOINC.has(c) || ANTIGEN_LOINC.has(c));
      if (loinc) tests.push({ observation: resource, loinc, when: text(resource.effectiveDateTime) ?? '' });
    }
  }
  if (!patient && (patientRequired || doses.length || tests.length)) return schema('no Patient');
  const holder = patient && holderOf(patient);
  let credential: Credential = { kind: 'other' };
  if (doses.length) credential = vaccinationOf(doses);
  else if (tests.length) {
    // The most recent specimen is the one a door decision is about.
    const latest = tests.reduce((a, b) => (b.when > a.when ? b : a));
    credential = testOf(latest.observation, latest.loinc);
  }
  return holder ? { holder, credential } : { credential };
}
