import type { ErrorCode } from './errors.js';
import type { Credential, Holder, PassFormat } from './types.js';

/**
 * What a format module hands back to the verifier: everything it learned, with
 * the full credential. The verifier then applies the policy, the disclosure
 * level and the message language. A format module reports a bad pass through
 * `errors` (or by throwing a VerifierError); it never lets another error out.
 */
export interface FormatOutcome {
  format: PassFormat;
  errors: ErrorCode[];
  incomplete?: { have: number; total: number };
  issuer?: { id: string; name?: string };
  holder?: Holder;
  credential?: Credential;
  issuedAt?: Date;
  expiresAt?: Date;
  revocationChecked?: boolean;
  revocationStale?: boolean;
  /** The pass hides (or lacks) the holder's given name, family name or birth date: no door decision can rest on it. */
  identityWithheld?: boolean;
  /** result.passId (see pass-id.ts); set only once the signature has verified. A promise only for a CryptoKey passIdKey. */
  passId?: string | Promise<string>;
  /** The field an error is about, where known (shown with `disclose: 'full'`). */
  errorFields?: Partial<Record<ErrorCode, string>>;
  /** A DCC's payload and times, for its business rules (see dcc/rules.ts). */
  dcc?: { payload: () => Record<string, unknown>; iat: number; exp: number; issuingCountry?: string };
  /** The outcome of each `eu-dcc` policy rule, by rule id, worked out before the policy is evaluated. */
  dccRuleFindings?: ReadonlyMap<string, DccRuleFinding>;
}

/** What running one country's business rules on a pass found. */
export interface DccRuleFinding {
  /** The country has no acceptance rule in force: nothing says yes, so the pass is refused. */
  missing?: boolean;
  failed: { identifier: string; description?: { lang: string; desc: string }[] }[];
}
