// The essentials of the DCC JSON schema (eu-dcc-schema 1.x): what must be there,
// and of which type, for the pass to mean anything. Fields we do not read are
// left alone (older schema versions name a few differently); fields we read
// must have the schema's type. Anything else is SCHEMA.
import { CborTag, type CborValue } from '../internal/cbor.js';
import { isObject } from '../internal/bytes.js';

type Json = string | number | boolean | null | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

export interface DccVaccination { tg: string; mp: string; dn: number; sd: number; dt: string; co: string; is: string; ci: string; vp?: string; ma?: string }
export interface DccTest { tg: string; tt: string; sc: string; tr: string; co: string; is: string; ci: string; nm?: string; ma?: string; tc?: string }
export interface DccRecovery { tg: string; fr: string; df: string; du: string; co: string; is: string; ci: string }

export interface DccName { fn?: string; fnt?: string; gn?: string; gnt?: string }

export type DccContent =
  | { kind: 'vaccination'; entry: DccVaccination }
  | { kind: 'test'; entry: DccTest }
  | { kind: 'recovery'; entry: DccRecovery };

export type DccDocument = { ver: string; nam: DccName; dob: string } & DccContent;

/** CBOR (text-keyed maps) as JSON values; undefined for what JSON cannot hold (bytes, most tags). */
function toJson(value: CborValue): Json | undefined {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (Array.isArray(value)) {
    const out: Json[] = [];
    for (const v of value) { const j = toJson(v); if (j === undefined) return undefined; out.push(j); }
    return out;
  }
  if (value instanceof Map) {
    const out: JsonObject = {};
    for (const [k, v] of value) {
      const j = toJson(v);
      // '__proto__' would set the prototype instead of a field; no DCC field has that name.
      if (typeof k !== 'string' || j === undefined || k === '__proto__') return undefined;
      out[k] = j;
    }
    return out;
  }
  // Tag 0 (RFC 3339 text) and tag 1 (epoch seconds): a date written the CBOR way is still a date.
  if (value instanceof CborTag && value.tag === 0 && typeof value.value === 'string') return value.value;
  if (value instanceof CborTag && value.tag === 1 && typeof value.value === 'number' && Number.isFinite(value.value)) {
    const d = new Date(value.value * 1000);
    return Number.isNaN(d.getTime()) ? undefined : d.toISOString();
  }
  return undefined;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;
/** dob may be partial ("1964", "1964-08") or empty when unknown; some issuers add a time part. */
const BIRTH_DATE = /^(\d{4}(-\d{2}(-\d{2})?)?)?(T[\d:.]+(Z|[+-]\d{2}:?\d{2})?)?$/;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

const str = (o: JsonObject, k: string): string | undefined => (typeof o[k] === 'string' ? (o[k] as string) : undefined);
const optionalStrings = (o: JsonObject, keys: string[]): boolean => keys.every((k) => o[k] === undefined || typeof o[k] === 'string');
const isDoseCount = (n: Json | undefined): n is number => typeof n === 'number' && Number.isInteger(n) && n >= 1 && n <= 99;
/** A date or date-time the way the schema writes it (time part optional); checked for being a real date. */
const isDate = (s: string | undefined, pattern = DATE): s is string => !!s && pattern.test(s) && !Number.isNaN(Date.parse(s.length === 10 ? s : s.replace(/([+-]\d{2})(\d{2})$/, '$1:$2')));

function vaccination(e: JsonObject): DccVaccination | undefined {
  const [tg, mp, dt, co, is, ci] = ['tg', 'mp', 'dt', 'co', 'is', 'ci'].map((k) => str(e, k));
  if (!tg || !mp || !co || !is || !ci || !isDate(dt?.slice(0, 10)) || !isDoseCount(e.dn) || !isDoseCount(e.sd)) return undefined;
  if (!optionalStrings(e, ['vp', 'ma'])) return undefined;
  const out: DccVaccination = { tg, mp, dn: e.dn, sd: e.sd as number, dt: dt!, co, is, ci };
  if (str(e, 'vp')) out.vp = str(e, 'vp')!;
  if (str(e, 'ma')) out.ma = str(e, 'ma')!;
  return out;
}

function test(e: JsonObject): DccTest | undefined {
  const [tg, tt, sc, tr, co, is, ci] = ['tg', 'tt', 'sc', 'tr', 'co', 'is', 'ci'].map((k) => str(e, k));
  if (!tg || !tt || !tr || !co || !is || !ci || !isDate(sc, DATE_TIME)) return undefined;
  if (!optionalStrings(e, ['nm', 'ma', 'tc'])) return undefined;
  const out: DccTest = { tg, tt, sc: sc!, tr, co, is, ci };
  for (const k of ['nm', 'ma', 'tc'] as const) if (str(e, k)) out[k] = str(e, k)!;
  return out;
}

function recovery(e: JsonObject): DccRecovery | undefined {
  const [tg, fr, df, du, co, is, ci] = ['tg', 'fr', 'df', 'du', 'co', 'is', 'ci'].map((k) => str(e, k));
  if (!tg || !co || !is || !ci || !isDate(fr?.slice(0, 10)) || !isDate(df?.slice(0, 10)) || !isDate(du?.slice(0, 10))) return undefined;
  return { tg, fr: fr!, df: df!, du: du!, co, is, ci };
}

const READERS = { v: ['vaccination', vaccination], t: ['test', test], r: ['recovery', recovery] } as const;

/** Validates the DCC object (hcert claim -260, key 1). Undefined when it breaks the schema essentials. */
export function readDccDocument(value: CborValue): DccDocument | undefined {
  const dcc = toJson(value);
  if (!isObject(dcc)) return undefined;
  const doc = dcc as JsonObject;
  const ver = str(doc, 'ver');
  const dob = str(doc, 'dob');
  const nam = doc.nam;
  if (!ver || !/^\d+\.\d+\.\d+$/.test(ver) || dob === undefined || !BIRTH_DATE.test(dob) || !isObject(nam)) return undefined;
  const names = nam as JsonObject;
  if (!optionalStrings(names, ['fn', 'fnt', 'gn', 'gnt'])) return undefined;
  const name: DccName = {};
  for (const k of ['fn', 'fnt', 'gn', 'gnt'] as const) if (str(names, k)) name[k] = str(names, k)!.trim();
  // The schema requires the transliterated surname; a pass naming nobody is no pass.
  if (!name.fnt && !name.fn) return undefined;

  // Exactly one of v, t, r, with exactly one entry: a DCC certifies one event. An early Bulgarian
  // encoder wrote the absent groups as null; null carries nothing, so it counts as absent.
  const groups = (Object.keys(READERS) as (keyof typeof READERS)[]).filter((k) => doc[k] !== undefined && doc[k] !== null);
  if (groups.length !== 1) return undefined;
  const group = groups[0]!;
  const list = doc[group];
  if (!Array.isArray(list) || list.length !== 1 || !isObject(list[0])) return undefined;
  const entryJson = list[0] as JsonObject;
  const [kind, read] = READERS[group];
  const entry = read(entryJson);
  if (!entry) return undefined;
  return { ver, nam: name, dob, kind, entry } as DccDocument;
}
