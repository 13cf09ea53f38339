import { TrustError } from '../errors.js';
import type { IdhpIssuerInput, TrustReport } from '../types.js';
import type { TrustSection } from './section.js';

// Placeholder until issue #4 lands: trusts nothing.
export class IdhpTrust implements TrustSection<IdhpIssuerInput> {
  async add(_input: IdhpIssuerInput): Promise<TrustReport> {
    throw new TrustError('INVALID_KEY', 'IBM Digital Health Pass issuers are not supported yet');
  }
  entries(): IdhpIssuerInput[] { return []; }
}
