import { it } from 'node:test';
import assert from 'node:assert/strict';
import { DuplicateDetector, idbDuplicateStore } from '@pass-check/elements';
import { createStore, clear, entries, set } from 'idb-keyval';

const ID = 'YjK11pxLBHrJ2Vwt1b53gmqDX9Du2qZO8H0UzUK5C9E';

it('keeps keyed entries and a non-extractable key in IndexedDB across detectors (a reloaded kiosk)', async () => {
  const store = createStore('pass-check-duplicates-test', 'duplicates');
  await clear(store);
  await new DuplicateDetector(60_000, idbDuplicateStore(store)).check(ID);
  const again = await new DuplicateDetector(60_000, idbDuplicateStore(store)).check(ID);
  assert.ok(again instanceof Date);
  const records = await entries(store);
  assert.deepEqual(records.map(([k]) => k.slice(0, 2)).sort(), ['ke', 's:'], 'the key, and one record for the one pass');
  assert.ok(!JSON.stringify(records).includes(ID));
  const key = records.find(([k]) => k === 'key')[1];
  // What IndexedDB holds is a key object, not key bytes: a copy of the database cannot recompute the entries.
  assert.ok(key instanceof CryptoKey);
  assert.equal(key.extractable, false);
  await assert.rejects(crypto.subtle.exportKey('raw', key));
  await clear(store);
});

it('one scan writes one record, not the list: 50 scans over 2,000 held passes', async () => {
  const store = createStore('pass-check-duplicates-test-writes', 'duplicates');
  await clear(store);
  const duplicates = idbDuplicateStore(store);
  const filler = new DuplicateDetector(3_600_000, duplicates);
  const id = (i) => `pass-id-number-${String(i).padStart(6, '0')}`;
  for (let i = 0; i < 2000; i++) await filler.check(id(i));
  // Count what each scan's transaction puts, at the IndexedDB level.
  const puts = [];
  const counting = (mode, callback) => store(mode, (os) => {
    const put = os.put.bind(os);
    os.put = (value, key) => { puts.push(key); return put(value, key); };
    return callback(os);
  });
  const detector = new DuplicateDetector(3_600_000, idbDuplicateStore(counting));
  await detector.passIdKey();
  puts.length = 0;
  for (let i = 0; i < 50; i++) assert.equal(await detector.check(id(2000 + i)), undefined);
  assert.equal(puts.length, 50);
  assert.ok(await detector.check(id(5)), 'what was held before the reload is still a duplicate');
  assert.equal((await entries(store)).length, 2051);
  await clear(store);
});

it('carries the old single-record layout over once, then drops it', async () => {
  const store = createStore('pass-check-duplicates-test-old', 'duplicates');
  await clear(store);
  // Made by the first layout: one 'state' record, rewritten on every scan.
  await new DuplicateDetector(60_000, idbDuplicateStore(store)).check(ID);
  const records = await entries(store);
  const key = records.find(([k]) => k === 'key')[1];
  const seen = records.filter(([k]) => k.startsWith('s:')).map(([k, t]) => [k.slice(2), t]);
  await clear(store);
  await set('state', { key, seen }, store);
  assert.ok(await new DuplicateDetector(60_000, idbDuplicateStore(store)).check(ID) instanceof Date);
  const after = (await entries(store)).map(([k]) => k).sort();
  assert.equal(after.length, 2);
  assert.ok(!after.includes('state'));
  await clear(store);
});
