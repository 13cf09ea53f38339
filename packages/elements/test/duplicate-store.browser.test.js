import { it } from 'node:test';
import assert from 'node:assert/strict';
import { DuplicateDetector, idbDuplicateStore } from '@pass-check/elements';
import { createStore, clear, get } from 'idb-keyval';

const ID = 'YjK11pxLBHrJ2Vwt1b53gmqDX9Du2qZO8H0UzUK5C9E';

it('keeps keyed entries and a non-extractable key in IndexedDB across detectors (a reloaded kiosk)', async () => {
  const store = createStore('pass-check-duplicates-test', 'duplicates');
  await clear(store);
  await new DuplicateDetector(60_000, idbDuplicateStore(store)).check(ID);
  const again = await new DuplicateDetector(60_000, idbDuplicateStore(store)).check(ID);
  assert.ok(again instanceof Date);
  const saved = await get('state', store);
  assert.equal(saved.seen.length, 1);
  assert.ok(!JSON.stringify(saved).includes(ID));
  // What IndexedDB holds is a key object, not key bytes: a copy of the database cannot recompute the entries.
  assert.ok(saved.key instanceof CryptoKey);
  assert.equal(saved.key.extractable, false);
  await assert.rejects(crypto.subtle.exportKey('raw', saved.key));
  assert.equal('salt' in saved, false);
  await clear(store);
});
