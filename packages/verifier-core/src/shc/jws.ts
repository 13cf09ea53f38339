import { VerifierError } from '../errors.js';
import { decodeBase64Url, decodeUtf8, isObject, parseJson } from '../internal/bytes.js';
import { inflateRaw } from '../internal/inflate.js';

/** Largest payload JSON we inflate: real cards are 1–20 KB; this stops a deflate bomb early. */
export const MAX_SHC_PAYLOAD_BYTES = 128 * 1024;
const ES256_SIGNATURE_BYTES = 64;
const BASE64URL = /^[A-Za-z0-9_-]+$/;

export interface ShcJwsParts {
  kid: string;
  /** The parts as written, for the signature check. */
  protectedHeader: string;
  payload: string;
  signature: string;
  /** The payload bytes, still compressed. */
  compressed: Uint8Array;
}

export interface ShcJws extends ShcJwsParts {
  /** The decoded, inflated JWT claims. */
  claims: Record<string, unknown>;
}

/**
 * Splits an SHC compact JWS and checks its header. Only
 * `{"alg":"ES256","zip":"DEF","kid":…}` headers pass; the signature must be the
 * 64-byte JWS form (r||s), not DER. Nothing here is trusted until the signature is checked.
 */
export function splitShcJws(jws: string): ShcJwsParts {
  const parts = jws.split('.');
  if (parts.length !== 3) throw new VerifierError('MALFORMED', 'not a compact JWS');
  const [protectedHeader, payload, signature] = parts as [string, string, string];
  if (!BASE64URL.test(signature)) throw new VerifierError('MALFORMED', 'signature is not base64url');
  const headerBytes = decodeBase64Url(protectedHeader);
  const header = headerBytes && parseJson(decodeUtf8(headerBytes) ?? '');
  if (!isObject(header)) throw new VerifierError('MALFORMED', 'JWS header is not JSON');
  if (header.alg !== 'ES256') throw new VerifierError('BAD_HEADER', 'alg must be ES256');
  if (header.zip !== 'DEF') throw new VerifierError('BAD_HEADER', 'zip must be DEF');
  if (typeof header.kid !== 'string' || !header.kid) throw new VerifierError('BAD_HEADER', 'kid is required');
  if ('crit' in header) throw new VerifierError('BAD_HEADER', 'crit is not allowed');
  // 64 bytes are 86 base64url characters; counting them needs no decoding.
  if (signature.length !== Math.ceil((ES256_SIGNATURE_BYTES * 4) / 3)) throw new VerifierError('BAD_SIGNATURE', 'not a 64-byte ES256 signature');
  const compressed = payload ? decodeBase64Url(payload) : undefined;
  if (!compressed) throw new VerifierError('MALFORMED', 'payload is not base64url');
  return { kid: header.kid, protectedHeader, payload, signature, compressed };
}

/** The JWT claims of a compressed SHC payload: bounded inflate, UTF-8, a JSON object. */
export function readShcClaims(compressed: Uint8Array): Record<string, unknown> {
  return readShcPayload(compressed).claims;
}

/** The inflated payload bytes (what the pass is identified by) and the claims they hold. */
export function readShcPayload(compressed: Uint8Array): { json: Uint8Array; claims: Record<string, unknown> } {
  const json = inflateRaw(compressed, MAX_SHC_PAYLOAD_BYTES);
  // A byte-order mark is not JSON whitespace; JSON.parse would reject it too, but TextDecoder would silently drop it first.
  if (json[0] === 0xef && json[1] === 0xbb && json[2] === 0xbf) throw new VerifierError('MALFORMED', 'payload starts with a byte-order mark');
  const claims = parseJson(decodeUtf8(json) ?? '');
  if (!isObject(claims)) throw new VerifierError('MALFORMED', 'payload is not a JSON object');
  return { json, claims };
}

/** Both steps: the parts and the claims. */
export function parseShcJws(jws: string): ShcJws {
  const parts = splitShcJws(jws);
  return { ...parts, claims: readShcClaims(parts.compressed) };
}
