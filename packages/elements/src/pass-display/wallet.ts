// The wallet: passes the holder chose to keep on this device, in IndexedDB.
// Only the QR text and when it was saved are stored; names are read from the
// pass when it is shown, so nothing else about the holder sits in storage.
import { createStore, del, entries, set, type UseStore } from 'idb-keyval';

export interface SavedPass {
  id: string;
  text: string;
  savedAt: number;
}

export function defaultWalletStore(): UseStore {
  return createStore('pass-check-wallet', 'passes');
}

export async function listPasses(store: UseStore = defaultWalletStore()): Promise<SavedPass[]> {
  const all = await entries<string, SavedPass>(store);
  return all.map(([, pass]) => pass).filter((p) => typeof p?.text === 'string').sort((a, b) => b.savedAt - a.savedAt);
}

/** Saves `text` once: saving the same pass again returns the existing entry's id. */
export async function savePass(text: string, store: UseStore = defaultWalletStore()): Promise<SavedPass> {
  const existing = (await listPasses(store)).find((p) => p.text === text);
  if (existing) return existing;
  const pass: SavedPass = { id: crypto.randomUUID(), text, savedAt: Date.now() };
  await set(pass.id, pass, store);
  return pass;
}

export async function deletePass(id: string, store: UseStore = defaultWalletStore()): Promise<void> {
  await del(id, store);
}
