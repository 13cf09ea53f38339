// EU-gateway-style trust lists ({kid, country, certificateType, rawData}[]) into a trust store.
import { decodeBase64, encodeBase64 } from '../internal/bytes.js';
import { sha256Sync } from '../internal/sha256.js';
import type { TrustStore } from '../trust/store.js';
import type { DccSignerInput, TrustReport } from '../types.js';

export interface DccTrustListEntry {
  kid: string;
  country: string;
  /** Only 'DSC' (Document Signer Certificate) entries sign passes; CSCA, UPLOAD, AUTHENTICATION… are skipped. */
  certificateType: string;
  /** base64 DER of the certificate. */
  rawData: string;
}

/**
 * Adds the DSC entries of a gateway trust list to `store` (one save for the
 * whole list). An entry whose `kid` is not the first 8 bytes of SHA-256 over
 * its certificate is rejected (INVALID_CERTIFICATE): the list would otherwise
 * misfile it. Throws a TypeError when `entries` is not a list (a caller mistake).
 */
export async function importDccTrustList(store: TrustStore, entries: readonly DccTrustListEntry[]): Promise<TrustReport> {
  if (!Array.isArray(entries)) throw new TypeError('importDccTrustList: entries must be an array of {kid, country, certificateType, rawData}');
  const rejected: TrustReport['rejected'] = [];
  const signers: DccSignerInput[] = [];
  for (const entry of entries) {
    if (!entry || typeof entry !== 'object' || entry.certificateType !== 'DSC') continue;
    const kid = typeof entry.kid === 'string' ? entry.kid : undefined;
    const der = typeof entry.rawData === 'string' ? decodeBase64(entry.rawData) : undefined;
    if (!der) {
      rejected.push({ ...(kid ? { kid } : {}), code: 'INVALID_CERTIFICATE', message: 'rawData is not base64' });
      continue;
    }
    const computed = encodeBase64(sha256Sync(der).subarray(0, 8));
    if (!kid || decodeBase64(kid) === undefined || encodeBase64(decodeBase64(kid)!) !== computed) {
      rejected.push({ ...(kid ? { kid } : {}), code: 'INVALID_CERTIFICATE', message: 'kid does not match the certificate' });
      continue;
    }
    signers.push(typeof entry.country === 'string' && entry.country ? { certificate: entry.rawData, country: entry.country } : { certificate: entry.rawData });
  }
  const report = signers.length ? await store.importBundle({ version: 1, dcc: signers }, { merge: true }) : { rejected: [] };
  return { rejected: [...rejected, ...report.rejected] };
}
