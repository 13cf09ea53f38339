// The shape every gate-sync implementation has: claim a pass id for this gate,
// and learn whether another gate (or this one) already admitted it.
// `<pass-scanner>` accepts any object of this shape as its `gateSync`.

/** The answer to a claim: first presentation, or who admitted the pass and when. */
export type ClaimResult = { first: true } | { first: false; gate: string; at: Date };

export interface GateSync {
  /** Claims `passId` for this gate. Resolves, never rejects, for a well-formed id. */
  claim(passId: string): Promise<ClaimResult>;
  close(): Promise<void>;
}

/** Whether the gate can reach the venue's shared memory; `pending` claims wait to be published. */
export interface GateSyncStatus {
  online: boolean;
  /** Claims admitted while offline and not yet published. */
  pending: number;
  /** Claims dropped, oldest first, because the offline queue was full: counted here, never silently. */
  dropped: number;
}

/** `gate-sync-status`: the gate went offline or came back, or its queue changed size. */
export class GateSyncStatusEvent extends Event {
  static readonly eventName = 'gate-sync-status';
  readonly detail: GateSyncStatus;
  constructor(status: GateSyncStatus) {
    super(GateSyncStatusEvent.eventName);
    this.detail = status;
  }
}

/**
 * `gate-sync-late-duplicate`: a pass this gate admitted while offline had been
 * admitted elsewhere too (found when the queue was published). Staff should hear of it.
 */
export class LateDuplicateEvent extends Event {
  static readonly eventName = 'gate-sync-late-duplicate';
  readonly detail: { passId: string; gate: string; at: Date; admittedHereAt: Date };
  constructor(detail: { passId: string; gate: string; at: Date; admittedHereAt: Date }) {
    super(LateDuplicateEvent.eventName);
    this.detail = detail;
  }
}

/** Longest pass id accepted: a keyed HMAC is far shorter; anything longer is a caller mistake. */
export const MAX_PASS_ID_LENGTH = 256;

export function checkPassId(passId: unknown): asserts passId is string {
  if (typeof passId !== 'string' || passId.length === 0 || passId.length > MAX_PASS_ID_LENGTH) {
    throw new TypeError(`passId must be a non-empty string of at most ${MAX_PASS_ID_LENGTH} characters`);
  }
}
