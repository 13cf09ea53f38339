import type { ErrorCode } from '../errors.js';
import { isObject } from '../internal/bytes.js';

export const SHC_CREDENTIAL_TYPE = 'https://smarthealth.cards#health-card';
/**
 * How far in the future `nbf` may be and still pass: issuers' clocks and
 * scanners' clocks drift, and a card issued a minute ago must not be refused.
 * `exp` gets no grace: it is a deadline the issuer chose.
 */
export const NBF_SKEW_SECONDS = 300;

/** An issuer URL as the spec wants it: https, no trailing slash, no query or fragment. */
export function isIssuerUrl(iss: string): boolean {
  if (!iss.startsWith('https://') || iss.endsWith('/') || iss.length > 2048) return false;
  try {
    const url = new URL(iss);
    return !url.search && !url.hash && !url.username && !url.password;
  } catch {
    return false;
  }
}

const isSeconds = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v) && v >= 0;

/** `nbf` in seconds; cards from the pre-1.0 draft of the spec (early 2021, still in the wild) wrote `iat` instead. */
export function notBeforeSeconds(claims: Record<string, unknown>): number | undefined {
  if (claims.nbf !== undefined) return isSeconds(claims.nbf) ? claims.nbf : undefined;
  return isSeconds(claims.iat) ? claims.iat : undefined;
}

/** Validity window against `now`: NOT_YET_VALID / EXPIRED, or SCHEMA for a missing or unreadable nbf/exp. */
export function timeErrors(claims: Record<string, unknown>, now: Date): ErrorCode[] {
  const nowSeconds = now.getTime() / 1000;
  const errors: ErrorCode[] = [];
  const nbf = notBeforeSeconds(claims);
  if (nbf === undefined) errors.push('SCHEMA');
  else if (nbf > nowSeconds + NBF_SKEW_SECONDS) errors.push('NOT_YET_VALID');
  if (claims.exp !== undefined) {
    if (!isSeconds(claims.exp)) errors.push('SCHEMA');
    else if (claims.exp <= nowSeconds) errors.push('EXPIRED');
  }
  return errors;
}

/** The `vc` claim's parts, or undefined when the payload is not an SHC verifiable credential. */
export function credentialClaim(claims: Record<string, unknown>): { types: string[]; fhirBundle: unknown; rid?: string } | undefined {
  const vc = claims.vc;
  if (!isObject(vc) || !Array.isArray(vc.type) || !vc.type.every((t) => typeof t === 'string')) return undefined;
  if (!vc.type.includes(SHC_CREDENTIAL_TYPE)) return undefined;
  const subject = vc.credentialSubject;
  if (!isObject(subject) || !isObject(subject.fhirBundle)) return undefined;
  if (vc.rid !== undefined && (typeof vc.rid !== 'string' || !/^[A-Za-z0-9_-]{1,24}$/.test(vc.rid))) return undefined;
  return { types: vc.type as string[], fhirBundle: subject.fhirBundle, ...(typeof vc.rid === 'string' ? { rid: vc.rid } : {}) };
}
