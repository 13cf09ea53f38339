import type { ErrorCode } from '../errors.js';
import { decodeBase64 } from '../internal/bytes.js';
import { canonicalizeJcs } from '../internal/jcs.js';
import { icaoStateOf } from '../internal/iso3166.js';
import { parseCertificate } from '../internal/x509.js';
import type { FormatOutcome } from '../outcome.js';
import type { TrustInternals } from '../trust/store.js';
import { revocationStatus, stateOf, type KnownSigner } from '../trust/vdsnc.js';
import { credentialOf, holderOf } from './map.js';
import { readSeal } from './seal.js';
import { passIdentity, type PassIdOf } from '../pass-id.js';

const fail = (code: ErrorCode): FormatOutcome => ({ format: 'vdsnc', errors: [code] });
const P256_SIGNATURE_BYTES = 64;

/** The seal's signer: a barcode signer (not a CA) with a P-256 key, issued by a trusted CSCA; remembered once found. */
async function knownSigner(cer: string, trust: TrustInternals): Promise<KnownSigner | { error: ErrorCode }> {
  const known = trust.vdsnc.knownSigner(cer);
  if (known) return known;
  // ICAO writes base64url; padding and the standard alphabet are seen in the wild too: decodeBase64 takes both.
  const der = decodeBase64(cer);
  const signer = der && parseCertificate(der);
  if (!signer) return { error: 'MALFORMED' };
  // A CA certificate is no barcode signer: letting one sign seals would skip the CA's control over its signers.
  if (signer.isCa) return { error: 'KEY_USAGE' };
  if (signer.publicKey.kty !== 'EC' || signer.publicKey.crv !== 'P-256') return { error: 'BAD_HEADER' };
  const csca = await trust.vdsnc.issuerOf(signer);
  if (!csca) return { error: 'UNKNOWN_ISSUER' };
  let key: CryptoKey;
  try {
    key = await crypto.subtle.importKey('spki', signer.subjectPublicKeyInfo as Uint8Array<ArrayBuffer>, { name: 'ECDSA', namedCurve: 'P-256' }, false, ['verify']);
  } catch {
    return { error: 'BAD_HEADER' };
  }
  const found = { signer, csca, key };
  trust.vdsnc.rememberSigner(cer, found);
  return found;
}

/**
 * ICAO VDS-NC seal (formats.md "ICAO VDS-NC"), parsed from JSON by the
 * classifier. Order: shape → signer certificate (a signer, not a CA, with a
 * P-256 key) → issued by a trusted CSCA of the seal's state → ES256 over the
 * RFC 8785 form of `data` → validity of the chain → the CA's CRL. Nothing
 * from the seal is reported until its signature has verified.
 */
export async function verifyVdsnc(json: unknown, trust: TrustInternals, now: Date, idOf?: PassIdOf): Promise<FormatOutcome> {
  const seal = readSeal(json);
  if ('error' in seal) return fail(seal.error);
  const signature = decodeBase64(seal.signature);
  const found = await knownSigner(seal.certificate, trust);
  if ('error' in found) return fail(found.error);
  const { signer, csca, key } = found;
  if (!signature || signature.length !== P256_SIGNATURE_BYTES) return fail('BAD_SIGNATURE');
  // A CA trusted for one state does not vouch for another state's seals; a CA whose state cannot be told vouches for none.
  // Germany's seals say "D<<" (ICAO Doc 9303-3), its certificates C=DE: both are DEU here.
  const caState = stateOf(csca);
  if (caState === undefined || caState !== icaoStateOf(seal.issuingState)) return fail('UNKNOWN_ISSUER');

  const canonical = canonicalizeJcs(seal.data);
  if (canonical === undefined) return fail('MALFORMED');
  let verified = false;
  try {
    verified = await crypto.subtle.verify({ name: 'ECDSA', hash: 'SHA-256' }, key, signature as Uint8Array<ArrayBuffer>, new TextEncoder().encode(canonical));
  } catch {
    verified = false;
  }
  if (!verified) return fail('BAD_SIGNATURE');

  const holder = holderOf(seal.message);
  const credential = credentialOf(seal.type, seal.message);
  if (!holder || !credential) return fail('SCHEMA');
  const outcome: FormatOutcome = {
    format: 'vdsnc',
    errors: [],
    issuer: { id: seal.issuingState },
    holder,
    credential,
  };
  // passId: what the signature covers (the RFC 8785 form of `data`) and the signer's key; not the seal's
  // whitespace, key order, base64 spelling of the certificate or the signature bytes.
  const passId = idOf?.(passIdentity('vdsnc', signer.subjectPublicKeyInfo, canonical));
  if (passId !== undefined) outcome.passId = passId;
  // The shell model: every certificate of the chain must be valid now.
  for (const certificate of [signer, csca.certificate]) {
    if (certificate.notBefore.getTime() > now.getTime()) outcome.errors.push('NOT_YET_VALID');
    if (certificate.notAfter.getTime() < now.getTime()) outcome.errors.push('EXPIRED');
  }
  const revocation = revocationStatus(csca, signer, now);
  if (revocation === 'revoked') outcome.errors.push('REVOKED');
  outcome.revocationChecked = revocation === 'revoked' || revocation === 'good';
  if (revocation === 'stale') outcome.revocationStale = true;
  return outcome;
}
