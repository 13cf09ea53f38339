// The essentials of the DCC JSON schema (eu-dcc-schema 1.x): what must be there,
// and of which type, for the pass to mean anything. Fields we do not read are
// left alone (older schema versions name a few differently); fields we read
// must have the schema's type. Anything else is SCHEMA.
import { CborTag, type CborMap, type CborValue } from '../internal/cbor.js';
import { isPartialDate, parseIsoDate, parseIsoDateTime } from '../internal/dates.js';

export interface DccVaccination { tg: string; mp: string; dn: number; sd: number; dt: string; co: string; is: string; ci: string; vp?: string; ma?: string }
export interface DccTest { tg: string; tt: string; sc: string; tr: string; co: string; is: string; ci: string; nm?: string; ma?: string; tc?: string }
export interface DccRecovery { tg: string; fr: string; df: string; du: string; co: string; is: string; ci: string }

export interface DccName { fn?: string; fnt?: string; gn?: string; gnt?: string }

export type DccContent =
  | { kind: 'vaccination'; entry: DccVaccination }
  | { kind: 'test'; entry: DccTest }
  | { kind: 'recovery'; entry: DccRecovery };

export type DccDocument = { ver: string; nam: DccName; dob: string } & DccContent;

/**
 * Whether a CBOR value is one JSON could hold, as the schema is written in JSON:
 * maps with text keys, arrays, text, finite numbers, booleans, null, and the two
 * date tags (0: RFC 3339 text, 1: epoch seconds). Anything else anywhere in the
 * document (bytes, undefined, other tags) makes it no DCC. Checked in place: the
 * fields are then read from the maps themselves, with no JSON copy made.
 */
function isJsonLike(value: CborValue): boolean {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return true;
  if (typeof value === 'number') return Number.isFinite(value);
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) if (!isJsonLike(value[i])) return false;
    return true;
  }
  if (value instanceof Map) {
    // forEach rather than for…of: no iterator result and entry array per field.
    let ok = true;
    value.forEach((v, k) => {
      // '__proto__' would set a prototype, not a field, in the JSON form; no DCC field has that name.
      if (ok && (typeof k !== 'string' || k === '__proto__' || !isJsonLike(v))) ok = false;
    });
    return ok;
  }
  return dateTagText(value) !== undefined;
}

/** Tag 0 (RFC 3339 text) and tag 1 (epoch seconds): a date written the CBOR way is still a date, as text. */
function dateTagText(value: CborValue): string | undefined {
  if (!(value instanceof CborTag)) return undefined;
  if (value.tag === 0 && typeof value.value === 'string') return value.value;
  if (value.tag === 1 && typeof value.value === 'number' && Number.isFinite(value.value)) {
    const d = new Date(value.value * 1000);
    return Number.isNaN(d.getTime()) ? undefined : d.toISOString();
  }
  return undefined;
}

/** dob may be partial ("1964", "1964-08") or empty when unknown; some issuers add a time part. */
const BIRTH_DATE = /^(\d{4}(-\d{2}(-\d{2})?)?)?(T[\d:.]+(Z|[+-]\d{2}:?\d{2})?)?$/;

/** A field as text (a date tag counts as its text), else undefined. */
const str = (o: CborMap, k: string): string | undefined => {
  const v = o.get(k);
  return typeof v === 'string' ? v : dateTagText(v);
};
/** Each of these fields is absent or text. */
const optionalStrings = (o: CborMap, keys: readonly string[]): boolean => keys.every((k) => o.get(k) === undefined || str(o, k) !== undefined);
const isDoseCount = (n: CborValue | undefined): n is number => typeof n === 'number' && Number.isInteger(n) && n >= 1 && n <= 99;
/** A field that starts with a real calendar date (YYYY-MM-DD; some issuers add a time part, which is not read). */
const startsWithDate = (s: string | undefined): s is string => !!s && parseIsoDate(s.slice(0, 10)) !== undefined;
/** A real date or date-time (see internal/dates.ts). */
const isDateTime = (s: string | undefined): s is string => !!s && parseIsoDateTime(s) !== undefined;

const VACCINATION_OPTIONAL = ['vp', 'ma'] as const;
const TEST_OPTIONAL = ['nm', 'ma', 'tc'] as const;
const NAME_FIELDS = ['fn', 'fnt', 'gn', 'gnt'] as const;

function vaccination(e: CborMap): DccVaccination | undefined {
  const tg = str(e, 'tg'), mp = str(e, 'mp'), dt = str(e, 'dt'), co = str(e, 'co'), is = str(e, 'is'), ci = str(e, 'ci');
  const dn = e.get('dn'), sd = e.get('sd');
  if (!tg || !mp || !co || !is || !ci || !startsWithDate(dt) || !isDoseCount(dn) || !isDoseCount(sd)) return undefined;
  if (!optionalStrings(e, VACCINATION_OPTIONAL)) return undefined;
  const out: DccVaccination = { tg, mp, dn, sd, dt: dt!, co, is, ci };
  const vp = str(e, 'vp'), ma = str(e, 'ma');
  if (vp) out.vp = vp;
  if (ma) out.ma = ma;
  return out;
}

function test(e: CborMap): DccTest | undefined {
  const tg = str(e, 'tg'), tt = str(e, 'tt'), sc = str(e, 'sc'), tr = str(e, 'tr'), co = str(e, 'co'), is = str(e, 'is'), ci = str(e, 'ci');
  if (!tg || !tt || !tr || !co || !is || !ci || !isDateTime(sc)) return undefined;
  if (!optionalStrings(e, TEST_OPTIONAL)) return undefined;
  const out: DccTest = { tg, tt, sc: sc!, tr, co, is, ci };
  for (const k of TEST_OPTIONAL) { const v = str(e, k); if (v) out[k] = v; }
  return out;
}

function recovery(e: CborMap): DccRecovery | undefined {
  const tg = str(e, 'tg'), fr = str(e, 'fr'), df = str(e, 'df'), du = str(e, 'du'), co = str(e, 'co'), is = str(e, 'is'), ci = str(e, 'ci');
  if (!tg || !co || !is || !ci || !startsWithDate(fr) || !startsWithDate(df) || !startsWithDate(du)) return undefined;
  return { tg, fr: fr!, df: df!, du: du!, co, is, ci };
}

const READERS = { v: ['vaccination', vaccination], t: ['test', test], r: ['recovery', recovery] } as const;
const GROUPS = Object.keys(READERS) as (keyof typeof READERS)[];

/** Validates the DCC object (hcert claim -260, key 1). Undefined when it breaks the schema essentials. */
export function readDccDocument(value: CborValue): DccDocument | undefined {
  if (!(value instanceof Map) || !isJsonLike(value)) return undefined;
  const doc = value;
  const ver = str(doc, 'ver');
  const dob = str(doc, 'dob');
  const names = doc.get('nam');
  if (!ver || !/^\d+\.\d+\.\d+$/.test(ver) || dob === undefined || !BIRTH_DATE.test(dob) || !(names instanceof Map)) return undefined;
  // The regular expression checks the shape; the calendar checks the date (no 1990-13-45, no 30 February).
  const dobDate = dob.split('T')[0]!;
  if (dobDate && !isPartialDate(dobDate)) return undefined;
  if (!optionalStrings(names, NAME_FIELDS)) return undefined;
  const name: DccName = {};
  for (const k of NAME_FIELDS) { const v = str(names, k); if (v) name[k] = v.trim(); }
  // The schema requires the transliterated surname; a pass naming nobody is no pass.
  if (!name.fnt && !name.fn) return undefined;

  // Exactly one of v, t, r, with exactly one entry: a DCC certifies one event. An early Bulgarian
  // encoder wrote the absent groups as null; null carries nothing, so it counts as absent.
  let group: keyof typeof READERS | undefined;
  for (const k of GROUPS) {
    const v = doc.get(k);
    if (v === undefined || v === null) continue;
    if (group) return undefined;
    group = k;
  }
  if (!group) return undefined;
  const list = doc.get(group);
  if (!Array.isArray(list) || list.length !== 1 || !(list[0] instanceof Map)) return undefined;
  const [kind, read] = READERS[group];
  const entry = read(list[0]);
  if (!entry) return undefined;
  return { ver, nam: name, dob, kind, entry } as DccDocument;
}
