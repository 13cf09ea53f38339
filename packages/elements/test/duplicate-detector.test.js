import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { DuplicateDetector, memoryDuplicateStore } from '@pass-check/elements';

describe('DuplicateDetector', () => {
  it('reports the time of the first sighting within the window', async () => {
    let now = 1_700_000_000_000;
    const detector = new DuplicateDetector(60_000, memoryDuplicateStore(), () => now);
    assert.equal(await detector.check('shc:/111'), undefined);
    now += 30_000;
    const previous = await detector.check('shc:/111');
    assert.ok(previous instanceof Date);
    assert.equal(previous.getTime(), 1_700_000_000_000);
    assert.equal(await detector.check('shc:/222'), undefined, 'another pass is new');
  });

  it('forgets a pass once the window has passed', async () => {
    let now = 0;
    const detector = new DuplicateDetector(60_000, memoryDuplicateStore(), () => now);
    await detector.check('shc:/111');
    now = 61_000;
    assert.equal(await detector.check('shc:/111'), undefined);
  });

  it('is off with a zero window', async () => {
    const detector = new DuplicateDetector(0);
    await detector.check('shc:/111');
    assert.equal(await detector.check('shc:/111'), undefined);
  });

  it('stores only salted hashes, never the pass text', async () => {
    const store = memoryDuplicateStore();
    const detector = new DuplicateDetector(60_000, store);
    await detector.check('shc:/56762909524320603460292437404460');
    const state = await store.load();
    assert.equal(state.salt.length, 32);
    assert.equal(state.seen.length, 1);
    const [hash] = state.seen[0];
    assert.match(hash, /^[0-9a-f]{64}$/);
    assert.ok(!JSON.stringify(state.seen).includes('5676290952'));

    const other = memoryDuplicateStore();
    await new DuplicateDetector(60_000, other).check('shc:/56762909524320603460292437404460');
    assert.notEqual((await other.load()).seen[0][0], hash, 'a different salt gives a different hash');
  });

  it('keeps its window across instances sharing a store (a reloaded kiosk)', async () => {
    const store = memoryDuplicateStore();
    await new DuplicateDetector(60_000, store).check('HC1:ABC');
    assert.ok(await new DuplicateDetector(60_000, store).check('HC1:ABC'));
  });

  it('clear() forgets every sighting', async () => {
    const detector = new DuplicateDetector(60_000);
    await detector.check('HC1:ABC');
    await detector.clear();
    assert.equal(await detector.check('HC1:ABC'), undefined);
  });
});
