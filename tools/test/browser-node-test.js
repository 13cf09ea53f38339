// node:test in the browser: the subset our tests use, on top of mocha's globals.
const g = globalThis;
const wrap = (fn) => (fn.length > 0 ? function (done) { return fn.call(this, done); } : fn);
const pick = (a, b) => (typeof a === 'function' ? [a, undefined] : [b, a]);
export function describe(name, a, b) { const [fn, opts] = pick(a, b); return (opts?.skip ? g.describe.skip : g.describe)(name, fn); }
export function it(name, a, b) {
  const [fn, opts] = pick(a, b);
  const run = g.it(name, wrap(fn));
  if (opts?.timeout) run.timeout(opts.timeout);
  return run;
}
export const test = it;
export const before = (fn) => g.before(fn);
export const after = (fn) => g.after(fn);
export const beforeEach = (fn) => g.beforeEach(fn);
export const afterEach = (fn) => g.afterEach(fn);
export default it;
