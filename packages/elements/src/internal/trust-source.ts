// The trust a scanner fetched from its `trust` URL, kept fresh: the last good
// bundle is kept in IndexedDB so a scanner starts offline; refreshes use
// conditional requests (ETag / Last-Modified); with a venue key (`trust-key`)
// only a bundle signed by it, and not older than the one held, is taken.
// Verifying never touches the network: only `load()` and `refresh()` fetch.
import { createStore, get, set, type UseStore } from 'idb-keyval';
import { createTrustStore, type TrustBundle, type TrustStore } from '@pass-check/verifier-core';
import { trustBundleUrl } from './trust-url.js';

/** What IndexedDB keeps per bundle URL (and key): the body as fetched, so a signed bundle is checked again on load. */
interface KeptBundle {
  body: string;
  etag?: string;
  lastModified?: string;
}

/** A bundle body larger than this is refused (a full VCI build is about 0.5 MB). */
export const MAX_BUNDLE_BYTES = 32 * 1024 * 1024;

let idbStore: UseStore | undefined;
const keptBundles = (): UseStore => (idbStore ??= createStore('pass-check-trust', 'bundles'));

export type RefreshOutcome = 'updated' | 'unchanged' | 'failed';

export class TrustSource {
  readonly store: TrustStore = createTrustStore();
  /** When the bundle held was built (its `updated`); undefined when it does not say (treated as too old). */
  builtAt: Date | undefined;
  /** Why the last refresh failed, if it did (for staff; never shown to visitors). */
  lastError: string | undefined;
  private etag: string | undefined;
  private lastModified: string | undefined;
  private refreshing: Promise<RefreshOutcome> | undefined;
  /** The body the store was loaded from: the same body fetched again is not checked and imported again. */
  private held: string | undefined;
  private lastOutcome: RefreshOutcome | undefined;

  constructor(readonly url: string, readonly key: JsonWebKey | undefined, readonly crossOrigin = false) {}

  private get idbKey(): string {
    return `${this.url}#${this.key ? `${this.key.x}.${this.key.y}` : 'unsigned'}`;
  }

  /** Age of the bundle held, in ms at `now`; Infinity when it does not say when it was built. */
  ageMs(now = Date.now()): number {
    return this.builtAt ? Math.max(0, now - this.builtAt.getTime()) : Infinity;
  }

  /**
   * Starts from IndexedDB (offline start), then asks the network. Resolves once some
   * trust is held; rejects only when there is none (no kept bundle and no usable download).
   */
  async load(): Promise<void> {
    let kept: KeptBundle | undefined;
    try { kept = await get<KeptBundle>(this.idbKey, keptBundles()); } catch { kept = undefined; }
    if (kept && typeof kept.body === 'string') {
      try {
        await this.take(kept.body);
        this.etag = kept.etag;
        this.lastModified = kept.lastModified;
      } catch {
        kept = undefined; // not usable any more (e.g. another key now): start from the network
      }
    }
    if (kept) {
      void this.refresh(); // in the background: the scanner is ready now
      return;
    }
    const outcome = await this.refresh();
    if (outcome === 'failed') throw new Error(`trust bundle: ${this.lastError ?? 'unavailable'}`);
  }

  /** Fetches the bundle again (conditionally); a failure keeps the bundle held. */
  refresh(): Promise<RefreshOutcome> {
    this.refreshing ??= this.fetchAndTake()
      .then((outcome) => { this.lastOutcome = outcome; return outcome; })
      .finally(() => { this.refreshing = undefined; });
    return this.refreshing;
  }

  /** The refresh in flight when there is one, else the last one's outcome (undefined: none yet). */
  settled(): Promise<RefreshOutcome | undefined> {
    return this.refreshing ?? Promise.resolve(this.lastOutcome);
  }

  private async fetchAndTake(): Promise<RefreshOutcome> {
    const headers: Record<string, string> = {};
    if (this.builtAt !== undefined || this.etag || this.lastModified) {
      if (this.etag) headers['if-none-match'] = this.etag;
      if (this.lastModified) headers['if-modified-since'] = this.lastModified;
    }
    let response: Response;
    try {
      response = await fetch(this.url, { credentials: 'same-origin', cache: 'no-cache', headers, ...(this.crossOrigin ? {} : { mode: 'same-origin' as RequestMode }) });
      // A redirect may not carry the bundle to where the URL check would not have let it come from.
      if (response.redirected) trustBundleUrl(response.url, this.crossOrigin);
    } catch (e) {
      this.lastError = `network: ${(e as Error).message}`;
      return 'failed';
    }
    if (response.status === 304 && this.builtAt !== undefined) { this.lastError = undefined; return 'unchanged'; }
    if (!response.ok) { this.lastError = `HTTP ${response.status}`; return 'failed'; }
    const declared = Number(response.headers.get('content-length'));
    if (Number.isFinite(declared) && declared > MAX_BUNDLE_BYTES) { this.lastError = 'bundle too large'; return 'failed'; }
    let body: string;
    try {
      body = await response.text();
    } catch (e) {
      this.lastError = `network: ${(e as Error).message}`;
      return 'failed';
    }
    if (body.length > MAX_BUNDLE_BYTES) { this.lastError = 'bundle too large'; return 'failed'; }
    // A server without validators (no ETag, no Last-Modified) sends the same bundle again: importing it
    // again (signature, ~1000 keys) would change nothing the store holds, and would compete with the first scan.
    const same = this.held !== undefined && body.trim() === this.held;
    try {
      if (!same) await this.take(body);
    } catch (e) {
      // Unsigned, foreign-signed, older than held, or not a bundle: keep what we hold.
      this.lastError = `${(e as { code?: string }).code ?? 'BUNDLE_INVALID'}: ${(e as Error).message}`;
      return 'failed';
    }
    this.etag = response.headers.get('etag') ?? undefined;
    this.lastModified = response.headers.get('last-modified') ?? undefined;
    this.lastError = undefined;
    if (same) return 'unchanged';
    const kept: KeptBundle = { body };
    if (this.etag) kept.etag = this.etag;
    if (this.lastModified) kept.lastModified = this.lastModified;
    // A blob: or data: URL lives as long as its page: nothing to start offline from next time.
    if (/^https?:/.test(this.url)) {
      try { await set(this.idbKey, kept, keptBundles()); } catch { /* private mode: no offline start, still works */ }
    }
    return 'updated';
  }

  /** Imports a body (replacing what the store holds): a signed JWS with a key, else bundle JSON. */
  private async take(body: string): Promise<void> {
    const text = body.trim();
    let built: string | undefined;
    if (this.key) {
      built = (await this.store.importBundle(text, { key: this.key })).updated;
    } else {
      const bundle = JSON.parse(text) as TrustBundle;
      if (!bundle || typeof bundle !== 'object') throw new TypeError('not a trust bundle');
      await this.store.importBundle(bundle);
      built = bundle.updated;
    }
    const time = built ? Date.parse(built) : NaN;
    this.builtAt = Number.isNaN(time) ? undefined : new Date(time);
    this.held = text;
  }
}

const sources = new Map<string, { source: TrustSource; loaded: Promise<TrustSource> }>();

/**
 * One source per bundle URL and key per page, however many elements use it; a failed load is forgotten so the next try fetches again.
 * `source` is there at once (its store empty until `loaded`), so a verifier can be made while the bundle loads.
 */
export function startTrustSource(url: string, key: JsonWebKey | undefined, crossOrigin = false): { source: TrustSource; loaded: Promise<TrustSource> } {
  const absolute = trustBundleUrl(url, crossOrigin).href;
  const id = `${crossOrigin ? 'x' : 's'} ${absolute}#${key ? JSON.stringify([key.x, key.y]) : ''}`;
  let started = sources.get(id);
  if (!started) {
    const source = new TrustSource(absolute, key, crossOrigin);
    const loaded = source.load().then(() => source);
    loaded.catch(() => sources.delete(id));
    started = { source, loaded };
    sources.set(id, started);
  }
  return started;
}

/** The loaded source for a bundle URL and key (see startTrustSource). */
export function trustSourceFor(url: string, key: JsonWebKey | undefined, crossOrigin = false): Promise<TrustSource> {
  try {
    return startTrustSource(url, key, crossOrigin).loaded;
  } catch (e) {
    return Promise.reject(e);
  }
}

/** `trust-key` attribute: a public P-256 JWK as JSON; undefined when absent, a TypeError when malformed. */
export function parseTrustKey(text: string | undefined | null): JsonWebKey | undefined {
  if (!text) return undefined;
  let jwk: unknown;
  try { jwk = JSON.parse(text); } catch { throw new TypeError('trust-key must be a JSON Web Key (EC P-256 public key)'); }
  const k = jwk as JsonWebKey;
  if (!k || k.kty !== 'EC' || k.crv !== 'P-256' || typeof k.x !== 'string' || typeof k.y !== 'string') {
    throw new TypeError('trust-key must be an EC P-256 public JWK');
  }
  return { kty: 'EC', crv: 'P-256', x: k.x, y: k.y };
}
