// SMART Health Card test kit: issuer keys, CRLs, and signed cards in every
// encoding (numeric QR text, chunked QR texts, compact JWS, .smart-health-card
// file), so tests, demos and integrators need no outside data. WebCrypto and
// CompressionStream only: runs in Node 20+ and browsers alike.
// Never trust these keys in production: the private key is right here.
import { encodeBase64Url, encodeUtf8 } from '../internal/bytes.js';
import { SHC_CREDENTIAL_TYPE } from '../shc/claims.js';
import { jwsToNumeric } from '../shc/numeric.js';
import { CVX_SYSTEM, LOINC_SYSTEM, SNOMED_SYSTEM } from '../internal/health-codes.js';
import { ecJwkThumbprint } from '../shc/thumbprint.js';
import type { ShcIssuerInput } from '../types.js';

// Re-exported for the project's own tests (internal helpers are not part of the main entry).
export { inflateRaw, inflateZlib } from '../internal/inflate.js';
export { decodeBase64, decodeBase64Url, encodeBase64, encodeBase64Url } from '../internal/bytes.js';
export { jwsToNumeric, numericToJws, decodeShcNumeric, assembleShcChunks } from '../shc/numeric.js';
export { parseShcJws } from '../shc/jws.js';
export { readShcBundle } from '../shc/fhir.js';
export { ecJwkThumbprint } from '../shc/thumbprint.js';

export interface ShcTestPatient {
  given?: string[];
  family?: string;
  /** ISO date, e.g. "1960-01-20". */
  birthDate?: string;
}

export interface ShcTestDose {
  /** CVX code, e.g. "207" (Moderna), "208" (Pfizer), "212" (Janssen). */
  cvx: string;
  /** ISO date of the dose. */
  date: string;
  performer?: string;
  lotNumber?: string;
}

export interface ShcTestLabResult {
  /** LOINC code, e.g. "94558-4" (antigen) or "94500-6" (RNA NAAT). */
  loinc: string;
  /** SNOMED CT result: 260385009 negative, 10828004 positive, 260415000 not detected, 260373001 detected. */
  result: string;
  /** ISO date-time the specimen was collected. */
  collected: string;
  performer?: string;
}

export interface ShcCardOptions {
  patient?: ShcTestPatient;
  /** Vaccination card (the default: two Moderna doses). */
  doses?: ShcTestDose[];
  /** Lab test card instead of a vaccination card. */
  test?: ShcTestLabResult;
  /** A whole FHIR bundle of your own, used as is (for schema tests). */
  fhirBundle?: unknown;
  /** Not-before; default: now. `Date` or seconds since 1970. */
  nbf?: Date | number;
  /** Expiry; default: none. */
  exp?: Date | number;
  /** Revocation id to put in `vc.rid` (then revoke it with `issuer.crl([rid])`). */
  rid?: string;
  /** Sign with this issuer's key instead (the card still names the issuing issuer's `iss` and `kid`): a wrong-key card. */
  signWith?: ShcTestIssuer;
  /** The card's `iss`, if it should differ from the issuer's. */
  iss?: string;
  /** Protected header members to add or replace (`undefined` removes one), e.g. `{ alg: 'ES384' }`, `{ zip: undefined }`. */
  header?: Record<string, unknown>;
  /** false: the payload is not compressed (the header still says what `header` says). */
  deflate?: boolean;
  /** Changes the payload after signing (nbf one second earlier), keeping the old signature: it no longer matches. */
  tamper?: boolean;
  /** Last word on the JWT payload before it is signed. */
  editPayload?: (payload: Record<string, unknown>) => void;
}

export interface ShcTestCard {
  /** The compact JWS. */
  jws: string;
  /** The JWT payload that was signed (before compression). */
  payload: Record<string, unknown>;
  /** Single QR text: `shc:/` + digits. */
  numeric: string;
  /** Legacy chunked QR texts `shc:/i/n/…` for `n` chunks (in order; shuffle them yourself). */
  chunks(n: number): string[];
  /** `.smart-health-card` file text holding this card. */
  file: string;
}

export interface ShcTestIssuer {
  iss: string;
  name: string;
  kid: string;
  /** The public key set, as `iss + /.well-known/jwks.json` would serve it. */
  jwks: { keys: Record<string, unknown>[] };
  publicJwk: Record<string, unknown>;
  publicKey: CryptoKey;
  privateKey: CryptoKey;
  /** A CRL for this key (method rid), revoking `rids` ("<rid>" or "<rid>.<unix seconds>"). */
  crl(rids: string[], ctr?: number): Record<string, unknown>;
  /** `addShcIssuer` input / TrustBundle `shc` entry, with a CRL when `rids` is given. */
  trustEntry(options?: { rids?: string[] }): ShcIssuerInput;
  /** Signs a card. */
  issue(options?: ShcCardOptions): Promise<ShcTestCard>;
}

export interface ShcIssuerOptions {
  /** Issuer URL (https, no trailing slash). Default "https://issuer.example.org". */
  iss?: string;
  name?: string;
  /** Give the key a `crlVersion` (and CRLs this `ctr`); default 1. `null` for a key without revocation support. */
  crlVersion?: number | null;
}

const SHC_TYPE = SHC_CREDENTIAL_TYPE;

const seconds = (t: Date | number): number => (typeof t === 'number' ? t : Math.floor(t.getTime() / 1000));

async function deflateRaw(bytes: Uint8Array): Promise<Uint8Array> {
  const stream = new Blob([bytes as Uint8Array<ArrayBuffer>]).stream().pipeThrough(new CompressionStream('deflate-raw'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

/** A minimal SHC FHIR bundle (`resource:N` references, no ids or meta), as issuers write them. */
export function shcFhirBundle(options: { patient?: ShcTestPatient; doses?: ShcTestDose[]; test?: ShcTestLabResult } = {}): Record<string, unknown> {
  const patient = options.patient ?? {};
  const entries: Record<string, unknown>[] = [{
    resourceType: 'Patient',
    name: [{ family: patient.family ?? 'Anyperson', given: patient.given ?? ['John', 'B.'] }],
    birthDate: patient.birthDate ?? '1951-01-20',
  }];
  if (options.test) {
    const t = options.test;
    entries.push({
      resourceType: 'Observation',
      status: 'final',
      code: { coding: [{ system: LOINC_SYSTEM, code: t.loinc }] },
      subject: { reference: 'resource:0' },
      effectiveDateTime: t.collected,
      ...(t.performer ? { performer: [{ display: t.performer }] } : {}),
      valueCodeableConcept: { coding: [{ system: SNOMED_SYSTEM, code: t.result }] },
    });
  } else {
    const doses = options.doses ?? [
      { cvx: '207', date: '2021-01-01', performer: 'ABC General Hospital', lotNumber: '0000001' },
      { cvx: '207', date: '2021-01-29', performer: 'ABC General Hospital', lotNumber: '0000007' },
    ];
    for (const d of doses) {
      entries.push({
        resourceType: 'Immunization',
        status: 'completed',
        vaccineCode: { coding: [{ system: CVX_SYSTEM, code: d.cvx }] },
        patient: { reference: 'resource:0' },
        occurrenceDateTime: d.date,
        ...(d.performer ? { performer: [{ actor: { display: d.performer } }] } : {}),
        ...(d.lotNumber ? { lotNumber: d.lotNumber } : {}),
      });
    }
  }
  return {
    resourceType: 'Bundle',
    type: 'collection',
    entry: entries.map((resource, i) => ({ fullUrl: `resource:${i}`, resource })),
  };
}

/** Splits a JWS into `n` legacy chunk texts of near-equal size. */
export function shcChunks(jws: string, n: number): string[] {
  if (!Number.isInteger(n) || n < 1) throw new TypeError('shcChunks: n must be a positive integer');
  if (n === 1) return [`shc:/${jwsToNumeric(jws)}`];
  const size = Math.ceil(jws.length / n);
  return Array.from({ length: n }, (_, i) => `shc:/${i + 1}/${n}/${jwsToNumeric(jws.slice(i * size, (i + 1) * size))}`);
}

/** `.smart-health-card` file text for one or more JWS. */
export const shcFile = (...jws: string[]): string => JSON.stringify({ verifiableCredential: jws });

/** A new issuer with a fresh P-256 key. */
export async function createShcIssuer(options: ShcIssuerOptions = {}): Promise<ShcTestIssuer> {
  const iss = options.iss ?? 'https://issuer.example.org';
  const name = options.name ?? 'Example Test Issuer';
  const crlVersion = options.crlVersion === undefined ? 1 : options.crlVersion;
  const pair = await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, true, ['sign', 'verify']);
  const { crv, x, y } = (await crypto.subtle.exportKey('jwk', pair.publicKey)) as { crv: string; x: string; y: string };
  const kid = ecJwkThumbprint({ crv, x, y });
  const publicJwk: Record<string, unknown> = { kty: 'EC', kid, use: 'sig', alg: 'ES256', crv, x, y, ...(crlVersion === null ? {} : { crlVersion }) };

  const issuer: ShcTestIssuer = {
    iss, name, kid, publicJwk,
    jwks: { keys: [publicJwk] },
    publicKey: pair.publicKey,
    privateKey: pair.privateKey,
    crl: (rids, ctr = crlVersion ?? 1) => ({ kid, method: 'rid', ctr, rids: [...rids] }),
    trustEntry: ({ rids } = {}) => ({ iss, name, jwks: { keys: [{ ...publicJwk }] }, ...(rids ? { crls: [issuer.crl(rids)] } : {}) }),
    async issue(card = {}) {
      const types = card.test ? [SHC_TYPE, 'https://smarthealth.cards#laboratory', 'https://smarthealth.cards#covid19']
        : [SHC_TYPE, 'https://smarthealth.cards#immunization', 'https://smarthealth.cards#covid19'];
      const payload: Record<string, unknown> = {
        iss: card.iss ?? iss,
        nbf: seconds(card.nbf ?? new Date()),
        ...(card.exp === undefined ? {} : { exp: seconds(card.exp) }),
        vc: {
          type: types,
          credentialSubject: { fhirVersion: '4.0.1', fhirBundle: card.fhirBundle ?? shcFhirBundle(card) },
          ...(card.rid ? { rid: card.rid } : {}),
        },
      };
      card.editPayload?.(payload);
      const header: Record<string, unknown> = { zip: 'DEF', alg: 'ES256', kid, ...card.header };
      for (const k of Object.keys(header)) if (header[k] === undefined) delete header[k];
      const json = encodeUtf8(JSON.stringify(payload));
      const body = card.deflate === false ? json : await deflateRaw(json);
      const signingInput = `${encodeBase64Url(encodeUtf8(JSON.stringify(header)))}.${encodeBase64Url(body)}`;
      const key = (card.signWith ?? issuer).privateKey;
      const signature = new Uint8Array(await crypto.subtle.sign({ name: 'ECDSA', hash: 'SHA-256' }, key, encodeUtf8(signingInput) as Uint8Array<ArrayBuffer>));
      let jws = `${signingInput}.${encodeBase64Url(signature)}`;
      if (card.tamper) {
        // Content changed after signing, still well-formed: only the signature check can notice.
        const changed = encodeUtf8(JSON.stringify({ ...payload, nbf: (payload.nbf as number) - 1 }));
        const changedBody = card.deflate === false ? changed : await deflateRaw(changed);
        const [head, , sig] = jws.split('.');
        jws = `${head}.${encodeBase64Url(changedBody)}.${sig}`;
      }
      return { jws, payload, numeric: `shc:/${jwsToNumeric(jws)}`, chunks: (n: number) => shcChunks(jws, n), file: shcFile(jws) };
    },
  };
  return issuer;
}
