import { VerifierError } from '../errors.js';

// SMART Health Card QR numeric encoding: each JWS character c is written as two
// digits, c.charCodeAt(0) - 45 (so '-' is 00 and 'z' is 77).
const OFFSET = 45;
const ascii = new TextDecoder('latin1');
const HIGHEST_PAIR = 'z'.charCodeAt(0) - OFFSET;
const SINGLE = /^shc:\/(\d*)$/;
/** Spec limits (VCI 1.x): a single QR (version <= 22, level L) holds a JWS of at most 1195 characters, a legacy chunk 1191. */
export const MAX_SINGLE_QR_JWS_CHARS = 1195;
export const MAX_CHUNK_JWS_CHARS = 1191;
const CHUNK = /^shc:\/(\d{1,3})\/(\d{1,3})\/(\d*)$/;

export function jwsToNumeric(jws: string): string {
  let digits = '';
  for (let i = 0; i < jws.length; i++) digits += String(jws.charCodeAt(i) - OFFSET).padStart(2, '0');
  return digits;
}

/** The JWS text the digits stand for; MALFORMED on an odd count or a pair above 77. */
export function numericToJws(digits: string): string {
  if (digits.length === 0 || digits.length % 2 !== 0) throw new VerifierError('MALFORMED', 'odd number of digits');
  const codes = new Uint8Array(digits.length / 2);
  for (let i = 0, j = 0; i < digits.length; i += 2, j++) {
    const pair = (digits.charCodeAt(i) - 48) * 10 + (digits.charCodeAt(i + 1) - 48);
    if (pair > HIGHEST_PAIR) throw new VerifierError('MALFORMED', 'digit pair out of range');
    codes[j] = pair + OFFSET;
  }
  // One flat string at once (appending char by char builds a rope the parser must flatten); all codes are ASCII.
  return ascii.decode(codes);
}

export const isShcChunk = (text: string): boolean => CHUNK.test(text);

/** One `shc:/<digits>` QR text to its JWS. */
export function decodeShcNumeric(text: string): string {
  const single = SINGLE.exec(text);
  if (!single) throw new VerifierError('MALFORMED', 'not a shc:/ numeric QR text');
  if (single[1]!.length > 2 * MAX_SINGLE_QR_JWS_CHARS) throw new VerifierError('MALFORMED', 'more digits than one QR code holds');
  return numericToJws(single[1]!);
}

export type AssembledChunks = { jws: string } | { incomplete: { have: number; total: number } };

/**
 * Joins the chunks of a legacy chunked card (`shc:/<i>/<n>/<digits>`), given in
 * any order. Every chunk must agree on n, and each index appear once; a proper
 * subset of the chunks is incomplete, not malformed, so a scanner can ask for the rest.
 */
export function assembleShcChunks(texts: string[], maxChunks: number): AssembledChunks {
  let total = 0;
  const parts = new Map<number, string>();
  for (const text of texts) {
    const m = CHUNK.exec(text);
    if (!m) throw new VerifierError('MALFORMED', 'not a shc:/i/n/ chunk');
    const index = Number(m[1]), count = Number(m[2]);
    if (count < 1 || count > maxChunks || index < 1 || index > count) throw new VerifierError('MALFORMED', 'chunk index out of range');
    if (total && count !== total) throw new VerifierError('MALFORMED', 'chunks of different cards');
    if (parts.has(index)) throw new VerifierError('MALFORMED', 'duplicate chunk');
    total = count;
    parts.set(index, m[3]!);
  }
  if (parts.size < total) return { incomplete: { have: parts.size, total } };
  let digits = '';
  for (let i = 1; i <= total; i++) {
    const part = parts.get(i)!;
    // Each chunk carries whole characters; an odd chunk would shift every later pair.
    if (part.length === 0 || part.length % 2 !== 0) throw new VerifierError('MALFORMED', 'odd number of digits in a chunk');
    if (part.length > 2 * MAX_CHUNK_JWS_CHARS) throw new VerifierError('MALFORMED', 'chunk larger than a QR chunk may be');
    digits += part;
  }
  return { jws: numericToJws(digits) };
}
