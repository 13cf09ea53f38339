import type { FormatOutcome } from '../outcome.js';
import type { PolicyOutcome } from '../types.js';

// Placeholder until issue #4 lands: a policy is a list of rules; any one admits.
export interface Policy { id?: string; rules: { id: string }[] }

export function resolvePolicy(policy: Policy | string): Policy {
  if (typeof policy === 'string') {
    if (policy === 'any-valid') return { id: 'any-valid', rules: [{ id: 'any-valid' }] };
    throw new TypeError(`unknown policy preset: ${policy}`);
  }
  return policy;
}

export function evaluatePolicy(policy: Policy, outcome: FormatOutcome, _now: Date, _locale: string): PolicyOutcome {
  if (outcome.errors.length || outcome.incomplete) return { decision: 'reject', reasons: [{ code: 'NOT_VALID', message: 'The pass is not valid.' }] };
  const rule = policy.rules[0]?.id;
  return { decision: 'accept', rule, reasons: [] };
}
