// Shared by the fuzz tests (fuzz-*.test.js, idhp-fuzz.test.js): walking and
// changing JSON values, and what counts as a result. Runs in Node and in Chromium.
import { ErrorCodes } from '@pass-check/verifier-core';

/** Every path inside a JSON value, as key lists, the value's own ([]) first. */
export function pathsOf(value, prefix = []) {
  const out = [prefix];
  if (value && typeof value === 'object') for (const k of Object.keys(value)) out.push(...pathsOf(value[k], [...prefix, k]));
  return out;
}

/** A copy of `root` with the value at `path` replaced. */
export function setAt(root, path, replacement) {
  if (path.length === 0) return replacement;
  const copy = structuredClone(root);
  let node = copy;
  for (const k of path.slice(0, -1)) node = node[k];
  node[path.at(-1)] = replacement;
  return copy;
}

/** A verify() result: valid or invalid, every error with a stable code and a message. */
export const isResult = (r) => ['valid', 'invalid'].includes(r.status) && r.errors.every((e) => ErrorCodes.includes(e.code) && typeof e.message === 'string');
