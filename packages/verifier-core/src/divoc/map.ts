// A DIVOC certificate's subject and evidence mapped to the common result.
// Only fields the shipped contexts define reach here: canonicalisation runs in
// jsonld's safe mode, so a field outside the signature fails verification.
import { isObject } from '../internal/bytes.js';
import { parseIsoDate } from '../internal/dates.js';
import type { Credential, Dose, Holder, VaccinationCredential } from '../types.js';

const MAX_EVIDENCE = 32;
const text = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() && v.length <= 200 ? v.trim() : undefined);
const count = (v: unknown): number | undefined => {
  const n = typeof v === 'string' && /^\d{1,2}$/.test(v) ? Number(v) : v;
  return typeof n === 'number' && Number.isInteger(n) && n > 0 && n < 100 ? n : undefined;
};
const isoDate = (v: unknown): string | undefined => {
  const s = text(v);
  return s && /^\d{4}-\d{2}-\d{2}/.test(s) && parseIsoDate(s.slice(0, 10)) !== undefined ? s.slice(0, 10) : undefined;
};

export function holderOf(subject: Record<string, unknown>): Holder | undefined {
  const name = text(subject.name)?.replace(/\s+/g, ' ');
  if (!name) return undefined;
  const birthDate = isoDate(subject.dob);
  return birthDate ? { name, birthDate } : { name };
}

function vaccinationOf(evidence: unknown[]): VaccinationCredential | undefined {
  const doses: Dose[] = [];
  let complete: Dose | undefined;
  for (const item of evidence) {
    if (!isObject(item) || !Array.isArray(item.type) || !item.type.includes('Vaccination')) continue;
    const date = isoDate(item.date);
    const doseNumber = count(item.dose);
    if (!date || !doseNumber) return undefined;
    const dose: Dose = { date, doseNumber };
    const seriesDoses = count(item.totalDoses);
    if (seriesDoses) dose.seriesDoses = seriesDoses;
    const product = text(item.vaccine);
    if (product) dose.product = product;
    const productCode = text(item.icd11Code);
    if (productCode) dose.productCode = productCode;
    const lot = text(item.batch) ?? (typeof item.batch === 'number' ? String(item.batch) : undefined);
    if (lot) dose.lotNumber = lot;
    if (isObject(item.facility)) {
      const performer = text(item.facility.name);
      if (performer) dose.performer = performer;
      const country = isObject(item.facility.address) ? text(item.facility.address.addressCountry) : undefined;
      if (country) dose.country = country;
    }
    doses.push(dose);
    if (seriesDoses && doseNumber >= seriesDoses && (!complete || date < complete.date)) complete = dose;
  }
  if (doses.length === 0) return undefined;
  const credential: VaccinationCredential = { kind: 'vaccination', doses, seriesComplete: !!complete };
  if (complete) credential.completedOn = complete.date;
  return credential;
}

/** The credential, or undefined when a vaccination certificate's evidence is unreadable. */
export function credentialOf(types: string[], evidence: unknown): Credential | undefined {
  if (!types.includes('ProofOfVaccinationCredential')) return { kind: 'other', types };
  if (!Array.isArray(evidence) || evidence.length > MAX_EVIDENCE) return undefined;
  return vaccinationOf(evidence);
}
