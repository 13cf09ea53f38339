import { TrustError } from '../errors.js';
import type {
  DccRevocationList, DccSignerInput, IdhpIssuerInput, ShcIssuerInput, TrustBundle, TrustReport, TrustStorage,
} from '../types.js';
import { ShcTrust } from './shc.js';
import { DccTrust } from './dcc.js';
import { IdhpTrust } from './idhp.js';
import { DccRulesTrust } from './dcc-rules.js';

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
  /** EU DCC value sets (built in, extended by bundles) and business rules. */
  dccRules: DccRulesTrust;
}

export interface TrustStore {
  addShcIssuer(issuer: ShcIssuerInput): Promise<TrustReport>;
  addDccSigner(signer: DccSignerInput): Promise<TrustReport>;
  addIdhpIssuer(issuer: IdhpIssuerInput): Promise<TrustReport>;
  /** DCC revocation hash lists (formats.md §2). */
  addDccRevocations(list: DccRevocationList): Promise<TrustReport>;
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

/** The bundle fields of the DCC value sets and rules, only when a bundle added any. */
function dccRuleEntries(rules: DccRulesTrust): Pick<TrustBundle, 'dccValueSets' | 'dccRules'> {
  const dccValueSets = rules.valueSetEntries();
  const dccRules = rules.ruleEntries();
  return { ...(dccValueSets ? { dccValueSets } : {}), ...(dccRules ? { dccRules } : {}) };
}

export function createTrustStore(options: { storage?: TrustStorage } = {}): TrustStore {
  const { storage } = options;
  const internals: TrustInternals = { ready: Promise.resolve(), settled: true, shc: new ShcTrust(), dcc: new DccTrust(), idhp: new IdhpTrust(), dccRules: new DccRulesTrust() };
  let lastUpdated: string | undefined;

  async function load(bundle: TrustBundle): Promise<TrustReport> {
    if (!bundle || typeof bundle !== 'object' || bundle.version !== 1) throw new TypeError('not a pass-check TrustBundle (version 1)');
    const reports: TrustReport[] = [];
    for (const i of bundle.shc ?? []) reports.push(await tolerant(() => internals.shc.add(i)));
    for (const s of bundle.dcc ?? []) reports.push(await tolerant(() => internals.dcc.add(s)));
    for (const l of bundle.dccRevocations ?? []) reports.push(await tolerant(() => internals.dcc.addRevocations(l)));
    for (const i of bundle.idhp ?? []) reports.push(await tolerant(() => internals.idhp.add(i)));
    if (bundle.dccValueSets !== undefined) reports.push(internals.dccRules.addValueSets(bundle.dccValueSets));
    if (bundle.dccRules !== undefined) reports.push(internals.dccRules.addRules(bundle.dccRules));
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
    ...dccRuleEntries(internals.dccRules),
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
    importBundle: (b) => change(() => load(b)),
    exportBundle: async () => { await internals.ready; return exportBundle(); },
    [trustInternals]: internals,
  };
}
