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
  /** The pass hides (or lacks) the holder's given name, family name or birth date: no door decision can rest on it. */
  identityWithheld?: boolean;
  /** result.passId (see pass-id.ts); set only once the signature has verified. Computed while WebCrypto checks the signature. */
  passId?: string | Promise<string>;
}
