// Notices the same pass presented twice within a window ("already scanned at
// 19:02") without keeping the pass. It is keyed on `result.passId` only (the
// same for every encoding of one signed pass), never on the QR text: a
// re-encoded screenshot of a scanned pass is still a duplicate. What is held is
// HMAC-SHA-256(key, passId) with the time it was seen; the key is a
// non-extractable WebCrypto key, so even a copy of the store (IndexedDB
// included) holds no secret that would let anyone test a pass against it.
import { createStore, get, set, type UseStore } from 'idb-keyval';

export interface DuplicateState {
  /** Non-extractable HMAC SHA-256 key (structured-cloneable, so IndexedDB keeps it as a key, not as bytes). */
  key: CryptoKey;
  seen: [string, number][];
}

export interface DuplicateStore {
  load(): Promise<DuplicateState | undefined>;
  save(state: DuplicateState): Promise<void>;
}

/** Keeps nothing beyond the page's lifetime. */
export function memoryDuplicateStore(): DuplicateStore {
  let state: DuplicateState | undefined;
  return {
    async load() { return state; },
    async save(next) { state = { key: next.key, seen: [...next.seen] }; },
  };
}

/** Survives reloads (a kiosk that restarts keeps its window). */
export function idbDuplicateStore(store: UseStore = createStore('pass-check-scanner', 'duplicates')): DuplicateStore {
  return {
    async load() { return get('state', store); },
    async save(state) { await set('state', state, store); },
  };
}

/** Upper bound on entries held, so a long night of scanning cannot grow memory without limit. */
const MAX_ENTRIES = 10_000;
/** A pass id as the verifier writes it (base64url); anything else is not looked up. */
const PASS_ID = /^[A-Za-z0-9_-]{16,128}$/;

const newKey = (): Promise<CryptoKey> =>
  crypto.subtle.generateKey({ name: 'HMAC', hash: 'SHA-256', length: 256 }, false, ['sign']) as Promise<CryptoKey>;

function usableKey(key: unknown): key is CryptoKey {
  return typeof CryptoKey !== 'undefined' && key instanceof CryptoKey && !key.extractable
    && (key.algorithm as HmacKeyAlgorithm).name === 'HMAC' && key.usages.includes('sign');
}

export class DuplicateDetector {
  private key: CryptoKey | undefined;
  private readonly seen = new Map<string, number>();
  private loaded: Promise<void> | undefined;
  /** Checks run one after another: two gates' worth of scans must not interleave their read-modify-write. */
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    /** How long a pass counts as "already scanned", in milliseconds; 0 turns detection off. */
    public windowMs: number,
    private readonly store: DuplicateStore = memoryDuplicateStore(),
    private readonly now: () => number = () => Date.now(),
  ) {}

  /**
   * Records the pass `passId` (a VerificationResult's) as seen now. Returns when it was previously
   * seen within the window, or undefined for a first sighting, for a pass without an id (its
   * signature did not verify) or with detection off.
   */
  check(passId: string | undefined): Promise<Date | undefined> {
    const run = this.queue.then(() => this.checkNow(passId));
    this.queue = run.catch(() => undefined);
    return run;
  }

  /** The store's key (created on first use): the scanner also gives it to its verifier as passIdKey. */
  async passIdKey(): Promise<CryptoKey> {
    await this.load();
    return this.key as CryptoKey;
  }

  private async checkNow(passId: string | undefined): Promise<Date | undefined> {
    if (this.windowMs <= 0 || typeof passId !== 'string' || !PASS_ID.test(passId)) return undefined;
    await this.load();
    const time = this.now();
    this.prune(time);
    const entry = await this.mac(passId);
    const previous = this.seen.get(entry);
    // Re-inserting moves the entry to the end, so the size cap drops the least recently presented pass first.
    this.seen.delete(entry);
    this.seen.set(entry, previous ?? time);
    while (this.seen.size > MAX_ENTRIES) this.seen.delete(this.seen.keys().next().value as string);
    await this.store.save({ key: this.key as CryptoKey, seen: [...this.seen] });
    return previous === undefined ? undefined : new Date(previous);
  }

  /** Forgets every sighting (and keeps the key). */
  async clear(): Promise<void> {
    await this.load();
    this.seen.clear();
    await this.store.save({ key: this.key as CryptoKey, seen: [] });
  }

  private load(): Promise<void> {
    this.loaded ??= (async () => {
      const state = await this.store.load().catch(() => undefined);
      if (state && usableKey(state.key)) {
        this.key = state.key;
        for (const [entry, time] of Array.isArray(state.seen) ? state.seen : []) {
          if (typeof entry === 'string' && typeof time === 'number' && Number.isFinite(time)) this.seen.set(entry, time);
        }
      } else {
        // Nothing stored, or an older store (a salt beside its hashes): start afresh with a new key.
        this.key = await newKey();
      }
    })();
    return this.loaded;
  }

  private prune(time: number): void {
    for (const [entry, seenAt] of this.seen) if (time - seenAt > this.windowMs) this.seen.delete(entry);
  }

  private async mac(passId: string): Promise<string> {
    const digest = new Uint8Array(await crypto.subtle.sign('HMAC', this.key as CryptoKey, new TextEncoder().encode(passId)));
    return Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join('');
  }
}
