// What the scanner is doing, reflected as its `state` attribute so pages can style each screen.
export const ScannerStates = {
  idle: 'idle',
  starting: 'starting',
  scanning: 'scanning',
  /** Some chunks of a chunked SMART Health Card are in; waiting for the rest. */
  collecting: 'collecting',
  verifying: 'verifying',
  result: 'result',
  error: 'error',
} as const;
export type ScannerState = (typeof ScannerStates)[keyof typeof ScannerStates];

/** `pass-error` codes: stable strings, like the verifier's error codes. */
export const ScannerErrorCodes = {
  permissionDenied: 'PERMISSION_DENIED',
  noCamera: 'NO_CAMERA',
  insecureContext: 'INSECURE_CONTEXT',
  cameraBusy: 'CAMERA_BUSY',
  streamStalled: 'STREAM_STALLED',
  cameraFailed: 'CAMERA_FAILED',
  decoderUnavailable: 'DECODER_UNAVAILABLE',
  trustUnavailable: 'TRUST_UNAVAILABLE',
  unreadableImage: 'UNREADABLE_IMAGE',
  /** No `policy` attribute (or a `verifier` without one): the scanner refuses to decide rather than admit anything authentic. */
  noPolicy: 'NO_POLICY',
  /** The trust bundle is older than `trust-max-age` (or does not say its age): no verdicts until it is refreshed. */
  trustStale: 'TRUST_STALE',
  /**
   * A `gateSync` with a verifier the scanner built from its attributes: that verifier's pass ids are
   * this device's own, so other gates could never match them. Give a `verifier` made with the venue's `passIdKey`.
   */
  noVenueKey: 'NO_VENUE_KEY',
} as const;
export type ScannerErrorCode = (typeof ScannerErrorCodes)[keyof typeof ScannerErrorCodes];

/** The door decision shown on the result screen. */
export const Verdicts = {
  accepted: 'accepted',
  rejected: 'rejected',
  /** Authentic and acceptable, but already scanned within the duplicate window. */
  duplicate: 'duplicate',
} as const;
export type Verdict = (typeof Verdicts)[keyof typeof Verdicts];
