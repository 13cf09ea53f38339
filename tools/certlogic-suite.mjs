#!/usr/bin/env node
// Runs CertLogic's specification test suites and the countries' business-rule tests through
// verifier-core's evaluateDccRules (the project must be built). Reads them where they lie
// (default ../shared/corpus/certlogic beside the project), copies nothing.
//
// usage: node tools/certlogic-suite.mjs [--corpus DIR] [--verbose]
// Exit 0 when every test passes; 1 otherwise; 2 when the corpus is missing.
//
// - spec/testSuite: each assertion evaluates an expression on `data`. evaluateDccRules runs rules on
//   { payload, external }, so the data goes in as payload.value and every data access ({"var": p})
//   is re-rooted there ("" → "payload.value", p → "payload.value.p"); the lambda of a `reduce` reads
//   { accumulator, current, data } and only its `data` is re-rooted. The value must deep-equal
//   `expected`. Assertions and suites the suite itself marks `"directive": "skip"` are counted apart:
//   the reference runner skips them (patched-reduce.json specifies an extension certlogic-js lacks).
// - spec/validation-testSuite: each expression goes in as a rule's Logic; the issues CertLogic's
//   format validation reports through evaluateDccRules must be the expected ones (by message).
// - rules/<country>/<rule>/tests/*.json: the rule on the test's payload and external context;
//   `passed` must equal `expected`.
import fs from 'node:fs';
import path from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const option = (name) => { const i = args.indexOf(name); return i >= 0 ? args[i + 1] : undefined; };
const corpus = path.resolve(option('--corpus') ?? path.join(root, '../shared/corpus/certlogic'));
const verbose = args.includes('--verbose');

if (!fs.existsSync(corpus)) {
  console.error(`certlogic-suite: no corpus at ${corpus}`);
  process.exit(2);
}
const { evaluateDccRules } = await import('@pass-check/verifier-core');
const readJson = (file) => JSON.parse(fs.readFileSync(file, 'utf8'));
const jsonFiles = (dir) => fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => f.endsWith('.json')).sort().map((f) => path.join(dir, f)) : [];

/**
 * The expression with its data accesses re-rooted at payload.value (see above). Inside a reduce's
 * lambda the data is { accumulator, current, data: the root }: only `data…` is re-rooted there.
 */
function reroot(expr, inLambda = false) {
  if (Array.isArray(expr)) return expr.map((x) => reroot(x, inLambda));
  if (!expr || typeof expr !== 'object') return expr;
  const [op] = Object.keys(expr);
  if (Object.keys(expr).length !== 1) return expr;
  const operand = expr[op];
  if (op === 'var' && (typeof operand === 'string' || typeof operand === 'number')) {
    const p = String(operand);
    if (inLambda) return p === 'data' ? { var: 'data.payload.value' } : p.startsWith('data.') ? { var: `data.payload.value.${p.slice(5)}` } : expr;
    return { var: p === '' ? 'payload.value' : `payload.value.${p}` };
  }
  if (op === 'reduce' && Array.isArray(operand)) return { reduce: operand.map((x, i) => reroot(x, inLambda || i === 1)) };
  return { [op]: reroot(operand, inLambda) };
}

const tally = {};
const misses = [];
const count = (suite, ok, what) => {
  const t = (tally[suite] ??= { passed: 0, failed: 0, skippedBySpec: 0 });
  if (ok === 'skip') t.skippedBySpec++;
  else if (ok) t.passed++;
  else { t.failed++; misses.push(`${suite}: ${what}`); }
};

// ---- spec/testSuite
for (const file of jsonFiles(path.join(corpus, 'spec/testSuite'))) {
  const suite = readJson(file);
  for (const c of suite.cases) {
    for (const [i, a] of c.assertions.entries()) {
      const expr = a.certLogicExpression ?? c.certLogicExpression;
      const what = `${path.basename(file)} / ${c.name} / #${i}${a.message ? ` ${a.message}` : ''}`;
      const { results: [r] } = await evaluateDccRules([{ Identifier: 'spec', Logic: reroot(expr) }], { payload: { value: a.data } });
      const ok = r && !r.error && isDeepStrictEqual(r.value, a.expected);
      if (a.directive === 'skip' || suite.directive === 'skip') { count('spec', 'skip', what); continue; }
      count('spec', ok, `${what}: expected ${JSON.stringify(a.expected)}, got ${r?.error ?? JSON.stringify(r?.value)}`);
    }
  }
}

// ---- spec/validation-testSuite
for (const file of jsonFiles(path.join(corpus, 'spec/validation-testSuite'))) {
  const suite = readJson(file);
  for (const [i, c] of suite.cases.entries()) {
    const { results: [r] } = await evaluateDccRules([{ Identifier: 'validation', Logic: c.certLogicExpression }], { payload: {} });
    const want = (c.issues ?? []).map((x) => x.message).sort();
    const got = [...(r.issues ?? [])].sort();
    count('validation', isDeepStrictEqual(got, want), `${path.basename(file)} #${i} ${JSON.stringify(c.certLogicExpression).slice(0, 80)}: expected ${JSON.stringify(want)}, got ${JSON.stringify(got)}`);
  }
}

// ---- rules/<country>/<rule id>/{rule.json,tests/*.json}
const rulesDir = path.join(corpus, 'rules');
const countries = fs.existsSync(rulesDir) ? fs.readdirSync(rulesDir).filter((d) => fs.statSync(path.join(rulesDir, d)).isDirectory()).sort() : [];
let ruleCount = 0;
for (const country of countries) {
  for (const id of fs.readdirSync(path.join(rulesDir, country)).sort()) {
    const ruleFile = path.join(rulesDir, country, id, 'rule.json');
    if (!fs.existsSync(ruleFile)) continue;
    const rule = readJson(ruleFile);
    ruleCount++;
    for (const testFile of jsonFiles(path.join(rulesDir, country, id, 'tests'))) {
      const test = readJson(testFile);
      const { results: [r] } = await evaluateDccRules([rule], { payload: test.payload ?? {}, ...(test.external ?? {}) });
      count(`rules ${country}`, r.passed === test.expected,
        `${id}/${path.basename(testFile)} ${test.name ?? ''}: expected ${test.expected}, got ${r.passed}${r.error ? ` (${r.error})` : ''}`);
    }
  }
}

let failed = 0;
for (const [suite, t] of Object.entries(tally)) {
  failed += t.failed;
  console.log(`${suite.padEnd(14)} ${t.passed} passed, ${t.failed} failed${t.skippedBySpec ? `, ${t.skippedBySpec} marked skip by the suite` : ''}`);
}
if (verbose || failed) for (const m of misses.slice(0, verbose ? Infinity : 40)) console.log('  miss', m);
const total = Object.values(tally).reduce((s, t) => ({ passed: s.passed + t.passed, failed: s.failed + t.failed }), { passed: 0, failed: 0 });
console.log(`(${ruleCount} country rules of ${countries.length} countries)`);
console.log(`certlogic: ${total.passed} passed, ${total.failed} failed`);
process.exitCode = failed ? 1 : 0;
