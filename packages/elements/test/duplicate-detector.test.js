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
    await store.save({ salt: new Uint8Array(32), seen: [['00'.repeat(32), Date.now()]] });
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
});
