import { isObject } from '../internal/bytes.js';
import type { ShcIssuerInput, TrustReport } from '../types.js';
import { trustInternals, type TrustStore } from './store.js';

/** `vci-issuers.json` from the VCI directory: who takes part. */
export interface VciIssuerList {
  participating_issuers: { iss: string; name?: string; canonical_iss?: string; website?: string }[];
}

/** The directory's daily snapshot (`vci_snapshot.json`): every listed issuer's keys and CRLs as fetched that day. */
export interface VciSnapshot {
  time?: string;
  issuerInfo: { issuer: { iss: string; name?: string }; keys?: object[]; crls?: object[] }[];
}

export interface VciImportReport extends TrustReport {
  /** Issuers added with at least one usable key. */
  imported: number;
  /** Issuers in the snapshot but not in the issuer list (not trusted), or with no keys in it. */
  skipped: string[];
}

/**
 * The bundle's `shc` entries for a VCI snapshot: one per issuer (an issuer listed twice
 * has its keys and CRLs put together), with its keys and CRLs as the snapshot holds
 * them. With `issuers`, only those the issuer list names, by the list's name; issuers
 * left out, or without keys, are `skipped`. Used by importVciSnapshot and by the CLI.
 */
export function vciSnapshotEntries(snapshot: VciSnapshot, issuers?: VciIssuerList): { shc: ShcIssuerInput[]; skipped: string[] } {
  if (!isObject(snapshot) || !Array.isArray(snapshot.issuerInfo)) throw new TypeError('snapshot must be vci_snapshot.json ({ issuerInfo })');
  const names = new Map<string, string | undefined>();
  if (issuers) for (const listed of issuers.participating_issuers) if (isObject(listed) && typeof listed.iss === 'string') names.set(listed.iss, listed.name);
  const byIss = new Map<string, ShcIssuerInput & { crls: object[]; jwks: { keys: object[] } }>();
  const skipped: string[] = [];
  for (const info of snapshot.issuerInfo) {
    const iss = isObject(info) && isObject(info.issuer) && typeof info.issuer.iss === 'string' ? info.issuer.iss : undefined;
    if (!iss) continue;
    if ((issuers && !names.has(iss)) || !Array.isArray(info.keys) || info.keys.length === 0) { skipped.push(iss); continue; }
    const crls = Array.isArray(info.crls) ? info.crls : [];
    const held = byIss.get(iss);
    if (held) { held.jwks.keys.push(...info.keys); held.crls.push(...crls); continue; }
    const name = names.get(iss) ?? (typeof info.issuer.name === 'string' ? info.issuer.name : undefined);
    byIss.set(iss, { iss, ...(name ? { name } : {}), jwks: { keys: [...info.keys] }, crls: [...crls] });
  }
  return { shc: [...byIss.values()], skipped };
}

/**
 * Loads the VCI directory into a trust store, offline: the issuer list says whom
 * to trust, the snapshot holds their keys and CRLs (fetch both ahead of time, e.g.
 * daily, from the directory; nothing is fetched here). Issuers in the snapshot but
 * not in the list are skipped. Bad keys and CRLs are reported, as by addShcIssuer;
 * everything is stored in one change, so a persistent store writes once. It adds
 * to what the store holds (importBundle with `merge: true`).
 */
export async function importVciSnapshot(store: TrustStore, directory: { issuers: VciIssuerList; snapshot: VciSnapshot }): Promise<VciImportReport> {
  const { issuers, snapshot } = directory ?? {};
  if (!isObject(issuers) || !Array.isArray(issuers.participating_issuers)) throw new TypeError('importVciSnapshot: issuers must be vci-issuers.json ({ participating_issuers })');
  if (!isObject(snapshot) || !Array.isArray(snapshot.issuerInfo)) throw new TypeError('importVciSnapshot: snapshot must be vci_snapshot.json ({ issuerInfo })');
  const { shc, skipped } = vciSnapshotEntries(snapshot, issuers);
  const report = await store.importBundle({ version: 1, ...(typeof snapshot.time === 'string' ? { updated: snapshot.time } : {}), shc }, { merge: true });
  const trusted = store[trustInternals].shc.issuers;
  return { rejected: report.rejected, imported: shc.filter((i) => trusted.has(i.iss)).length, skipped };
}
