import { flattenedVerify } from 'jose';
import { MAX_SHC_CHUNKS } from '../classify.js';
import { VerifierError, type ErrorCode } from '../errors.js';
import type { FormatOutcome } from '../outcome.js';
import type { TrustInternals } from '../trust/store.js';
import { credentialClaim, isIssuerUrl, notBeforeSeconds, timeErrors } from './claims.js';
import { readShcBundle } from './fhir.js';
import { firstJwsOfFile } from './file.js';
import { cryptoKeyOf, type ShcTrustedKey } from '../trust/shc.js';
import { readShcPayload, splitShcJws, type ShcJwsParts } from './jws.js';
import { passIdentity, type PassIdOf } from '../pass-id.js';
import { assembleShcChunks, decodeShcNumeric, isShcChunk } from './numeric.js';

const NUMERIC_PREFIX = /^shc:/i;
/** Card types that are about a person's vaccination or test: their bundle must name the Patient. */
const PERSONAL_CARD_TYPES = new Set(['https://smarthealth.cards#immunization', 'https://smarthealth.cards#laboratory', 'https://smarthealth.cards#covid19']);
/** jose reaches crypto.subtle.verify after two microtasks (jose 6); a few more cost nothing if that changes. */
const MICROTASKS_BEFORE_SIGNING = 4;

/** The text without one final `\n` or `\r\n` (checked from the end: a regex would scan the whole card). */
function withoutFinalNewline(text: string): string {
  if (!text.endsWith('\n')) return text;
  return text.slice(0, text.endsWith('\r\n') ? -2 : -1);
}

/**
 * The JWS an input holds, or the chunk count when chunks are missing. One final
 * newline is forgiven (text files end with one); any other character around a
 * card is refused, as the spec's validator does.
 */
function jwsOf(raw: string | string[]): string | { have: number; total: number } {
  const input = Array.isArray(raw) ? raw.map(withoutFinalNewline) : withoutFinalNewline(raw);
  if (Array.isArray(input)) {
    const assembled = assembleShcChunks(input, MAX_SHC_CHUNKS);
    return 'jws' in assembled ? assembled.jws : assembled.incomplete;
  }
  if (NUMERIC_PREFIX.test(input)) {
    if (isShcChunk(input)) {
      const assembled = assembleShcChunks([input], MAX_SHC_CHUNKS);
      return 'jws' in assembled ? assembled.jws : assembled.incomplete;
    }
    return decodeShcNumeric(input);
  }
  if (input.startsWith('{')) return firstJwsOfFile(input);
  return input;
}

/** Whether the JWS signature verifies with `key` (jose, ES256 only). Never rejects, so it may run unawaited. */
async function signatureHolds(parts: ShcJwsParts, key: ShcTrustedKey): Promise<boolean> {
  try {
    await flattenedVerify({ protected: parts.protectedHeader, payload: parts.payload, signature: parts.signature }, key.key ?? await cryptoKeyOf(key), { algorithms: ['ES256'] });
    return true;
  } catch {
    return false;
  }
}

/**
 * SMART Health Card inputs: `shc:/` numeric (single or chunks), bare compact JWS,
 * `.smart-health-card` file text. Decoding problems end the check at once; after
 * the signature holds, time, revocation and content are all reported together.
 */
export async function verifyShc(input: string | string[], trust: TrustInternals, now: Date, idOf?: PassIdOf): Promise<FormatOutcome> {
  const jws = jwsOf(input);
  if (typeof jws !== 'string') return { format: 'shc', errors: [], incomplete: jws };
  const parsed = splitShcJws(jws);
  // WebCrypto verifies off the main thread: start with the key the kid names, and inflate meanwhile.
  const likely = trust.shc.keysByKid.get(parsed.kid);
  const likelySignature = likely && signatureHolds(parsed, likely.key);
  // Let jose hand the check to WebCrypto before the synchronous inflate takes the thread.
  for (let tick = 0; tick < MICROTASKS_BEFORE_SIGNING && likelySignature; tick++) await undefined;
  const { json, claims } = readShcPayload(parsed.compressed);
  const issuer = typeof claims.iss === 'string' ? trust.shc.issuers.get(claims.iss) : undefined;
  if (!(issuer ? issuer.wellFormedIss : typeof claims.iss === 'string' && isIssuerUrl(claims.iss))) {
    throw new VerifierError('SCHEMA', 'iss must be an https URL without a trailing slash');
  }
  if (!issuer) throw new VerifierError('UNKNOWN_ISSUER');
  const key = issuer.keys.get(parsed.kid);
  if (!key) throw new VerifierError('UNKNOWN_KEY');
  // The signed content after inflate, with the issuer and key (not the signature, compression or wrapping),
  // MACed while WebCrypto checks the signature; handed out only if it holds.
  const passId = idOf?.(passIdentity('shc', issuer.iss, parsed.kid, json));
  const holds = key === likely?.key ? await likelySignature! : await signatureHolds(parsed, key);
  if (!holds) throw new VerifierError('BAD_SIGNATURE');

  const outcome: FormatOutcome = {
    format: 'shc',
    errors: [],
    issuer: { id: issuer.iss, ...(issuer.name !== undefined ? { name: issuer.name } : {}) },
    revocationChecked: key.revoked !== undefined,
    ...(passId === undefined ? {} : { passId }),
  };
  const errors: ErrorCode[] = timeErrors(claims, now);
  const nbf = notBeforeSeconds(claims);
  if (nbf !== undefined) outcome.issuedAt = new Date(nbf * 1000);
  if (typeof claims.exp === 'number') outcome.expiresAt = new Date(claims.exp * 1000);
  const vc = credentialClaim(claims);
  if (!vc) errors.push('SCHEMA');
  else {
    if (vc.rid && key.revoked?.has(vc.rid)) {
      const cutoff = key.revoked.get(vc.rid);
      // A timestamped rid revokes only cards issued before that moment (e.g. reissued after a correction).
      if (cutoff === null || cutoff === undefined || nbf === undefined || nbf < cutoff) errors.push('REVOKED');
    }
    try {
      const { holder, credential } = readShcBundle(vc.fhirBundle, vc.types.some((t) => PERSONAL_CARD_TYPES.has(t)));
      if (holder) outcome.holder = holder;
      outcome.credential = credential.kind === 'other' ? { kind: 'other', types: vc.types } : credential;
    } catch (e) {
      if (!(e instanceof VerifierError)) throw e;
      errors.push(e.code);
    }
  }
  outcome.errors = errors;
  return outcome;
}
