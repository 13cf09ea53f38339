// VDS-NC messages (ICAO "VDS-NC" technical report, proof of vaccination and
// proof of testing) mapped to the common result.
import { isObject } from '../internal/bytes.js';
import { parseIsoDate, parseIsoDateTime } from '../internal/dates.js';
import type { Credential, Dose, Holder, TestCredential, VaccinationCredential } from '../types.js';
import type { SealType } from './seal.js';

const MAX_EVENTS = 32;
const text = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() && v.length <= 200 ? v.trim() : undefined);
const isoDate = (v: unknown): string | undefined => {
  const s = text(v);
  return s && /^\d{4}-\d{2}-\d{2}$/.test(s) && parseIsoDate(s) !== undefined ? s : undefined;
};

/** `pid.n` is the name as printed in the travel document (surname first, double space before given names). */
export function holderOf(message: Record<string, unknown>): Holder | undefined {
  const pid = message.pid;
  if (!isObject(pid)) return undefined;
  const name = text(pid.n)?.replace(/\s+/g, ' ');
  if (!name) return undefined;
  const birthDate = pid.dob === undefined ? undefined : isoDate(pid.dob);
  if (pid.dob !== undefined && !birthDate) return undefined;
  return birthDate ? { name, birthDate } : { name };
}

/**
 * Products given as one-dose series. VDS-NC carries the dose number (`seq`)
 * but no series length, so completeness comes from the product's name.
 */
const ONE_DOSE_PRODUCTS = /janssen|jcovden|johnson|ad26\.cov2/i;

function vaccinationOf(message: Record<string, unknown>): VaccinationCredential | undefined {
  if (!Array.isArray(message.ve) || message.ve.length === 0 || message.ve.length > MAX_EVENTS) return undefined;
  const doses: Dose[] = [];
  let complete: Dose | undefined;
  for (const vaccine of message.ve) {
    if (!isObject(vaccine) || !Array.isArray(vaccine.vd) || vaccine.vd.length === 0 || vaccine.vd.length > MAX_EVENTS) return undefined;
    const product = text(vaccine.nam);
    const productCode = text(vaccine.des);
    for (const event of vaccine.vd) {
      if (!isObject(event)) return undefined;
      const date = isoDate(event.dvc);
      const seq = event.seq;
      if (!date || typeof seq !== 'number' || !Number.isInteger(seq) || seq < 1 || seq > 99) return undefined;
      const dose: Dose = { date, doseNumber: seq };
      if (product) dose.product = product;
      if (productCode) dose.productCode = productCode;
      const performer = text(event.adm);
      if (performer) dose.performer = performer;
      const country = text(event.ctr);
      if (country) dose.country = country;
      const lot = text(event.lot);
      if (lot) dose.lotNumber = lot;
      doses.push(dose);
      const completes = seq >= 2 || (product !== undefined && ONE_DOSE_PRODUCTS.test(product));
      if (completes && (!complete || dose.date < complete.date)) complete = dose;
    }
  }
  doses.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  const credential: VaccinationCredential = { kind: 'vaccination', doses, seriesComplete: !!complete };
  if (complete) credential.completedOn = complete.date;
  return credential;
}

function testOf(message: Record<string, unknown>): TestCredential | undefined {
  const { dat, tr } = message;
  if (!isObject(dat) || !isObject(tr)) return undefined;
  const collected = text(dat.sc);
  const collectedAt = collected === undefined ? undefined : parseIsoDateTime(collected);
  const kind = text(tr.tc) ?? '';
  const outcome = text(tr.r) ?? '';
  if (collectedAt === undefined) return undefined;
  const credential: TestCredential = {
    kind: 'test',
    testType: /pcr|naat|molecular|lamp|nucleic/i.test(kind) ? 'naat' : /antigen|\brat\b/i.test(kind) ? 'antigen' : 'other',
    result: /^(negative|not detected)$/i.test(outcome) ? 'negative' : /^(positive|detected)$/i.test(outcome) ? 'positive' : 'unknown',
    collectedAt: new Date(collectedAt),
  };
  if (kind) credential.testName = kind;
  if (isObject(message.sp)) {
    const performer = text(message.sp.spn);
    if (performer) credential.performer = performer;
    const country = text(message.sp.ctr);
    if (country) credential.country = country;
  }
  return credential;
}

/** The credential of a seal's message, or undefined when the message is not one of its type. */
export function credentialOf(type: SealType, message: Record<string, unknown>): Credential | undefined {
  return type === 'icao.vacc' ? vaccinationOf(message) : testOf(message);
}
