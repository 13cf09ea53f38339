// EU DCC part of a trust store: Document Signer Certificates (DSC) by kid, and
// the revocation hash lists.
import { TrustError } from '../errors.js';
import { decodeBase64, encodeBase64, toHex } from '../internal/bytes.js';
import { sha256Sync } from '../internal/sha256.js';
import { parseIsoDateTime } from '../internal/dates.js';
import { importCertificateKey, parseCertificate, type Certificate } from '../internal/x509.js';
import type { DccRevocationList, DccSignerInput, TrustReport } from '../types.js';
import type { TrustSection } from './section.js';

export type DccCertificateKind = 'test' | 'vaccination' | 'recovery';

/**
 * Extended key usage OIDs of the DCC signer profile: what a DSC may sign. Both
 * spellings are in use (the second, with an extra `.0`, by many member states).
 */
const USAGE_OIDS: Record<string, DccCertificateKind> = {
  '1.3.6.1.4.1.1847.2021.1.1': 'test',
  '1.3.6.1.4.1.1847.2021.1.2': 'vaccination',
  '1.3.6.1.4.1.1847.2021.1.3': 'recovery',
  '1.3.6.1.4.1.0.1847.2021.1.1': 'test',
  '1.3.6.1.4.1.0.1847.2021.1.2': 'vaccination',
  '1.3.6.1.4.1.0.1847.2021.1.3': 'recovery',
};

export interface DccSigner {
  /** base64 of the first 8 bytes of SHA-256 over the certificate DER. */
  kid: string;
  certificate: Certificate;
  /** The country given with the certificate, else its subject's C=. */
  country?: string;
  alg: 'ES256' | 'PS256';
  key: CryptoKey;
  /** What it may sign; undefined when its certificate names no DCC usage (then: anything). */
  mayIssue?: ReadonlySet<DccCertificateKind>;
  entry: DccSignerInput;
}

/** Hash types of the EU gateway's revocation lists. */
export const DCC_REVOCATION_HASH_TYPES = ['UVCI', 'COUNTRYCODEUVCI', 'SIGNATURE'] as const;
/** Revocation hashes are SHA-256, compared on their first 16 bytes. */
export const REVOCATION_HASH_BYTES = 16;

/**
 * When a list stops applying, in ms since the epoch: compared as a time, never as text
 * (`…+05:00` and `…Z`, fractions). An expiry that is no ISO 8601 time fails closed: the
 * list never expires (Infinity), so a typo cannot drop revocations.
 */
function expiryTime(expires: string | undefined): number {
  if (expires === undefined) return Infinity;
  return (typeof expires === 'string' ? parseIsoDateTime(expires) : undefined) ?? Infinity;
}

interface LoadedRevocations {
  list: DccRevocationList;
  kid?: string;
  /** Hex of the first 16 bytes of each hash. */
  hashes: Set<string>;
}

/** Hex (32+ digits) or base64 of at least 16 bytes; undefined for anything else. */
function decodeRevocationHash(text: unknown): Uint8Array | undefined {
  if (typeof text !== 'string' || text.length > 128) return undefined;
  const bytes = /^[0-9a-fA-F]+$/.test(text) && text.length % 2 === 0 && text.length >= 32
    ? Uint8Array.from(text.match(/../g)!, (h) => parseInt(h, 16))
    : decodeBase64(text);
  return bytes && bytes.length >= REVOCATION_HASH_BYTES ? bytes.subarray(0, REVOCATION_HASH_BYTES) : undefined;
}

function certificateBytes(certificate: unknown): Uint8Array | undefined {
  if (certificate instanceof Uint8Array) return certificate;
  if (typeof certificate !== 'string') return undefined;
  // PEM is common in exports: take the body between the armour lines.
  const body = certificate.replace(/-----(BEGIN|END) CERTIFICATE-----/g, '').replace(/\s+/g, '');
  return decodeBase64(body);
}

/**
 * ES256 is ECDSA with SHA-256 (RFC 9053 §2.1); pairing it with P-256 is the
 * RFC's suggestion, not a rule, and a few issuers sign "ES256" with P-384 DSCs.
 * Those are accepted: the key is still the trusted one and the hash still SHA-256.
 */
async function importEcdsaKey(certificate: Certificate): Promise<CryptoKey | undefined> {
  if (certificate.publicKey.kty !== 'EC') return undefined;
  try {
    return await crypto.subtle.importKey('spki', certificate.subjectPublicKeyInfo as Uint8Array<ArrayBuffer>,
      { name: 'ECDSA', namedCurve: certificate.publicKey.crv }, false, ['verify']);
  } catch {
    return undefined;
  }
}

/** Length of a DCC kid: the first 8 bytes of the certificate's SHA-256. */
const KID_BYTES = 8;

/**
 * Map key of a kid: its bytes as a string of char codes. A pass's kid is looked up on
 * every scan, and this costs a fraction of base64 encoding it.
 */
const kidKey = (kid: Uint8Array): string => String.fromCharCode(kid[0]!, kid[1]!, kid[2]!, kid[3]!, kid[4]!, kid[5]!, kid[6]!, kid[7]!);

export class DccTrust implements TrustSection<DccSignerInput> {
  /** By `kidKey`. */
  private readonly signersByKid = new Map<string, DccSigner[]>();
  private readonly countries = new Set<string>();
  /** By `revocationIdentity`: one list per hash type and kid, however often it is imported. */
  private readonly revocations = new Map<string, LoadedRevocations>();

  /** Forgets every signer with this kid (base64, as exportBundle and the gateway write it); false when none was trusted. */
  remove(kid: string): boolean {
    const bytes = typeof kid === 'string' ? decodeBase64(kid) : undefined;
    if (!bytes || bytes.length !== KID_BYTES || !this.signersByKid.delete(kidKey(bytes))) return false;
    this.countries.clear();
    for (const signers of this.signersByKid.values()) for (const s of signers) if (s.country) this.countries.add(s.country);
    return true;
  }

  /**
   * Keeps the revocation lists of `previous` (the store before a replacing import)
   * that this import did not supersede with a list of the same hash type and kid:
   * revocation is never dropped silently. Lists past their `expires` are let go.
   */
  carryRevocations(previous: DccTrust, now: Date): void {
    for (const [identity, loaded] of previous.revocations) {
      if (this.revocations.has(identity)) continue;
      if (expiryTime(loaded.list.expires) < now.getTime()) continue;
      this.revocations.set(identity, { ...loaded, list: { ...loaded.list, hashes: [...loaded.list.hashes] }, hashes: new Set(loaded.hashes) });
    }
  }

  /** Adds one DSC. Throws TrustError('INVALID_CERTIFICATE') when it is unusable (it is the whole input). */
  async add(input: DccSignerInput): Promise<TrustReport> {
    if (!input || typeof input !== 'object') throw new TrustError('INVALID_CERTIFICATE', 'not a DCC signer entry');
    const der = certificateBytes(input.certificate);
    const certificate = der && parseCertificate(der);
    if (!certificate) throw new TrustError('INVALID_CERTIFICATE', 'not an X.509 certificate (DER or base64)');
    // A CA (CSCA) certificate signs signers, never passes: trusting it as a signer would let its key sign anything.
    // The one exception is a CA certificate that itself declares digitalSignature (some states' test signers do).
    if (certificate.isCa && !certificate.keyUsage?.digitalSignature) throw new TrustError('INVALID_CERTIFICATE', 'a CA certificate is not a document signer');
    const kidBytes = sha256Sync(der!).subarray(0, KID_BYTES);
    const kid = encodeBase64(kidBytes);
    const mapKey = kidKey(kidBytes);
    const existing = this.signersByKid.get(mapKey) ?? [];
    if (existing.some((s) => s.entry.certificate === encodeBase64(der!))) return { rejected: [] };

    const publicKey = certificate.publicKey;
    const alg = publicKey.kty === 'EC' && publicKey.crv !== 'P-521' ? 'ES256' : publicKey.kty === 'RSA' ? 'PS256' : undefined;
    const key = alg === 'ES256' ? await importEcdsaKey(certificate) : alg && await importCertificateKey(certificate, alg);
    if (!alg || !key) {
      throw new TrustError('INVALID_CERTIFICATE', 'DCC signers need an EC P-256 (or P-384) key for ES256 or an RSA key of 2048 bits or more for PS256');
    }
    const usages = certificate.extKeyUsage.map((oid) => USAGE_OIDS[oid]).filter((u): u is DccCertificateKind => !!u);
    const country = typeof input.country === 'string' && input.country ? input.country.toUpperCase() : certificate.subjectCountry?.toUpperCase();
    const entry: DccSignerInput = { certificate: encodeBase64(der!) };
    if (typeof input.country === 'string' && input.country) entry.country = input.country;
    const signer: DccSigner = { kid, certificate, alg, key, entry };
    if (country) { signer.country = country; this.countries.add(country); }
    if (usages.length) signer.mayIssue = new Set(usages);
    this.signersByKid.set(mapKey, [...existing, signer]);
    return { rejected: [] };
  }

  /** Loads a revocation hash list; bad hashes are reported and skipped, a list that is not one throws. */
  async addRevocations(list: DccRevocationList): Promise<TrustReport> {
    if (!list || typeof list !== 'object' || !DCC_REVOCATION_HASH_TYPES.includes(list.hashType) || !Array.isArray(list.hashes)) {
      throw new TrustError('INVALID_CRL', `not a DCC revocation list (hashType one of ${DCC_REVOCATION_HASH_TYPES.join(', ')}, hashes[])`);
    }
    let kid: string | undefined;
    if (list.kid !== undefined) {
      const kidBytes = typeof list.kid === 'string' ? decodeBase64(list.kid) : undefined;
      if (!kidBytes || kidBytes.length !== 8) throw new TrustError('INVALID_CRL', 'revocation list kid is not 8 bytes of base64');
      kid = encodeBase64(kidBytes);
    }
    const report: TrustReport = { rejected: [] };
    // A list imported again (or in pieces) adds to the one held for its hash type and kid:
    // no duplicate lists, no duplicate hashes.
    const identity = `${list.hashType}|${kid ?? ''}`;
    const held = this.revocations.get(identity);
    const hashes = new Set<string>(held?.hashes);
    const kept: string[] = held ? [...held.list.hashes] : [];
    let usable = 0;
    for (const text of list.hashes) {
      const hash = decodeRevocationHash(text);
      if (!hash) {
        report.rejected.push({ code: 'INVALID_CRL', message: 'revocation hash is not 16+ bytes of hex or base64', ...(kid ? { kid } : {}) });
        continue;
      }
      usable++;
      const hex = toHex(hash);
      if (hashes.has(hex)) continue;
      hashes.add(hex);
      kept.push(text as string);
    }
    if (!usable && list.hashes.length) throw new TrustError('INVALID_CRL', 'no usable hash in the revocation list');
    const stored: DccRevocationList = { hashType: list.hashType, hashes: kept };
    if (kid) stored.kid = kid;
    // The later of the two expiries, by time (an unparseable one counts as never).
    const given = typeof list.expires === 'string' ? list.expires : undefined;
    const heldExpires = held?.list.expires;
    const expires = given === undefined ? heldExpires : heldExpires === undefined ? (held ? undefined : given)
      : expiryTime(heldExpires) >= expiryTime(given) ? heldExpires : given;
    if (expires) stored.expires = expires;
    this.revocations.set(identity, kid ? { list: stored, kid, hashes } : { list: stored, hashes });
    return report;
  }

  signersFor(kid: Uint8Array): DccSigner[] {
    // Every trusted kid is 8 bytes; a pass's kid of any other length names no signer.
    return (kid.length === KID_BYTES && this.signersByKid.get(kidKey(kid))) || [];
  }

  /** Whether any trusted signer belongs to this issuing country (tells UNKNOWN_KEY from UNKNOWN_ISSUER). */
  knowsCountry(country: string): boolean {
    return this.countries.has(country.toUpperCase());
  }

  /** The lists that apply to passes signed under `kid` (lists bound to another kid do not). */
  revocationListsFor(kid: string): { hashType: DccRevocationList['hashType']; hashes: ReadonlySet<string> }[] {
    return [...this.revocations.values()].filter((r) => !r.kid || r.kid === kid).map((r) => ({ hashType: r.list.hashType, hashes: r.hashes }));
  }

  entries(): DccSignerInput[] {
    return [...this.signersByKid.values()].flat().map((s) => ({ ...s.entry }));
  }

  revocationEntries(): DccRevocationList[] {
    return [...this.revocations.values()].map((r) => ({ ...r.list, hashes: [...r.list.hashes] }));
  }
}
