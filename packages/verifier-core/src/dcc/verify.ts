import type { FormatOutcome } from '../outcome.js';
import type { TrustInternals } from '../trust/store.js';

/** EU DCC: `HC1:` + base45(zlib(COSE_Sign1)). */
export async function verifyDcc(input: string, _trust: TrustInternals, _now: Date): Promise<FormatOutcome> {
  void input;
  return { format: 'dcc', errors: ['UNSUPPORTED_FORMAT'] };
}
