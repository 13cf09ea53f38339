import type { ErrorCode } from '../errors.js';
import type { FormatOutcome } from '../outcome.js';
import type { CborMap } from '../internal/cbor.js';
import type { TrustInternals } from '../trust/store.js';
import { credentialOf, holderOf } from './credential.js';
import { badChecksum, dccScratch, decodeDccClaims, decodeDccCose } from './decode.js';
import { passIdentity, type PassIdOf } from '../pass-id.js';
import { isRevoked } from './revocation.js';
import { readDccDocument, type DccDocument } from './schema.js';
import { codeOutsideValueSets } from './value-sets.js';
import { dccPayloadJson } from './payload.js';
import { dccSignerCandidates, dccSignerThatSigned, unknownSignerCode } from './signature.js';

/** CWT claim keys (RFC 8392) and the DCC's hcert claim. */
const Claim = { iss: 1, exp: 4, iat: 6, hcert: -260 } as const;
const HCERT_DCC_V1 = 1;
/**
 * How far a pass's `iat` may lie in the future of the scanner's clock: issuing
 * systems and door devices disagree by seconds to minutes, and a pass printed a
 * minute ago is not "not yet valid".
 */
export const DCC_CLOCK_SKEW_SECONDS = 300;

type Seconds = number | undefined | 'invalid';
function seconds(claims: CborMap, key: number): Seconds {
  const value = claims.get(key);
  if (value === undefined) return undefined;
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : 'invalid';
}

/** EU DCC: `HC1:` + base45(zlib(COSE_Sign1)). */
export async function verifyDcc(input: string, trust: TrustInternals, now: Date, idOf?: PassIdOf): Promise<FormatOutcome> {
  // Decoded into buffers reused by every scan: from here to the first `await`, the
  // scan reads the COSE and hands out nothing that points into it (see DccScratch).
  const scratch = dccScratch();
  const { cose, checksumHolds } = decodeDccCose(input, scratch);
  // The signature check starts first and runs in WebCrypto while the zlib checksum is
  // checked and the payload decoded here; nothing read from the payload is used before
  // the signature holds.
  const candidates = dccSignerCandidates(cose, trust.dcc);
  const signing = candidates.signers ? dccSignerThatSigned(cose, candidates.signers, scratch.signed) : undefined;
  let claims: CborMap;
  try {
    if (!checksumHolds()) throw badChecksum();
    claims = decodeDccClaims(cose);
  } catch (e) {
    await signing;
    throw e;
  }
  // The signed payload and the kid, copied out of the scratch buffers before the first await: not the
  // signature (ECDSA's (r, n−s) twin), the zlib stream or the COSE/CWT tags around them.
  // MACed now, while WebCrypto checks the signature; handed out only if it holds.
  const passId = cose.kid && candidates.signers && idOf ? idOf(passIdentity('dcc', cose.kid, cose.payload)) : undefined;
  const iss = claims.get(Claim.iss);
  const issuingCountry = typeof iss === 'string' ? iss : undefined;
  const hcert = claims.get(Claim.hcert);
  const doc = hcert instanceof Map ? readDccDocument(hcert.get(HCERT_DCC_V1)) : undefined;
  const iat = seconds(claims, Claim.iat);
  const exp = seconds(claims, Claim.exp);
  // Everything that does not depend on which signer signed is worked out while WebCrypto
  // checks the signature, and handed out only once it holds: the scan waits on the
  // signature alone. The hcert profile requires both times: a pass without `exp` would never expire.
  const readable = doc && typeof iat === 'number' && typeof exp === 'number' && (iss === undefined || typeof iss === 'string')
    ? prepare(doc, iat, exp, issuingCountry, now, trust)
    : undefined;
  // Revocation too: every candidate has the pass's kid and algorithm, so whichever signed,
  // the same lists and hashes apply.
  const candidate = candidates.signers?.[0];
  const revoked = readable && candidate && isRevoked(trust.dcc, {
    kid: candidate.kid,
    uvci: readable.uvci,
    countries: readable.countries,
    signature: cose.signature,
    alg: candidate.alg,
  });

  if (candidates.error === 'noSigner') return { format: 'dcc', errors: [unknownSignerCode(trust.dcc, issuingCountry)] };
  if (candidates.error) return { format: 'dcc', errors: [candidates.error] };
  const signer = await signing;
  if (!signer) return { format: 'dcc', errors: ['BAD_SIGNATURE'] };

  // From here on the content is authentic: report every problem found, not just the first.
  if (!readable) return { format: 'dcc', errors: ['SCHEMA'], issuer: { id: issuingCountry ?? signer.country ?? signer.kid }, ...(passId === undefined ? {} : { passId }) };
  const { outcome, errors, issuedAtMs } = readable;
  if (passId !== undefined) outcome.passId = passId;
  // A signer may sign only while its certificate is valid: a pass issued outside that window is refused
  // with the time code of the side it falls on (see docs/notes/dcc.md).
  if (issuedAtMs < signer.certificate.notBefore.getTime()) errors.push('NOT_YET_VALID');
  if (issuedAtMs > signer.certificate.notAfter.getTime()) errors.push('EXPIRED');
  if (signer.mayIssue && !signer.mayIssue.has(readable.kind)) errors.push('KEY_USAGE');
  // A signer signs for its own country only: a pass claiming another issuing country is refused, and the
  // screen names the signer's country, not the claimed one. (A signer of no known country cannot be compared.)
  // `iss` is an ISO 3166 code by the hcert spec; some issuers write a name instead, which names no country to compare.
  const signerCountry = signer.country;
  const claimedCountry = issuingCountry && /^[A-Za-z]{2}$/.test(issuingCountry) ? issuingCountry.toUpperCase() : undefined;
  if (claimedCountry && signerCountry && signerCountry !== claimedCountry) errors.push('KEY_USAGE');
  if (signerCountry && signerCountry !== claimedCountry) outcome.issuer = { id: signerCountry, ...(outcome.issuer?.name ? { name: outcome.issuer.name } : {}) };
  if (revoked) errors.push('REVOKED');
  outcome.revocationChecked = revoked !== undefined;
  return outcome;
}

/** The outcome of an authentic pass with this content, and the errors its own times give. */
function prepare(doc: DccDocument, iat: number, exp: number, issuingCountry: string | undefined, now: Date, trust: TrustInternals) {
  const errors: ErrorCode[] = [];
  const unlisted = codeOutsideValueSets(doc.group, doc.source, trust.dccRules);
  if (unlisted) errors.push('SCHEMA');
  const nowSeconds = now.getTime() / 1000;
  if (nowSeconds + DCC_CLOCK_SKEW_SECONDS < iat) errors.push('NOT_YET_VALID');
  if (nowSeconds > exp) errors.push('EXPIRED');
  const outcome: FormatOutcome = {
    format: 'dcc',
    errors,
    issuer: { id: issuingCountry ?? doc.entry.co, name: doc.entry.is },
    holder: holderOf(doc),
    credential: credentialOf(doc),
    issuedAt: new Date(iat * 1000),
    expiresAt: new Date(exp * 1000),
    // For the EU business rules, read only when a policy runs them.
    dcc: { payload: () => dccPayloadJson(doc.hcert), iat, exp, ...(issuingCountry ? { issuingCountry } : {}) },
  };
  if (unlisted) outcome.errorFields = { SCHEMA: unlisted };
  return {
    outcome, errors, kind: doc.kind, uvci: doc.entry.ci, issuedAtMs: iat * 1000,
    countries: issuingCountry ? [doc.entry.co, issuingCountry] : [doc.entry.co],
  };
}
