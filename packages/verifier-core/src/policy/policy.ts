import { policyPresets } from './presets.js';
import type { Policy } from './types.js';
import { validatePolicy } from './validate.js';

export { evaluatePolicy } from './evaluate.js';
export type { Policy, PolicyRule, RuleFilters, VaccinationRule, TestRule, RecoveryRule, AgeExemptionRule, AnyValidRule, EuDccRule } from './types.js';

/** `eu-dcc:CC`: the EU business rules of country CC, from the trust bundle's `dccRules`. */
const EU_DCC_PRESET = /^eu-dcc:([A-Za-z]{2})$/;

/**
 * A checked, normalised policy from a preset name ('ny-2021', 'vaccinated',
 * 'tested', 'any-valid', 'eu-dcc:CC' for a country code CC) or from policy JSON. Throws a TypeError for an
 * unknown preset or a malformed policy: both are the caller's mistake.
 */
export function resolvePolicy(policy: Policy | string): Policy {
  if (typeof policy === 'string') {
    const euDcc = EU_DCC_PRESET.exec(policy);
    if (euDcc) {
      const country = euDcc[1]!.toUpperCase();
      return validatePolicy({ id: `eu-dcc:${country}`, rules: [{ id: `eu-dcc:${country}`, type: 'eu-dcc', country, formats: ['dcc'] }] });
    }
    if (!Object.hasOwn(policyPresets, policy)) {
      throw new TypeError(`unknown policy preset "${policy}"; presets: ${Object.keys(policyPresets).join(', ')}, eu-dcc:CC`);
    }
    return validatePolicy(structuredClone(policyPresets[policy]));
  }
  return validatePolicy(policy);
}
