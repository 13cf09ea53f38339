import { TrustError } from '../errors.js';
import type { ShcIssuerInput, TrustReport } from '../types.js';
import type { TrustSection } from './section.js';

// Placeholder until issue #2 lands: validates nothing yet, trusts nothing.
export class ShcTrust implements TrustSection<ShcIssuerInput> {
  async add(_input: ShcIssuerInput): Promise<TrustReport> {
    throw new TrustError('INVALID_KEY', 'SMART Health Card issuers are not supported yet');
  }
  entries(): ShcIssuerInput[] { return []; }
}
