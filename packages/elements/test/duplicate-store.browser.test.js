import { it } from 'node:test';
import assert from 'node:assert/strict';
import { DuplicateDetector, idbDuplicateStore } from '@pass-check/elements';
import { createStore, clear } from 'idb-keyval';

it('keeps the salted hashes in IndexedDB across detectors (a reloaded kiosk)', async () => {
  const store = createStore('pass-check-duplicates-test', 'duplicates');
  await clear(store);
  await new DuplicateDetector(60_000, idbDuplicateStore(store)).check('shc:/1234');
  const again = await new DuplicateDetector(60_000, idbDuplicateStore(store)).check('shc:/1234');
  assert.ok(again instanceof Date);
  const saved = await idbDuplicateStore(store).load();
  assert.equal(saved.seen.length, 1);
  assert.ok(!JSON.stringify(saved.seen).includes('1234'));
  await clear(store);
});
