// `pass-check trust build`: every source at once (the fetcher bounds the
// concurrency), one bundle out, checked by loading it into a real trust store
// (so what is written is exactly what a scanner will accept), sorted for diffs.
import { createTrustStore } from '@pass-check/verifier-core';
import { SourceError } from './fetch.mjs';
import { sourceLoaders, sourceSections, attachVdsncCrls } from './sources.mjs';

const isObject = (v) => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Objects with sorted keys, recursively: the same trust always serialises the same way. */
export function canonical(value) {
  if (Array.isArray(value)) return value.map(canonical);
  if (!isObject(value)) return value;
  return Object.fromEntries(Object.keys(value).sort().map((k) => [k, canonical(value[k])]));
}

const by = (key) => (a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0);
const sectionSort = {
  shc: (list) => list.map((i) => ({
    ...i,
    jwks: { ...i.jwks, keys: [...i.jwks.keys].sort(by((k) => String(k.kid))) },
    crls: [...(i.crls ?? [])].sort(by((c) => `${c.kid}|${String(c.ctr).padStart(12, '0')}`)),
  })).sort(by((i) => i.iss)),
  dcc: (list) => [...list].sort(by((s) => `${s.country ?? ''}|${s.certificate}`)),
  dccRevocations: (list) => list.map((l) => ({ ...l, hashes: [...l.hashes].sort() })).sort(by((l) => `${l.hashType}|${l.kid ?? ''}`)),
  idhp: (list) => list.map((i) => ({ ...i, publicKeys: [...i.publicKeys].sort(by((k) => k.id)) })).sort(by((i) => i.id)),
  vdsnc: (list) => list.map((c) => ({ ...c, crls: [...(c.crls ?? [])].sort() })).sort(by((c) => c.certificate)),
  divoc: (list) => list.map((i) => ({ ...i, publicKeys: [...i.publicKeys].sort(by((k) => `${k.id}|${k.publicKeyPem}`)) })).sort(by((i) => i.id)),
  dccRules: (list) => [...list].sort(by((r) => `${r.Country}|${r.Identifier}|${r.Version}`)),
};
const sortValueSets = (sets) => Object.fromEntries(Object.keys(sets).sort().map((id) => [id, [...sets[id]].sort()]));

/** The bundle in its deterministic form: `version`, `updated`, then sections by name. */
export function sortBundle(bundle) {
  const out = { version: bundle.version, updated: bundle.updated };
  for (const key of Object.keys(bundle).filter((k) => k !== 'version' && k !== 'updated').sort()) {
    const value = bundle[key];
    out[key] = canonical(sectionSort[key] && Array.isArray(value) ? sectionSort[key](value)
      : key === 'dccValueSets' && isObject(value) ? sortValueSets(value) : value);
  }
  return out;
}

/** The list sections a build gathers, each with what makes two entries the same. */
const entryId = {
  shc: (e) => e.iss,
  dcc: (e) => e.certificate,
  idhp: (e) => e.id,
  vdsnc: (e) => e.certificate,
  divoc: (e) => e.id,
  dccRules: (e) => `${e.Identifier}@${e.Version}`,
};
const LIST_SECTIONS = Object.keys(entryId);
/**
 * Sections a build may have no source for at all (a venue that only adds DCC lists
 * tonight): then they are kept from --previous as they were, never dropped.
 */
const KEPT_WHEN_NOT_SOURCED = ['vdsnc', 'divoc', 'dccRules', 'dccValueSets'];

/**
 * @param {{ sources: { type: string, spec: string }[], previous?: object, fetcher: object, anchor?: object,
 *   progress?: { add(n: number): void, tick(): void }, now?: Date }} options
 * @returns {Promise<{ bundle: object, report: object }>}
 */
export async function buildTrust({ sources, previous, fetcher, anchor, progress, now = new Date() }) {
  const ctx = { fetcher, anchor, progress, now };
  progress?.add(sources.length);
  const results = await Promise.all(sources.map(async (source) => {
    try {
      const result = await sourceLoaders[source.type](source.spec, ctx);
      return { source, result };
    } catch (e) {
      const error = e instanceof SourceError ? e : new SourceError('BAD_FORMAT', String(e?.message ?? e));
      return { source, error };
    } finally {
      progress?.tick();
    }
  }));

  const built = now.toISOString();
  const sections = Object.fromEntries(LIST_SECTIONS.map((s) => [s, new Map()]));
  const valueSets = new Map();
  const vdsncCrls = [];
  const rows = [];
  const problems = [];
  const dataTimes = [];
  const failedSections = new Set();
  const failedIssuers = new Set();
  for (const { source, result, error } of results) {
    const row = { type: source.type, source: source.spec, status: 'ok', entries: 0, failed: 0, kept: 0 };
    rows.push(row);
    if (error) {
      row.status = 'failed';
      row.code = error.code;
      problems.push({ source: source.spec, code: error.code, message: error.message });
      for (const s of sourceSections[source.type]) failedSections.add(s);
      continue;
    }
    for (const section of LIST_SECTIONS) {
      for (const entry of result[section] ?? []) {
        const id = entryId[section](entry);
        if (!sections[section].has(id)) sections[section].set(id, entry);
        row.entries++;
      }
    }
    for (const [id, codes] of Object.entries(result.dccValueSets ?? {})) {
      valueSets.set(id, new Set([...(valueSets.get(id) ?? []), ...codes]));
      row.entries++;
    }
    for (const crl of result.vdsncCrls ?? []) { if (!vdsncCrls.includes(crl)) vdsncCrls.push(crl); row.entries++; }
    for (const iss of result.failedIssuers ?? []) failedIssuers.add(iss);
    row.failed = result.failedIssuers?.length ?? 0;
    if (row.failed) row.status = 'partial';
    for (const p of result.problems ?? []) problems.push({ source: source.spec, ...p });
    dataTimes.push(result.dataTime ?? built);
  }

  // What failed tonight keeps yesterday's entries: an issuer whose key set could not be
  // fetched, or the whole section of a source that failed.
  let kept = 0;
  const sourced = new Set(sources.flatMap((s) => sourceSections[s.type]));
  const keepSection = (section) => failedSections.has(section) || (KEPT_WHEN_NOT_SOURCED.includes(section) && !sourced.has(section));
  if (isObject(previous)) {
    for (const section of LIST_SECTIONS) {
      for (const entry of Array.isArray(previous[section]) ? previous[section] : []) {
        if (!isObject(entry)) continue;
        const id = entryId[section](entry);
        if (sections[section].has(id)) continue;
        if (keepSection(section) || (section === 'shc' && failedIssuers.has(id))) {
          sections[section].set(id, section === 'vdsnc' ? { ...entry } : entry);
          kept++;
        }
      }
    }
    if (keepSection('dccValueSets') && isObject(previous.dccValueSets)) {
      for (const [id, codes] of Object.entries(previous.dccValueSets)) {
        if (valueSets.has(id) || !Array.isArray(codes)) continue;
        valueSets.set(id, new Set(codes));
        kept++;
      }
    }
    // As a time, in one spelling: `oldestData` sorts these strings.
    if (kept && typeof previous.updated === 'string' && !Number.isNaN(Date.parse(previous.updated))) dataTimes.push(new Date(previous.updated).toISOString());
    for (const row of rows) if (row.status !== 'ok') row.kept = 'from previous';
  }

  // Each CRL goes to the CA that issued it, tonight's or one kept from --previous.
  for (const p of attachVdsncCrls([...sections.vdsnc.values()], vdsncCrls)) problems.push({ source: 'vdsnc-crl', ...p });

  const fresh = { version: 1, updated: built };
  for (const section of LIST_SECTIONS) fresh[section] = [...sections[section].values()];
  if (valueSets.size) fresh.dccValueSets = Object.fromEntries([...valueSets].map(([id, codes]) => [id, [...codes]]));
  // Load the previous bundle first so the store carries its CRLs and DCC revocation lists over
  // (revocation never dropped silently), then replace it with tonight's.
  const store = createTrustStore();
  if (isObject(previous) && previous.version === 1) await store.importBundle(previous);
  const imported = await store.importBundle(fresh);
  const bundle = sortBundle({ ...(await store.exportBundle()), updated: built });

  const keys = bundle.shc.reduce((n, i) => n + i.jwks.keys.length, 0);
  const list = (value) => (Array.isArray(value) ? value : []);
  const report = {
    updated: built,
    oldestData: dataTimes.length ? dataTimes.sort()[0] : built,
    sources: rows,
    totals: {
      shcIssuers: bundle.shc.length, shcKeys: keys, shcCrls: bundle.shc.reduce((n, i) => n + i.crls.length, 0),
      dccSigners: bundle.dcc.length, dccRevocationLists: bundle.dccRevocations.length, idhpIssuers: bundle.idhp.length,
      dccValueSets: Object.keys(bundle.dccValueSets ?? {}).length, dccRules: list(bundle.dccRules).length,
      vdsncCscas: list(bundle.vdsnc).length, vdsncCrls: list(bundle.vdsnc).reduce((n, c) => n + list(c.crls).length, 0),
      divocIssuers: list(bundle.divoc).length,
      keptFromPrevious: kept,
    },
    rejected: imported.rejected.map((r) => ({ ...(r.kid ? { kid: r.kid } : {}), code: r.code, message: r.message })),
    problems,
  };
  const usable = bundle.shc.length + bundle.dcc.length + bundle.idhp.length + list(bundle.vdsnc).length + list(bundle.divoc).length;
  report.exitCode = usable === 0 ? 2 : rows.some((r) => r.status !== 'ok') || problems.length ? 1 : 0;
  return { bundle, report };
}
