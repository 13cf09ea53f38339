// Notices the same pass presented twice within a window ("already scanned at
// 19:02") without keeping the pass. It is keyed on `result.passId` only (the
// same for every encoding of one signed pass), never on the QR text: a
// re-encoded screenshot of a scanned pass is still a duplicate. What is held is
// HMAC-SHA-256(key, passId) with the time it was seen; the key is a
// non-extractable WebCrypto key, so even a copy of the store (IndexedDB
// included) holds no secret that would let anyone test a pass against it.
import { createStore, entries, promisifyRequest, type UseStore } from 'idb-keyval';

export interface DuplicateState {
  /** Non-extractable HMAC SHA-256 key (structured-cloneable, so IndexedDB keeps it as a key, not as bytes). */
  key: CryptoKey;
  /** [HMAC of a pass id (hex), when it was first seen (ms)]. */
  seen: [string, number][];
}

/**
 * Where a DuplicateDetector keeps its key and sightings. Read whole once (`load`),
 * then written a little at a time: one scan is one `write` of one entry (and of
 * at most a few deletions), whatever the number of passes held.
 */
export interface DuplicateStore {
  load(): Promise<DuplicateState | undefined>;
  saveKey(key: CryptoKey): Promise<void>;
  /** Adds or replaces the entries in `put` and forgets those in `remove`, in one go. */
  write(put: [string, number][], remove: string[]): Promise<void>;
  /** Forgets every entry and the key. */
  clear(): Promise<void>;
}

/** Keeps nothing beyond the page's lifetime. */
export function memoryDuplicateStore(): DuplicateStore {
  let key: CryptoKey | undefined;
  const seen = new Map<string, number>();
  return {
    async load() { return key ? { key, seen: [...seen] } : undefined; },
    async saveKey(next) { key = next; },
    async write(put, remove) {
      for (const entry of remove) seen.delete(entry);
      for (const [entry, time] of put) seen.set(entry, time);
    },
    async clear() { key = undefined; seen.clear(); },
  };
}

/** IndexedDB key of the HMAC key; each sighting is a key of its own, `s:` + its HMAC (hex). */
const KEY_RECORD = 'key';
const ENTRY_PREFIX = 's:';
/** The first layout kept everything in one record, rewritten on every scan. */
const OLD_STATE_RECORD = 'state';

/** Survives reloads (a kiosk that restarts keeps its window). One scan writes one small record. */
export function idbDuplicateStore(store: UseStore = createStore('pass-check-scanner', 'duplicates')): DuplicateStore {
  return {
    async load() {
      let key: unknown;
      let old: Partial<DuplicateState> | undefined;
      const seen: [string, number][] = [];
      for (const [name, value] of await entries<IDBValidKey, unknown>(store)) {
        if (name === KEY_RECORD) key = value;
        else if (name === OLD_STATE_RECORD) old = value as Partial<DuplicateState>;
        else if (typeof name === 'string' && name.startsWith(ENTRY_PREFIX)) seen.push([name.slice(ENTRY_PREFIX.length), value as number]);
      }
      if (key === undefined && old?.key) {
        // Carried over once from the old single record, which is then dropped.
        key = old.key;
        if (Array.isArray(old.seen)) seen.push(...old.seen);
        await store('readwrite', (os) => {
          os.put(old!.key, KEY_RECORD);
          for (const [entry, time] of seen) os.put(time, ENTRY_PREFIX + entry);
          os.delete(OLD_STATE_RECORD);
          return promisifyRequest(os.transaction);
        });
      }
      return key ? { key: key as CryptoKey, seen } : undefined;
    },
    async saveKey(key) {
      await store('readwrite', (os) => { os.put(key, KEY_RECORD); return promisifyRequest(os.transaction); });
    },
    async write(put, remove) {
      if (!put.length && !remove.length) return;
      await store('readwrite', (os) => {
        for (const entry of remove) os.delete(ENTRY_PREFIX + entry);
        for (const [entry, time] of put) os.put(time, ENTRY_PREFIX + entry);
        return promisifyRequest(os.transaction);
      });
    },
    async clear() {
      await store('readwrite', (os) => { os.clear(); return promisifyRequest(os.transaction); });
    },
  };
}

/** Upper bound on entries held, so a long night of scanning cannot grow memory without limit. */
const MAX_ENTRIES = 10_000;
/** Most stale entries deleted from the store by one scan: pruning a long-idle store is spread over scans. */
const MAX_DELETES_PER_WRITE = 64;
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
  /** Entries dropped from memory (expired, or over the cap) and not yet from the store. */
  private readonly stale = new Set<string>();
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
    this.stale.delete(entry);
    while (this.seen.size > MAX_ENTRIES) this.forget(this.seen.keys().next().value as string);
    // One small write: this sighting (a first one only; a repeat keeps its first time) and a few deletions.
    const remove: string[] = [];
    for (const stale of this.stale) {
      if (remove.length >= MAX_DELETES_PER_WRITE) break;
      remove.push(stale);
    }
    await this.store.write(previous === undefined ? [[entry, time]] : [], remove);
    for (const done of remove) this.stale.delete(done);
    return previous === undefined ? undefined : new Date(previous);
  }

  /** Forgets every sighting (and keeps the key). */
  async clear(): Promise<void> {
    await this.load();
    this.seen.clear();
    this.stale.clear();
    await this.store.clear();
    await this.store.saveKey(this.key as CryptoKey);
  }

  private load(): Promise<void> {
    this.loaded ??= (async () => {
      const state = await this.store.load().catch(() => undefined);
      if (state && usableKey(state.key)) {
        this.key = state.key;
        // Oldest first, so the size cap drops the oldest sightings first after a reload too.
        const held = (Array.isArray(state.seen) ? state.seen : [])
          .filter(([entry, time]) => typeof entry === 'string' && typeof time === 'number' && Number.isFinite(time))
          .sort((a, b) => a[1] - b[1]);
        for (const [entry, time] of held) this.seen.set(entry, time);
        while (this.seen.size > MAX_ENTRIES) this.forget(this.seen.keys().next().value as string);
      } else {
        // Nothing stored, or an older store (a salt beside its hashes): start afresh with a new key.
        if (state) await this.store.clear().catch(() => undefined);
        this.key = await newKey();
        await this.store.saveKey(this.key);
      }
    })();
    return this.loaded;
  }

  private prune(time: number): void {
    for (const [entry, seenAt] of this.seen) if (time - seenAt > this.windowMs) this.forget(entry);
  }

  private forget(entry: string): void {
    this.seen.delete(entry);
    this.stale.add(entry);
  }

  private async mac(passId: string): Promise<string> {
    const digest = new Uint8Array(await crypto.subtle.sign('HMAC', this.key as CryptoKey, new TextEncoder().encode(passId)));
    return Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join('');
  }
}
