import { isObject } from '../internal/bytes.js';
import type { EuDccRule, Policy, PolicyRule, RuleFilters } from './types.js';

const MAX_RULES = 32;
const MAX_LIST = 256;
const FORMATS = ['shc', 'dcc', 'idhp', 'vdsnc', 'divoc'];
const TEST_TYPES = ['naat', 'antigen', 'other'];
const FILTER_KEYS = ['formats', 'issuers', 'countries'];
const RULE_KEYS: Record<PolicyRule['type'], string[]> = {
  vaccination: ['minDaysSinceComplete'],
  test: ['testTypes', 'maxHoursSinceSample'],
  recovery: [],
  'age-exemption': ['underYears'],
  'any-valid': [],
  'eu-dcc': ['country', 'rules'],
};
/** Rules a caller hands to an eu-dcc policy rule (the trust store's bound). */
const MAX_DCC_RULES = 5_000;

const fail = (message: string): never => { throw new TypeError(`policy: ${message}`); };

/**
 * Checks a policy (JSON data from a venue's configuration) and returns a
 * normalised copy. Mistakes are the caller's, so they throw a TypeError that
 * names the field; unknown fields are mistakes too, so a typo cannot silently
 * loosen a rule.
 */
export function validatePolicy(input: unknown): Policy {
  if (!isObject(input)) return fail('must be an object with a rules array');
  for (const key of Object.keys(input)) if (!['id', 'timeZone', 'rules'].includes(key)) fail(`unknown field "${key}"`);
  const policy: Policy = { rules: [] };
  if (input.id !== undefined) policy.id = text(input.id, 'id');
  const timeZone = input.timeZone === undefined ? 'UTC' : text(input.timeZone, 'timeZone');
  try { new Intl.DateTimeFormat('en-US', { timeZone }); } catch { fail(`unknown time zone "${timeZone}"`); }
  policy.timeZone = timeZone;
  if (!Array.isArray(input.rules) || input.rules.length === 0) fail('rules must be a non-empty array');
  const rules = input.rules as unknown[];
  if (rules.length > MAX_RULES) fail(`at most ${MAX_RULES} rules`);
  const ids = new Set<string>();
  for (const [i, raw] of rules.entries()) {
    const rule = validateRule(raw, `rules[${i}]`);
    if (ids.has(rule.id)) fail(`rules[${i}]: duplicate id "${rule.id}"`);
    ids.add(rule.id);
    policy.rules.push(rule);
  }
  return policy;
}

function validateRule(raw: unknown, at: string): PolicyRule {
  if (!isObject(raw)) return fail(`${at} must be an object`);
  const type = raw.type as PolicyRule['type'];
  if (typeof type !== 'string' || !Object.hasOwn(RULE_KEYS, type)) return fail(`${at}.type must be one of ${Object.keys(RULE_KEYS).join(', ')}`);
  const allowed = ['id', 'type', ...FILTER_KEYS, ...RULE_KEYS[type]];
  for (const key of Object.keys(raw)) if (!allowed.includes(key)) fail(`${at}: unknown field "${key}" for a ${type} rule`);
  const id = text(raw.id, `${at}.id`);
  const filters = validateFilters(raw, at);
  switch (type) {
    case 'vaccination': {
      const rule: PolicyRule = { id, type, ...filters };
      if (raw.minDaysSinceComplete !== undefined) rule.minDaysSinceComplete = integer(raw.minDaysSinceComplete, `${at}.minDaysSinceComplete`, 0, 3650);
      return rule;
    }
    case 'test': {
      const rule: PolicyRule = { id, type, ...filters, maxHoursSinceSample: number(raw.maxHoursSinceSample, `${at}.maxHoursSinceSample`, 0, 8760) };
      if (raw.testTypes !== undefined) rule.testTypes = list(raw.testTypes, `${at}.testTypes`, TEST_TYPES) as ('naat' | 'antigen' | 'other')[];
      return rule;
    }
    case 'eu-dcc': {
      const country = text(raw.country, `${at}.country`);
      if (!/^[A-Za-z]{2}$/.test(country)) fail(`${at}.country: "${country}" is not an ISO 3166 alpha-2 code`);
      const rule: EuDccRule = { id, type, ...filters, country: country.toUpperCase() };
      if (raw.rules !== undefined) {
        if (!Array.isArray(raw.rules) || raw.rules.length > MAX_DCC_RULES || !raw.rules.every(isObject)) fail(`${at}.rules must be an array of business rules`);
        try { rule.rules = structuredClone(raw.rules as object[]); } catch { fail(`${at}.rules cannot be copied (nested too deeply?)`); }
      }
      return rule;
    }
    case 'age-exemption':
      return { id, type, ...filters, underYears: integer(raw.underYears, `${at}.underYears`, 1, 150) };
    default:
      return { id, type, ...filters };
  }
}

function validateFilters(raw: Record<string, unknown>, at: string): RuleFilters {
  const filters: RuleFilters = {};
  if (raw.formats !== undefined) filters.formats = list(raw.formats, `${at}.formats`, FORMATS) as RuleFilters['formats'];
  if (raw.issuers !== undefined) filters.issuers = list(raw.issuers, `${at}.issuers`);
  if (raw.countries !== undefined) {
    filters.countries = list(raw.countries, `${at}.countries`).map((c) => {
      if (!/^[A-Za-z]{2}$/.test(c)) fail(`${at}.countries: "${c}" is not an ISO 3166 alpha-2 code`);
      return c.toUpperCase();
    });
  }
  return filters;
}

function text(value: unknown, at: string): string {
  if (typeof value !== 'string' || value.length === 0 || value.length > 512) return fail(`${at} must be a non-empty string`);
  return value;
}

function number(value: unknown, at: string, min: number, max: number): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < min || value > max) return fail(`${at} must be a number from ${min} to ${max}`);
  return value;
}

function integer(value: unknown, at: string, min: number, max: number): number {
  const n = number(value, at, min, max);
  if (!Number.isInteger(n)) fail(`${at} must be a whole number`);
  return n;
}

function list(value: unknown, at: string, allowed?: string[]): string[] {
  if (!Array.isArray(value) || value.length === 0 || value.length > MAX_LIST) return fail(`${at} must be a non-empty array`);
  return value.map((v) => {
    const s = text(v, at);
    if (allowed && !allowed.includes(s)) fail(`${at}: "${s}" is not one of ${allowed.join(', ')}`);
    return s;
  });
}
