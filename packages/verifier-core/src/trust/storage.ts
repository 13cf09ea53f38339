import { get, set, createStore, type UseStore } from 'idb-keyval';
import type { TrustBundle, TrustStorage } from '../types.js';

/** Keeps the bundle in this object only (the default: nothing outlives the page or process). */
export function memoryStorage(): TrustStorage {
  let kept: TrustBundle | undefined;
  return {
    async load() { return kept && structuredClone(kept); },
    async save(bundle) { kept = structuredClone(bundle); },
  };
}

/** Keeps the bundle in IndexedDB (browsers), so a scanner keeps its trust while offline. */
export function idbStorage(key = 'trust-bundle', store: UseStore = createStore('pass-check', 'trust')): TrustStorage {
  return {
    async load() { return (await get<TrustBundle>(key, store)) ?? undefined; },
    async save(bundle) { await set(key, bundle, store); },
  };
}
