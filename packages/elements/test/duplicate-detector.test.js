import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { DuplicateDetector, memoryDuplicateStore } from '@pass-check/elements';

// Pass ids as the verifier writes them (base64url of an HMAC-SHA-256).
const ID_A = 'YjK11pxLBHrJ2Vwt1b53gmqDX9Du2qZO8H0UzUK5C9E';
const ID_B = 'Qm9uam91ciB0b3V0IGxlIG1vbmRlLCBjZXN0IG1vaQ0';

describe('DuplicateDetector', () => {
  it('reports the time of the first sighting within the window', async () => {
    let now = 1_700_000_000_000;
    const detector = new DuplicateDetector(60_000, memoryDuplicateStore(), () => now);
    assert.equal(await detector.check(ID_A), undefined);
    now += 30_000;
    const previous = await detector.check(ID_A);
    assert.ok(previous instanceof Date);
    assert.equal(previous.getTime(), 1_700_000_000_000);
    assert.equal(await detector.check(ID_B), undefined, 'another pass is new');
  });

  it('forgets a pass once the window has passed', async () => {
    let now = 0;
    const detector = new DuplicateDetector(60_000, memoryDuplicateStore(), () => now);
    await detector.check(ID_A);
    now = 61_000;
    assert.equal(await detector.check(ID_A), undefined);
  });

  it('is off with a zero window', async () => {
    const detector = new DuplicateDetector(0);
    await detector.check(ID_A);
    assert.equal(await detector.check(ID_A), undefined);
  });

  it('looks up only pass ids: a result without one (signature not verified) is never a duplicate', async () => {
    const detector = new DuplicateDetector(60_000);
    assert.equal(await detector.check(undefined), undefined);
    assert.equal(await detector.check(undefined), undefined);
    assert.equal(await detector.check('shc:/1234'), undefined);
    assert.equal(await detector.check('shc:/1234'), undefined);
  });

  it('stores only HMACs under a non-extractable key: no salt, no id, no pass text', async () => {
    const store = memoryDuplicateStore();
    const detector = new DuplicateDetector(60_000, store);
    await detector.check(ID_A);
    const state = await store.load();
    assert.ok(state.key instanceof CryptoKey);
    assert.equal(state.key.extractable, false);
    await assert.rejects(crypto.subtle.exportKey('raw', state.key));
    assert.equal('salt' in state, false);
    assert.equal(state.seen.length, 1);
    const [entry] = state.seen[0];
    assert.match(entry, /^[0-9a-f]{64}$/);
    assert.ok(!JSON.stringify(state.seen).includes(ID_A));

    const other = memoryDuplicateStore();
    await new DuplicateDetector(60_000, other).check(ID_A);
    assert.notEqual((await other.load()).seen[0][0], entry, 'another key gives another entry');
  });

  it('starts afresh from an old store that kept a salt beside its hashes', async () => {
    const store = memoryDuplicateStore();
    let old = { salt: new Uint8Array(32), seen: [['00'.repeat(32), Date.now()]] };
    const load = store.load;
    store.load = async () => old ?? load();
    const clear = store.clear;
    store.clear = async () => { old = undefined; await clear(); };
    const detector = new DuplicateDetector(60_000, store);
    assert.equal(await detector.check(ID_A), undefined);
    const state = await store.load();
    assert.ok(state.key instanceof CryptoKey);
    assert.equal(state.seen.length, 1);
  });

  it('keeps its window across instances sharing a store (a reloaded kiosk)', async () => {
    const store = memoryDuplicateStore();
    await new DuplicateDetector(60_000, store).check(ID_A);
    assert.ok(await new DuplicateDetector(60_000, store).check(ID_A));
  });

  it('two scans of one pass at once: exactly one is the first', async () => {
    const detector = new DuplicateDetector(60_000);
    const results = await Promise.all([detector.check(ID_A), detector.check(ID_A), detector.check(ID_A)]);
    assert.equal(results.filter((r) => r === undefined).length, 1);
  });

  it('clear() forgets every sighting', async () => {
    const detector = new DuplicateDetector(60_000);
    await detector.check(ID_A);
    await detector.clear();
    assert.equal(await detector.check(ID_A), undefined);
  });

  it('one scan is one small write: the new sighting only, never the whole list', async () => {
    let now = 1_700_000_000_000;
    const store = memoryDuplicateStore();
    const writes = [];
    const write = store.write;
    store.write = async (put, remove) => { writes.push({ put: put.length, remove: remove.length }); return write(put, remove); };
    const detector = new DuplicateDetector(60_000, store, () => now);
    for (let i = 0; i < 500; i++) await detector.check(`pass-id-number-${String(i).padStart(6, '0')}`);
    assert.equal(writes.length, 500);
    assert.ok(writes.every((w) => w.put === 1 && w.remove === 0));
    // A repeat within the window keeps its first time: nothing to write.
    now += 1000;
    assert.ok(await detector.check('pass-id-number-000001'));
    assert.deepEqual(writes.at(-1), { put: 0, remove: 0 });
  });

  it('prunes expired entries from the store a bounded number at a time, and forgets them at once', async () => {
    let now = 0;
    const store = memoryDuplicateStore();
    const writes = [];
    const write = store.write;
    store.write = async (put, remove) => { writes.push(remove.length); return write(put, remove); };
    const detector = new DuplicateDetector(60_000, store, () => now);
    for (let i = 0; i < 200; i++) await detector.check(`pass-id-number-${String(i).padStart(6, '0')}`);
    now = 120_000;
    writes.length = 0;
    // Every old sighting is out of the window at once, whatever the store still holds.
    assert.equal(await detector.check('pass-id-number-000000'), undefined);
    for (let i = 0; i < 5; i++) await detector.check(`pass-id-later-${i}`.padEnd(20, 'x'));
    assert.ok(writes.every((n) => n <= 64), `at most 64 deletions a scan: ${writes}`);
    assert.equal(writes.reduce((a, b) => a + b, 0), 199, 'the 199 expired entries (the re-presented pass is rewritten) are deleted');
    assert.equal((await store.load()).seen.length, 6);
  });

  it('holds at most 10,000 passes, dropping the least recently presented first, in memory and in the store', async () => {
    let now = 0;
    const store = memoryDuplicateStore();
    const detector = new DuplicateDetector(3_600_000, store, () => now);
    const id = (i) => `pass-id-number-${String(i).padStart(6, '0')}`;
    for (let i = 0; i < 10_000; i++) { now++; await detector.check(id(i)); }
    now++;
    assert.ok(await detector.check(id(0)), 'pass 0 presented again: now the most recent');
    now++;
    await detector.check(id(10_000));
    for (let i = 0; i < 3; i++) { now++; await detector.check(`pass-id-extra-${i}`.padEnd(20, 'x')); }
    const held = (await store.load()).seen.length;
    assert.equal(held, 10_000);
    assert.ok(await detector.check(id(0)), 'the re-presented pass is kept');
    assert.equal(await new DuplicateDetector(3_600_000, store, () => now).check(id(1)), undefined, 'the least recently presented is gone, also after a reload');
  });
});
