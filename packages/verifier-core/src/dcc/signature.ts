// The COSE_Sign1 signature against the trust store's signers for its kid.
import type { ErrorCode } from '../errors.js';
import { CoseAlgorithm, sigStructure, type CoseSign1 } from '../internal/cose.js';
import type { DccSigner, DccTrust } from '../trust/dcc.js';

const ALG_NAMES: Record<number, 'ES256' | 'PS256'> = { [CoseAlgorithm.ES256]: 'ES256', [CoseAlgorithm.PS256]: 'PS256' };
/** ES256 in COSE is raw r‖s (RFC 9053 §2.1), never DER: twice the curve's scalar size. */
const ECDSA_SIGNATURE_BYTES: Record<string, number> = { 'P-256': 64, 'P-384': 96 };

/** Built once: algorithm normalisation of a fresh object on every call costs measurable time per scan. */
const ES256_PARAMS: EcdsaParams = { name: 'ECDSA', hash: 'SHA-256' };
const PS256_PARAMS: RsaPssParams = { name: 'RSA-PSS', saltLength: 32 };

/**
 * The trusted signers that could have made this signature: those under the pass's
 * kid (kids can collide) with the pass's algorithm and signature size. `noSigner`
 * when the kid is unknown (UNKNOWN_KEY or UNKNOWN_ISSUER, which needs the claims).
 */
export function dccSignerCandidates(cose: CoseSign1, trust: DccTrust): { signers: DccSigner[]; error?: undefined } | { error: ErrorCode | 'noSigner'; signers?: undefined } {
  const alg = cose.alg === undefined ? undefined : ALG_NAMES[cose.alg];
  if (!alg) return { error: 'BAD_HEADER' };
  if (!cose.kid || cose.kid.length === 0) return { error: 'BAD_HEADER' };
  const candidates = trust.signersFor(cose.kid);
  if (!candidates.length) return { error: 'noSigner' };
  const usable = candidates.filter((s) => s.alg === alg && (alg !== 'ES256' || ECDSA_SIGNATURE_BYTES[(s.certificate.publicKey as { crv: string }).crv] === cose.signature.length));
  if (!usable.length) return { error: 'BAD_SIGNATURE' };
  return { signers: usable };
}

/**
 * The signer whose key verifies the COSE signature, or undefined. Never rejects, so
 * the caller may start it and decode the payload while WebCrypto works. Every
 * candidate's check starts before this returns (kids can collide), as WebCrypto copies
 * its inputs when called: `into` (a reused buffer for the Sig_structure) and the COSE
 * may be overwritten as soon as the caller awaits.
 */
export function dccSignerThatSigned(cose: CoseSign1, signers: DccSigner[], into?: Uint8Array): Promise<DccSigner | undefined> {
  const signed = sigStructure(cose, undefined, into) as Uint8Array<ArrayBuffer>;
  // A view into the COSE bytes: WebCrypto copies what it is given when called.
  const signature = cose.signature as Uint8Array<ArrayBuffer>;
  if (signers.length === 1) {
    const signer = signers[0]!;
    return signatureHolds(signer, signature, signed).then((ok) => (ok ? signer : undefined));
  }
  const checks = signers.map((signer) => signatureHolds(signer, signature, signed));
  return Promise.all(checks).then((held) => signers[held.indexOf(true)]);
}

function signatureHolds(signer: DccSigner, signature: Uint8Array<ArrayBuffer>, signed: Uint8Array<ArrayBuffer>): Promise<boolean> {
  try {
    // A signature WebCrypto cannot even process is simply not a valid one.
    return crypto.subtle.verify(signer.alg === 'ES256' ? ES256_PARAMS : PS256_PARAMS, signer.key, signature, signed).catch(() => false);
  } catch {
    return Promise.resolve(false);
  }
}

/** No signer under the kid: the key is unknown when its country is trusted at all, else the issuer is. */
export const unknownSignerCode = (trust: DccTrust, issuingCountry: string | undefined): ErrorCode =>
  issuingCountry && trust.knowsCountry(issuingCountry) ? 'UNKNOWN_KEY' : 'UNKNOWN_ISSUER';
