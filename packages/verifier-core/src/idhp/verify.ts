import type { FormatOutcome } from '../outcome.js';
import type { TrustInternals } from '../trust/store.js';

/** IBM Digital Health Pass credential: the parsed JSON object. */
export async function verifyIdhp(credential: unknown, _trust: TrustInternals, _now: Date): Promise<FormatOutcome> {
  void credential;
  return { format: 'idhp', errors: ['UNSUPPORTED_FORMAT'] };
}
