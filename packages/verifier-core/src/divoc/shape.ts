// What tells a DIVOC certificate (W3C VC with a detached-JWS JSON-LD proof)
// from the other JSON passes, by shape alone.
import { isObject } from '../internal/bytes.js';

/** DIVOC's certificate types (vaccination; test certificates of DIVOC deployments). */
const DIVOC_TYPES = new Set(['ProofOfVaccinationCredential', 'ProofOfTestCertificateCredential']);

export function looksLikeDivoc(json: unknown): boolean {
  if (!isObject(json)) return false;
  const { proof, type } = json;
  if (isObject(proof) && typeof proof.jws === 'string') return true;
  return Array.isArray(type) && type.some((t) => typeof t === 'string' && DIVOC_TYPES.has(t));
}
