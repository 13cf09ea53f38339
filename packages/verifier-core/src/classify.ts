import type { ErrorCode } from './errors.js';
import type { PassFormat } from './types.js';
import { decodeBase64, decodeUtf8, isObject, parseJson } from './internal/bytes.js';
import { looksLikeSeal } from './vdsnc/seal.js';
import { looksLikeDivoc } from './divoc/shape.js';
import { MAX_ARCHIVE_BYTES, startsLikeZip } from './internal/zip.js';

/** Longest input we look at: a chunked SHC is at most a few QR codes of ~4,300 digits each. */
export const MAX_INPUT_CHARS = 64 * 1024;
/** Most chunks a SMART Health Card may be split into that we accept. */
export const MAX_SHC_CHUNKS = 32;

export type Classified =
  | { format: 'shc'; input: string | string[] }
  | { format: 'vdsnc'; input: unknown }
  | { format: 'divoc'; input: { json: unknown } | { zip: Uint8Array } }
  | { format: 'dcc'; input: string }
  | { format: 'idhp'; input: unknown }
  | { format?: undefined; error: ErrorCode };

const COMPACT_JWS = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/;
const BASE64 = /^[A-Za-z0-9+/_-]+={0,2}$/;

function decodeBase64Text(text: string): string | undefined {
  const bytes = decodeBase64(text);
  return bytes && decodeUtf8(bytes);
}


/** The raw bytes of a QR code: a DIVOC ZIP archive, or text (UTF-8) classified as text. */
function classifyBytes(bytes: Uint8Array): Classified {
  if (startsLikeZip(bytes)) return bytes.length > MAX_ARCHIVE_BYTES ? { error: 'MALFORMED' } : { format: 'divoc', input: { zip: bytes } };
  if (bytes.length > MAX_INPUT_CHARS * 4) return { error: 'MALFORMED' };
  const text = decodeUtf8(bytes);
  return text === undefined ? { error: 'UNSUPPORTED_FORMAT' } : classifyInput(text);
}

/** Parsed JSON that is an ICAO seal, a DIVOC certificate or (by default) an IBM credential. */
function classifyJson(json: unknown): Classified {
  if (looksLikeSeal(json)) return { format: 'vdsnc', input: json };
  if (looksLikeDivoc(json)) return { format: 'divoc', input: { json } };
  return isObject(json) ? { format: 'idhp', input: json } : { error: 'MALFORMED' };
}

/** Which format an input is, by its shape alone; nothing is verified here. */
export function classifyInput(input: string | string[] | Uint8Array): Classified {
  if (input instanceof Uint8Array) return classifyBytes(input);
  if (Array.isArray(input)) {
    if (input.length === 0) return { error: 'UNSUPPORTED_FORMAT' };
    if (input.length > MAX_SHC_CHUNKS || input.reduce((n, s) => n + s.length, 0) > MAX_INPUT_CHARS) return { error: 'MALFORMED' };
    if (input.length === 1) return classifyInput(input[0]!);
    // SHC text goes on untrimmed: characters around a card are an error the SHC module reports (MALFORMED).
    return input.every((s) => /^shc:/i.test(s.trim())) ? { format: 'shc', input } : { error: 'UNSUPPORTED_FORMAT' };
  }
  if (input.length > MAX_INPUT_CHARS) return { error: 'MALFORMED' };
  const text = input.trim();
  if (/^shc:/i.test(text)) return { format: 'shc', input };
  if (text.startsWith('HC1:')) return { format: 'dcc', input: text };
  if (COMPACT_JWS.test(text)) return { format: 'shc', input };
  if (text.startsWith('{')) {
    const json = parseJson(text);
    if (!isObject(json)) return { error: 'MALFORMED' };
    if ('verifiableCredential' in json) return { format: 'shc', input };
    return classifyJson(json);
  }
  // A JSON array holding one ICAO seal (some readers' sample files are written so).
  if (text.startsWith('[')) {
    const json = parseJson(text);
    return looksLikeSeal(json) ? { format: 'vdsnc', input: json } : { error: 'UNSUPPORTED_FORMAT' };
  }
  if (text.length >= 16 && BASE64.test(text)) {
    const decoded = decodeBase64Text(text);
    const json = decoded?.trimStart().startsWith('{') ? parseJson(decoded) : undefined;
    if (isObject(json)) return classifyJson(json);
  }
  return { error: 'UNSUPPORTED_FORMAT' };
}


/**
 * Which format an input is, by its shape alone (the same reading `verify` starts with; bounded;
 * nothing is verified): undefined for anything `verify` would answer UNSUPPORTED_FORMAT or MALFORMED.
 */
export function detectFormat(input: string | string[] | Uint8Array): PassFormat | undefined {
  return classifyInput(input).format;
}
