// The public result and input shapes (docs/api.md is the contract).
import type { ErrorCode, TrustErrorCode } from './errors.js';

export type PassFormat = 'shc' | 'dcc' | 'idhp';
export type Disclosure = 'minimal' | 'full';

export interface ResultError { code: ErrorCode; message: string }

export interface Holder {
  /** The name as a person reads it, e.g. "Jane C. Anyperson". */
  name: string;
  /** ISO 8601 date, possibly partial ("1960", "1960-01") as the pass gives it. */
  birthDate?: string;
}

/** One vaccine dose. Dates are ISO 8601 dates ("2021-01-01") as written on the pass. */
export interface Dose {
  date: string;
  /** Human-readable product name where the code is known, e.g. "Pfizer-BioNTech COVID-19 (Comirnaty)". */
  product?: string;
  /** The code as given: CVX for SHC and IDHP, EU product id (mp) for DCC. */
  productCode?: string;
  /** Who gave it (SHC performer display) or the issuer (DCC `is`). */
  performer?: string;
  /** ISO 3166 country (DCC `co`). */
  country?: string;
  /** Dose n of m, where the pass says so (DCC dn/sd, IDHP doseNumber/dosesPerCycle). */
  doseNumber?: number;
  seriesDoses?: number;
  lotNumber?: string;
}

export interface VaccinationCredential {
  kind: 'vaccination';
  doses: Dose[];
  /** Whether the pass shows a complete primary series (2 mRNA doses, 1 Janssen dose, or dn >= sd). */
  seriesComplete: boolean;
  /** Date of the dose that completed the series (ISO date), when complete. */
  completedOn?: string;
}

export type TestType = 'naat' | 'antigen' | 'other';
export type TestOutcome = 'negative' | 'positive' | 'unknown';

export interface TestCredential {
  kind: 'test';
  testType: TestType;
  result: TestOutcome;
  /** When the specimen was collected. */
  collectedAt?: Date;
  /** Test code as given (LOINC for SHC/IDHP, LP… for DCC `tt`). */
  testCode?: string;
  testName?: string;
  country?: string;
  performer?: string;
}

export interface RecoveryCredential {
  kind: 'recovery';
  firstPositive?: string;
  validFrom?: string;
  validUntil?: string;
  country?: string;
}

export interface OtherCredential { kind: 'other'; types?: string[] }

/** Full credential details; with `disclose: 'minimal'` only `{ kind }` reaches the caller. */
export type Credential = VaccinationCredential | TestCredential | RecoveryCredential | OtherCredential;
export type CredentialKind = Credential['kind'];

export interface PolicyOutcome {
  decision: 'accept' | 'reject';
  /** Id of the rule that admitted. */
  rule?: string;
  /** Plain-words reasons: why each rule failed (on reject) or what admitted (on accept). */
  reasons: { rule?: string; code: string; message: string }[];
}

export interface VerificationResult {
  status: 'valid' | 'invalid' | 'incomplete';
  format?: PassFormat;
  errors: ResultError[];
  issuer?: { id: string; name?: string };
  holder?: Holder;
  credential?: Credential | { kind: CredentialKind };
  issuedAt?: Date;
  expiresAt?: Date;
  chunks?: { have: number; total: number };
  policy?: PolicyOutcome;
  /** false when the issuer published no revocation data for the key (nothing to check against). */
  revocationChecked?: boolean;
  /**
   * Present whenever the signature verified: the same for every encoding of one signed pass, different for
   * different passes, keyed with the verifier's passIdKey (base64url, 43 characters). Duplicate checks use it.
   */
  passId?: string;
}

export interface TrustReport {
  rejected: { kid?: string; code: TrustErrorCode; message: string }[];
}

export interface ShcIssuerInput {
  iss: string;
  name?: string;
  jwks: { keys: object[] };
  crls?: object[];
}

export interface DccSignerInput {
  /** base64 DER or DER bytes. */
  certificate: string | Uint8Array;
  country?: string;
}

export interface IdhpIssuerInput {
  id: string;
  name?: string;
  publicKeys: { id: string; publicKeyJwk: object }[];
}

/** DCC revocation list: SHA-256 hashes (hex or base64) truncated to 16 bytes; see formats.md §2. */
export interface DccRevocationList {
  /** 'UVCI' | 'COUNTRYCODEUVCI' | 'SIGNATURE' (the EU gateway's hash types). */
  hashType: 'UVCI' | 'COUNTRYCODEUVCI' | 'SIGNATURE';
  /** Hashes, base64 or hex; the first 16 bytes are compared. */
  hashes: string[];
  /** Optional: only passes signed by this kid (base64). */
  kid?: string;
  expires?: string;
}

/** Plain JSON: the shape the trust store persists offline and `exportBundle` returns. */
export interface TrustBundle {
  version: 1;
  updated?: string;
  shc?: ShcIssuerInput[];
  dcc?: DccSignerInput[];
  idhp?: IdhpIssuerInput[];
  dccRevocations?: DccRevocationList[];
}

/** Where a trust store keeps its bundle between sessions. */
export interface TrustStorage {
  load(): Promise<TrustBundle | undefined>;
  save(bundle: TrustBundle): Promise<void>;
}
