import type { FormatOutcome } from '../outcome.js';
import type { TrustInternals } from '../trust/store.js';

/** SMART Health Card inputs: `shc:/` numeric (single or chunks), bare compact JWS, `.smart-health-card` file text. */
export async function verifyShc(input: string | string[], _trust: TrustInternals, _now: Date): Promise<FormatOutcome> {
  void input;
  return { format: 'shc', errors: ['UNSUPPORTED_FORMAT'] };
}
