import { formatDay, formatInstant } from '../i18n/format.js';
import { DetailMessageKeys, type PolicyReasonCode } from '../i18n/keys.js';
import { messageFor } from '../i18n/messages.js';
import type { FormatOutcome } from '../outcome.js';
import type { Credential, Disclosure, PolicyOutcome } from '../types.js';
import { addDays, ageOn, dayIn, dayOf } from './calendar.js';
import { describeRule } from '../dcc/rules.js';
import type { Policy, PolicyRule } from './types.js';

const HOUR_MS = 3_600_000;

interface Finding {
  admits: boolean;
  code: PolicyReasonCode;
  params?: Record<string, string | number>;
  /** EU business rules that failed: one reason each, instead of the finding's own. */
  failedDccRules?: { identifier: string; description?: { lang: string; desc: string }[] }[];
}

/** The message for a finding: with its dates only when the caller asked for full disclosure. */
function messageOf(finding: Finding, locale: string, disclose: Disclosure): string {
  const detail = Object.hasOwn(DetailMessageKeys, finding.code) ? DetailMessageKeys[finding.code as keyof typeof DetailMessageKeys] : undefined;
  return messageFor(disclose === 'full' && detail ? detail : finding.code, locale, finding.params);
}
interface Context { now: Date; today: string; timeZone: string; locale: string }

/**
 * The door decision for one verified pass. An invalid or incomplete pass is
 * always refused. Otherwise the first rule (in policy order) that admits
 * decides; when none does, every rule's reason is listed. Reasons name the
 * dates behind them (vaccination, sample, recovery) only with `disclose: 'full'`.
 */
export function evaluatePolicy(policy: Policy, outcome: FormatOutcome, now: Date, locale: string, disclose: Disclosure = 'minimal'): PolicyOutcome {
  if (outcome.errors.length || outcome.incomplete) {
    return { decision: 'reject', reasons: [{ code: 'PASS_NOT_VALID', message: messageFor('PASS_NOT_VALID', locale) }] };
  }
  const timeZone = policy.timeZone ?? 'UTC';
  const ctx: Context = { now, today: dayIn(now, timeZone), timeZone, locale };
  const reasons: PolicyOutcome['reasons'] = [];
  for (const rule of policy.rules) {
    const finding = checkFilters(rule, outcome) ?? checkRule(rule, outcome, ctx);
    if (finding.failedDccRules?.length) {
      for (const failed of finding.failedDccRules) {
        const text = describeRule(failed.description, locale) ?? failed.identifier;
        reasons.push({ rule: rule.id, code: 'DCC_RULE_FAILED', dccRule: failed.identifier, message: messageFor('DCC_RULE_FAILED', locale, { rule: failed.identifier, text }) });
      }
      continue;
    }
    const reason = { rule: rule.id, code: finding.code, message: messageOf(finding, locale, disclose) };
    if (finding.admits) return { decision: 'accept', rule: rule.id, reasons: [reason] };
    reasons.push(reason);
  }
  return { decision: 'reject', reasons };
}

function checkFilters(rule: PolicyRule, outcome: FormatOutcome): Finding | undefined {
  if (rule.formats && !rule.formats.includes(outcome.format)) return { admits: false, code: 'FORMAT_NOT_ACCEPTED' };
  if (rule.issuers && !(outcome.issuer && rule.issuers.includes(outcome.issuer.id))) return { admits: false, code: 'ISSUER_NOT_ACCEPTED' };
  if (rule.countries) {
    const country = countryOf(outcome.credential);
    if (!country || !rule.countries.includes(country)) return { admits: false, code: 'COUNTRY_NOT_ACCEPTED' };
  }
  return undefined;
}

/** Where the vaccination (its latest dose), test or recovery took place, as the pass says. */
function countryOf(credential: Credential | undefined): string | undefined {
  if (!credential) return undefined;
  if (credential.kind === 'vaccination') return credential.doses.at(-1)?.country?.toUpperCase();
  if (credential.kind === 'test' || credential.kind === 'recovery') return credential.country?.toUpperCase();
  return undefined;
}

function checkRule(rule: PolicyRule, outcome: FormatOutcome, ctx: Context): Finding {
  const credential = outcome.credential;
  switch (rule.type) {
    case 'vaccination': {
      if (credential?.kind !== 'vaccination') return { admits: false, code: 'NOT_VACCINATION' };
      const completed = dayOf(credential.completedOn, ctx.timeZone);
      if (!credential.seriesComplete || !completed) return { admits: false, code: 'SERIES_INCOMPLETE' };
      // "At least N days after the final dose": day N after it is the first day that counts.
      const countsFrom = addDays(completed, rule.minDaysSinceComplete ?? 0);
      const params = { date: formatDay(countsFrom, ctx.locale) };
      return ctx.today >= countsFrom ? { admits: true, code: 'VACCINATED', params } : { admits: false, code: 'VACCINATION_TOO_RECENT', params };
    }
    case 'test': {
      if (credential?.kind !== 'test') return { admits: false, code: 'NOT_TEST' };
      if (!(rule.testTypes ?? ['naat', 'antigen']).includes(credential.testType)) return { admits: false, code: 'TEST_TYPE_NOT_ACCEPTED' };
      if (credential.result !== 'negative') return { admits: false, code: 'TEST_NOT_NEGATIVE' };
      const sampled = credential.collectedAt;
      if (!(sampled instanceof Date) || Number.isNaN(sampled.getTime()) || sampled.getTime() > ctx.now.getTime()) {
        return { admits: false, code: 'TEST_TIME_UNKNOWN' };
      }
      if (ctx.now.getTime() - sampled.getTime() > rule.maxHoursSinceSample * HOUR_MS) {
        return { admits: false, code: 'TEST_TOO_OLD', params: { hours: rule.maxHoursSinceSample } };
      }
      return { admits: true, code: 'TESTED_NEGATIVE', params: { date: formatInstant(sampled, ctx.locale, ctx.timeZone) } };
    }
    case 'recovery': {
      if (credential?.kind !== 'recovery') return { admits: false, code: 'NOT_RECOVERY' };
      const from = dayOf(credential.validFrom, ctx.timeZone);
      const until = dayOf(credential.validUntil, ctx.timeZone);
      if (!from || !until || ctx.today < from || ctx.today > until) return { admits: false, code: 'RECOVERY_NOT_CURRENT' };
      return { admits: true, code: 'RECOVERED', params: { date: formatDay(until, ctx.locale) } };
    }
    case 'age-exemption': {
      const age = outcome.holder?.birthDate ? ageOn(outcome.holder.birthDate, ctx.today) : undefined;
      const params = { years: rule.underYears };
      return age !== undefined && age < rule.underYears ? { admits: true, code: 'AGE_EXEMPT', params } : { admits: false, code: 'NOT_UNDER_AGE', params };
    }
    case 'any-valid':
      return { admits: true, code: 'VALID_PASS' };
    case 'eu-dcc': {
      const params = { country: rule.country };
      if (outcome.format !== 'dcc') return { admits: false, code: 'FORMAT_NOT_ACCEPTED' };
      // Worked out by the verifier before this (the rules run asynchronously); without it, nothing says yes.
      const found = outcome.dccRuleFindings?.get(rule.id);
      if (!found) return { admits: false, code: 'DCC_RULES_NOT_RUN', params };
      if (found.missing) return { admits: false, code: 'DCC_RULES_MISSING', params };
      if (found.failed.length) return { admits: false, code: 'DCC_RULE_FAILED', params, failedDccRules: found.failed };
      return { admits: true, code: 'DCC_RULES_MET', params };
    }
  }
}
