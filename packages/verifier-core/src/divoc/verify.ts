import type { ErrorCode } from '../errors.js';
import { concatBytes, decodeBase64, decodeBase64Url, decodeUtf8, encodeUtf8, isObject, parseJson } from '../internal/bytes.js';
import { parseIsoDateTime } from '../internal/dates.js';
import { sha256Sync } from '../internal/sha256.js';
import { readCertificateZip } from '../internal/zip.js';
import type { FormatOutcome } from '../outcome.js';
import type { DivocKey, DivocKeyType } from '../trust/divoc.js';
import type { TrustInternals } from '../trust/store.js';
import { DIVOC_CONTEXT_URLS } from './context-urls.js';
import { credentialOf, holderOf } from './map.js';
import { looksLikeDivoc } from './shape.js';

import { passIdentity, type PassIdOf } from '../pass-id.js';

const fail = (code: ErrorCode): FormatOutcome => ({ format: 'divoc', errors: [code] });

/** The proof suites DIVOC signs with, the JWS alg each allows, and the key type it needs. */
const SUITES: Record<string, { alg: string; keyType: DivocKeyType }> = {
  RsaSignature2018: { alg: 'PS256', keyType: 'rsa' },
  Ed25519Signature2018: { alg: 'EdDSA', keyType: 'ed25519' },
};
const SECURITY_V2 = 'https://w3id.org/security/v2';
/** header..signature; a padded signature ("==") is tolerated, as DIVOC-shaped certificates in the wild carry one. */
const DETACHED_JWS = /^([A-Za-z0-9_-]+)\.\.([A-Za-z0-9_-]+={0,2})$/;
const MAX_DEPTH = 16;
const MAX_NODES = 4000;
const MAX_TYPES = 8;

/** Whether a parsed document stays within the bounds jsonld is given (it recurses). */
function withinBounds(value: unknown): boolean {
  let nodes = 0;
  const walk = (v: unknown, depth: number): boolean => {
    if (++nodes > MAX_NODES || depth > MAX_DEPTH) return false;
    if (Array.isArray(v)) return v.every((x) => walk(x, depth + 1));
    if (isObject(v)) return Object.values(v).every((x) => walk(x, depth + 1));
    return true;
  };
  return walk(value, 0);
}

async function canonize(document: object): Promise<string | undefined> {
  try {
    const { canonizeAsDivocSigned } = await import('@pass-check/verifier-core/divoc-canon');
    return await canonizeAsDivocSigned(document);
  } catch {
    // A context not shipped, a term no context defines (safe mode), or JSON-LD jsonld cannot process.
    return undefined;
  }
}

async function verifyWith(key: DivocKey, signature: Uint8Array, data: Uint8Array): Promise<boolean> {
  const algorithm = key.type === 'rsa' ? { name: 'RSA-PSS', saltLength: 32 } : { name: 'Ed25519' };
  try {
    return await crypto.subtle.verify(algorithm, key.key, signature as Uint8Array<ArrayBuffer>, data as Uint8Array<ArrayBuffer>);
  } catch {
    return false;
  }
}

/**
 * DIVOC certificate (formats.md "DIVOC"): from a QR's ZIP archive or the bare
 * certificate.json. Order: archive → shape → proof suite and JWS header →
 * trusted key of the verification method → only shipped contexts → URDNA2015
 * of proof options and credential → signature → the key's issuer → dates.
 * Nothing from the certificate is reported until its signature has verified.
 */
export async function verifyDivoc(input: { json: unknown } | { zip: Uint8Array }, trust: TrustInternals, now: Date, idOf?: PassIdOf): Promise<FormatOutcome> {
  let json: unknown;
  if ('zip' in input) {
    const archive = readCertificateZip(input.zip);
    if (archive.error) return fail(archive.error);
    const text = decodeUtf8(archive.member);
    json = text === undefined ? undefined : parseJson(text);
    if (!isObject(json)) return fail('MALFORMED');
    if (!looksLikeDivoc(json)) return fail('UNSUPPORTED_FORMAT');
  } else {
    json = input.json;
  }
  if (!isObject(json) || !withinBounds(json)) return fail('MALFORMED');

  const { proof, credentialSubject: subject, issuer, type, issuanceDate, expirationDate } = json;
  if (!Array.isArray(type) || type.length > MAX_TYPES || !type.every((t): t is string => typeof t === 'string') || !type.includes('VerifiableCredential')) {
    return fail('SCHEMA');
  }
  if (!isObject(proof) || !isObject(subject) || typeof issuer !== 'string' || typeof issuanceDate !== 'string') return fail('SCHEMA');
  const suite = typeof proof.type === 'string' ? SUITES[proof.type] : undefined;
  if (!suite || !Object.hasOwn(SUITES, proof.type as string)) return fail('BAD_HEADER');
  if (proof.proofPurpose !== undefined && proof.proofPurpose !== 'assertionMethod') return fail('BAD_HEADER');
  const jws = typeof proof.jws === 'string' ? proof.jws.match(DETACHED_JWS) : null;
  if (!jws) return fail('BAD_HEADER');
  const headerBytes = decodeBase64Url(jws[1]!);
  const header = headerBytes && parseJson(decodeUtf8(headerBytes) ?? '');
  // RFC 7797: unencoded payload, and the verifier must understand b64 (crit).
  if (!isObject(header) || header.alg !== suite.alg || header.b64 !== false || !Array.isArray(header.crit)
    || header.crit.length !== 1 || header.crit[0] !== 'b64' || Object.keys(header).length !== 3) {
    return fail('BAD_HEADER');
  }
  const signature = decodeBase64(jws[2]!);
  if (!signature) return fail('BAD_SIGNATURE');
  const issuedAt = parseIsoDateTime(issuanceDate);
  const expiresAt = typeof expirationDate === 'string' ? parseIsoDateTime(expirationDate) : undefined;
  if (issuedAt === undefined || (expirationDate !== undefined && expiresAt === undefined)) return fail('SCHEMA');

  const method = typeof proof.verificationMethod === 'string' ? proof.verificationMethod : undefined;
  if (!method) return fail('SCHEMA');
  const published = trust.divoc.keysFor(method);
  const keys = published.filter((k) => k.type === suite.keyType);
  if (keys.length === 0) return fail(published.length || trust.divoc.knowsIssuer(issuer) ? 'UNKNOWN_KEY' : 'UNKNOWN_ISSUER');

  const contexts = Array.isArray(json['@context']) ? json['@context'] : [json['@context']];
  // Only contexts shipped with the package: an inline or remote context could redefine what the signature covers.
  if (!contexts.every((c) => typeof c === 'string' && DIVOC_CONTEXT_URLS.has(c))) return fail('SCHEMA');

  const { jws: _signature, ...proofOptions } = proof;
  const { proof: _proof, ...credential } = json;
  const proofText = await canonize({ ...proofOptions, '@context': SECURITY_V2 });
  const credentialText = proofText === undefined ? undefined : await canonize(credential);
  if (proofText === undefined || credentialText === undefined) return fail('SCHEMA');
  const signed = concatBytes(encodeUtf8(`${jws[1]}.`), sha256Sync(encodeUtf8(proofText)), sha256Sync(encodeUtf8(credentialText)));
  let signer: DivocKey | undefined;
  for (const key of keys) {
    if (await verifyWith(key, signature, signed)) { signer = key; break; }
  }
  if (!signer) return fail('BAD_SIGNATURE');
  // A key trusted for one issuer does not vouch for certificates naming another.
  if (signer.issuer !== undefined && signer.issuer !== issuer) return fail('UNKNOWN_ISSUER');

  const holder = holderOf(subject);
  const details = credentialOf(type, json.evidence);
  if (!holder || !details) return fail('SCHEMA');
  const outcome: FormatOutcome = {
    format: 'divoc',
    errors: [],
    issuer: signer.issuerName === undefined ? { id: issuer } : { id: issuer, name: signer.issuerName },
    holder,
    credential: details,
    issuedAt: new Date(issuedAt),
  };
  // passId: the URDNA2015 forms the signature covers and the key; the same for the ZIP and the bare JSON,
  // whatever the whitespace or key order.
  const passId = idOf?.(passIdentity('divoc', method, proofText, credentialText));
  if (passId !== undefined) outcome.passId = passId;
  if (expiresAt !== undefined) outcome.expiresAt = new Date(expiresAt);
  if (issuedAt > now.getTime()) outcome.errors.push('NOT_YET_VALID');
  if (expiresAt !== undefined && expiresAt <= now.getTime()) outcome.errors.push('EXPIRED');
  return outcome;
}
