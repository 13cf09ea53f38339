// What <pass-scanner> asks before admitting someone: has this pass been admitted
// already, here or at another gate? Any object with this shape will do
// (`@pass-check/gate-sync` makes one over NATS for a venue's gates); without one,
// the device's own duplicate memory answers, as LocalGateSync.
import type { DuplicateDetector } from './duplicate-detector.js';

/** The answer to a claim: the first presentation, or who admitted the pass and when. */
export type GateClaim = { first: true } | { first: false; gate: string; at: Date };

/** The shape of `@pass-check/gate-sync`'s GateSync; elements depends on the shape only, not on NATS. */
export interface GateSyncLike {
  claim(passId: string): Promise<GateClaim>;
  close(): Promise<void>;
}

/** A GateSync for one device: the duplicate detector's window and storage, no network. */
export class LocalGateSync implements GateSyncLike {
  /**
   * @param detector the device's duplicate memory.
   * @param gate the name this device reports as the admitting gate ('' : "already scanned", no gate named).
   */
  constructor(readonly detector: DuplicateDetector, readonly gate = '') {}

  async claim(passId: string): Promise<GateClaim> {
    const at = await this.detector.check(passId);
    return at ? { first: false, gate: this.gate, at } : { first: true };
  }

  async close(): Promise<void> {}
}

/** Status and late-duplicate events a GateSync may fire (the NATS one does). */
export const GateSyncEventNames = { status: 'gate-sync-status', lateDuplicate: 'gate-sync-late-duplicate' } as const;
