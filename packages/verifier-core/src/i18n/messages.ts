import type { ErrorCode } from '../errors.js';

// Placeholder until issue #4 lands: English only.
const en: Record<ErrorCode, string> = {
  UNSUPPORTED_FORMAT: 'This is not a health pass this scanner knows.',
  MALFORMED: 'The pass is damaged or badly encoded.',
  BAD_COMPRESSION: 'The pass data cannot be unpacked.',
  BAD_HEADER: 'The pass uses a signature method that is not allowed.',
  SCHEMA: 'The pass content is not a valid health credential.',
  UNKNOWN_ISSUER: 'The pass comes from an issuer that is not trusted.',
  UNKNOWN_KEY: 'The issuer is trusted, but not the key that signed this pass.',
  BAD_SIGNATURE: 'The signature is not valid: the pass may have been altered.',
  KEY_USAGE: 'The issuer key may not sign this kind of pass.',
  NOT_YET_VALID: 'The pass is not valid yet.',
  EXPIRED: 'The pass has expired.',
  REVOKED: 'The issuer has revoked this pass.',
  INCOMPLETE: 'Some parts of the pass are still missing: scan every QR code.',
};

export function messageFor(code: ErrorCode, _locale = 'en'): string {
  return en[code];
}
