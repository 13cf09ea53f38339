// node:assert/strict in the browser: the subset our tests use.
export class AssertionError extends Error {}
const show = (v) => { try { return JSON.stringify(v); } catch { return String(v); } };
const fail = (message, dflt) => { throw (message instanceof Error ? message : new AssertionError(message ?? dflt)); };

function deepEq(a, b) {
  if (Object.is(a, b)) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Object.getPrototypeOf(a) !== Object.getPrototypeOf(b)) return false;
  if (a instanceof Date) return a.getTime() === b.getTime();
  if (ArrayBuffer.isView(a)) return a.length === b.length && a.every((x, i) => Object.is(x, b[i]));
  if (a instanceof Map || a instanceof Set) return deepEq([...a], [...b]);
  const ka = Object.keys(a), kb = Object.keys(b);
  return ka.length === kb.length && ka.every((k) => Object.prototype.hasOwnProperty.call(b, k) && deepEq(a[k], b[k]));
}
function matches(err, expected) {
  if (expected === undefined) return true;
  if (typeof expected === 'function') return expected.prototype !== undefined && err instanceof expected ? true : expected(err) === true;
  if (expected instanceof RegExp) return expected.test(String(err?.message ?? err));
  return Object.entries(expected).every(([k, v]) => (v instanceof RegExp ? v.test(err?.[k]) : deepEq(err?.[k], v)));
}

export function ok(v, message) { if (!v) fail(message, `expected truthy, got ${show(v)}`); }
export function equal(a, b, message) { if (!Object.is(a, b)) fail(message, `${show(a)} !== ${show(b)}`); }
export function notEqual(a, b, message) { if (Object.is(a, b)) fail(message, `${show(a)} === ${show(b)}`); }
export function deepEqual(a, b, message) { if (!deepEq(a, b)) fail(message, `not deep-equal:\n${show(a)}\n${show(b)}`); }
export function notDeepEqual(a, b, message) { if (deepEq(a, b)) fail(message, `deep-equal: ${show(a)}`); }
export function match(s, re, message) { if (!re.test(s)) fail(message, `${show(s)} does not match ${re}`); }
export function doesNotMatch(s, re, message) { if (re.test(s)) fail(message, `${show(s)} matches ${re}`); }
export function throws(fn, expected, message) {
  try { fn(); } catch (e) { if (!matches(e, expected)) fail(message, `unexpected error: ${e}`); return; }
  fail(message, 'expected a throw');
}
export function doesNotThrow(fn, message) { try { fn(); } catch (e) { fail(message, `unexpected throw: ${e}`); } }
export async function rejects(p, expected, message) {
  try { await (typeof p === 'function' ? p() : p); } catch (e) { if (!matches(e, expected)) fail(message, `unexpected rejection: ${e}`); return; }
  fail(message, 'expected a rejection');
}
export async function doesNotReject(p, message) { try { await (typeof p === 'function' ? p() : p); } catch (e) { fail(message, `unexpected rejection: ${e}`); } }
export { ok as strict, equal as strictEqual, deepEqual as deepStrictEqual, notEqual as notStrictEqual, notDeepEqual as notDeepStrictEqual, fail };
const assert = Object.assign((v, m) => ok(v, m), {
  ok, equal, notEqual, deepEqual, notDeepEqual, match, doesNotMatch, throws, doesNotThrow, rejects, doesNotReject, fail,
  strictEqual: equal, deepStrictEqual: deepEqual, notStrictEqual: notEqual, notDeepStrictEqual: notDeepEqual, AssertionError,
});
assert.strict = assert;
export default assert;
