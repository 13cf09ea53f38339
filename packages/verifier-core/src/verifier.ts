import { isVerifierError, type ErrorCode } from './errors.js';
import { messageFor } from './i18n/messages.js';
import type { FormatOutcome } from './outcome.js';
import { evaluatePolicy, resolvePolicy, type Policy } from './policy/policy.js';
import { verifyShc } from './shc/verify.js';
import { verifyDcc } from './dcc/verify.js';
import { verifyIdhp } from './idhp/verify.js';
import { verifyVdsnc } from './vdsnc/verify.js';
import { verifyDivoc } from './divoc/verify.js';
import { trustInternals, type TrustInternals, type TrustStore } from './trust/store.js';
import type { Disclosure, VerificationResult } from './types.js';
import { classifyInput } from './classify.js';
import { passIdFunction, passIdKeyBytes, type PassIdOf } from './pass-id.js';
import { dccRuleFinding, preloadCertLogic } from './dcc/rules.js';
import type { DccRuleFinding } from './outcome.js';
import type { DccBusinessRule } from './types.js';

export interface VerifierOptions {
  trust: TrustStore;
  /** A Policy object or a preset name ('ny-2021', 'vaccinated', 'tested', 'any-valid'). Default: any authentic, in-date pass. */
  policy?: Policy | string;
  /** The current time; injected so tests and kiosks control it. Default: () => new Date(). */
  clock?: () => Date;
  /** Language of messages (BCP 47), default 'en'. */
  locale?: string;
  /** 'minimal' (default): name, birth date, verdict and credential kind only. 'full': every detail. */
  disclose?: Disclosure;
  /**
   * The key `result.passId` is computed with (bytes, or a string taken as UTF-8, or an HMAC SHA-256 CryptoKey): give every gate of one venue
   * the same key so they recognise one pass; keep it secret. Default: a random key for this verifier.
   */
  passIdKey?: Uint8Array | string | CryptoKey;
}

export interface Verifier {
  /** One QR text, or every chunk of a chunked SMART Health Card (any order), or a QR code's raw bytes (a DIVOC QR holds a ZIP archive). */
  verify(input: string | string[] | Uint8Array): Promise<VerificationResult>;
}

export function createVerifier(options: VerifierOptions): Verifier {
  if (!options || typeof options !== 'object') throw new TypeError('createVerifier: options are required');
  const internals = (options.trust as Partial<TrustStore> | undefined)?.[trustInternals];
  if (!internals) throw new TypeError('createVerifier: `trust` must come from createTrustStore()');
  const policy = options.policy === undefined ? undefined : resolvePolicy(options.policy);
  if (policy?.rules.some((rule) => rule.type === 'eu-dcc')) preloadCertLogic();
  const clock = options.clock ?? (() => new Date());
  const locale = options.locale ?? 'en';
  const disclose = options.disclose ?? 'minimal';
  if (disclose !== 'minimal' && disclose !== 'full') throw new TypeError("createVerifier: disclose must be 'minimal' or 'full'");
  const passIdOf = passIdFunction(passIdKeyBytes(options.passIdKey));

  return {
    async verify(input) {
      if (typeof input !== 'string' && !(input instanceof Uint8Array) && !(Array.isArray(input) && input.every((x) => typeof x === 'string'))) {
        throw new TypeError('verify: input must be a string, an array of strings or a Uint8Array');
      }
      if (!internals.settled) await internals.ready;
      const now = clock();
      if (!(now instanceof Date) || Number.isNaN(now.getTime())) throw new TypeError('verify: clock() must return a valid Date');
      // A snapshot of the sections: a replacing importBundle swaps them while this runs, atomically for it.
      const state = { ...internals };
      const outcome = await run(input, state, now, passIdOf);
      if (policy) await runDccRules(policy, outcome, state, now);
      const result = toResult(outcome, { policy, now, locale, disclose });
      if (outcome.passId !== undefined && !outcome.incomplete) result.passId = await outcome.passId;
      return result;
    },
  };
}

async function run(input: string | string[] | Uint8Array, trust: TrustInternals, now: Date, idOf: PassIdOf): Promise<FormatOutcome> {
  const kind = classifyInput(input);
  try {
    switch (kind.format) {
      case 'shc': return await verifyShc(kind.input, trust, now, idOf);
      case 'dcc': return await verifyDcc(kind.input, trust, now, idOf);
      case 'idhp': return await verifyIdhp(kind.input, trust, now, idOf);
      case 'vdsnc': return await verifyVdsnc(kind.input, trust, now, idOf);
      case 'divoc': return await verifyDivoc(kind.input, trust, now, idOf);
      default: return { format: undefined as never, errors: [kind.error] };
    }
  } catch (e) {
    if (isVerifierError(e)) return { format: kind.format, errors: [e.code] } as FormatOutcome;
    // A format module must never let a bad pass escape as an exception; if one does, the pass is still refused.
    return { format: kind.format, errors: ['MALFORMED'] } as FormatOutcome;
  }
}

/**
 * Runs the EU business rules of each `eu-dcc` policy rule on an authentic, in-date DCC, before the
 * (synchronous) policy evaluation reads what they found. Nothing runs for other passes.
 */
async function runDccRules(policy: Policy, outcome: FormatOutcome, trust: TrustInternals, now: Date): Promise<void> {
  const credential = outcome.credential;
  if (outcome.format !== 'dcc' || outcome.errors.length || !outcome.dcc || !credential || credential.kind === 'other') return;
  const findings = new Map<string, DccRuleFinding>();
  for (const rule of policy.rules) {
    if (rule.type !== 'eu-dcc') continue;
    try {
      findings.set(rule.id, await dccRuleFinding({
        rules: (rule.rules as DccBusinessRule[] | undefined) ?? trust.dccRules.rules(),
        country: rule.country,
        kind: credential.kind,
        dcc: outcome.dcc,
        valueSets: trust.dccRules.valueSetsForRules(),
        now,
      }));
    } catch {
      // CertLogic could not be loaded: no finding, so the rule refuses (DCC_RULES_NOT_RUN).
    }
  }
  if (findings.size) outcome.dccRuleFindings = findings;
}

function toResult(o: FormatOutcome, ctx: { policy?: Policy; now: Date; locale: string; disclose: Disclosure }): VerificationResult {
  const codes: ErrorCode[] = o.incomplete ? ['INCOMPLETE'] : o.errors.length > 1 ? [...new Set(o.errors)] : o.errors;
  const result: VerificationResult = {
    status: o.incomplete ? 'incomplete' : codes.length ? 'invalid' : 'valid',
    errors: codes.map((code) => {
      const field = ctx.disclose === 'full' ? o.errorFields?.[code] : undefined;
      return field ? { code, message: messageFor(code, ctx.locale), field } : { code, message: messageFor(code, ctx.locale) };
    }),
  };
  if (o.format) result.format = o.format;
  if (o.issuer) result.issuer = o.issuer;
  // Only the two fields a door check needs, whatever else a format module found.
  if (o.holder) result.holder = o.holder.birthDate ? { name: o.holder.name, birthDate: o.holder.birthDate } : { name: o.holder.name };
  if (o.credential) result.credential = ctx.disclose === 'full' ? o.credential : { kind: o.credential.kind };
  if (ctx.disclose === 'full') {
    if (o.issuedAt) result.issuedAt = o.issuedAt;
    if (o.expiresAt) result.expiresAt = o.expiresAt;
  }
  if (o.incomplete) result.chunks = o.incomplete;
  if (o.revocationChecked !== undefined) result.revocationChecked = o.revocationChecked;
  if (o.revocationStale) result.revocationStale = true;
  if (ctx.policy) result.policy = evaluatePolicy(ctx.policy, o, ctx.now, ctx.locale, ctx.disclose);
  return result;
}
