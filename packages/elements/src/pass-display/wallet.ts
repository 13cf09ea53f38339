// The wallet: passes the holder chose to keep on this device, in IndexedDB.
// Only the QR text and when it was saved are stored; names are read from the
// pass when it is shown, so nothing else about the holder sits in storage.
import { createStore, del, entries, set, setMany, type UseStore } from 'idb-keyval';

export interface SavedPass {
  id: string;
  text: string;
  savedAt: number;
}

/** Most passes one import may add: a file of thousands is not one holder's passes. */
export const MAX_IMPORT_PASSES = 20;
/** Most passes the wallet keeps. */
export const MAX_WALLET_PASSES = 200;

export function defaultWalletStore(): UseStore {
  return createStore('pass-check-wallet', 'passes');
}

export async function listPasses(store: UseStore = defaultWalletStore()): Promise<SavedPass[]> {
  const all = await entries<string, SavedPass>(store);
  return all.map(([, pass]) => pass).filter((p) => typeof p?.text === 'string').sort((a, b) => b.savedAt - a.savedAt);
}

/** savePass into a wallet that already holds MAX_WALLET_PASSES. */
export class WalletFullError extends Error {
  readonly code = 'WALLET_FULL';
  constructor() {
    super(`the wallet holds ${MAX_WALLET_PASSES} passes, its most`);
    this.name = 'WalletFullError';
  }
}

/**
 * Saves `text` once: saving the same pass again returns the existing entry. A wallet that
 * already holds MAX_WALLET_PASSES refuses a new one (WalletFullError, code WALLET_FULL).
 */
export async function savePass(text: string, store: UseStore = defaultWalletStore()): Promise<SavedPass> {
  const saved = await listPasses(store);
  const existing = saved.find((p) => p.text === text);
  if (existing) return existing;
  if (saved.length >= MAX_WALLET_PASSES) throw new WalletFullError();
  const pass: SavedPass = { id: crypto.randomUUID(), text, savedAt: Date.now() };
  await set(pass.id, pass, store);
  return pass;
}

export async function deletePass(id: string, store: UseStore = defaultWalletStore()): Promise<void> {
  await del(id, store);
}

/** What an import of `texts` would do: the new passes it would add (capped), and how many it leaves out. */
export interface ImportPlan {
  add: string[];
  alreadySaved: number;
  overLimit: number;
}

/** Plans an import against what is saved: one read of the store, then a set lookup per text (linear). */
export async function planImport(texts: string[], store: UseStore = defaultWalletStore()): Promise<ImportPlan> {
  const saved = await listPasses(store);
  const have = new Set(saved.map((p) => p.text));
  const room = Math.max(0, Math.min(MAX_IMPORT_PASSES, MAX_WALLET_PASSES - saved.length));
  const plan: ImportPlan = { add: [], alreadySaved: 0, overLimit: 0 };
  for (const text of texts) {
    if (have.has(text)) { plan.alreadySaved++; continue; }
    have.add(text);
    if (plan.add.length < room) plan.add.push(text);
    else plan.overLimit++;
  }
  return plan;
}

/** Saves the planned passes in one transaction. */
export async function saveImport(plan: ImportPlan, store: UseStore = defaultWalletStore()): Promise<SavedPass[]> {
  const now = Date.now();
  const passes = plan.add.map((text, i): SavedPass => ({ id: crypto.randomUUID(), text, savedAt: now + i }));
  await setMany(passes.map((p) => [p.id, p]), store);
  return passes;
}
