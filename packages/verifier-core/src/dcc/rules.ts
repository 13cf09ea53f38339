// EU DCC business rules: CertLogic expressions as the DCC gateway distributes them, run by
// certlogic-js (the reference implementation), loaded only when a rule is run.
import { isObject } from '../internal/bytes.js';
import type { DccRuleFinding } from '../outcome.js';
import type { DccBusinessRule } from '../types.js';

/** What a rule reads besides the payload (CertLogic's `external`). */
export interface DccRuleContext {
  /** The DCC's health certificate JSON (claim -260, key 1). */
  payload: object;
  /** ISO 8601 date-time the rules are judged at. */
  validationClock?: string;
  /** Value set id → codes. */
  valueSets?: Record<string, string[]>;
  /** The country whose rules these are (the arrival country). */
  countryCode?: string;
  /** The pass's expiry and issue times, ISO 8601. */
  exp?: string;
  iat?: string;
}

export interface DccRuleResult {
  identifier: string;
  /** True only when the rule's Logic evaluated to exactly `true`. */
  passed: boolean;
  /** What the Logic evaluated to (absent when it could not be evaluated). */
  value?: unknown;
  /** Present when the rule could not be evaluated (then `passed` is false). */
  error?: string;
  /** CertLogic's format validation of the Logic, when it found problems (the rule is then not run). */
  issues?: string[];
}

interface CertLogic {
  evaluate: (expression: unknown, data: unknown) => unknown;
  validateFormat: (expression: unknown) => { message: string }[];
}
let certLogic: Promise<CertLogic> | undefined;
/** CertLogic's findings on a Logic, by the rule object holding it: a stored rule is validated once, not on every scan. */
const validated = new WeakMap<object, string[]>();
/** Rules a trust store holds, frozen all the way down (trust/dcc-rules.ts): only their validation is kept. */
export const frozenRules = new WeakSet<object>();

/** A named export of a CommonJS module, however the loader presents it. */
function exported<T>(module: unknown, name: string): T {
  const m = module as Record<string, unknown> & { default?: Record<string, unknown> };
  const value = m[name] ?? m.default?.[name];
  if (typeof value !== 'function') throw new Error(`certlogic-js: no ${name} export`);
  return value as T;
}

/**
 * certlogic-js's evaluator and format validator, imported on first use: scanners that run no business
 * rules never load them. A failed import (a browser offline before the chunk was ever fetched) is
 * tried again next time.
 */
function loadCertLogic(): Promise<CertLogic> {
  certLogic ??= Promise.all([import('certlogic-js/dist/evaluator.js'), import('certlogic-js/dist/validation/format-validator.js')])
    .then(([evaluator, validator]) => ({
      evaluate: exported<CertLogic['evaluate']>(evaluator, 'evaluate'),
      validateFormat: exported<CertLogic['validateFormat']>(validator, 'validateFormat'),
    }), (e: unknown) => { certLogic = undefined; throw e; });
  return certLogic;
}

/**
 * Starts loading CertLogic now, for a verifier whose policy runs business rules: its code then
 * arrives while the scanner is set up, not during the first scan.
 */
export function preloadCertLogic(): void {
  loadCertLogic().catch(() => undefined);
}

/**
 * Runs each rule's Logic on a DCC payload, in order: `passed` is true only for a result of exactly
 * `true`. A rule that cannot be evaluated (not a rule, Logic that CertLogic's format validation
 * refuses, an operation on data of the wrong kind) fails with `error` set: never an exception, never
 * a pass by accident. The rules
 * are taken as given: choosing which apply (country, type, validity, version) is the policy's job.
 */
export async function evaluateDccRules(rules: readonly object[], context: DccRuleContext): Promise<{ results: DccRuleResult[] }> {
  if (!Array.isArray(rules)) throw new TypeError('evaluateDccRules: rules must be an array');
  if (!isObject(context) || !isObject(context.payload)) throw new TypeError('evaluateDccRules: context.payload must be the DCC JSON object');
  const { evaluate, validateFormat } = await loadCertLogic();
  const external: Record<string, unknown> = {};
  for (const key of ['validationClock', 'valueSets', 'countryCode', 'exp', 'iat'] as const) {
    if (context[key] !== undefined) external[key] = context[key];
  }
  const data = { payload: context.payload, external };
  return {
    results: rules.map((rule, i) => {
      const identifier = isObject(rule) && typeof rule.Identifier === 'string' ? rule.Identifier : `#${i}`;
      if (!isObject(rule) || !('Logic' in rule)) return { identifier, passed: false, error: 'not a business rule (no Logic)' };
      try {
        // A rule whose Logic is not well-formed CertLogic is not run at all: it fails, with CertLogic's own findings.
        const kept = frozenRules.has(rule);
        let issues = kept ? validated.get(rule) : undefined;
        if (!issues) {
          issues = validateFormat(rule.Logic).map((issue) => String(issue.message));
          if (kept) validated.set(rule, issues);
        }
        if (issues.length) return { identifier, passed: false, error: 'not a valid CertLogic expression', issues };
        const value = evaluate(rule.Logic, data);
        return { identifier, passed: value === true, value };
      } catch (e) {
        // Includes a stack overflow on absurdly deep Logic: still a failed rule.
        return { identifier, passed: false, error: String((e as Error)?.message ?? e).slice(0, 200) };
      }
    }),
  };
}

const CERTIFICATE_TYPES = { vaccination: 'Vaccination', test: 'Test', recovery: 'Recovery' } as const;

/** Compares "x.y.z" versions numerically. */
function compareVersions(a: string, b: string): number {
  const x = a.split('.').map(Number), y = b.split('.').map(Number);
  for (let i = 0; i < 3; i++) if (x[i] !== y[i]) return (x[i] ?? 0) - (y[i] ?? 0);
  return 0;
}

const inForce = (rule: DccBusinessRule, at: number): boolean => Date.parse(rule.ValidFrom) <= at && at <= Date.parse(rule.ValidTo);

/** Of each Identifier, the newest version in force. */
function newestInForce(rules: readonly DccBusinessRule[], at: number): DccBusinessRule[] {
  const byId = new Map<string, DccBusinessRule>();
  for (const rule of rules) {
    if (!inForce(rule, at)) continue;
    const held = byId.get(rule.Identifier);
    if (!held || compareVersions(rule.Version, held.Version) > 0) byId.set(rule.Identifier, rule);
  }
  return [...byId.values()];
}

/**
 * The rules a venue in `country` applies to a pass, as the EU's verifier apps choose them: that
 * country's acceptance rules and the issuing country's invalidation rules, of the pass's certificate
 * type or General, in force at the validation clock (ValidFrom ≤ clock ≤ ValidTo), the newest version
 * of each Identifier. `acceptance` counts the country's acceptance rules in force of any type.
 */
export function selectDccRules(rules: readonly DccBusinessRule[], options: {
  country: string; issuingCountry?: string; kind: 'vaccination' | 'test' | 'recovery'; at: Date;
}): { apply: DccBusinessRule[]; acceptance: number } {
  const at = options.at.getTime();
  const type = CERTIFICATE_TYPES[options.kind];
  const current = newestInForce(rules, at);
  const acceptance = current.filter((r) => r.Type === 'Acceptance' && r.Country === options.country);
  const invalidation = options.issuingCountry
    ? current.filter((r) => r.Type === 'Invalidation' && r.Country === options.issuingCountry)
    : [];
  const applies = (r: DccBusinessRule) => r.CertificateType === 'General' || r.CertificateType === type;
  return { apply: [...acceptance, ...invalidation].filter(applies), acceptance: acceptance.length };
}

/** What one `eu-dcc` policy rule finds for a verified DCC. */
export async function dccRuleFinding(options: {
  rules: readonly DccBusinessRule[];
  country: string;
  kind: 'vaccination' | 'test' | 'recovery';
  dcc: { payload: () => Record<string, unknown>; iat: number; exp: number; issuingCountry?: string };
  valueSets: Record<string, string[]>;
  now: Date;
}): Promise<DccRuleFinding> {
  const { apply, acceptance } = selectDccRules(options.rules, {
    country: options.country, kind: options.kind, at: options.now,
    ...(options.dcc.issuingCountry ? { issuingCountry: options.dcc.issuingCountry.toUpperCase() } : {}),
  });
  if (!acceptance) return { missing: true, failed: [] };
  if (!apply.length) return { failed: [] };
  const { results } = await evaluateDccRules(apply, {
    payload: options.dcc.payload(),
    validationClock: options.now.toISOString(),
    valueSets: options.valueSets,
    countryCode: options.country,
    exp: new Date(options.dcc.exp * 1000).toISOString(),
    iat: new Date(options.dcc.iat * 1000).toISOString(),
  });
  return {
    failed: results.flatMap((r, i) => r.passed ? [] : [{
      identifier: r.identifier, ...(apply[i]!.Description ? { description: apply[i]!.Description! } : {}),
    }]),
  };
}

/** A failed rule's description in the caller's language (its primary subtag), else English, else the first one. */
export function describeRule(description: readonly { lang: string; desc: string }[] | undefined, locale: string): string | undefined {
  if (!Array.isArray(description)) return undefined;
  const usable = description.filter((d) => isObject(d) && typeof d.desc === 'string' && typeof d.lang === 'string');
  const language = locale.toLowerCase().split(/[-_]/)[0];
  return (usable.find((d) => d.lang.toLowerCase() === language) ?? usable.find((d) => d.lang.toLowerCase() === 'en') ?? usable[0])?.desc;
}
