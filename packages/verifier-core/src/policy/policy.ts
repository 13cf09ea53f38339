import { policyPresets } from './presets.js';
import type { Policy } from './types.js';
import { validatePolicy } from './validate.js';

export { evaluatePolicy } from './evaluate.js';
export type { Policy, PolicyRule, RuleFilters, VaccinationRule, TestRule, RecoveryRule, AgeExemptionRule, AnyValidRule } from './types.js';

/**
 * A checked, normalised policy from a preset name ('ny-2021', 'vaccinated',
 * 'tested', 'any-valid') or from policy JSON. Throws a TypeError for an
 * unknown preset or a malformed policy: both are the caller's mistake.
 */
export function resolvePolicy(policy: Policy | string): Policy {
  if (typeof policy === 'string') {
    if (!Object.hasOwn(policyPresets, policy)) {
      throw new TypeError(`unknown policy preset "${policy}"; presets: ${Object.keys(policyPresets).join(', ')}`);
    }
    return validatePolicy(structuredClone(policyPresets[policy]));
  }
  return validatePolicy(policy);
}
