// ICAO VDS-NC part of a trust store: country signing CAs (CSCA) and their CRLs.
// A seal carries its own barcode signer certificate; the store holds only the
// CAs that may have issued one, and the lists of signers they revoked.
import { TrustError } from '../errors.js';
import { bytesEqual, decodeBase64, encodeBase64, toHex } from '../internal/bytes.js';
import { isCurrent, parseCrl, type RevocationList } from '../internal/crl.js';
import { alpha3Of } from '../internal/iso3166.js';
import { parseCertificate, verifyCertificateSignature, type Certificate } from '../internal/x509.js';
import type { TrustReport, VdsncCscaInput } from '../types.js';
import type { TrustSection } from './section.js';

/** Bounds on what a caller may hand us for one CA. */
const MAX_CRLS_PER_CSCA = 16;

export interface VdsncCsca {
  certificate: Certificate;
  /** The state code the CA signs for (alpha-2 or alpha-3), when the bundle says. */
  country?: string;
  crls: RevocationList[];
}

function derOf(value: unknown, label: 'CERTIFICATE' | 'X509 CRL'): Uint8Array | undefined {
  if (value instanceof Uint8Array) return value;
  if (typeof value !== 'string' || value.length > 1024 * 1024) return undefined;
  const body = value.replace(new RegExp(`-----(BEGIN|END) ${label}-----`, 'g'), '').replace(/\s+/g, '');
  return decodeBase64(body);
}

/** A barcode signer seen before: its certificate, the CA that issued it, its imported key. */
export interface KnownSigner { signer: Certificate; csca: VdsncCsca; key: CryptoKey }
/** Signers remembered (a state has a handful at a time; a door sees the same ones all day). */
const MAX_KNOWN_SIGNERS = 64;

export class VdsncTrust implements TrustSection<VdsncCscaInput> {
  private readonly cscas: VdsncCsca[] = [];
  /** By the seal's `sig.cer` text: chain checks and key imports are done once per signer, not per scan. */
  private readonly known = new Map<string, KnownSigner>();

  knownSigner(cer: string): KnownSigner | undefined {
    return this.known.get(cer);
  }

  rememberSigner(cer: string, signer: KnownSigner): void {
    if (this.known.size >= MAX_KNOWN_SIGNERS) this.known.delete(this.known.keys().next().value!);
    this.known.set(cer, signer);
  }

  /**
   * Adds one CSCA with its CRLs. A certificate that is no CA is refused (a CA's
   * certificate is what a signer chains to; a signer certificate here would let
   * it vouch for itself). A CRL that is not signed by this CA is refused, and
   * then the CA is not trusted either: its revocations could not be checked.
   */
  async add(input: VdsncCscaInput): Promise<TrustReport> {
    if (!input || typeof input !== 'object') throw new TrustError('INVALID_CERTIFICATE', 'not a VDS-NC CSCA entry');
    const der = derOf(input.certificate, 'CERTIFICATE');
    const certificate = der && parseCertificate(der);
    if (!certificate) throw new TrustError('INVALID_CERTIFICATE', 'not an X.509 certificate');
    if (!certificate.isCa) throw new TrustError('INVALID_CERTIFICATE', 'not a CA certificate (basicConstraints cA)');
    // alpha-3 as seals name their state, or alpha-2 as certificates do: compared with `hdr.is` through ISO 3166 (stateOf).
    const country = typeof input.country === 'string' && /^[A-Z]{2,3}$/.test(input.country) ? input.country : undefined;
    if (input.country !== undefined && !country) throw new TrustError('INVALID_CERTIFICATE', 'country must be an ISO 3166 code (alpha-3 as seals name their state, or alpha-2)');
    const crlInputs = Array.isArray(input.crls) ? input.crls : input.crls === undefined ? [] : undefined;
    if (!crlInputs || crlInputs.length > MAX_CRLS_PER_CSCA) throw new TrustError('INVALID_CRL', `crls must be a list of at most ${MAX_CRLS_PER_CSCA}`);
    const crls: RevocationList[] = [];
    for (const crlInput of crlInputs) {
      const crlDer = derOf(crlInput, 'X509 CRL');
      const crl = crlDer && parseCrl(crlDer);
      if (!crl) throw new TrustError('INVALID_CRL', 'not an X.509 CRL');
      if (!(await verifyCertificateSignature(crl, certificate))) throw new TrustError('INVALID_CRL', 'CRL not signed by this CSCA');
      crls.push(crl);
    }
    this.known.clear();
    const existing = this.cscas.find((c) => bytesEqual(c.certificate.der, certificate.der));
    if (existing) {
      // The same CA again: its lists add up (a newer one is simply another list; the newest current one decides).
      for (const crl of crls) if (!existing.crls.some((c) => bytesEqual(c.der, crl.der))) existing.crls.push(crl);
      existing.crls.splice(0, Math.max(0, existing.crls.length - MAX_CRLS_PER_CSCA));
      if (country) existing.country = country;
    } else {
      const csca: VdsncCsca = { certificate, crls };
      if (country) csca.country = country;
      this.cscas.push(csca);
    }
    return { rejected: [] };
  }

  /**
   * After a replacing import: a CA this import lists again keeps the CRLs `previous`
   * held for it (a CRL that could not be fetched tonight never un-revokes a signer;
   * revocations are never undone, so lists only add up). A CA the import no longer
   * lists is gone with its lists.
   */
  carryCrls(previous: VdsncTrust): void {
    for (const csca of this.cscas) {
      const held = previous.cscas.find((c) => bytesEqual(c.certificate.der, csca.certificate.der));
      if (!held) continue;
      const carried = held.crls.filter((crl) => !csca.crls.some((c) => bytesEqual(c.der, crl.der)));
      if (!carried.length) continue;
      csca.crls = [...carried, ...csca.crls].slice(-MAX_CRLS_PER_CSCA);
      this.known.clear();
    }
  }

  /** The trusted CA that issued and signed `signer`, if any. */
  async issuerOf(signer: Certificate): Promise<VdsncCsca | undefined> {
    for (const csca of this.cscas) {
      if (bytesEqual(csca.certificate.subjectName, signer.issuerName) && (await verifyCertificateSignature(signer, csca.certificate))) return csca;
    }
    return undefined;
  }

  entries(): VdsncCscaInput[] {
    return this.cscas.map((c) => {
      const entry: VdsncCscaInput = { certificate: encodeBase64(c.certificate.der), crls: c.crls.map((l) => encodeBase64(l.der)) };
      if (c.country) entry.country = c.country;
      return entry;
    });
  }
}

/**
 * The state (alpha-3, as seals name it) a CSCA signs for: its certificate's C= (alpha-2)
 * and the bundle's `country` (either form), which must agree. Undefined, so no seal
 * matches (fail closed), when neither is given, when one is no assigned code, or when
 * they name two states.
 */
export function stateOf(csca: VdsncCsca): string | undefined {
  const named = [csca.certificate.subjectCountry, csca.country].filter((c): c is string => c !== undefined);
  const states = named.map(alpha3Of);
  const state = states[0];
  return state !== undefined && states.every((s) => s === state) ? state : undefined;
}

export type RevocationStatus = 'revoked' | 'good' | 'stale' | 'unchecked';

/**
 * Whether `signer` is revoked by `csca`. A serial on any of the CA's lists is
 * revoked (a revocation is never undone). Otherwise the answer is only "good"
 * when a list is current at `now`; with lists but none current it is "stale".
 */
export function revocationStatus(csca: VdsncCsca, signer: Certificate, now: Date): RevocationStatus {
  if (csca.crls.length === 0) return 'unchecked';
  const serial = toHex(signer.serialNumber);
  if (csca.crls.some((l) => l.revokedSerials.has(serial))) return 'revoked';
  return csca.crls.some((l) => isCurrent(l, now)) ? 'good' : 'stale';
}
