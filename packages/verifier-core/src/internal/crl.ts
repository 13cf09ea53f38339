// X.509 certificate revocation lists (RFC 5280 §5), read strictly and only as
// far as a verifier needs: who issued it, when it was made and when the next
// one is due, the serial numbers it revokes, and what it takes to check its
// signature (with verifyCertificateSignature, as for a certificate).
import { DerTags, contextTag, decodeBitStringBytes, decodeTime, readChildren, readWholeDer, type DerElement } from './asn1.js';
import { toHex } from './bytes.js';
import { readAlgorithm, type SignedByIssuer } from './x509.js';

export interface RevocationList extends SignedByIssuer {
  der: Uint8Array;
  thisUpdate: Date;
  /** Absent when the issuer promises no next list: then the list is never "current" (see isCurrent). */
  nextUpdate?: Date;
  /** Revoked serial numbers, as hex of their DER INTEGER contents. */
  revokedSerials: Set<string>;
}

/** Largest CRL read: a country signing CA revokes few signers; real ones are under 10 KB. */
export const MAX_CRL_BYTES = 512 * 1024;
/** Most entries read from one list. */
export const MAX_CRL_ENTRIES = 50_000;

const isTime = (e: DerElement | undefined): e is DerElement => !!e && (e.tag === DerTags.utcTime || e.tag === DerTags.generalizedTime);

/** Parses a DER CRL. Undefined for anything that is not one (never throws). */
export function parseCrl(der: Uint8Array): RevocationList | undefined {
  if (!(der instanceof Uint8Array) || der.length > MAX_CRL_BYTES) return undefined;
  const list = readWholeDer(der);
  const top = list && list.tag === DerTags.sequence ? readChildren(list) : undefined;
  if (!top || top.length !== 3 || top[0]!.tag !== DerTags.sequence) return undefined;
  const outer = readAlgorithm(top[1]);
  const signature = decodeBitStringBytes(top[2]!);
  const fields = readChildren(top[0]!);
  if (!outer || !signature || !fields) return undefined;

  let i = 0;
  if (fields[i]?.tag === DerTags.integer) i++; // version v2
  const inner = readAlgorithm(fields[i++]);
  const issuer = fields[i++];
  const thisUpdateElement = fields[i++];
  if (!inner || inner.oid !== outer.oid || !issuer || issuer.tag !== DerTags.sequence || !isTime(thisUpdateElement)) return undefined;
  const thisUpdate = decodeTime(thisUpdateElement);
  if (!thisUpdate) return undefined;
  let nextUpdate: Date | undefined;
  if (isTime(fields[i])) {
    nextUpdate = decodeTime(fields[i++]!);
    if (!nextUpdate) return undefined;
  }
  const revokedSerials = new Set<string>();
  if (fields[i]?.tag === DerTags.sequence) {
    const entries = readChildren(fields[i++]!);
    if (!entries || entries.length > MAX_CRL_ENTRIES) return undefined;
    for (const entry of entries) {
      const parts = entry.tag === DerTags.sequence ? readChildren(entry) : undefined;
      if (!parts || parts.length < 2 || parts.length > 3 || parts[0]!.tag !== DerTags.integer || !isTime(parts[1])) return undefined;
      if (!decodeTime(parts[1])) return undefined;
      revokedSerials.add(toHex(parts[0]!.contents));
    }
  }
  if (fields[i]?.tag === contextTag(0)) i++; // crlExtensions: nothing in them changes what we check
  if (i !== fields.length) return undefined;

  const crl: RevocationList = {
    der,
    tbs: top[0]!.raw,
    issuerName: issuer.raw,
    signatureAlgorithm: outer.oid,
    signature,
    thisUpdate,
    revokedSerials,
  };
  if (outer.parameters && outer.parameters.tag !== DerTags.null) crl.signatureParameters = outer.parameters.raw;
  if (nextUpdate) crl.nextUpdate = nextUpdate;
  return crl;
}

/** Whether the list is the issuer's current one at `now`: made already, and its successor not yet due. */
export function isCurrent(crl: RevocationList, now: Date): boolean {
  return crl.thisUpdate.getTime() <= now.getTime() && !!crl.nextUpdate && now.getTime() < crl.nextUpdate.getTime();
}
