// DIVOC test kit: an issuer with a fresh key (Ed25519 for Ed25519Signature2018
// or RSA for RsaSignature2018), signed CoWIN-shaped vaccination certificates,
// and the ZIP archive a DIVOC QR code carries. For tests and demos only.
//
//   const issuer = await createDivocIssuer({ keyType: 'ed25519' });
//   await trust.addDivocIssuer(issuer.bundleEntry());
//   const certificate = await issuer.issue({ name: 'Test Person' });   // JSON-LD object
//   const bytes = await divocQrBytes(certificate);                    // ZIP, as the QR holds it
import { encodeBase64, encodeBase64Url, encodeUtf8, concatBytes } from '../internal/bytes.js';
import { sha256Sync } from '../internal/sha256.js';
import { writeCertificateZip } from '../internal/zip.js';
import type { DivocIssuerInput } from '../types.js';

export { readCertificateZip, writeCertificateZip } from '../internal/zip.js';

const DAY_MS = 86_400_000;

export interface DivocIssueOptions {
  name?: string;
  /** ISO date; written as `dob` (CoWIN's v2 context). */
  birthDate?: string;
  /** credentialSubject.id; DIVOC ids may contain spaces ("did:Aadhaar Card:…"). */
  subjectId?: string;
  /** Dose `dose` of `of` (default 2 of 2) given on `date` (default 30 days ago). */
  dose?: number;
  of?: number;
  date?: string;
  vaccine?: string;
  issuanceDate?: Date;
  /** Changes the credential before it is signed. */
  mutate?: (credential: Record<string, unknown>) => void;
}

export interface DivocTestIssuer {
  /** The verification method proofs name. */
  id: string;
  /** The credential issuer URL. */
  issuer: string;
  keyType: 'ed25519' | 'rsa';
  publicKeyPem: string;
  issue(options?: DivocIssueOptions): Promise<Record<string, unknown>>;
  /** Signs any credential object (attack tests: unknown contexts, odd fields). */
  sign(credential: Record<string, unknown>): Promise<Record<string, unknown>>;
  bundleEntry(): DivocIssuerInput;
}

function pem(spki: Uint8Array): string {
  return `-----BEGIN PUBLIC KEY-----\n${encodeBase64(spki).replace(/.{64}/g, '$&\n')}\n-----END PUBLIC KEY-----\n`.replace(/\n\n/g, '\n');
}

/** A DIVOC issuer whose certificates pass-check verifies once `bundleEntry()` is trusted. */
export async function createDivocIssuer(options: { keyType?: 'ed25519' | 'rsa'; id?: string; issuer?: string; name?: string } = {}): Promise<DivocTestIssuer> {
  const keyType = options.keyType ?? 'ed25519';
  const keys = (keyType === 'ed25519'
    ? await crypto.subtle.generateKey({ name: 'Ed25519' }, true, ['sign', 'verify'])
    : await crypto.subtle.generateKey({ name: 'RSA-PSS', modulusLength: 2048, publicExponent: Uint8Array.of(1, 0, 1), hash: 'SHA-256' }, true, ['sign', 'verify'])) as CryptoKeyPair;
  const publicKeyPem = pem(new Uint8Array(await crypto.subtle.exportKey('spki', keys.publicKey)));
  const id = options.id ?? 'did:pass-check-test:divoc';
  const issuerUrl = options.issuer ?? 'https://divoc.pass-check.test/';
  const suite = keyType === 'ed25519' ? { type: 'Ed25519Signature2018', alg: 'EdDSA' } : { type: 'RsaSignature2018', alg: 'PS256' };

  async function sign(credential: Record<string, unknown>): Promise<Record<string, unknown>> {
    const { canonizeAsDivocSigned } = await import('@pass-check/verifier-core/divoc-canon');
    const proof = { type: suite.type, created: new Date().toISOString().replace(/\.\d{3}Z$/, 'Z'), verificationMethod: id, proofPurpose: 'assertionMethod' };
    const header = encodeBase64Url(encodeUtf8(JSON.stringify({ alg: suite.alg, b64: false, crit: ['b64'] })));
    const proofText = await canonizeAsDivocSigned({ ...proof, '@context': 'https://w3id.org/security/v2' });
    const credentialText = await canonizeAsDivocSigned(credential);
    const signed = concatBytes(encodeUtf8(`${header}.`), sha256Sync(encodeUtf8(proofText)), sha256Sync(encodeUtf8(credentialText)));
    const algorithm = keyType === 'ed25519' ? { name: 'Ed25519' } : { name: 'RSA-PSS', saltLength: 32 };
    const signature = new Uint8Array(await crypto.subtle.sign(algorithm, keys.privateKey, signed as Uint8Array<ArrayBuffer>));
    return { ...credential, proof: { ...proof, jws: `${header}..${encodeBase64Url(signature)}` } };
  }

  return {
    id, issuer: issuerUrl, keyType, publicKeyPem, sign,
    async issue(o = {}) {
      const now = Date.now();
      const doseDate = o.date ?? new Date(now - 30 * DAY_MS).toISOString().slice(0, 10);
      const certificateId = String(Math.floor(Math.random() * 1e9));
      const credential: Record<string, unknown> = {
        '@context': ['https://www.w3.org/2018/credentials/v1', 'https://cowin.gov.in/credentials/vaccination/v2'],
        type: ['VerifiableCredential', 'ProofOfVaccinationCredential'],
        credentialSubject: {
          type: 'Person', id: o.subjectId ?? 'did:pass-check-test:1234', refId: '1', name: o.name ?? 'Test Person', gender: 'Female', age: '40',
          nationality: 'Utopian', dob: o.birthDate ?? '1981-02-03',
          address: { streetAddress: '', streetAddress2: '', district: '', city: '', addressRegion: '', addressCountry: 'UT', postalCode: '' },
        },
        issuer: issuerUrl,
        issuanceDate: (o.issuanceDate ?? new Date(now - DAY_MS)).toISOString(),
        evidence: [{
          id: `${issuerUrl}vaccine/${certificateId}`, infoUrl: `${issuerUrl}?${certificateId}`, feedbackUrl: `${issuerUrl}?${certificateId}`,
          certificateId, type: ['Vaccination'], batch: 'TEST01', vaccine: o.vaccine ?? 'Covishield', manufacturer: 'Test Manufacturer',
          icd11Code: 'XM9QW8', prophylaxis: 'COVID-19 vaccine, non-replicating viral vector',
          date: `${doseDate}T10:00:00.000Z`, effectiveStart: doseDate, effectiveUntil: doseDate,
          dose: o.dose ?? 2, totalDoses: o.of ?? 2, verifier: { name: 'Test Verifier' },
          facility: { name: 'Test Clinic', address: { streetAddress: '', streetAddress2: '', district: '', city: '', addressRegion: '', addressCountry: 'UT', postalCode: '' } },
        }],
        nonTransferable: 'true',
      };
      o.mutate?.(credential);
      return sign(credential);
    },
    bundleEntry() {
      const entry: DivocIssuerInput = { id, issuer: issuerUrl, publicKeys: [{ id, publicKeyPem }] };
      if (options.name) entry.name = options.name;
      return entry;
    },
  };
}

/** The bytes a DIVOC QR code holds: a ZIP archive with certificate.json (DEFLATE, as CoWIN writes it). */
export async function divocQrBytes(certificate: object, options: { store?: boolean } = {}): Promise<Uint8Array> {
  const json = encodeUtf8(JSON.stringify(certificate));
  if (options.store) return writeCertificateZip(json);
  const stream = new Blob([json as Uint8Array<ArrayBuffer>]).stream().pipeThrough(new CompressionStream('deflate-raw'));
  return writeCertificateZip(json, new Uint8Array(await new Response(stream).arrayBuffer()));
}
