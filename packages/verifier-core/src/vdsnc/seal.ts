// The shape of an ICAO VDS-NC seal (ICAO "VDS-NC" technical report):
// {"data": {"hdr": {"t", "v", "is"}, "msg": {…}}, "sig": {"alg", "cer", "sigvl"}}.
import type { ErrorCode } from '../errors.js';
import { isObject } from '../internal/bytes.js';

export const SEAL_TYPES = ['icao.vacc', 'icao.test'] as const;
export type SealType = (typeof SEAL_TYPES)[number];

export interface Seal {
  data: Record<string, unknown>;
  type: SealType;
  /** Issuing state (`hdr.is`): ISO 3166 alpha-3, or ICAO's `D<<` for Germany. */
  issuingState: string;
  message: Record<string, unknown>;
  /** base64url DER of the barcode signer certificate. */
  certificate: string;
  /** base64url raw r‖s. */
  signature: string;
}

/** Whether parsed JSON looks like a seal at all (else it is some other JSON pass). */
export function looksLikeSeal(json: unknown): boolean {
  const seal = Array.isArray(json) && json.length === 1 ? json[0] : json;
  return isObject(seal) && isObject(seal.data) && isObject(seal.sig) && isObject(seal.data.hdr);
}

/**
 * Reads a seal; a JSON array holding exactly one seal is taken as that seal
 * (some readers' sample files are written so). Checks shape only.
 */
export function readSeal(json: unknown): Seal | { error: ErrorCode } {
  const seal = Array.isArray(json) && json.length === 1 ? json[0] : json;
  if (!isObject(seal) || !isObject(seal.data) || !isObject(seal.sig)) return { error: 'SCHEMA' };
  const keys = Object.keys(seal);
  if (keys.length !== 2) return { error: 'SCHEMA' };
  const { data, sig } = seal;
  const { hdr, msg } = data;
  if (!isObject(hdr) || !isObject(msg) || Object.keys(data).length !== 2) return { error: 'SCHEMA' };
  if (sig.alg !== 'ES256') return { error: 'BAD_HEADER' };
  if (typeof sig.cer !== 'string' || typeof sig.sigvl !== 'string') return { error: 'BAD_HEADER' };
  if (hdr.v !== 1 || typeof hdr.is !== 'string' || !/^(?:[A-Z]{3}|D<<)$/.test(hdr.is)) return { error: 'SCHEMA' };
  if (!SEAL_TYPES.includes(hdr.t as SealType)) return { error: 'SCHEMA' };
  return { data, type: hdr.t as SealType, issuingState: hdr.is, message: msg, certificate: sig.cer, signature: sig.sigvl };
}
