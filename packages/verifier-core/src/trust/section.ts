import type { TrustReport } from '../types.js';

/** One format's part of a trust store. `add` throws a TrustError only when nothing usable is left. */
export interface TrustSection<Input> {
  add(input: Input): Promise<TrustReport>;
  /** What exportBundle writes for this format: the accepted entries, re-importable as they are. */
  entries(): Input[];
}
