// @pass-check/verifier-core: explicit named exports only.
export { createVerifier } from './verifier.js';
export type { Verifier, VerifierOptions } from './verifier.js';
export { createTrustStore } from './trust/store.js';
export type { TrustStore } from './trust/store.js';
export { memoryStorage, idbStorage } from './trust/storage.js';
export { importVciSnapshot } from './trust/vci.js';
export type { VciIssuerList, VciSnapshot, VciImportReport } from './trust/vci.js';
export { VerifierError, TrustError, ErrorCodes, TrustErrorCodes } from './errors.js';
export type { ErrorCode, TrustErrorCode } from './errors.js';
export { resolvePolicy, evaluatePolicy } from './policy/policy.js';
export type {
  Policy, PolicyRule, RuleFilters, VaccinationRule, TestRule, RecoveryRule, AgeExemptionRule, AnyValidRule,
} from './policy/policy.js';
export { PolicyPresetNames } from './policy/presets.js';
export { messageFor } from './i18n/messages.js';
export { PolicyReasonCodes, MessageKeys } from './i18n/keys.js';
export type { PolicyReasonCode, MessageKey } from './i18n/keys.js';
export { supportedLanguages, resolveLanguage } from './i18n/locale.js';
export type { Language } from './i18n/locale.js';
export { MAX_INPUT_CHARS, MAX_SHC_CHUNKS } from './classify.js';
export { importDccTrustList } from './dcc/trust-list.js';
export type { DccTrustListEntry } from './dcc/trust-list.js';
/** The parsed signer certificate the trust store keeps (reachable through TrustStore's internals' types). */
export type { Certificate as X509Certificate } from './internal/x509.js';
export type {
  VerificationResult, ResultError, Holder, Credential, CredentialKind, VaccinationCredential, TestCredential,
  RecoveryCredential, OtherCredential, Dose, TestType, TestOutcome, PolicyOutcome, PassFormat, Disclosure,
  TrustReport, TrustBundle, TrustStorage, ShcIssuerInput, DccSignerInput, IdhpIssuerInput, DccRevocationList,
} from './types.js';
export type { VdsncCscaInput, DivocIssuerInput } from './types.js';
export type { SignedByIssuer as X509Signed } from './internal/x509.js';
export type { RevocationList } from './internal/crl.js';
