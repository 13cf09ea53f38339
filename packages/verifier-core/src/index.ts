// @pass-check/verifier-core: explicit named exports only.
export { createVerifier } from './verifier.js';
export type { Verifier, VerifierOptions } from './verifier.js';
export { createTrustStore } from './trust/store.js';
export type { TrustStore, ImportBundleOptions, ImportReport } from './trust/store.js';
export { signBundle, openSignedBundle } from './trust/signed.js';
export { memoryStorage, idbStorage } from './trust/storage.js';
export { importVciSnapshot, vciSnapshotEntries } from './trust/vci.js';
export type { VciIssuerList, VciSnapshot, VciImportReport } from './trust/vci.js';
export { VerifierError, TrustError, ErrorCodes, TrustErrorCodes, BundleErrorCodes } from './errors.js';
export type { ErrorCode, TrustErrorCode, BundleErrorCode } from './errors.js';
export { resolvePolicy, evaluatePolicy } from './policy/policy.js';
export type {
  Policy, PolicyRule, RuleFilters, VaccinationRule, TestRule, RecoveryRule, AgeExemptionRule, AnyValidRule, EuDccRule,
} from './policy/policy.js';
export { PolicyPresetNames } from './policy/presets.js';
export { messageFor } from './i18n/messages.js';
export { PolicyReasonCodes, MessageKeys } from './i18n/keys.js';
export type { PolicyReasonCode, MessageKey } from './i18n/keys.js';
export { supportedLanguages, resolveLanguage } from './i18n/locale.js';
export type { Language } from './i18n/locale.js';
export { MAX_INPUT_CHARS, MAX_SHC_CHUNKS, detectFormat } from './classify.js';
export { importDccTrustList } from './dcc/trust-list.js';
export { evaluateDccRules, selectDccRules } from './dcc/rules.js';
export type { DccRuleContext, DccRuleResult } from './dcc/rules.js';
export { BUILTIN_DCC_VALUE_SETS, BUILTIN_DCC_VALUE_SETS_VERSION } from './dcc/value-set-data.js';
export type { DccTrustListEntry } from './dcc/trust-list.js';
/** The parsed signer certificate the trust store keeps (reachable through TrustStore's internals' types). */
export type { Certificate as X509Certificate } from './internal/x509.js';
export type {
  VerificationResult, ResultError, Holder, Credential, CredentialKind, VaccinationCredential, TestCredential,
  RecoveryCredential, OtherCredential, Dose, TestType, TestOutcome, PolicyOutcome, PassFormat, Disclosure,
  TrustReport, TrustBundle, TrustStorage, ShcIssuerInput, DccSignerInput, IdhpIssuerInput, DccRevocationList,
} from './types.js';
export type { DccBusinessRule, DccValueSetsInput } from './types.js';
export type { VdsncCscaInput, DivocIssuerInput } from './types.js';
export type { SignedByIssuer as X509Signed } from './internal/x509.js';
export type { RevocationList } from './internal/crl.js';
