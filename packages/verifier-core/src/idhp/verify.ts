import type { ErrorCode } from '../errors.js';
import { isObject } from '../internal/bytes.js';
import type { FormatOutcome } from '../outcome.js';
import type { TrustInternals } from '../trust/store.js';
import { canonicalizeJcs } from '../internal/jcs.js';
import { parseIdhpDate } from './dates.js';
import { credentialOf, hasImpossibleDate, holderOf, identityWithheld } from './map.js';
import { applyObfuscation } from './obfuscation.js';
import { passIdentity, type PassIdOf } from '../pass-id.js';
import { verifyIdhpSignature } from './signature.js';

const SIGNATURE_TYPE = 'EcdsaSecp256r1Signature2019';
const MAX_TYPES = 16;

const fail = (code: ErrorCode): FormatOutcome => ({ format: 'idhp', errors: [code] });

/**
 * IBM Digital Health Pass credential (formats.md §3), already parsed from JSON
 * or base64 of JSON by the classifier. Order: shape → trusted key → signature
 * over the canonical JSON → selective disclosure → validity window. Nothing
 * from the credential is reported until its signature has verified.
 */
export async function verifyIdhp(credential: unknown, trust: TrustInternals, now: Date, idOf?: PassIdOf): Promise<FormatOutcome> {
  if (!isObject(credential)) return fail('UNSUPPORTED_FORMAT');
  // JSON that is no verifiable credential at all is some other QR code, not a broken pass.
  if (!('proof' in credential) && !('credentialSubject' in credential)) return fail('UNSUPPORTED_FORMAT');

  const { proof, credentialSubject: subject, obfuscation } = credential;
  const issuerId = typeof credential.issuer === 'string' ? credential.issuer
    : isObject(credential.issuer) && typeof credential.issuer.id === 'string' ? credential.issuer.id : undefined;
  const types = Array.isArray(credential.type) ? credential.type : [];
  if (!isObject(proof) || !isObject(subject) || !issuerId || types.length > MAX_TYPES || !types.includes('VerifiableCredential')
    || !types.every((t): t is string => typeof t === 'string')) {
    return fail('SCHEMA');
  }
  if (proof.type !== SIGNATURE_TYPE) return fail('BAD_HEADER');
  if (typeof proof.creator !== 'string' || typeof proof.signatureValue !== 'string') return fail('SCHEMA');
  const issuedAt = parseIdhpDate(credential.issuanceDate);
  const expiresAt = credential.expirationDate === undefined ? undefined : parseIdhpDate(credential.expirationDate);
  if (!issuedAt || (credential.expirationDate !== undefined && !expiresAt)) return fail('SCHEMA');

  const issuer = trust.idhp.issuer(issuerId);
  if (!issuer) return fail('UNKNOWN_ISSUER');
  // Only keys of the issuer the credential names count: another trusted issuer's key must not vouch for it.
  const key = issuer.keys.get(proof.creator);
  if (!key) return fail('UNKNOWN_KEY');

  const { signatureValue, ...unsignedProof } = proof;
  const signed: Record<string, unknown> = { ...credential, proof: unsignedProof };
  delete signed.obfuscation; // selective disclosure lives outside the signature
  const signedText = canonicalizeJcs(signed);
  if (signedText === undefined) return fail('MALFORMED');
  const verifying = verifyIdhpSignature(key, signedText, signatureValue);
  // Canonical JSON of everything signed (key order and whitespace do not count; the signature value and the
  // holder's disclosures are left out): the same whichever way the QR code spells it. MACed while WebCrypto works.
  const passId = idOf?.(passIdentity('idhp', signedText));
  if (!(await verifying)) return fail('BAD_SIGNATURE');
  const identity = passId === undefined ? {} : { passId };

  const disclosure = applyObfuscation(subject, obfuscation);
  if ('error' in disclosure) return { ...fail(disclosure.error), ...identity };
  const holder = holderOf(disclosure.subject);
  // A pass that names no one cannot be matched to a photo ID at the door.
  if (!holder) return { ...fail('SCHEMA'), ...identity };
  if (hasImpossibleDate(disclosure.subject)) return { ...fail('SCHEMA'), ...identity };

  const outcome: FormatOutcome = {
    format: 'idhp',
    errors: [],
    issuer: issuer.name === undefined ? { id: issuer.id } : { id: issuer.id, name: issuer.name },
    holder,
    credential: credentialOf(types, disclosure.subject),
    issuedAt,
    ...identity,
  };
  if (identityWithheld(disclosure.subject)) outcome.identityWithheld = true;
  if (expiresAt) outcome.expiresAt = expiresAt;
  if (issuedAt.getTime() > now.getTime()) outcome.errors.push('NOT_YET_VALID');
  if (expiresAt && expiresAt.getTime() <= now.getTime()) outcome.errors.push('EXPIRED');
  return outcome;
}
