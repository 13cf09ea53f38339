import type { PassFormat, TestType } from '../types.js';

/**
 * A venue policy: plain JSON data. Any one rule admits; when none does, the
 * result says why each failed. Calendar dates (vaccination days, birthdays,
 * recovery windows) are counted in the venue's `timeZone`.
 */
export interface Policy {
  /** A name for logs and the UI, e.g. 'ny-2021'. */
  id?: string;
  /** IANA time zone of the venue, e.g. 'America/New_York'. Default 'UTC'. */
  timeZone?: string;
  rules: PolicyRule[];
}

/** Optional conditions any rule may add: the pass must match every one given. */
export interface RuleFilters {
  /** Accepted pass formats. */
  formats?: PassFormat[];
  /** Accepted issuers, by id as in `result.issuer.id` (SHC iss URL, IDHP DID, DCC issuer). */
  issuers?: string[];
  /** Accepted countries (ISO 3166 alpha-2) of the dose, test or recovery. */
  countries?: string[];
}

export interface VaccinationRule extends RuleFilters {
  id: string;
  type: 'vaccination';
  /** Whole days from the day the series was completed to today (venue time zone). Default 0. */
  minDaysSinceComplete?: number;
}

export interface TestRule extends RuleFilters {
  id: string;
  type: 'test';
  /** Accepted kinds of test. Default: ['naat', 'antigen']. */
  testTypes?: TestType[];
  /** Most hours from sample collection to now, inclusive. */
  maxHoursSinceSample: number;
}

export interface RecoveryRule extends RuleFilters {
  id: string;
  type: 'recovery';
}

/** Admits an authentic pass whose holder is certainly younger than `underYears` today, whatever it records. */
export interface AgeExemptionRule extends RuleFilters {
  id: string;
  type: 'age-exemption';
  underYears: number;
}

/** Admits any authentic, in-date pass (that matches the filters). */
export interface AnyValidRule extends RuleFilters {
  id: string;
  type: 'any-valid';
}

/**
 * Admits an EU DCC that meets a country's EU business rules (CertLogic): its acceptance rules and the
 * issuing country's invalidation rules in force today, from `rules` when given, else from the trust
 * bundle's `dccRules`. Refuses when that country has no acceptance rule in force.
 */
export interface EuDccRule extends RuleFilters {
  id: string;
  type: 'eu-dcc';
  /** The arrival country whose rules apply (ISO 3166 alpha-2). */
  country: string;
  /** The rules to use instead of the bundle's (DCC gateway format). */
  rules?: object[];
}

export type PolicyRule = VaccinationRule | TestRule | RecoveryRule | AgeExemptionRule | AnyValidRule | EuDccRule;
