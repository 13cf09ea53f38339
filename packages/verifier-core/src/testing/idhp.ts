// Test kit for IBM Digital Health Pass credentials: an issuer with a fresh
// P-256 key that signs credentials the way IBM's issuer does (formats.md §3),
// in either subject shape, with optional selective disclosure. Test keys only.
import { canonicalizeJcs } from '../internal/jcs.js';
import { rawToDerEcdsa } from '../internal/ecdsa.js';
import { encodeBase64, encodeBase64Url, encodeUtf8, isObject } from '../internal/bytes.js';
import type { IdhpIssuerInput } from '../types.js';

// Signature encoding helpers, exported so tests (and other formats' test kits)
// can produce DER or raw ECDSA signatures on demand.
export { derToRawEcdsa, rawToDerEcdsa } from '../internal/ecdsa.js';

/** Who the credential is about. Dates are ISO 8601 strings. */
export interface IdhpTestPerson {
  givenName?: string;
  middleName?: string;
  familyName?: string;
  birthDate?: string;
}

export interface IdhpIssueOptions {
  /** 'recipient' (IDHP-VACCINATION / test credentials, the default) or 'subject' (the older IBMDigitalHealthPass card). */
  shape?: 'recipient' | 'subject';
  /** Default: now minus one day. */
  issuanceDate?: string;
  /** Default: a year after issuance; null leaves the field out. */
  expirationDate?: string | null;
  /** Paths in credentialSubject to hide behind HMACs, disclosed in `obfuscation`, e.g. ['recipient.familyName']. */
  obfuscate?: string[];
  /** 'der' (base64url of DER, as issued credentials carry; default) or 'raw' (base64 of r‖s). */
  signatureForm?: 'der' | 'raw';
}

export interface IdhpVaccinationOptions extends IdhpIssueOptions, IdhpTestPerson {
  /** ISO date of this dose; default 2021-04-01. */
  dateOfVaccination?: string;
  /** CVX code; default '208' (Pfizer-BioNTech). */
  medicinalProductCode?: string;
  doseNumber?: number;
  dosesPerCycle?: number;
  countryOfVaccination?: string;
}

export interface IdhpTestResultOptions extends IdhpIssueOptions, IdhpTestPerson {
  /** LOINC; default '94500-6' (SARS-CoV-2 RNA NAAT). '94558-4' is a rapid antigen test. */
  testType?: string;
  /** Default 'Negative'. */
  testResult?: string;
  /** ISO date-time the specimen was collected; default 2021-04-01T12:00:00Z. */
  dateOfSample?: string;
}

export interface IdhpTestIssuer {
  /** The issuer DID (did:hpass:…). */
  id: string;
  /** The full key id credentials name in proof.creator. */
  keyId: string;
  /** What `trust.addIdhpIssuer()` takes. */
  trustEntry: IdhpIssuerInput;
  /** Signs any credential body (W3C VC without proof); the kit adds proof and obfuscation. */
  sign(body: Record<string, unknown>, options?: IdhpIssueOptions): Promise<Record<string, unknown>>;
  /** A COVID-19 vaccination credential; default: dose 2 of 2 of Pfizer-BioNTech for Jane Sarah Doe. */
  issueVaccination(options?: IdhpVaccinationOptions): Promise<Record<string, unknown>>;
  /** A COVID-19 test result credential; default: negative PCR for Jane Sarah Doe. */
  issueTest(options?: IdhpTestResultOptions): Promise<Record<string, unknown>>;
}

const DEFAULT_PERSON: Required<IdhpTestPerson> = { givenName: 'Jane', middleName: 'Sarah', familyName: 'Doe', birthDate: '1990-05-17' };

/** A new test issuer with its own P-256 key. `id` defaults to a random did:hpass DID. */
export async function createIdhpIssuer(options: { id?: string; name?: string; keyName?: string } = {}): Promise<IdhpTestIssuer> {
  const id = options.id ?? `did:hpass:${hex(16)}:${hex(32)}`;
  const keyId = `${id}#${options.keyName ?? 'key-1'}`;
  const keys = await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, true, ['sign', 'verify']);
  const jwk = await crypto.subtle.exportKey('jwk', keys.publicKey);
  const trustEntry: IdhpIssuerInput = {
    id, name: options.name ?? 'pass-check test issuer',
    publicKeys: [{ id: keyId, publicKeyJwk: { kty: 'EC', crv: 'P-256', x: jwk.x, y: jwk.y } }],
  };

  async function sign(body: Record<string, unknown>, o: IdhpIssueOptions = {}): Promise<Record<string, unknown>> {
    const issued = o.issuanceDate ?? new Date(Date.now() - 86_400_000).toISOString().replace(/\.\d+Z$/, 'Z');
    const credential: Record<string, unknown> = structuredClone(body);
    credential.issuer ??= id;
    credential.issuanceDate ??= issued;
    if (o.expirationDate !== null && credential.expirationDate === undefined) {
      credential.expirationDate = o.expirationDate ?? new Date(Date.parse(issued) + 365 * 86_400_000).toISOString().replace(/\.\d+Z$/, 'Z');
    }
    const obfuscation = await obfuscate(credential.credentialSubject, o.obfuscate ?? []);
    credential.proof = { created: credential.issuanceDate, creator: keyId, nonce: crypto.randomUUID(), type: 'EcdsaSecp256r1Signature2019' };
    const text = canonicalizeJcs(credential);
    if (text === undefined) throw new TypeError('sign: the credential is too deep or too large');
    const raw = new Uint8Array(await crypto.subtle.sign({ name: 'ECDSA', hash: 'SHA-256' }, keys.privateKey, encodeUtf8(text) as Uint8Array<ArrayBuffer>));
    (credential.proof as Record<string, unknown>).signatureValue = o.signatureForm === 'raw' ? encodeBase64(raw) : encodeBase64Url(rawToDerEcdsa(raw));
    if (obfuscation.length) credential.obfuscation = obfuscation;
    return credential;
  }

  function envelope(type: string[], schema: string, subject: Record<string, unknown>): Record<string, unknown> {
    return {
      '@context': ['https://www.w3.org/2018/credentials/v1'],
      id: `${id}#vc-${crypto.randomUUID()}`,
      type: ['VerifiableCredential', ...type],
      issuer: id,
      credentialSchema: { id: `${id};id=${schema};version=0.1`, type: 'JsonSchemaValidator2018' },
      credentialSubject: subject,
    };
  }

  return {
    id, keyId, trustEntry, sign,
    async issueVaccination(o = {}) {
      const person = personOf(o);
      const date = o.dateOfVaccination ?? '2021-04-01';
      const code = o.medicinalProductCode ?? '208';
      if (o.shape === 'subject') {
        const subject = {
          display: '#00ff00', lotNumber: 'TEST-LOT', occurrenceDateTime: date, status: 'completed', type: 'Vaccination Card',
          subject: { birthDate: person.birthDate, name: { family: person.familyName, given: person.givenName } },
          targetDisease: 'Covid-19', vaccineCode: code,
        };
        return sign(envelope(['IBMDigitalHealthPass', 'Vaccination'], 'vaccinationcard', subject), o);
      }
      const subject = {
        batchNumber: 'TEST-LOT', countryOfVaccination: o.countryOfVaccination ?? 'us', dateOfVaccination: date, disease: 'COVID-19',
        display: '#32CD32', doseNumber: o.doseNumber ?? 2, dosesPerCycle: o.dosesPerCycle ?? 2, medicinalProductCode: code,
        recipient: person, type: 'Vaccination Card',
      };
      return sign(envelope(['IDHP-VACCINATION', 'Vaccination'], 'idhp-vaccination', subject), o);
    },
    async issueTest(o = {}) {
      const subject = {
        display: '#32CD32', recipient: personOf(o), testType: o.testType ?? '94500-6', testResult: o.testResult ?? 'Negative',
        dateOfSample: o.dateOfSample ?? '2021-04-01T12:00:00Z', type: 'Test Results',
      };
      return sign(envelope(['IDHP-TEST', 'Test'], 'idhp-test', subject), o);
    },
  };
}

/**
 * A copy of a signed credential with one signed field changed (the holder's
 * family name, or an added field when there is none), so its signature no
 * longer verifies: what a forger who edits a pass produces.
 */
export function tamperIdhp(credential: Record<string, unknown>): Record<string, unknown> {
  const copy = structuredClone(credential);
  const subject = isObject(copy.credentialSubject) ? copy.credentialSubject : (copy.credentialSubject = {});
  const recipient = isObject(subject.recipient) ? subject.recipient : undefined;
  const name = isObject(subject.subject) && isObject(subject.subject.name) ? subject.subject.name : undefined;
  if (recipient) recipient.familyName = 'Tampered';
  else if (name) name.family = 'Tampered';
  else subject.tampered = true;
  return copy;
}

/** The exact text an IDHP signature covers: canonical JSON without `proof.signatureValue` and `obfuscation`. */
export function idhpSignedText(credential: Record<string, unknown>): string {
  const { obfuscation: _disclosures, ...rest } = credential;
  const proof = isObject(rest.proof) ? Object.fromEntries(Object.entries(rest.proof).filter(([k]) => k !== 'signatureValue')) : rest.proof;
  const text = canonicalizeJcs({ ...rest, proof });
  if (text === undefined) throw new TypeError('idhpSignedText: the credential is too deep or too large');
  return text;
}

/** The credential as the QR code holds it: JSON text, or base64 of it. */
export function idhpQrText(credential: object, form: 'json' | 'base64' = 'json'): string {
  const text = JSON.stringify(credential);
  return form === 'base64' ? encodeBase64(encodeUtf8(text)) : text;
}

function personOf(o: IdhpTestPerson): IdhpTestPerson {
  const person: IdhpTestPerson = {};
  for (const k of ['givenName', 'middleName', 'familyName', 'birthDate'] as const) {
    const value = k in o ? o[k] : DEFAULT_PERSON[k];
    if (value !== undefined) person[k] = value;
  }
  return person;
}

/** Replaces each field at `paths` with its HMAC and returns the disclosure entries. */
async function obfuscate(subject: unknown, paths: string[]): Promise<object[]> {
  const entries: object[] = [];
  for (const path of paths) {
    const segments = path.split('.');
    let parent: unknown = subject;
    for (const s of segments.slice(0, -1)) parent = isObject(parent) ? parent[s] : undefined;
    const field = segments[segments.length - 1]!;
    if (!isObject(parent) || !(field in parent)) throw new TypeError(`obfuscate: no field at ${path}`);
    const val = parent[field];
    const nonce = crypto.getRandomValues(new Uint8Array(32));
    parent[field] = encodeBase64Url(await hmacSha256(nonce, encodeUtf8(String(val))));
    entries.push({ val, alg: 'HS256', nonce: encodeBase64Url(nonce), path });
  }
  return entries;
}

function hex(bytes: number): string {
  return Array.from(crypto.getRandomValues(new Uint8Array(bytes)), (b) => b.toString(16).padStart(2, '0')).join('');
}

/** HMAC-SHA-256 through WebCrypto: the issuer side here is independent of the verifier's own implementation. */
async function hmacSha256(key: Uint8Array, message: Uint8Array): Promise<Uint8Array> {
  const hmacKey = await crypto.subtle.importKey('raw', key as Uint8Array<ArrayBuffer>, { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
  return new Uint8Array(await crypto.subtle.sign('HMAC', hmacKey, message as Uint8Array<ArrayBuffer>));
}
