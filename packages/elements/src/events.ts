// The events both elements fire. Shaped like native events: they bubble and
// cross shadow roots, so a page can listen on the element or on document.
import type { VerificationResult } from '@pass-check/verifier-core';
import type { ScannerErrorCode } from './pass-scanner/states.js';

/** A completed scan: a verdict for one pass (a chunked card counts once, when complete). */
export class PassResultEvent extends Event {
  static readonly eventName = 'pass-result';
  readonly detail: VerificationResult;
  /** When the same pass was already scanned within the duplicate window: the time of that scan. */
  readonly duplicateOf: Date | undefined;
  /**
   * performance.now() of the first camera frame since scanning (re)started, i.e. the first
   * frame that could show this code; for a pasted or uploaded pass, when it was handed in.
   */
  readonly frameAt: number | undefined;
  /** With a gate sync: the gate that admitted the pass first, when `duplicateOf` is set ('' or undefined: this device). */
  readonly duplicateGate: string | undefined;
  /** The pass was let in before ("already scanned"), with or without a known time (`duplicateOf`). */
  readonly duplicate: boolean;

  constructor(result: VerificationResult, duplicateOf?: Date, frameAt?: number, duplicateGate?: string, duplicate = !!duplicateOf) {
    super(PassResultEvent.eventName, { bubbles: true, composed: true });
    this.detail = result;
    this.duplicateOf = duplicateOf;
    this.frameAt = frameAt;
    this.duplicateGate = duplicateGate;
    this.duplicate = duplicate;
  }
}

/**
 * A pass this gate admitted while offline had been admitted at another gate too (found on
 * reconnection). No pass data: which gate, and the two times.
 */
export class PassLateDuplicateEvent extends Event {
  static readonly eventName = 'pass-late-duplicate';
  readonly detail: { gate: string; at: Date; admittedHereAt: Date };

  constructor(detail: { gate: string; at: Date; admittedHereAt: Date }) {
    super(PassLateDuplicateEvent.eventName, { bubbles: true, composed: true });
    this.detail = detail;
  }
}

/** Camera, decoder or setup trouble (never a bad pass: that is a `pass-result`). */
export class PassErrorEvent extends Event {
  static readonly eventName = 'pass-error';
  readonly detail: { code: ScannerErrorCode; message: string };

  constructor(code: ScannerErrorCode, message: string) {
    super(PassErrorEvent.eventName, { bubbles: true, composed: true });
    this.detail = { code, message };
  }
}

/**
 * A background refresh of the `trust` bundle ended (`updated`, `unchanged`, `failed`), or came due
 * during a scan and waits for the result screen to end (`deferred`). For staff logs and tests.
 */
export class PassTrustRefreshEvent extends Event {
  static readonly eventName = 'pass-trust-refresh';
  readonly detail: { outcome: 'updated' | 'unchanged' | 'failed' | 'deferred' };

  constructor(outcome: 'updated' | 'unchanged' | 'failed' | 'deferred') {
    super(PassTrustRefreshEvent.eventName, { bubbles: true, composed: true });
    this.detail = { outcome };
  }
}

declare global {
  interface HTMLElementEventMap {
    'pass-result': PassResultEvent;
    'pass-error': PassErrorEvent;
    'pass-late-duplicate': PassLateDuplicateEvent;
    'pass-trust-refresh': PassTrustRefreshEvent;
  }
}
