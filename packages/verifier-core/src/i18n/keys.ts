import { ErrorCodes, TrustErrorCodes, type ErrorCode, type TrustErrorCode } from '../errors.js';

/**
 * Why a policy rule did not admit a pass (or, for VACCINATED … VALID_PASS, what
 * admitted it; the last two refuse under every policy). Stable strings, like error codes; each has a message in every language.
 */
export const PolicyReasonCodes = [
  'PASS_NOT_VALID', 'FORMAT_NOT_ACCEPTED', 'ISSUER_NOT_ACCEPTED', 'COUNTRY_NOT_ACCEPTED',
  'NOT_VACCINATION', 'SERIES_INCOMPLETE', 'VACCINATION_TOO_RECENT',
  'NOT_TEST', 'TEST_TYPE_NOT_ACCEPTED', 'TEST_NOT_NEGATIVE', 'TEST_TOO_OLD', 'TEST_TIME_UNKNOWN',
  'NOT_RECOVERY', 'RECOVERY_NOT_CURRENT', 'NOT_UNDER_AGE',
  'VACCINATED', 'TESTED_NEGATIVE', 'RECOVERED', 'AGE_EXEMPT', 'VALID_PASS',
  // Refusals that come before any rule: the door cannot decide on such a pass whatever the policy.
  'IDENTITY_WITHHELD', 'DATED_IN_FUTURE',
] as const;
export type PolicyReasonCode = (typeof PolicyReasonCodes)[number];

/**
 * Longer forms of four reasons, with the date that explains them, used only
 * with `disclose: 'full'`: a date of vaccination, test or recovery is health
 * data, which minimal disclosure keeps out of the result.
 */
export const DetailMessageKeys = {
  VACCINATION_TOO_RECENT: 'VACCINATION_COUNTS_FROM',
  VACCINATED: 'VACCINATED_SINCE',
  TESTED_NEGATIVE: 'TESTED_NEGATIVE_AT',
  RECOVERED: 'RECOVERED_UNTIL',
} as const;
export type DetailMessageKey = (typeof DetailMessageKeys)[keyof typeof DetailMessageKeys];

/** Error codes of results and of trust reports, policy reasons, and their detailed forms. */
export type MessageKey = ErrorCode | TrustErrorCode | PolicyReasonCode | DetailMessageKey;
/** One language's messages. Placeholders: {date}, {hours}, {years}. */
export type Catalog = Record<MessageKey, string>;

/** Every key each language must have a message for. */
export const MessageKeys: readonly MessageKey[] = [...ErrorCodes, ...TrustErrorCodes, ...PolicyReasonCodes, ...Object.values(DetailMessageKeys)];
