import { TrustError } from '../errors.js';
import type { DccRevocationList, DccSignerInput, TrustReport } from '../types.js';
import type { TrustSection } from './section.js';

// Placeholder until issue #3 lands: trusts nothing.
export class DccTrust implements TrustSection<DccSignerInput> {
  async add(_input: DccSignerInput): Promise<TrustReport> {
    throw new TrustError('INVALID_CERTIFICATE', 'EU DCC signers are not supported yet');
  }
  async addRevocations(_list: DccRevocationList): Promise<TrustReport> { return { rejected: [] }; }
  entries(): DccSignerInput[] { return []; }
  revocationEntries(): DccRevocationList[] { return []; }
}
