import type { ErrorCode } from '../errors.js';
import { bytesEqual, decodeBase64Url, encodeUtf8, isObject } from '../internal/bytes.js';
import { hmacSha256Sync } from '../internal/sha256.js';

/** Most disclosed fields a credential may carry; real ones hide a handful. */
export const MAX_OBFUSCATION_ENTRIES = 64;
const MAX_PATH_SEGMENTS = 8;
const MAX_NONCE_BYTES = 256;
const MAX_VALUE_CHARS = 1024;

/** Keys that would reach into object prototypes rather than data. */
const FORBIDDEN_SEGMENTS = new Set(['__proto__', 'prototype', 'constructor']);

export type DisclosureResult = { subject: Record<string, unknown> } | { error: ErrorCode };

/**
 * Selective disclosure (formats.md §3): each `obfuscation` entry reveals the
 * value behind a hashed field of `credentialSubject`. The signed field holds
 * base64url(HMAC-SHA256(key = nonce, message = UTF-8 of val)); we recompute it
 * and, when it matches, put `val` in a copy of the subject. Numbers and
 * booleans are hashed as their JavaScript string form.
 *
 * A bad entry shape is SCHEMA; a value that does not match its hash is
 * BAD_SIGNATURE: the disclosed value is not the one the issuer signed. The HMACs
 * are computed here, synchronously: each was a WebCrypto round trip before, and a
 * credential with four disclosed fields took four of them in a row.
 */
export function applyObfuscation(subject: Record<string, unknown>, obfuscation: unknown): DisclosureResult {
  if (obfuscation === undefined) return { subject };
  if (!Array.isArray(obfuscation) || obfuscation.length > MAX_OBFUSCATION_ENTRIES) return { error: 'SCHEMA' };
  const disclosed = structuredClone(subject);
  const seen = new Set<string>();
  for (const entry of obfuscation as unknown[]) {
    if (!isObject(entry) || entry.alg !== 'HS256' || typeof entry.path !== 'string' || typeof entry.nonce !== 'string') return { error: 'SCHEMA' };
    const value = entry.val;
    if (typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'boolean') return { error: 'SCHEMA' };
    const message = String(value);
    if (message.length > MAX_VALUE_CHARS) return { error: 'SCHEMA' };
    const segments = entry.path.split('.');
    if (seen.has(entry.path) || segments.length > MAX_PATH_SEGMENTS || segments.some((s) => !s || FORBIDDEN_SEGMENTS.has(s))) return { error: 'SCHEMA' };
    seen.add(entry.path);
    const nonce = decodeBase64Url(entry.nonce);
    if (!nonce || nonce.length === 0 || nonce.length > MAX_NONCE_BYTES) return { error: 'SCHEMA' };

    const parent = walkToParent(disclosed, segments);
    const field = segments[segments.length - 1]!;
    const signedHash = parent && Object.hasOwn(parent, field) ? parent[field] : undefined;
    const expected = typeof signedHash === 'string' ? decodeBase64Url(signedHash) : undefined;
    if (!parent || !expected) return { error: 'BAD_SIGNATURE' };
    if (!bytesEqual(hmacSha256Sync(nonce, encodeUtf8(message)), expected)) return { error: 'BAD_SIGNATURE' };
    parent[field] = value;
  }
  return { subject: disclosed };
}

function walkToParent(root: Record<string, unknown>, segments: string[]): Record<string, unknown> | undefined {
  let node: unknown = root;
  for (const segment of segments.slice(0, -1)) {
    if (!isObject(node) || !Object.hasOwn(node, segment)) return undefined;
    node = node[segment];
  }
  return isObject(node) ? node : undefined;
}
