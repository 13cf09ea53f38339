import { isVerifierError, type ErrorCode } from './errors.js';
import { messageFor } from './i18n/messages.js';
import type { FormatOutcome } from './outcome.js';
import { evaluatePolicy, resolvePolicy, type Policy } from './policy/policy.js';
import { verifyShc } from './shc/verify.js';
import { verifyDcc } from './dcc/verify.js';
import { verifyIdhp } from './idhp/verify.js';
import { trustInternals, type TrustInternals, type TrustStore } from './trust/store.js';
import type { Disclosure, VerificationResult } from './types.js';
import { classifyInput } from './classify.js';
import { passIdFunction, passIdKeyBytes } from './pass-id.js';

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
  /** One QR text, or every chunk of a chunked SMART Health Card (any order). */
  verify(input: string | string[]): Promise<VerificationResult>;
}

export function createVerifier(options: VerifierOptions): Verifier {
  if (!options || typeof options !== 'object') throw new TypeError('createVerifier: options are required');
  const internals = (options.trust as Partial<TrustStore> | undefined)?.[trustInternals];
  if (!internals) throw new TypeError('createVerifier: `trust` must come from createTrustStore()');
  const policy = options.policy === undefined ? undefined : resolvePolicy(options.policy);
  const clock = options.clock ?? (() => new Date());
  const locale = options.locale ?? 'en';
  const disclose = options.disclose ?? 'minimal';
  if (disclose !== 'minimal' && disclose !== 'full') throw new TypeError("createVerifier: disclose must be 'minimal' or 'full'");
  const passIdOf = passIdFunction(passIdKeyBytes(options.passIdKey));

  return {
    async verify(input) {
      if (typeof input !== 'string' && !(Array.isArray(input) && input.every((x) => typeof x === 'string'))) {
        throw new TypeError('verify: input must be a string or an array of strings');
      }
      if (!internals.settled) await internals.ready;
      const now = clock();
      if (!(now instanceof Date) || Number.isNaN(now.getTime())) throw new TypeError('verify: clock() must return a valid Date');
      const outcome = await run(input, internals, now);
      const result = toResult(outcome, { policy, now, locale, disclose });
      if (outcome.identity && !outcome.incomplete) {
        const id = passIdOf(outcome.identity);
        result.passId = typeof id === 'string' ? id : await id;
      }
      return result;
    },
  };
}

async function run(input: string | string[], trust: TrustInternals, now: Date): Promise<FormatOutcome> {
  const kind = classifyInput(input);
  try {
    switch (kind.format) {
      case 'shc': return await verifyShc(kind.input, trust, now);
      case 'dcc': return await verifyDcc(kind.input, trust, now);
      case 'idhp': return await verifyIdhp(kind.input, trust, now);
      default: return { format: undefined as never, errors: [kind.error] };
    }
  } catch (e) {
    if (isVerifierError(e)) return { format: kind.format, errors: [e.code] } as FormatOutcome;
    // A format module must never let a bad pass escape as an exception; if one does, the pass is still refused.
    return { format: kind.format, errors: ['MALFORMED'] } as FormatOutcome;
  }
}

function toResult(o: FormatOutcome, ctx: { policy?: Policy; now: Date; locale: string; disclose: Disclosure }): VerificationResult {
  const codes: ErrorCode[] = o.incomplete ? ['INCOMPLETE'] : o.errors.length > 1 ? [...new Set(o.errors)] : o.errors;
  const result: VerificationResult = {
    status: o.incomplete ? 'incomplete' : codes.length ? 'invalid' : 'valid',
    errors: codes.map((code) => ({ code, message: messageFor(code, ctx.locale) })),
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
  if (ctx.policy) result.policy = evaluatePolicy(ctx.policy, o, ctx.now, ctx.locale, ctx.disclose);
  return result;
}
