import type { Policy } from './types.js';

/**
 * Ready-made policies. Each names its source; venues with other rules write
 * their own policy JSON.
 */
export const policyPresets: Record<string, Policy> = {
  /**
   * New York State, spring 2021 (Excelsior Pass launch; NYS interim guidance
   * for events, as summarised in formats.md §4): a complete series at least 14
   * days before the event, or a negative PCR/NAAT sample within 72 hours, or a
   * negative antigen sample within 6 hours. Counted on New York's calendar.
   */
  'ny-2021': {
    id: 'ny-2021',
    timeZone: 'America/New_York',
    rules: [
      { id: 'vaccinated-14d', type: 'vaccination', minDaysSinceComplete: 14 },
      { id: 'naat-72h', type: 'test', testTypes: ['naat'], maxHoursSinceSample: 72 },
      { id: 'antigen-6h', type: 'test', testTypes: ['antigen'], maxHoursSinceSample: 6 },
    ],
  },
  /**
   * Fully vaccinated: the last dose of a complete primary series at least 14
   * days ago (CDC's 2021 definition of "fully vaccinated"; the same 14 days
   * the EU's Council Recommendation (EU) 2022/107 uses).
   */
  vaccinated: {
    id: 'vaccinated',
    rules: [{ id: 'vaccinated-14d', type: 'vaccination', minDaysSinceComplete: 14 }],
  },
  /**
   * Recently tested negative: NAAT/PCR sample within 72 hours or rapid antigen
   * within 24 hours (Council Recommendation (EU) 2022/107, point on
   * test certificates for travel).
   */
  tested: {
    id: 'tested',
    rules: [
      { id: 'naat-72h', type: 'test', testTypes: ['naat'], maxHoursSinceSample: 72 },
      { id: 'antigen-24h', type: 'test', testTypes: ['antigen'], maxHoursSinceSample: 24 },
    ],
  },
  /** Any authentic, in-date pass of any kind: the library's own check, as a door decision. */
  'any-valid': {
    id: 'any-valid',
    rules: [{ id: 'any-valid', type: 'any-valid' }],
  },
};

export const PolicyPresetNames = Object.keys(policyPresets);
