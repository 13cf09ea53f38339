// "First" exactly once: a claim is first only when its own create succeeded, never
// because the stored record names this gate. Two scans of one pass in flight on the
// same device, two devices given the same gate name, and the offline queue.
// A frozen clock makes "the same millisecond" certain rather than likely.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createNatsGateSync, LateDuplicateEvent } from '@pass-check/gate-sync';
import { startNatsServer } from '../../../tools/nats-server.mjs';
import { startProxy, bucketReader, passId, whenStatus, frozenClock } from './helpers/gates.mjs';

describe('gate sync: a claim is first exactly once', () => {
  let server;
  const open = [];
  const proxies = [];
  const proxyToServer = async () => {
    const p = await startProxy(server.port);
    proxies.push(p);
    return p;
  };
  const gate = async (name, extra = {}) => {
    const sync = await createNatsGateSync({ servers: server.url, gate: name, window: 600, claimTimeout: 15_000, ...extra });
    open.push(sync);
    return sync;
  };
  before(async () => { server = await startNatsServer(); });
  // Closed here, pass or fail: an open proxy or connection would keep the test process alive.
  after(async () => {
    await Promise.all(open.map((g) => g.close()));
    await Promise.all(proxies.map((p) => p.close()));
    await server?.stop();
  });

  it('one gate, one pass claimed 1,000 times at once: exactly one first', async () => {
    const g = await gate('solo', { now: frozenClock() });
    const id = passId('burst');
    const answers = await Promise.all(Array.from({ length: 1000 }, () => g.claim(id)));
    assert.equal(answers.filter((a) => a.first).length, 1);
    for (const a of answers.filter((x) => !x.first)) assert.equal(a.gate, 'solo');
    assert.ok(g.online && g.status.pending === 0, 'decided online');
  });

  it('one gate, 1,000 passes each scanned twice at once (two scans in flight): exactly one first each', async () => {
    const g = await gate('twin-scan', { now: frozenClock() });
    let firsts = 0;
    let doubles = 0;
    for (let round = 0; round < 1000; round += 100) {
      const pairs = await Promise.all(Array.from({ length: 100 }, () => {
        const id = passId('pair');
        return Promise.all([g.claim(id), g.claim(id)]);
      }));
      for (const [x, y] of pairs) {
        if (x.first && y.first) doubles += 1;
        if (x.first || y.first) firsts += 1;
      }
    }
    assert.equal(doubles, 0);
    assert.equal(firsts, 1000);
    assert.ok(g.online && g.status.pending === 0);
  });

  it('two devices with the same gate name, same millisecond, 1,000 races: exactly one first each', async () => {
    const clock = frozenClock();
    const a = await gate('5', { now: clock });
    const b = await gate('5', { now: clock });
    let doubles = 0;
    let nobody = 0;
    for (let round = 0; round < 1000; round += 100) {
      const pairs = await Promise.all(Array.from({ length: 100 }, () => {
        const id = passId('samename');
        return Promise.all([a.claim(id), b.claim(id)]);
      }));
      for (const [x, y] of pairs) {
        if (x.first && y.first) doubles += 1;
        if (!x.first && !y.first) nobody += 1;
        const loser = x.first ? y : x;
        assert.equal(loser.gate, '5');
      }
    }
    assert.equal(doubles, 0);
    assert.equal(nobody, 0);
  });

  it('a record written by another device with this gate name and the same time is not "mine"', async () => {
    const clock = frozenClock();
    const a = await gate('7', { now: clock });
    const b = await gate('7', { now: clock });
    const id = passId('sametime');
    assert.deepEqual(await a.claim(id), { first: true });
    const again = await b.claim(id);
    assert.equal(again.first, false);
    assert.equal(again.gate, '7');
    assert.equal(again.at.getTime(), clock());
  });

  it('offline, one gate claims the same pass twice at once: one first, one claim queued, no late duplicate against itself', async () => {
    const proxy = await proxyToServer();
    const clock = frozenClock();
    // Frozen time keeps both claims inside the "just disconnected" grace, where they used to wait side by side.
    const g = await gate('off-twin', { servers: proxy.url, claimTimeout: 300, now: clock });
    const late = [];
    g.addEventListener(LateDuplicateEvent.eventName, (e) => late.push(e.detail));
    proxy.cut();
    await whenStatus(g, (s) => !s.online, 10_000, 'offline');
    const id = passId('offtwin');
    const answers = await Promise.all([g.claim(id), g.claim(id), g.claim(id)]);
    assert.equal(answers.filter((a) => a.first).length, 1);
    assert.equal(g.status.pending, 1, 'one claim queued, not three');
    proxy.restore();
    await whenStatus(g, (s) => s.online && s.pending === 0, 20_000, 'flushed');
    assert.deepEqual(late, []);
    const reader = await bucketReader(server.url);
    const holder = await reader.holder(id);
    await reader.close();
    assert.equal(holder, 'off-twin');
  });

  it('a claim whose write landed but whose answer was lost is still its own: first, and no late duplicate', async () => {
    const proxy = await proxyToServer();
    const g = await gate('deaf', { servers: proxy.url, claimTimeout: 300 });
    const late = [];
    g.addEventListener(LateDuplicateEvent.eventName, (e) => late.push(e.detail));
    const id = passId('deaf');
    proxy.deafen();
    assert.deepEqual(await g.claim(id), { first: true }, 'no answer in time: decided on local memory');
    assert.equal(g.status.pending, 1);
    const reader = await bucketReader(server.url);
    const landed = await reader.holder(id);
    await reader.close();
    assert.equal(landed, 'deaf', 'the write itself landed');
    proxy.hear();
    await whenStatus(g, (s) => s.online && s.pending === 0, 20_000, 'published');
    assert.deepEqual(late, [], 'its own record, found by its nonce, is not a late duplicate');
    assert.equal((await (await gate('hears-deaf')).claim(id)).gate, 'deaf');
  });

  it('offline, two devices with the same gate name admit the same pass: the second to publish reports a late duplicate', async () => {
    const proxyA = await proxyToServer();
    const proxyB = await proxyToServer();
    const clock = frozenClock();
    const a = await gate('9', { servers: proxyA.url, claimTimeout: 300, now: clock });
    const b = await gate('9', { servers: proxyB.url, claimTimeout: 300, now: clock });
    const late = [];
    for (const g of [a, b]) g.addEventListener(LateDuplicateEvent.eventName, (e) => late.push(e.detail));
    proxyA.cut();
    proxyB.cut();
    await Promise.all([whenStatus(a, (s) => !s.online, 10_000, 'a offline'), whenStatus(b, (s) => !s.online, 10_000, 'b offline')]);
    const id = passId('offsame');
    assert.deepEqual(await a.claim(id), { first: true });
    assert.deepEqual(await b.claim(id), { first: true }, 'each device alone: admitted on its own memory');
    assert.equal(a.status.pending, 1);
    assert.equal(b.status.pending, 1);
    proxyA.restore();
    await whenStatus(a, (s) => s.online && s.pending === 0, 20_000, 'a flushed');
    proxyB.restore();
    await whenStatus(b, (s) => s.online && s.pending === 0, 20_000, 'b flushed');
    assert.equal(late.length, 1, 'the double admission is reported, not taken for the device\'s own');
    assert.equal(late[0].passId, id);
    assert.equal(late[0].gate, '9');
  });
});
