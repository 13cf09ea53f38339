// ICAO VDS-NC test kit: a test country signing CA (CSCA) of a made-up state,
// barcode signers it issues, CRLs it signs, and signed seals (proof of
// vaccination or of testing). For tests and demos only.
//
//   const ca = await createVdsncCsca();                       // state 'UTO'
//   await trust.addVdsncCsca(ca.bundleEntry());
//   const signer = await ca.createSigner();
//   const text = await signer.issue({ type: 'icao.vacc' });   // '{"data":…,"sig":…}'
import {
  encodeBitString, encodeOid, encodeSequence, encodeTime, encodeUnsignedInteger,
} from '../internal/asn1.js';
import { encodeBase64, encodeBase64Url } from '../internal/bytes.js';
import { rawToDerEcdsa } from '../internal/ecdsa.js';
import { canonicalizeJcs } from '../internal/jcs.js';
import { alpha2Of } from '../internal/iso3166.js';
import { Oids, parseCertificate } from '../internal/x509.js';
import type { VdsncCscaInput } from '../types.js';
import { createTestCertificate } from './dcc.js';

export { canonicalizeJcs } from '../internal/jcs.js';
export { parseCrl } from '../internal/crl.js';

const DAY_MS = 86_400_000;
const P256 = { name: 'ECDSA', namedCurve: 'P-256' } as const;

export interface VdsncTestPerson {
  /** As printed in a passport: "SURNAME  GIVEN NAMES". Default "CITIZEN  TEST PERSON". */
  name?: string;
  birthDate?: string;
}

export interface VdsncIssueOptions extends VdsncTestPerson {
  type?: 'icao.vacc' | 'icao.test';
  /** Vaccination: doses given (default 2, 60 and 30 days ago), product name (default "Comirnaty"). */
  doses?: { date: string; seq?: number }[];
  vaccine?: string;
  /** Test: result (default 'negative'), method text (default 'molecular(PCR)'), sample time (default 2 h ago). */
  result?: 'negative' | 'positive';
  method?: string;
  sampledAt?: Date;
  /** Changes `data` before it is signed. */
  mutate?: (data: Record<string, unknown>) => void;
  /** 'compact' (default) or 'pretty' (indented, keys in another order: the signature covers RFC 8785's form). */
  layout?: 'compact' | 'pretty';
}

export interface VdsncTestSigner {
  /** DER of the barcode signer certificate (carried in every seal). */
  certificateDer: Uint8Array;
  serialNumber: Uint8Array;
  /** The JSON text of a signed seal. */
  issue(options?: VdsncIssueOptions): Promise<string>;
}

export interface VdsncTestCa {
  /** base64 DER of the CSCA certificate. */
  certificate: string;
  certificateDer: Uint8Array;
  /** ISO 3166 alpha-3 of the made-up state. */
  country: string;
  createSigner(options?: { notBefore?: Date; notAfter?: Date; serialNumber?: number; isCa?: boolean }): Promise<VdsncTestSigner>;
  /** A DER CRL signed by this CA, revoking the given signers. Default: made a day ago, next one due in 30 days. */
  crl(options?: { revoked?: VdsncTestSigner[]; thisUpdate?: Date; nextUpdate?: Date }): Promise<Uint8Array>;
  /** What `addVdsncCsca` / a bundle's `vdsnc` section takes. */
  bundleEntry(crls?: Uint8Array[]): VdsncCscaInput;
  /** Signs a seal with this CA's own key and certificate (a CA is no barcode signer: for attack tests). */
  sealAsCa(options?: VdsncIssueOptions): Promise<string>;
}

const isoDate = (d: Date): string => d.toISOString().slice(0, 10);

function sealData(country: string, options: VdsncIssueOptions, now: number): Record<string, unknown> {
  const type = options.type ?? 'icao.vacc';
  const pid = { n: options.name ?? 'CITIZEN  TEST PERSON', dob: options.birthDate ?? '1980-01-01', i: 'PA0000001', sex: 'X' };
  const msg: Record<string, unknown> = type === 'icao.vacc'
    ? {
      uvci: `VB${Math.floor(Math.random() * 1e10).toString().padStart(10, '0')}`,
      pid,
      ve: [{
        des: 'XM68M6', nam: options.vaccine ?? 'Comirnaty', dis: 'RA01.0',
        vd: (options.doses ?? [{ date: isoDate(new Date(now - 60 * DAY_MS)) }, { date: isoDate(new Date(now - 30 * DAY_MS)) }])
          .map((d, i) => ({ dvc: d.date, seq: d.seq ?? i + 1, ctr: country, adm: 'Test Clinic', lot: `LOT${i + 1}` })),
      }],
    }
    : {
      utci: `U${Math.floor(Math.random() * 1e8)}`,
      pid,
      sp: { spn: 'Test Laboratory', ctr: country, cd: { p: '+0000000000', e: 'lab@example.test', a: '1 Test Street' } },
      dat: { sc: (options.sampledAt ?? new Date(now - 2 * 3_600_000)).toISOString().replace(/\.\d{3}Z$/, 'Z'), ri: new Date(now - 3_600_000).toISOString().replace(/\.\d{3}Z$/, 'Z') },
      tr: { tc: options.method ?? 'molecular(PCR)', r: options.result ?? 'negative', m: 'nasopharyngeal' },
    };
  const data: Record<string, unknown> = { hdr: { t: type, v: 1, is: country }, msg };
  options.mutate?.(data);
  return data;
}

async function seal(data: Record<string, unknown>, certificateDer: Uint8Array, privateKey: CryptoKey, layout: VdsncIssueOptions['layout']): Promise<string> {
  const canonical = canonicalizeJcs(data);
  if (canonical === undefined) throw new TypeError('seal data cannot be canonicalised');
  const signature = new Uint8Array(await crypto.subtle.sign({ name: 'ECDSA', hash: 'SHA-256' }, privateKey, new TextEncoder().encode(canonical)));
  const sig = { alg: 'ES256', cer: encodeBase64Url(certificateDer), sigvl: encodeBase64Url(signature) };
  if (layout === 'pretty') {
    // Another key order and whitespace than the canonical form: verification must canonicalise.
    const reversed = (v: unknown): unknown => Array.isArray(v) ? v.map(reversed)
      : v && typeof v === 'object' ? Object.fromEntries(Object.entries(v).reverse().map(([k, x]) => [k, reversed(x)])) : v;
    return JSON.stringify({ sig, data: reversed(data) }, null, 2);
  }
  return JSON.stringify({ data, sig });
}

/**
 * A test CSCA of a made-up state (default 'UTO', as in ICAO's examples). Its certificates' C= is
 * `alpha2`, by default the ISO 3166 alpha-2 of `country` ('' leaves C= out).
 */
export async function createVdsncCsca(options: { country?: string; alpha2?: string; notBefore?: Date; notAfter?: Date } = {}): Promise<VdsncTestCa> {
  const country = options.country ?? 'UTO';
  const alpha2 = options.alpha2 ?? alpha2Of(country) ?? country.slice(0, 2);
  const keys = (await crypto.subtle.generateKey(P256, true, ['sign', 'verify'])) as CryptoKeyPair;
  const now = Date.now();
  const subject = { country: alpha2, commonName: `pass-check test CSCA ${country}` };
  const certificateDer = await createTestCertificate({
    publicKey: keys.publicKey, signingKey: keys.privateKey, subject, isCa: true,
    notBefore: options.notBefore ?? new Date(now - 365 * DAY_MS), notAfter: options.notAfter ?? new Date(now + 10 * 365 * DAY_MS),
  });
  const caSubjectName = parseCertificate(certificateDer)!.subjectName;

  const ca: VdsncTestCa = {
    certificate: encodeBase64(certificateDer),
    certificateDer,
    country,
    async createSigner(signerOptions = {}) {
      const signerKeys = (await crypto.subtle.generateKey(P256, true, ['sign', 'verify'])) as CryptoKeyPair;
      const der = await createTestCertificate({
        publicKey: signerKeys.publicKey, signingKey: keys.privateKey, issuer: subject,
        subject: { country: alpha2, commonName: `pass-check test barcode signer ${country}` },
        notBefore: signerOptions.notBefore ?? new Date(Date.now() - 30 * DAY_MS), notAfter: signerOptions.notAfter ?? new Date(Date.now() + 365 * DAY_MS),
        isCa: signerOptions.isCa ?? false,
        ...(signerOptions.serialNumber !== undefined ? { serialNumber: signerOptions.serialNumber } : {}),
      });
      return {
        certificateDer: der,
        serialNumber: parseCertificate(der)!.serialNumber,
        issue: (o = {}) => seal(sealData(country, o, Date.now()), der, signerKeys.privateKey, o.layout),
      };
    },
    async crl(crlOptions = {}) {
      const algorithmId = encodeSequence(encodeOid(Oids.ecdsaWithSha256));
      const revoked = (crlOptions.revoked ?? []).map((s) => encodeSequence(encodeUnsignedInteger(s.serialNumber), encodeTime(new Date(Date.now() - DAY_MS))));
      const tbs = encodeSequence(
        encodeUnsignedInteger(Uint8Array.of(1)),
        algorithmId,
        caSubjectName,
        encodeTime(crlOptions.thisUpdate ?? new Date(Date.now() - DAY_MS)),
        encodeTime(crlOptions.nextUpdate ?? new Date(Date.now() + 30 * DAY_MS)),
        ...(revoked.length ? [encodeSequence(...revoked)] : []),
      );
      const raw = new Uint8Array(await crypto.subtle.sign({ name: 'ECDSA', hash: 'SHA-256' }, keys.privateKey, tbs as Uint8Array<ArrayBuffer>));
      return encodeSequence(tbs, algorithmId, encodeBitString(rawToDerEcdsa(raw)));
    },
    bundleEntry(crls = []) {
      return { certificate: encodeBase64(certificateDer), country, crls: crls.map(encodeBase64) };
    },
    sealAsCa: (o = {}) => seal(sealData(country, o, Date.now()), certificateDer, keys.privateKey, o.layout),
  };
  return ca;
}

