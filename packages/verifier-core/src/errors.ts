// Stable error codes (docs/api.md). States are `as const` objects plus a type.

export const ErrorCodes = [
  'UNSUPPORTED_FORMAT', 'MALFORMED', 'BAD_COMPRESSION', 'BAD_HEADER', 'SCHEMA', 'UNKNOWN_ISSUER',
  'UNKNOWN_KEY', 'BAD_SIGNATURE', 'KEY_USAGE', 'NOT_YET_VALID', 'EXPIRED', 'REVOKED', 'INCOMPLETE',
] as const;
export type ErrorCode = (typeof ErrorCodes)[number];

export const TrustErrorCodes = ['INVALID_KEY', 'INVALID_CERTIFICATE', 'INVALID_X5C', 'INVALID_CRL', 'INVALID_RULE'] as const;
export type TrustErrorCode = (typeof TrustErrorCodes)[number];

/** Codes of a TrustError thrown by importBundle(bundle, { key }): unsigned, signed by another key, older than the bundle held, not a bundle. */
export const BundleErrorCodes = ['BUNDLE_UNSIGNED', 'BUNDLE_SIGNATURE', 'BUNDLE_ROLLBACK', 'BUNDLE_INVALID'] as const;
export type BundleErrorCode = (typeof BundleErrorCodes)[number];

/** A pass that fails a check. Format code throws it internally; `verify()` turns it into a result. */
export class VerifierError extends Error {
  override name = 'VerifierError';
  constructor(readonly code: ErrorCode, message: string = code) {
    super(message);
  }
}

/** Thrown by `add*()`/`importBundle()` only when nothing usable is left in the input. */
export class TrustError extends Error {
  override name = 'TrustError';
  constructor(readonly code: TrustErrorCode | BundleErrorCode, message: string = code) {
    super(message);
  }
}

export const isVerifierError = (e: unknown): e is VerifierError => e instanceof VerifierError;
