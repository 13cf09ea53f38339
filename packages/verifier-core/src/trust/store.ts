import { TrustError } from '../errors.js';
import type {
  DccRevocationList, DccSignerInput, DivocIssuerInput, IdhpIssuerInput, VdsncCscaInput, ShcIssuerInput, TrustBundle, TrustReport, TrustStorage,
} from '../types.js';
import { ShcTrust } from './shc.js';
import { DccTrust } from './dcc.js';
import { IdhpTrust } from './idhp.js';
import { VdsncTrust } from './vdsnc.js';
import { DivocTrust } from './divoc.js';

/** Internal access for the verifier; not part of the public API. */
export const trustInternals = Symbol('pass-check.trust');

export interface TrustInternals {
  /** Settles once the stored bundle has loaded (at once without storage). */
  ready: Promise<void>;
  /** Whether `ready` has settled: a verify need not wait a turn for it then. */
  settled: boolean;
  shc: ShcTrust;
  dcc: DccTrust;
  idhp: IdhpTrust;
  vdsnc: VdsncTrust;
  divoc: DivocTrust;
}

export interface TrustStore {
  addShcIssuer(issuer: ShcIssuerInput): Promise<TrustReport>;
  addDccSigner(signer: DccSignerInput): Promise<TrustReport>;
  addIdhpIssuer(issuer: IdhpIssuerInput): Promise<TrustReport>;
  /** DCC revocation hash lists (formats.md §2). */
  addDccRevocations(list: DccRevocationList): Promise<TrustReport>;
  /** ICAO VDS-NC: a country signing CA with its CRLs. */
  addVdsncCsca(csca: VdsncCscaInput): Promise<TrustReport>;
  /** DIVOC: an issuer's proof keys. */
  addDivocIssuer(issuer: DivocIssuerInput): Promise<TrustReport>;
  importBundle(bundle: TrustBundle): Promise<TrustReport>;
  exportBundle(): Promise<TrustBundle>;
  readonly [trustInternals]: TrustInternals;
}

const merge = (reports: TrustReport[]): TrustReport => ({ rejected: reports.flatMap((r) => r.rejected) });

/** Runs `add` and turns a whole-input TrustError into a report line, for bundle imports. */
async function tolerant(add: () => Promise<TrustReport>): Promise<TrustReport> {
  try { return await add(); } catch (e) {
    if (e instanceof TrustError) return { rejected: [{ code: e.code, message: e.message }] };
    throw e;
  }
}

export function createTrustStore(options: { storage?: TrustStorage } = {}): TrustStore {
  const { storage } = options;
  const internals: TrustInternals = { ready: Promise.resolve(), settled: true, shc: new ShcTrust(), dcc: new DccTrust(), idhp: new IdhpTrust(),
    vdsnc: new VdsncTrust(), divoc: new DivocTrust() };
  let lastUpdated: string | undefined;

  async function load(bundle: TrustBundle): Promise<TrustReport> {
    if (!bundle || typeof bundle !== 'object' || bundle.version !== 1) throw new TypeError('not a pass-check TrustBundle (version 1)');
    const reports: TrustReport[] = [];
    for (const i of bundle.shc ?? []) reports.push(await tolerant(() => internals.shc.add(i)));
    for (const s of bundle.dcc ?? []) reports.push(await tolerant(() => internals.dcc.add(s)));
    for (const l of bundle.dccRevocations ?? []) reports.push(await tolerant(() => internals.dcc.addRevocations(l)));
    for (const i of bundle.idhp ?? []) reports.push(await tolerant(() => internals.idhp.add(i)));
    for (const c of bundle.vdsnc ?? []) reports.push(await tolerant(() => internals.vdsnc.add(c)));
    for (const i of bundle.divoc ?? []) reports.push(await tolerant(() => internals.divoc.add(i)));
    if (bundle.updated) lastUpdated = bundle.updated;
    return merge(reports);
  }

  const exportBundle = async (): Promise<TrustBundle> => ({
    version: 1,
    updated: lastUpdated ?? new Date().toISOString(),
    shc: internals.shc.entries(),
    dcc: internals.dcc.entries(),
    dccRevocations: internals.dcc.revocationEntries(),
    idhp: internals.idhp.entries(),
    vdsnc: internals.vdsnc.entries(),
    divoc: internals.divoc.entries(),
  });

  /** Every change waits for the stored bundle to load first, then persists. */
  async function change(run: () => Promise<TrustReport>): Promise<TrustReport> {
    await internals.ready;
    const report = await run();
    lastUpdated = new Date().toISOString();
    if (storage) await storage.save(await exportBundle());
    return report;
  }

  if (storage) {
    internals.settled = false;
    internals.ready = storage.load().then(async (b) => { if (b) await load(b); }, () => undefined)
      .finally(() => { internals.settled = true; });
  }

  return {
    addShcIssuer: (i) => change(() => internals.shc.add(i)),
    addDccSigner: (s) => change(() => internals.dcc.add(s)),
    addIdhpIssuer: (i) => change(() => internals.idhp.add(i)),
    addDccRevocations: (l) => change(() => internals.dcc.addRevocations(l)),
    addVdsncCsca: (c) => change(() => internals.vdsnc.add(c)),
    addDivocIssuer: (i) => change(() => internals.divoc.add(i)),
    importBundle: (b) => change(() => load(b)),
    exportBundle: async () => { await internals.ready; return exportBundle(); },
    [trustInternals]: internals,
  };
}
