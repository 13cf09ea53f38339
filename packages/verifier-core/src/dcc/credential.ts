// A validated DCC document as the library's Holder and Credential.
import type { Credential, Holder, TestOutcome, TestType } from '../types.js';
import { parseIsoDateTime } from '../internal/dates.js';
import type { DccDocument, DccName } from './schema.js';
import { TEST_RESULTS, TEST_TYPES, VACCINE_PRODUCTS } from './value-sets.js';

/** ICAO transliterations separate name parts with '<'; a reader expects spaces. */
const readable = (transliterated: string | undefined): string | undefined => transliterated?.replace(/</g, ' ').replace(/\s+/g, ' ').trim();

export function holderOf(doc: DccDocument): Holder {
  const name: DccName = doc.nam;
  const given = name.gn || readable(name.gnt);
  const family = name.fn || readable(name.fnt);
  const holder: Holder = { name: [given, family].filter(Boolean).join(' ') };
  if (doc.dob) holder.birthDate = doc.dob.slice(0, 10);
  return holder;
}

export function credentialOf(doc: DccDocument): Credential {
  switch (doc.kind) {
    case 'vaccination': {
      const v = doc.entry;
      const complete = v.dn >= v.sd;
      const dose = { date: v.dt.slice(0, 10), productCode: v.mp, performer: v.is, country: v.co, doseNumber: v.dn, seriesDoses: v.sd };
      const product = VACCINE_PRODUCTS[v.mp];
      return {
        kind: 'vaccination',
        doses: [product ? { ...dose, product } : dose],
        seriesComplete: complete,
        ...(complete ? { completedOn: v.dt.slice(0, 10) } : {}),
      };
    }
    case 'test': {
      const t = doc.entry;
      const testType: TestType = t.tt === TEST_TYPES.naat ? 'naat' : t.tt === TEST_TYPES.antigen ? 'antigen' : 'other';
      const result: TestOutcome = t.tr === TEST_RESULTS.notDetected ? 'negative' : t.tr === TEST_RESULTS.detected ? 'positive' : 'unknown';
      const sampled = parseIsoDateTime(t.sc);
      return {
        kind: 'test', testType, result, testCode: t.tt, country: t.co, performer: t.tc ?? t.is,
        ...(sampled === undefined ? {} : { collectedAt: new Date(sampled) }),
        ...(t.nm ?? t.ma ? { testName: (t.nm ?? t.ma)! } : {}),
      };
    }
    case 'recovery': {
      const r = doc.entry;
      return { kind: 'recovery', firstPositive: r.fr.slice(0, 10), validFrom: r.df.slice(0, 10), validUntil: r.du.slice(0, 10), country: r.co };
    }
  }
}
