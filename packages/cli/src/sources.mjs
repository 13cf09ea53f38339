// Trust sources for `pass-check trust build`. Each loader returns the bundle
// entries it found plus per-issuer problems, or throws a SourceError when the
// whole source is unusable. Formats followed:
//  - SMART Health Cards: the VCI directory's `vci-issuers.json`
//    ({participating_issuers:[{iss,name}]}) and daily snapshot
//    (`vci_snapshot.json`: {time, issuerInfo:[{issuer:{iss,name},keys,crls}]}); per
//    issuer `iss + /.well-known/jwks.json`, and for each key with `crlVersion` its
//    CRL at `iss + /.well-known/crl/KID.json` (SMART Health Cards Framework,
//    "Health Cards Revocation").
//  - EU DCC, gateway style: the DCC Gateway trust list JSON array
//    [{kid, country, certificateType, rawData}] (certificateType DSC only; kid =
//    base64 of the first 8 bytes of SHA-256 over the DER, eHN "Electronic Health
//    Certificates" spec §3.3.1).
//  - EU DCC, signed national DSC list as the German backend publishes it: the first
//    line is the base64 ECDSA-SHA256 signature over the bytes after that line, which
//    are JSON {"certificates":[{certificateType,country,kid,rawData,signature,
//    thumbprint,timestamp}]} (fields as the CovPass SDK's DscList model names them).
//  - EU DCC, a DSC trust list as a JWS: DIGG's "Document Signer Certificate (DSC)
//    Trust List - Format Specification" 1.0.0 (RFC 7515 JWS, ES256, optionally with
//    the RFC 7797 unencoded payload, `b64: false`); payload {iss, iat, exp,
//    dsc_trust_list: {CC: {eku, keys: [JWK with x5c]}}}.
//  - IBM Digital Health Pass: issuer documents {id (DID), name, publicKey(s):
//    [{id, publicKeyJwk}]}, alone, as an array, or under `issuers` or `payload`.
//  - EU DCC value sets as the EU DCC Gateway distributes them and the eHealth
//    Network's value set files (ehn-dcc-development/eu-dcc-valuesets, e.g.
//    `vaccine-prophylaxis.json`) are written: {valueSetId, valueSetDate,
//    valueSetValues: {CODE: {display, lang, active, system, version}}}; one
//    object or a list of them. Every listed code is taken (an inactive code still
//    names what older passes carry).
//  - EU DCC business rules: the CertLogic rule JSON of the eHealth Network's
//    "Guidelines on Technical Specifications for EU Digital COVID Certificates -
//    Validation Rules" (v1.1, 2022-02-23), {Identifier, Type, Country, Version,
//    SchemaVersion, Engine, EngineVersion, CertificateType, Description,
//    ValidFrom, ValidTo, AffectedFields, Logic}; one rule or a list of them. The
//    trust store checks each envelope (trust/dcc-rules.ts) and reports the rest.
//  - ICAO VDS-NC: country signing CA certificates (ICAO Doc 9303 part 12, PKI for
//    MRTDs; VDS-NC in the ICAO TR "VDS for non-constrained environments" 1.1) as PEM
//    (one or more CERTIFICATE blocks), DER, or the bundle's own JSON
//    [{certificate, country, crls}]; `AUS=URL|FILE` names the alpha-3 state the CA
//    signs for. CRLs (RFC 5280 CertificateList, PEM or DER) are given apart and go
//    to the CA whose subject is the CRL's issuer; the store checks the signature.
//  - DIVOC: the bundle's JSON [{id, issuer?, name?, publicKeys:[{id,
//    publicKeyPem}]}] (or one such object, or under `issuers`), or a bare SPKI PEM
//    public key as `ID=URL|FILE` (ID: the verification method proofs name, e.g.
//    did:india), as DIVOC deployments publish their signing key.
import fs from 'node:fs/promises';
import { createHash, createPublicKey, verify as verifySignature } from 'node:crypto';
import { vciSnapshotEntries } from '@pass-check/verifier-core';
import { SourceError, parseJsonBytes } from './fetch.mjs';

const isObject = (v) => typeof v === 'object' && v !== null && !Array.isArray(v);
const isUrl = (text) => /^[a-z][a-z0-9+.-]*:\/\//i.test(text);

/** Bounds on what one source may hold. */
export const MAX_ISSUERS = 5000;
export const MAX_CERTIFICATES = 20_000;

/** Reads a source: a URL through the fetcher, else a local file (with the same size cap). */
export async function readSource(spec, ctx) {
  if (isUrl(spec)) return ctx.fetcher.get(spec);
  let handle;
  try {
    handle = await fs.open(spec, 'r');
    const { size } = await handle.stat();
    if (size > ctx.fetcher.options.maxBytes) throw new SourceError('FETCH_TOO_LARGE', `${spec} is ${size} bytes, over the ${ctx.fetcher.options.maxBytes}-byte cap`);
    return new Uint8Array(await handle.readFile());
  } catch (e) {
    if (e instanceof SourceError) throw e;
    throw new SourceError('READ_FILE', `cannot read ${spec}: ${e.code ?? e.message}`);
  } finally {
    await handle?.close();
  }
}

const sha256 = (bytes) => createHash('sha256').update(bytes).digest();
const kidOf = (der) => sha256(der).subarray(0, 8).toString('base64');

function base64Der(text) {
  if (typeof text !== 'string' || !/^[A-Za-z0-9+/=\s]+$/.test(text)) return undefined;
  const der = Buffer.from(text.replace(/\s+/g, ''), 'base64');
  return der.length > 16 && der[0] === 0x30 ? der : undefined;
}

/** A trust anchor (the key that signs --dcc-list / --dcc-jws): PEM public key or certificate, or a JWK. */
export async function loadAnchor(file) {
  let text;
  try { text = await fs.readFile(file, 'utf8'); } catch (e) { throw new SourceError('READ_FILE', `cannot read anchor ${file}: ${e.code ?? e.message}`); }
  try {
    if (text.trim().startsWith('{')) {
      const jwk = JSON.parse(text);
      const { kty, crv, x, y, n, e } = jwk;
      return createPublicKey({ key: { kty, crv, x, y, n, e }, format: 'jwk' });
    }
    return createPublicKey(text);
  } catch (e) {
    throw new SourceError('BAD_FORMAT', `anchor ${file} is not a PEM public key, certificate or JWK: ${e.message}`);
  }
}

function requireEcP256(anchor, what) {
  if (anchor.asymmetricKeyType !== 'ec' || anchor.asymmetricKeyDetails?.namedCurve !== 'prime256v1') {
    throw new SourceError('BAD_SIGNATURE', `${what}: the anchor must be an EC P-256 key (ECDSA with SHA-256)`);
  }
}

// ---------------------------------------------------------------- SHC

/** One issuer: its key set and, for keys with crlVersion, their CRLs. */
async function fetchShcIssuer(iss, name, ctx) {
  const base = iss.replace(/\/+$/, '');
  const jwks = parseJsonBytes(await ctx.fetcher.get(`${base}/.well-known/jwks.json`), `${iss} jwks`);
  if (!isObject(jwks) || !Array.isArray(jwks.keys)) throw new SourceError('BAD_FORMAT', `${iss}: jwks.json is not a key set`);
  if (jwks.keys.length === 0) throw new SourceError('NO_KEYS', `${iss}: the key set is empty`);
  const crls = [];
  const problems = [];
  for (const key of jwks.keys) {
    if (!isObject(key) || key.crlVersion === undefined || typeof key.kid !== 'string' || !/^[A-Za-z0-9_-]{1,128}$/.test(key.kid)) continue;
    try {
      crls.push(parseJsonBytes(await ctx.fetcher.get(`${base}/.well-known/crl/${key.kid}.json`), `${iss} CRL ${key.kid}`));
    } catch (e) {
      // The store keeps the CRL held from --previous; without one the key is trusted with revocation unchecked.
      problems.push({ id: iss, kid: key.kid, code: e.code ?? 'FETCH_NETWORK', message: `CRL: ${e.message}` });
    }
  }
  return { entry: { iss, ...(name ? { name } : {}), jwks: { keys: jwks.keys }, crls }, problems };
}

/** Fetches issuers one per task (the fetcher bounds concurrency); a failing issuer is a problem, not a failure. */
async function fetchShcIssuers(issuers, ctx) {
  ctx.progress?.add(issuers.length);
  const shc = [];
  const problems = [];
  const failedIssuers = [];
  await Promise.all(issuers.map(async ({ iss, name }) => {
    try {
      const r = await fetchShcIssuer(iss, name, ctx);
      shc.push(r.entry);
      problems.push(...r.problems);
    } catch (e) {
      failedIssuers.push(iss);
      problems.push({ id: iss, code: e.code ?? 'FETCH_NETWORK', message: e.message });
    } finally {
      ctx.progress?.tick();
    }
  }));
  return { shc, problems, failedIssuers };
}

export async function vciSource(spec, ctx) {
  const doc = parseJsonBytes(await readSource(spec, ctx), spec);
  if (isObject(doc) && Array.isArray(doc.issuerInfo)) {
    if (doc.issuerInfo.length > MAX_ISSUERS) throw new SourceError('BAD_FORMAT', `${spec}: more than ${MAX_ISSUERS} issuers`);
    // The same mapping as verifier-core's importVciSnapshot (no issuer list here: every issuer in the snapshot).
    const { shc } = vciSnapshotEntries(doc);
    const time = typeof doc.time === 'string' && !Number.isNaN(Date.parse(doc.time)) ? new Date(doc.time).toISOString() : undefined;
    return { shc, problems: [], failedIssuers: [], dataTime: time };
  }
  if (isObject(doc) && Array.isArray(doc.participating_issuers)) {
    if (doc.participating_issuers.length > MAX_ISSUERS) throw new SourceError('BAD_FORMAT', `${spec}: more than ${MAX_ISSUERS} issuers`);
    const issuers = [];
    const seen = new Set();
    for (const p of doc.participating_issuers) {
      if (!isObject(p) || typeof p.iss !== 'string' || seen.has(p.iss)) continue;
      seen.add(p.iss);
      issuers.push({ iss: p.iss, name: typeof p.name === 'string' ? p.name : undefined });
    }
    return fetchShcIssuers(issuers, ctx);
  }
  throw new SourceError('BAD_FORMAT', `${spec}: neither a VCI issuer list ({participating_issuers}) nor a snapshot ({issuerInfo})`);
}

export async function shcIssuerSource(iss, ctx) {
  const r = await fetchShcIssuers([{ iss }], ctx);
  if (r.failedIssuers.length) {
    const p = r.problems.find((x) => !x.kid);
    throw new SourceError(p.code, p.message);
  }
  return r;
}

// ---------------------------------------------------------------- DCC

/** DSC entries ({kid, country, certificateType, rawData}) to bundle entries; bad ones become problems. */
function dscEntries(list, where) {
  if (!Array.isArray(list)) throw new SourceError('BAD_FORMAT', `${where}: expected a list of certificates`);
  if (list.length > MAX_CERTIFICATES) throw new SourceError('BAD_FORMAT', `${where}: more than ${MAX_CERTIFICATES} certificates`);
  const dcc = [];
  const problems = [];
  for (const e of list) {
    if (!isObject(e) || (e.certificateType !== undefined && e.certificateType !== 'DSC')) continue;
    const kid = typeof e.kid === 'string' ? e.kid : undefined;
    const der = base64Der(e.rawData);
    if (!der) { problems.push({ id: where, kid, code: 'INVALID_CERTIFICATE', message: 'rawData is not a base64 DER certificate' }); continue; }
    const computed = kidOf(der);
    if (kid !== undefined && Buffer.from(kid, 'base64').toString('base64') !== computed) {
      problems.push({ id: where, kid, code: 'INVALID_CERTIFICATE', message: 'kid does not match the certificate' });
      continue;
    }
    if (typeof e.thumbprint === 'string' && e.thumbprint.toLowerCase() !== sha256(der).toString('hex')) {
      problems.push({ id: where, kid, code: 'INVALID_CERTIFICATE', message: 'thumbprint does not match the certificate' });
      continue;
    }
    const country = typeof e.country === 'string' && /^[A-Za-z]{2}$/.test(e.country) ? e.country.toUpperCase() : undefined;
    dcc.push({ certificate: der.toString('base64'), ...(country ? { country } : {}) });
  }
  return { dcc, problems };
}

export async function dccEuJsonSource(spec, ctx) {
  const doc = parseJsonBytes(await readSource(spec, ctx), spec);
  return dscEntries(doc, spec);
}

export async function dccListSource(spec, ctx) {
  if (!ctx.anchor) throw new SourceError('BAD_SIGNATURE', `${spec}: --dcc-list needs --dcc-anchor`);
  requireEcP256(ctx.anchor, spec);
  const bytes = Buffer.from(await readSource(spec, ctx));
  const newline = bytes.indexOf(0x0a);
  if (newline < 0) throw new SourceError('BAD_FORMAT', `${spec}: expected a signature line, then JSON`);
  const signatureLine = bytes.subarray(0, newline).toString('latin1').trim();
  const body = bytes.subarray(newline + 1);
  if (!/^[A-Za-z0-9+/=]{16,300}$/.test(signatureLine)) throw new SourceError('BAD_FORMAT', `${spec}: the first line is not a base64 signature`);
  const signature = Buffer.from(signatureLine, 'base64');
  // The signature is DER (as Java's SHA256withECDSA writes it) or the raw r||s of 64 bytes.
  const ok = [signature.length === 64 ? 'ieee-p1363' : 'der'].some((dsaEncoding) => {
    try { return verifySignature('sha256', body, { key: ctx.anchor, dsaEncoding }, signature); } catch { return false; }
  });
  if (!ok) throw new SourceError('BAD_SIGNATURE', `${spec}: the list's signature does not verify with the anchor key`);
  const doc = parseJsonBytes(body, spec);
  if (!isObject(doc)) throw new SourceError('BAD_FORMAT', `${spec}: expected {"certificates": [...]}`);
  return dscEntries(doc.certificates, spec);
}

export async function dccJwsSource(spec, ctx) {
  if (!ctx.anchor) throw new SourceError('BAD_SIGNATURE', `${spec}: --dcc-jws needs --dcc-anchor`);
  requireEcP256(ctx.anchor, spec);
  const text = Buffer.from(await readSource(spec, ctx)).toString('utf8').trim();
  // With an unencoded payload (RFC 7797) the payload is JSON and may hold dots: split at the first and last.
  const first = text.indexOf('.');
  const last = text.lastIndexOf('.');
  if (first <= 0 || last === first) throw new SourceError('BAD_FORMAT', `${spec}: not a compact JWS`);
  const h = text.slice(0, first), p = text.slice(first + 1, last), s = text.slice(last + 1);
  let header;
  try { header = JSON.parse(Buffer.from(h, 'base64url').toString('utf8')); } catch { throw new SourceError('BAD_FORMAT', `${spec}: bad JWS header`); }
  if (!isObject(header) || header.alg !== 'ES256') throw new SourceError('BAD_SIGNATURE', `${spec}: only ES256 is accepted`);
  const unencoded = header.b64 === false;
  if (!unencoded && !/^[A-Za-z0-9_-]+$/.test(p)) throw new SourceError('BAD_FORMAT', `${spec}: bad JWS payload`);
  const signature = Buffer.from(s, 'base64url');
  let ok = false;
  try { ok = signature.length === 64 && verifySignature('sha256', Buffer.from(`${h}.${p}`, 'utf8'), { key: ctx.anchor, dsaEncoding: 'ieee-p1363' }, signature); } catch { ok = false; }
  if (!ok) throw new SourceError('BAD_SIGNATURE', `${spec}: the JWS signature does not verify with the anchor key`);
  const payload = parseJsonBytes(unencoded ? Buffer.from(p, 'utf8') : Buffer.from(p, 'base64url'), spec);
  if (!isObject(payload) || !isObject(payload.dsc_trust_list)) throw new SourceError('BAD_FORMAT', `${spec}: no dsc_trust_list`);
  if (typeof payload.exp === 'number' && payload.exp * 1000 < ctx.now.getTime()) throw new SourceError('BAD_FORMAT', `${spec}: the list expired ${new Date(payload.exp * 1000).toISOString()}`);
  const list = [];
  for (const [country, data] of Object.entries(payload.dsc_trust_list)) {
    if (!/^[A-Z]{2}$/.test(country) || !isObject(data) || !Array.isArray(data.keys)) continue;
    for (const jwk of data.keys) {
      if (!isObject(jwk) || !Array.isArray(jwk.x5c) || typeof jwk.x5c[0] !== 'string') continue;
      list.push({ kid: typeof jwk.kid === 'string' ? jwk.kid : undefined, country, certificateType: 'DSC', rawData: jwk.x5c[0] });
    }
  }
  const dataTime = typeof payload.iat === 'number' ? new Date(payload.iat * 1000).toISOString() : undefined;
  return { ...dscEntries(list, spec), ...(dataTime ? { dataTime } : {}) };
}

// ---------------------------------------------------------------- IDHP

export async function idhpSource(spec, ctx) {
  const doc = parseJsonBytes(await readSource(spec, ctx), spec);
  const raw = Array.isArray(doc) ? doc : isObject(doc) && Array.isArray(doc.issuers) ? doc.issuers
    : isObject(doc) && doc.payload !== undefined ? [doc.payload].flat() : [doc];
  if (raw.length > MAX_ISSUERS) throw new SourceError('BAD_FORMAT', `${spec}: more than ${MAX_ISSUERS} issuers`);
  const idhp = [];
  const problems = [];
  for (const i of raw) {
    const keys = isObject(i) ? (i.publicKeys ?? i.publicKey) : undefined;
    if (!isObject(i) || typeof i.id !== 'string' || !Array.isArray(keys)) {
      problems.push({ id: spec, code: 'INVALID_KEY', message: 'issuer entry without id and publicKey(s)' });
      continue;
    }
    const publicKeys = keys.filter(isObject).map((k) => ({ id: k.id, publicKeyJwk: k.publicKeyJwk }));
    idhp.push({ id: i.id, ...(typeof i.name === 'string' ? { name: i.name } : {}), publicKeys });
  }
  if (!idhp.length) throw new SourceError('NO_KEYS', `${spec}: no issuer`);
  return { idhp, problems };
}

// ---------------------------------------------------------------- EU DCC value sets and rules

export const MAX_VALUE_SETS = 64;
export const MAX_RULES = 5000;

/** One object or a list of them, as a JSON document gives it. */
const listOf = (doc) => (Array.isArray(doc) ? doc : [doc]);

export async function dccValueSetsSource(spec, ctx) {
  const doc = parseJsonBytes(await readSource(spec, ctx), spec);
  const list = listOf(doc);
  if (list.length > MAX_VALUE_SETS) throw new SourceError('BAD_FORMAT', `${spec}: more than ${MAX_VALUE_SETS} value sets`);
  const dccValueSets = {};
  const problems = [];
  for (const set of list) {
    if (!isObject(set) || typeof set.valueSetId !== 'string' || !/^[\w.-]{1,128}$/.test(set.valueSetId) || !isObject(set.valueSetValues)) {
      problems.push({ id: spec, code: 'BAD_FORMAT', message: 'not a value set ({valueSetId, valueSetValues: {code: {...}}})' });
      continue;
    }
    const codes = Object.keys(set.valueSetValues).filter((c) => c.length > 0 && c.length <= 128);
    dccValueSets[set.valueSetId] = [...new Set([...(dccValueSets[set.valueSetId] ?? []), ...codes])].sort();
  }
  if (!Object.keys(dccValueSets).length) throw new SourceError('BAD_FORMAT', `${spec}: no value set`);
  const dates = list.map((s) => (isObject(s) && typeof s.valueSetDate === 'string' ? Date.parse(s.valueSetDate) : NaN)).filter(Number.isFinite);
  return { dccValueSets, problems, ...(dates.length ? { dataTime: new Date(Math.min(...dates)).toISOString() } : {}) };
}

export async function dccRulesSource(spec, ctx) {
  const doc = parseJsonBytes(await readSource(spec, ctx), spec);
  const list = listOf(doc);
  if (list.length > MAX_RULES) throw new SourceError('BAD_FORMAT', `${spec}: more than ${MAX_RULES} rules`);
  const dccRules = [];
  const problems = [];
  for (const rule of list) {
    if (!isObject(rule) || typeof rule.Identifier !== 'string' || typeof rule.Version !== 'string') {
      problems.push({ id: spec, code: 'BAD_FORMAT', message: 'not a CertLogic rule ({Identifier, Version, Logic, ...})' });
      continue;
    }
    dccRules.push(rule);
  }
  if (!dccRules.length) throw new SourceError('BAD_FORMAT', `${spec}: no rule`);
  return { dccRules, problems };
}

// ---------------------------------------------------------------- ICAO VDS-NC

/** `PREFIX=REST` where PREFIX matches `pattern`; else the whole spec. */
function prefixed(spec, pattern) {
  const at = spec.indexOf('=');
  if (at > 0 && pattern.test(spec.slice(0, at))) return { prefix: spec.slice(0, at), source: spec.slice(at + 1) };
  return { source: spec };
}

/** Base64 DER of every PEM block with this label, or of the whole input when it is DER. */
function derBlocks(bytes, label) {
  const text = Buffer.from(bytes).toString('latin1');
  const pem = new RegExp(`-----BEGIN ${label}-----([A-Za-z0-9+/=\\s]+)-----END ${label}-----`, 'g');
  const blocks = [...text.matchAll(pem)].map((m) => base64Der(m[1]));
  if (blocks.length) return blocks.filter(Boolean);
  return bytes.length && bytes[0] === 0x30 ? [Buffer.from(bytes)] : [];
}

/** A DER element at `offset`: its tag, where its contents start and end (bounded by `end`). */
function derAt(der, offset, end) {
  if (offset + 2 > end) return undefined;
  const tag = der[offset];
  let length = der[offset + 1];
  let start = offset + 2;
  if (length & 0x80) {
    const count = length & 0x7f;
    if (count < 1 || count > 4 || start + count > end) return undefined;
    length = 0;
    for (let i = 0; i < count; i++) length = length * 256 + der[start + i];
    start += count;
  }
  return start + length > end ? undefined : { tag, start, end: start + length, next: start + length, offset };
}

/** The children of a constructed element. */
function derChildren(der, element) {
  const out = [];
  for (let at = element.start; at < element.end;) {
    const child = derAt(der, at, element.end);
    if (!child) return undefined;
    out.push(child);
    at = child.next;
  }
  return out;
}

/**
 * The DER of a certificate's subject, or of a CRL's issuer (RFC 5280 §4.1, §5.1):
 * enough to give each CRL to its CA; the store then checks the CRL's signature.
 */
function nameOf(der, kind) {
  const outer = derAt(der, 0, der.length);
  const tbs = outer && outer.tag === 0x30 ? derChildren(der, outer)?.[0] : undefined;
  const fields = tbs && tbs.tag === 0x30 ? derChildren(der, tbs) : undefined;
  if (!fields) return undefined;
  let i = 0;
  if (kind === 'certificate') {
    if (fields[0]?.tag === 0xa0) i++; // [0] version
    i += 2; // serialNumber, signature
    i += 2; // issuer, validity: the subject follows
  } else {
    if (fields[0]?.tag === 0x02) i++; // version
    i += 1; // signature: the issuer follows
  }
  const name = fields[i];
  return name && name.tag === 0x30 ? der.subarray(name.offset, name.end).toString('hex') : undefined;
}

export async function vdsncSource(spec, ctx) {
  const { prefix: country, source } = prefixed(spec, /^[A-Z]{3}$/);
  const bytes = await readSource(source, ctx);
  const text = Buffer.from(bytes).toString('utf8').trim();
  if (text.startsWith('[') || text.startsWith('{')) {
    const list = listOf(parseJsonBytes(bytes, source));
    if (list.length > MAX_CERTIFICATES) throw new SourceError('BAD_FORMAT', `${source}: more than ${MAX_CERTIFICATES} CAs`);
    const vdsnc = list.filter((e) => isObject(e) && typeof e.certificate === 'string')
      .map((e) => ({ certificate: e.certificate, ...(country ?? e.country ? { country: country ?? e.country } : {}), crls: Array.isArray(e.crls) ? e.crls : [] }));
    if (!vdsnc.length) throw new SourceError('BAD_FORMAT', `${source}: no {certificate} entry`);
    return { vdsnc, problems: [] };
  }
  const certificates = derBlocks(bytes, 'CERTIFICATE');
  if (!certificates.length || certificates.length > MAX_CERTIFICATES) throw new SourceError('BAD_FORMAT', `${source}: no CA certificate (PEM or DER)`);
  // A PEM file may carry the CAs' CRLs too.
  const crls = derBlocks(Buffer.from(text.includes('X509 CRL') ? bytes : []), 'X509 CRL');
  return { vdsnc: certificates.map((der) => ({ certificate: der.toString('base64'), ...(country ? { country } : {}), crls: [] })), vdsncCrls: crls.map((d) => d.toString('base64')), problems: [] };
}

export async function vdsncCrlSource(spec, ctx) {
  const crls = derBlocks(await readSource(spec, ctx), 'X509 CRL');
  if (!crls.length || crls.length > 64) throw new SourceError('BAD_FORMAT', `${spec}: no CRL (PEM or DER)`);
  return { vdsncCrls: crls.map((d) => d.toString('base64')), problems: [] };
}

/** Gives each CRL to the CA that issued it (by name); CRLs of no listed CA are problems. */
export function attachVdsncCrls(entries, crls) {
  const problems = [];
  const byName = new Map();
  for (const entry of entries) {
    const name = nameOf(Buffer.from(entry.certificate, 'base64'), 'certificate');
    if (name) byName.set(name, [...(byName.get(name) ?? []), entry]);
  }
  for (const crl of crls) {
    const targets = byName.get(nameOf(Buffer.from(crl, 'base64'), 'crl') ?? '') ?? [];
    if (!targets.length) { problems.push({ code: 'INVALID_CRL', message: 'a VDS-NC CRL whose issuer is no listed CSCA' }); continue; }
    for (const t of targets) if (!t.crls.includes(crl)) t.crls = [...t.crls, crl];
  }
  return problems;
}

// ---------------------------------------------------------------- DIVOC

export async function divocSource(spec, ctx) {
  const { prefix: id, source } = prefixed(spec, /^did:[\w.:%-]{1,200}$/);
  const bytes = await readSource(source, ctx);
  const text = Buffer.from(bytes).toString('utf8').trim();
  if (text.startsWith('-----BEGIN PUBLIC KEY-----')) {
    if (!id) throw new SourceError('BAD_FORMAT', `${source}: a bare PEM key needs its verification method: --divoc did:…=${source}`);
    return { divoc: [{ id, publicKeys: [{ id, publicKeyPem: text.replace(/\r\n/g, '\n') + '\n' }] }], problems: [] };
  }
  const doc = parseJsonBytes(bytes, source);
  const raw = isObject(doc) && Array.isArray(doc.issuers) ? doc.issuers : listOf(doc);
  if (raw.length > MAX_ISSUERS) throw new SourceError('BAD_FORMAT', `${source}: more than ${MAX_ISSUERS} issuers`);
  const divoc = [];
  const problems = [];
  for (const i of raw) {
    if (!isObject(i) || typeof i.id !== 'string' || !Array.isArray(i.publicKeys)) {
      problems.push({ id: source, code: 'INVALID_KEY', message: 'DIVOC issuer entry without id and publicKeys' });
      continue;
    }
    divoc.push({ id: i.id, ...(typeof i.issuer === 'string' ? { issuer: i.issuer } : {}), ...(typeof i.name === 'string' ? { name: i.name } : {}),
      publicKeys: i.publicKeys.filter(isObject).map((k) => ({ id: k.id, publicKeyPem: k.publicKeyPem })) });
  }
  if (!divoc.length) throw new SourceError('NO_KEYS', `${source}: no issuer`);
  return { divoc, problems };
}

export const sourceLoaders = {
  vci: vciSource,
  'shc-issuer': shcIssuerSource,
  'dcc-eu-json': dccEuJsonSource,
  'dcc-list': dccListSource,
  'dcc-jws': dccJwsSource,
  idhp: idhpSource,
  'dcc-value-sets': dccValueSetsSource,
  'dcc-rules': dccRulesSource,
  vdsnc: vdsncSource,
  'vdsnc-crl': vdsncCrlSource,
  divoc: divocSource,
};
/** Which bundle sections a source type feeds (what --previous keeps when it fails). */
export const sourceSections = {
  vci: ['shc'], 'shc-issuer': ['shc'], 'dcc-eu-json': ['dcc'], 'dcc-list': ['dcc'], 'dcc-jws': ['dcc'], idhp: ['idhp'],
  'dcc-value-sets': ['dccValueSets'], 'dcc-rules': ['dccRules'], vdsnc: ['vdsnc'],
  // A CRL that fails keeps the one held (the store carries CRLs over for a CA listed again).
  'vdsnc-crl': [], divoc: ['divoc'],
};
