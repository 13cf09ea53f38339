import { formatDay, formatInstant } from '../i18n/format.js';
import { DetailMessageKeys, type PolicyReasonCode } from '../i18n/keys.js';
import { messageFor } from '../i18n/messages.js';
import type { FormatOutcome } from '../outcome.js';
import type { Credential, Disclosure, PolicyOutcome } from '../types.js';
import { addDays, ageOn, dayIn, dayOf, daysBetween } from './calendar.js';
import type { Policy, PolicyRule } from './types.js';

const HOUR_MS = 3_600_000;
/**
 * How far a sample time may lie ahead of `clock()`: devices disagree by seconds to minutes
 * (the same five minutes as a DCC's `iat`). A dated day (a dose, a first positive test) is in the
 * future only once no time zone on Earth has reached it yet (UTC+14).
 */
export const FUTURE_SKEW_MS = 300_000;
const EARLIEST_ZONE_MS = 14 * HOUR_MS;

interface Finding { admits: boolean; code: PolicyReasonCode; params?: Record<string, string | number> }

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
  // Before any rule: a pass the guard cannot match to a photo ID, or one dated after today, is refused by every policy.
  const refusal: PolicyReasonCode | undefined = outcome.identityWithheld ? 'IDENTITY_WITHHELD'
    : datedInFuture(outcome.credential, now) ? 'DATED_IN_FUTURE' : undefined;
  if (refusal) return { decision: 'reject', reasons: [{ code: refusal, message: messageFor(refusal, locale) }] };
  const timeZone = policy.timeZone ?? 'UTC';
  const ctx: Context = { now, today: dayIn(now, timeZone), timeZone, locale };
  const reasons: PolicyOutcome['reasons'] = [];
  for (const rule of policy.rules) {
    const finding = checkFilters(rule, outcome) ?? checkRule(rule, outcome, ctx);
    const reason = { rule: rule.id, code: finding.code, message: messageOf(finding, locale, disclose) };
    if (finding.admits) return { decision: 'accept', rule: rule.id, reasons: [reason] };
    reasons.push(reason);
  }
  return { decision: 'reject', reasons };
}

/** Whether a dose, a sample or a first positive test is dated after now (beyond the skew above). */
function datedInFuture(credential: Credential | undefined, now: Date): boolean {
  if (!credential) return false;
  const latestDay = dayIn(new Date(now.getTime() + EARLIEST_ZONE_MS), 'UTC');
  // A partial date ("2099", "2099-05") is in the future when its first day is.
  const future = (day: string | undefined) => {
    if (!day) return false;
    const first = day.length === 4 ? `${day}-01-01` : day.length === 7 ? `${day}-01` : day.slice(0, 10);
    const ahead = daysBetween(first, latestDay);
    return ahead !== undefined && ahead > 0;
  };
  switch (credential.kind) {
    case 'vaccination': return credential.doses.some((d) => future(d.date)) || future(credential.completedOn);
    case 'test': return credential.collectedAt instanceof Date && credential.collectedAt.getTime() > now.getTime() + FUTURE_SKEW_MS;
    case 'recovery': return future(credential.firstPositive);
    default: return false;
  }
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
      // "At least N days after the final dose": day N after it is the first day that counts. Numeric, never by text.
      const countsFrom = addDays(completed, rule.minDaysSinceComplete ?? 0);
      const since = countsFrom === undefined ? undefined : daysBetween(ctx.today, countsFrom);
      if (countsFrom === undefined || since === undefined) return { admits: false, code: 'SERIES_INCOMPLETE' };
      const params = { date: formatDay(countsFrom, ctx.locale) };
      return since >= 0 ? { admits: true, code: 'VACCINATED', params } : { admits: false, code: 'VACCINATION_TOO_RECENT', params };
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
      const afterFrom = from && daysBetween(ctx.today, from);
      const beforeUntil = until && daysBetween(until, ctx.today);
      if (typeof afterFrom !== 'number' || typeof beforeUntil !== 'number' || afterFrom < 0 || beforeUntil < 0) {
        return { admits: false, code: 'RECOVERY_NOT_CURRENT' };
      }
      return { admits: true, code: 'RECOVERED', params: { date: formatDay(until as string, ctx.locale) } };
    }
    case 'age-exemption': {
      const age = outcome.holder?.birthDate ? ageOn(outcome.holder.birthDate, ctx.today) : undefined;
      const params = { years: rule.underYears };
      return age !== undefined && age < rule.underYears ? { admits: true, code: 'AGE_EXEMPT', params } : { admits: false, code: 'NOT_UNDER_AGE', params };
    }
    case 'any-valid':
      // Authentic and in date is not enough for a test: a positive (or unreadable) result never admits.
      if (credential?.kind === 'test' && credential.result !== 'negative') return { admits: false, code: 'TEST_NOT_NEGATIVE' };
      return { admits: true, code: 'VALID_PASS' };
  }
}
