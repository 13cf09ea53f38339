// Notices the same pass presented twice within a window ("already scanned at
// 19:02") without keeping the pass: only a salted SHA-256 of its text is held,
// with the time it was seen. The salt never leaves the device, so the hashes
// cannot be matched against a list of known passes elsewhere.
import { createStore, get, set, type UseStore } from 'idb-keyval';

export interface DuplicateStore {
  load(): Promise<{ salt: Uint8Array; seen: [string, number][] } | undefined>;
  save(state: { salt: Uint8Array; seen: [string, number][] }): Promise<void>;
}

/** Keeps nothing beyond the page's lifetime. */
export function memoryDuplicateStore(): DuplicateStore {
  let state: { salt: Uint8Array; seen: [string, number][] } | undefined;
  return {
    async load() { return state; },
    async save(next) { state = next; },
  };
}

/** Survives reloads (a kiosk that restarts keeps its window). */
export function idbDuplicateStore(store: UseStore = createStore('pass-check-scanner', 'duplicates')): DuplicateStore {
  return {
    async load() { return get('state', store); },
    async save(state) { await set('state', state, store); },
  };
}

/** Upper bound on hashes held, so a long night of scanning cannot grow memory without limit. */
const MAX_ENTRIES = 10_000;

export class DuplicateDetector {
  private salt: Uint8Array | undefined;
  private readonly seen = new Map<string, number>();
  private loaded: Promise<void> | undefined;

  constructor(
    /** How long a pass counts as "already scanned", in milliseconds; 0 turns detection off. */
    public windowMs: number,
    private readonly store: DuplicateStore = memoryDuplicateStore(),
    private readonly now: () => number = () => Date.now(),
  ) {}

  /**
   * Records `text` as seen now. Returns when it was previously seen within
   * the window, or undefined for a first sighting.
   */
  async check(text: string): Promise<Date | undefined> {
    if (this.windowMs <= 0) return undefined;
    await this.load();
    const time = this.now();
    this.prune(time);
    const key = await this.hash(text);
    const previous = this.seen.get(key);
    // Re-inserting moves the key to the end, so the size cap drops the least recently presented pass first.
    this.seen.delete(key);
    this.seen.set(key, previous ?? time);
    while (this.seen.size > MAX_ENTRIES) this.seen.delete(this.seen.keys().next().value as string);
    await this.store.save({ salt: this.salt as Uint8Array, seen: [...this.seen] });
    return previous === undefined ? undefined : new Date(previous);
  }

  /** Forgets every sighting (and keeps the salt). */
  async clear(): Promise<void> {
    await this.load();
    this.seen.clear();
    await this.store.save({ salt: this.salt as Uint8Array, seen: [] });
  }

  private load(): Promise<void> {
    this.loaded ??= (async () => {
      const state = await this.store.load().catch(() => undefined);
      this.salt = state?.salt instanceof Uint8Array && state.salt.length === 32 ? state.salt : crypto.getRandomValues(new Uint8Array(32));
      for (const [key, time] of state?.seen ?? []) if (typeof key === 'string' && typeof time === 'number') this.seen.set(key, time);
    })();
    return this.loaded;
  }

  private prune(time: number): void {
    for (const [key, seenAt] of this.seen) if (time - seenAt > this.windowMs) this.seen.delete(key);
  }

  private async hash(text: string): Promise<string> {
    const textBytes = new TextEncoder().encode(text);
    const salted = new Uint8Array(32 + textBytes.length);
    salted.set(this.salt as Uint8Array);
    salted.set(textBytes, 32);
    const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', salted));
    return Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join('');
  }
}
