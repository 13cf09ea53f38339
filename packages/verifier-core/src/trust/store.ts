import { TrustError, type TrustErrorCode } from '../errors.js';
import { isObject } from '../internal/bytes.js';
import type {
  DccRevocationList, DccSignerInput, DivocIssuerInput, IdhpIssuerInput, VdsncCscaInput, ShcIssuerInput, TrustBundle, TrustReport, TrustStorage,
} from '../types.js';
import { ShcTrust } from './shc.js';
import { DccTrust } from './dcc.js';
import { IdhpTrust } from './idhp.js';
import { openSignedBundle } from './signed.js';
import { DccRulesTrust } from './dcc-rules.js';
import { VdsncTrust } from './vdsnc.js';
import { DivocTrust } from './divoc.js';

/** Internal access for the verifier; not part of the public API. */
export const trustInternals = Symbol('pass-check.trust');

/** What the store holds, one object per format. A replacing import builds a new one and swaps it in at once. */
export interface TrustState {
  shc: ShcTrust;
  dcc: DccTrust;
  idhp: IdhpTrust;
  /** EU DCC value sets (built in, extended by bundles) and business rules. */
  dccRules: DccRulesTrust;
  vdsnc: VdsncTrust;
  divoc: DivocTrust;
}

export interface TrustInternals extends TrustState {
  /** Settles once the stored bundle has loaded (at once without storage). */
  ready: Promise<void>;
  /** Whether `ready` has settled: a verify need not wait a turn for it then. */
  settled: boolean;
}

export interface ImportBundleOptions {
  /**
   * The venue's public key (P-256 JWK). With it, the bundle must be a compact JWS
   * (ES256) signed by this key and not older than the bundle held (no rollback);
   * anything else is refused with a TrustError (BUNDLE_UNSIGNED, BUNDLE_SIGNATURE,
   * BUNDLE_ROLLBACK, BUNDLE_INVALID) and the store is left as it was.
   */
  key?: JsonWebKey;
  /** false (default): the bundle replaces what the store holds. true: it is added to it. */
  merge?: boolean;
}

/** What importBundle reports: the rejected entries, and when the trust now held was built. */
export interface ImportReport extends TrustReport {
  updated?: string;
}

export interface TrustStore {
  addShcIssuer(issuer: ShcIssuerInput): Promise<TrustReport>;
  addDccSigner(signer: DccSignerInput): Promise<TrustReport>;
  addIdhpIssuer(issuer: IdhpIssuerInput): Promise<TrustReport>;
  /** DCC revocation hash lists (formats.md §2). A list for the same hash type and kid adds to the one held. */
  addDccRevocations(list: DccRevocationList): Promise<TrustReport>;
  /** ICAO VDS-NC: a country signing CA with its CRLs. */
  addVdsncCsca(csca: VdsncCscaInput): Promise<TrustReport>;
  /** DIVOC: an issuer's proof keys. */
  addDivocIssuer(issuer: DivocIssuerInput): Promise<TrustReport>;
  /** Forgets an SMART Health Card issuer; resolves false when it was not trusted. */
  removeShcIssuer(iss: string): Promise<boolean>;
  /** Forgets the DCC signer(s) with this kid (base64); resolves false when none was trusted. */
  removeDccSigner(kid: string): Promise<boolean>;
  /** Forgets an IBM Digital Health Pass issuer (its DID); resolves false when it was not trusted. */
  removeIdhpIssuer(id: string): Promise<boolean>;
  /**
   * Loads a bundle: it REPLACES what the store holds unless `merge: true`. With a
   * replace, SHC and VDS-NC CRLs held for issuers the bundle still lists but gives no
   * revocation data for are kept, and DCC revocation lists it does not restate (until
   * their `expires`). Only imported bundles move the rollback floor (`updated`). Verifications in flight finish on
   * the trust they started with.
   */
  importBundle(bundle: TrustBundle | string, options?: ImportBundleOptions): Promise<ImportReport>;
  exportBundle(): Promise<TrustBundle>;
  readonly [trustInternals]: TrustInternals;
}

/**
 * The bundle's sections, each with how to load an entry into a TrustState and
 * what it exports. A new format adds a field to TrustState and a row here;
 * sections this table does not know are kept as given and exported again.
 */
interface SectionHandler {
  key: string;
  add(state: TrustState, entry: never): Promise<TrustReport>;
  entries(state: TrustState): unknown[];
}
const section = <T>(key: string, add: (state: TrustState, entry: T) => Promise<TrustReport>, entries: (state: TrustState) => unknown[]): SectionHandler =>
  ({ key, add: add as SectionHandler['add'], entries });

export const bundleSections: SectionHandler[] = [
  section<ShcIssuerInput>('shc', (s, e) => s.shc.add(e), (s) => s.shc.entries()),
  section<DccSignerInput>('dcc', (s, e) => s.dcc.add(e), (s) => s.dcc.entries()),
  section<DccRevocationList>('dccRevocations', (s, e) => s.dcc.addRevocations(e), (s) => s.dcc.revocationEntries()),
  section<IdhpIssuerInput>('idhp', (s, e) => s.idhp.add(e), (s) => s.idhp.entries()),
  section<VdsncCscaInput>('vdsnc', (s, e) => s.vdsnc.add(e), (s) => s.vdsnc.entries()),
  section<DivocIssuerInput>('divoc', (s, e) => s.divoc.add(e), (s) => s.divoc.entries()),
];
// dccValueSets (an object of value sets) and dccRules are loaded apart from the list sections above.
const knownKeys = new Set(['version', 'updated', 'dccValueSets', 'dccRules', ...bundleSections.map((s) => s.key)]);

/** The bundle fields of the DCC value sets and rules, only when a bundle added any. */
function dccRuleEntries(rules: DccRulesTrust): Pick<TrustBundle, 'dccValueSets' | 'dccRules'> {
  const dccValueSets = rules.valueSetEntries();
  const dccRules = rules.ruleEntries();
  return { ...(dccValueSets ? { dccValueSets } : {}), ...(dccRules ? { dccRules } : {}) };
}

/** An empty state; `previous` is what a replacing import carries revocation data over from. */
function newState(previous?: TrustState): TrustState {
  return { shc: new ShcTrust(previous?.shc), dcc: new DccTrust(), idhp: new IdhpTrust(), dccRules: new DccRulesTrust(),
    vdsnc: new VdsncTrust(), divoc: new DivocTrust() };
}

/**
 * After a replacing import has loaded `state`: carries over the revocation data of
 * `previous` that the bundle did not restate (revocation is never dropped silently),
 * then cuts every link to `previous`, so the replaced state can be collected (a chain
 * of earlier states would otherwise grow with every import).
 */
function carryRevocation(state: TrustState, previous: TrustState): void {
  state.dcc.carryRevocations(previous.dcc, new Date());
  state.vdsnc.carryCrls(previous.vdsnc);
  state.shc.forgetPrevious();
}

const mergeReports = (reports: TrustReport[]): TrustReport => ({ rejected: reports.flatMap((r) => r.rejected) });

/** Runs `add` and turns a whole-input TrustError or TypeError into a report line, for bundle imports. */
async function tolerant(add: () => Promise<TrustReport>): Promise<TrustReport> {
  try { return await add(); } catch (e) {
    if (e instanceof TrustError) {
      const each = (e as TrustError & { rejected?: TrustReport['rejected'] }).rejected;
      return { rejected: Array.isArray(each) && each.length ? each : [{ code: e.code as TrustErrorCode, message: e.message }] };
    }
    if (e instanceof TypeError) return { rejected: [{ code: 'INVALID_KEY', message: e.message }] };
    throw e;
  }
}

/** Bounds on an import: a bundle is data from a file server, never trusted to be small. */
const MAX_SECTION_ENTRIES = 200_000;

export function createTrustStore(options: { storage?: TrustStorage } = {}): TrustStore {
  const { storage } = options;
  const internals: TrustInternals = { ready: Promise.resolve(), settled: true, ...newState() };
  /** When the data held was built (the imported bundle's `updated`); the rollback floor for signed imports. */
  let updated: string | undefined;
  /** Sections of the bundle this version does not know, exported again as they came. */
  let extras: Record<string, unknown> = {};

  async function load(bundle: TrustBundle, state: TrustState): Promise<TrustReport> {
    const reports: TrustReport[] = [];
    for (const handler of bundleSections) {
      const entries = (bundle as unknown as Record<string, unknown>)[handler.key];
      if (entries === undefined) continue;
      if (!Array.isArray(entries) || entries.length > MAX_SECTION_ENTRIES) {
        reports.push({ rejected: [{ code: 'INVALID_KEY', message: `bundle section ${handler.key} is not a list (of at most ${MAX_SECTION_ENTRIES})` }] });
        continue;
      }
      for (const entry of entries) reports.push(await tolerant(() => handler.add(state, entry as never)));
    }
    if (bundle.dccValueSets !== undefined) reports.push(state.dccRules.addValueSets(bundle.dccValueSets));
    if (bundle.dccRules !== undefined) reports.push(state.dccRules.addRules(bundle.dccRules));
    return mergeReports(reports);
  }

  /**
   * @param persist for the store's own storage: `updated` only when an imported bundle set it,
   * since a restart takes the stored `updated` as its rollback floor (a local add is no bundle).
   */
  const exportBundle = (persist = false): TrustBundle => {
    const bundle: Record<string, unknown> = { version: 1 };
    if (updated !== undefined || !persist) bundle.updated = updated ?? new Date().toISOString();
    for (const handler of bundleSections) bundle[handler.key] = handler.entries(internals);
    Object.assign(bundle, dccRuleEntries(internals.dccRules));
    for (const [key, value] of Object.entries(extras)) if (!(key in bundle)) bundle[key] = structuredClone(value);
    return bundle as unknown as TrustBundle;
  };

  // Changes run one at a time, after the stored bundle has loaded, and each is persisted.
  let queue: Promise<unknown> = Promise.resolve();
  function change<T>(run: () => Promise<T>): Promise<T> {
    const next = queue.then(async () => {
      await internals.ready;
      const result = await run();
      // Only imported bundles move the rollback floor (`updated`): a local add* does not.
      if (storage) await storage.save(exportBundle(true));
      return result;
    });
    queue = next.catch(() => undefined);
    return next;
  }

  async function importBundle(input: TrustBundle | string, opts: ImportBundleOptions = {}): Promise<ImportReport> {
    if (!isObject(opts)) throw new TypeError('importBundle: options must be an object');
    let bundle: TrustBundle;
    if (opts.key !== undefined) {
      bundle = await openSignedBundle(input, opts.key as JsonWebKey);
    } else if (typeof input === 'string') {
      throw new TypeError('importBundle: a signed bundle (string) needs { key }, the venue public key to check it with');
    } else {
      bundle = input;
    }
    if (!isObject(bundle) || bundle.version !== 1) throw new TypeError('not a pass-check TrustBundle (version 1)');
    const built = typeof bundle.updated === 'string' && !Number.isNaN(Date.parse(bundle.updated)) ? bundle.updated : undefined;
    return change(async () => {
      if (opts.key !== undefined && updated !== undefined && Date.parse(built!) < Date.parse(updated)) {
        throw new TrustError('BUNDLE_ROLLBACK', `bundle built ${built} is older than the one held (${updated}): refused`);
      }
      const unknown: Record<string, unknown> = {};
      for (const [key, value] of Object.entries(bundle)) if (!knownKeys.has(key)) unknown[key] = structuredClone(value);
      if (opts.merge) {
        const report = await load(bundle, internals);
        extras = { ...extras, ...unknown };
        if (built && (!updated || Date.parse(built) > Date.parse(updated))) updated = built;
        return { ...report, ...(updated ? { updated } : {}) };
      }
      // Build the new trust aside, then swap it in with one synchronous assignment:
      // a verification in flight keeps the state it started with (see verifier.ts).
      const state = newState(internals);
      const report = await load(bundle, state);
      carryRevocation(state, internals);
      Object.assign(internals, state);
      extras = unknown;
      if (built) updated = built;
      return built ? { ...report, updated: built } : report;
    });
  }

  if (storage) {
    internals.settled = false;
    internals.ready = storage.load().then(async (b) => {
      if (!isObject(b) || (b as { version?: unknown }).version !== 1) return;
      await load(b, internals);
      for (const [key, value] of Object.entries(b)) if (!knownKeys.has(key)) extras[key] = value;
      if (typeof b.updated === 'string') updated = b.updated;
    }, () => undefined).finally(() => { internals.settled = true; });
  }

  const remove = (run: () => boolean): Promise<boolean> => change(async () => run());

  return {
    addShcIssuer: (i) => change(() => internals.shc.add(i)),
    addDccSigner: (s) => change(() => internals.dcc.add(s)),
    addIdhpIssuer: (i) => change(() => internals.idhp.add(i)),
    addDccRevocations: (l) => change(() => internals.dcc.addRevocations(l)),
    addVdsncCsca: (c) => change(() => internals.vdsnc.add(c)),
    addDivocIssuer: (i) => change(() => internals.divoc.add(i)),
    removeShcIssuer: (iss) => remove(() => internals.shc.remove(iss)),
    removeDccSigner: (kid) => remove(() => internals.dcc.remove(kid)),
    removeIdhpIssuer: (id) => remove(() => internals.idhp.remove(id)),
    importBundle,
    exportBundle: async () => { await internals.ready; await queue; return exportBundle(); },
    [trustInternals]: internals,
  };
}
