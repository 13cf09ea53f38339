// EU DCC value sets and business rules in a trust store: what a bundle's `dccValueSets` and
// `dccRules` hold. Self-contained, so the store only hands these two fields through.
import { isObject } from '../internal/bytes.js';
import { BUILTIN_DCC_VALUE_SETS } from '../dcc/value-set-data.js';
import type { ValueSetLookup } from '../dcc/value-sets.js';
import { frozenRules } from '../dcc/rules.js';
import type { DccBusinessRule, DccValueSetsInput, TrustReport } from '../types.js';

/** Bounds on what a bundle may carry: far above the EU's own sizes (a few hundred codes, a few hundred rules). */
const MAX_VALUE_SETS = 64;
const MAX_CODES = 10_000;
const MAX_CODE_CHARS = 128;
const MAX_RULES = 5_000;
/** Characters of one rule as JSON: the largest country rules are a few KB. */
const MAX_RULE_CHARS = 200_000;

const RULE_TYPES = ['Acceptance', 'Invalidation'];
const CERTIFICATE_TYPES = ['General', 'Vaccination', 'Test', 'Recovery'];
const COUNTRY = /^[A-Z]{2}$/;
const VERSION = /^\d{1,4}\.\d{1,4}\.\d{1,4}$/;

/** The codes of one value set as a bundle gives it: a list, or the EU's own file shape ({ valueSetValues: { code: … } }). */
function codesOf(value: unknown): string[] | undefined {
  const codes = Array.isArray(value) ? value : isObject(value) && isObject(value.valueSetValues) ? Object.keys(value.valueSetValues) : undefined;
  if (!codes || codes.length > MAX_CODES) return undefined;
  return codes.every((c) => typeof c === 'string' && c.length > 0 && c.length <= MAX_CODE_CHARS) ? codes as string[] : undefined;
}

const isTime = (value: unknown): value is string => typeof value === 'string' && value.length <= 40 && !Number.isNaN(Date.parse(value));

/** Why a rule cannot be used, or undefined when its envelope is sound (its Logic is judged when it runs). */
function ruleProblem(rule: unknown): string | undefined {
  if (!isObject(rule)) return 'not an object';
  if (typeof rule.Identifier !== 'string' || rule.Identifier.length === 0 || rule.Identifier.length > 64) return 'no Identifier';
  if (!RULE_TYPES.includes(rule.Type as string)) return 'Type is not Acceptance or Invalidation';
  if (typeof rule.Country !== 'string' || !COUNTRY.test(rule.Country)) return 'Country is not an ISO 3166 alpha-2 code';
  if (typeof rule.Version !== 'string' || !VERSION.test(rule.Version)) return 'Version is not x.y.z';
  if (!CERTIFICATE_TYPES.includes(rule.CertificateType as string)) return 'unknown CertificateType';
  if (!isTime(rule.ValidFrom) || !isTime(rule.ValidTo)) return 'ValidFrom/ValidTo are not date-times';
  if (rule.Engine !== 'CERTLOGIC') return 'Engine is not CERTLOGIC';
  if (!('Logic' in rule)) return 'no Logic';
  if (rule.Description !== undefined && !Array.isArray(rule.Description)) return 'Description is not a list';
  if (JSON.stringify(rule).length > MAX_RULE_CHARS) return 'too large';
  return undefined;
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}

export class DccRulesTrust implements ValueSetLookup {
  /** Built-in codes plus every code a bundle added: value sets only grow (see docs/notes/dcc-rules.md). */
  private readonly sets = new Map<string, Set<string>>();
  /** What bundles added, for export. */
  private readonly addedSets = new Map<string, Set<string>>();
  /** By Identifier and Version: a newer bundle replaces a rule version it also holds. */
  private readonly rulesByKey = new Map<string, DccBusinessRule>();
  /** valueSetsForRules(), made once per change rather than once per scan. */
  private forRules: Record<string, string[]> | undefined;

  constructor() {
    for (const [id, codes] of Object.entries(BUILTIN_DCC_VALUE_SETS)) this.sets.set(id, new Set(codes));
  }

  has(valueSetId: string, code: string): boolean {
    return this.sets.get(valueSetId)?.has(code) ?? false;
  }

  addValueSets(input: DccValueSetsInput): TrustReport {
    const report: TrustReport = { rejected: [] };
    if (!isObject(input)) return { rejected: [{ code: 'INVALID_RULE', message: 'dccValueSets is not an object of value sets' }] };
    const ids = Object.keys(input);
    if (ids.length > MAX_VALUE_SETS) return { rejected: [{ code: 'INVALID_RULE', message: `dccValueSets holds more than ${MAX_VALUE_SETS} value sets` }] };
    for (const id of ids) {
      const codes = id.length <= MAX_CODE_CHARS ? codesOf(input[id]) : undefined;
      if (!codes) { report.rejected.push({ code: 'INVALID_RULE', message: `value set "${id.slice(0, MAX_CODE_CHARS)}" is not a list of codes` }); continue; }
      const set = this.sets.get(id) ?? new Set<string>();
      const added = this.addedSets.get(id) ?? new Set<string>();
      for (const code of codes) { set.add(code); added.add(code); }
      this.sets.set(id, set);
      this.addedSets.set(id, added);
    }
    this.forRules = undefined;
    return report;
  }

  addRules(input: unknown): TrustReport {
    const report: TrustReport = { rejected: [] };
    if (!Array.isArray(input)) return { rejected: [{ code: 'INVALID_RULE', message: 'dccRules is not a list of rules' }] };
    for (const rule of input) {
      let problem = this.rulesByKey.size >= MAX_RULES ? `more than ${MAX_RULES} rules` : undefined;
      let stored: DccBusinessRule | undefined;
      try {
        problem ??= ruleProblem(rule);
        // Frozen all the way down: nothing can change a stored rule, so its validation is kept (dcc/rules.ts).
        if (!problem) stored = deepFreeze(structuredClone(rule)) as DccBusinessRule;
      } catch {
        problem = 'nested too deeply'; // JSON.stringify or the copy ran out of stack
      }
      if (!stored) {
        const id = isObject(rule) && typeof rule.Identifier === 'string' ? `${rule.Identifier.slice(0, 64)}: ` : '';
        report.rejected.push({ code: 'INVALID_RULE', message: `business rule ${id}${problem}` });
        continue;
      }
      frozenRules.add(stored);
      this.rulesByKey.set(`${stored.Identifier}@${stored.Version}`, stored);
    }
    return report;
  }

  /** Every loaded rule (the policy picks those that apply to a pass). */
  rules(): readonly DccBusinessRule[] {
    return [...this.rulesByKey.values()];
  }

  /** All value sets as CertLogic's `external.valueSets` wants them. */
  valueSetsForRules(): Record<string, string[]> {
    this.forRules ??= Object.fromEntries([...this.sets].map(([id, codes]) => [id, [...codes]]));
    return this.forRules;
  }

  valueSetEntries(): DccValueSetsInput | undefined {
    return this.addedSets.size ? Object.fromEntries([...this.addedSets].map(([id, codes]) => [id, [...codes]])) : undefined;
  }

  ruleEntries(): DccBusinessRule[] | undefined {
    return this.rulesByKey.size ? this.rules().map((r) => structuredClone(r)) : undefined;
  }
}
