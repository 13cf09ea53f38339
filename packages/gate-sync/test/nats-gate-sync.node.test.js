// GateSync on a real nats-server (started here, loopback, temporary store).
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createNatsGateSync, GateSyncStatusEvent, LateDuplicateEvent } from '@pass-check/gate-sync';
import { startNatsServer } from '../../../tools/nats-server.mjs';
import { startProxy, bucketReader, passId, whenStatus } from './helpers/gates.mjs';

describe('NATS gate sync: one server', () => {
  let server;
  const open = [];
  const gate = async (name, extra = {}) => {
    // A generous claim timeout unless a test says otherwise: on a loaded machine a slow answer must not become an offline decision.
    const sync = await createNatsGateSync({ servers: server.url, gate: name, window: 600, claimTimeout: 15_000, ...extra });
    open.push(sync);
    return sync;
  };
  before(async () => { server = await startNatsServer({ websocket: true }); });
  after(async () => {
    await Promise.all(open.map((g) => g.close()));
    await server?.stop();
  });

  it('admits a pass once: the second gate hears which gate and when', async () => {
    const [a, b] = [await gate('3'), await gate('17')];
    const id = passId();
    const before = Date.now();
    assert.deepEqual(await a.claim(id), { first: true });
    const again = await b.claim(id);
    assert.equal(again.first, false);
    assert.equal(again.gate, '3');
    assert.ok(again.at instanceof Date && again.at.getTime() >= before - 5 && again.at.getTime() <= Date.now());
    const sameGate = await a.claim(id);
    assert.equal(sameGate.first, false, 'the admitting gate itself also says "already admitted"');
    assert.ok(a.online && b.online);
  });

  it('works over WebSocket too (where the platform has one; Node 20 is told to use nats://)', async () => {
    if (typeof globalThis.WebSocket !== 'function') {
      await assert.rejects(createNatsGateSync({ servers: server.wsUrl, gate: 'ws-a' }), /need a WebSocket/);
      return;
    }
    const a = await gate('ws-a', { servers: server.wsUrl });
    const b = await gate('ws-b');
    const id = passId();
    assert.deepEqual(await a.claim(id), { first: true });
    assert.equal((await b.claim(id)).gate, 'ws-a');
  });

  it('refuses caller mistakes with TypeError, and any passId string works as a key', async () => {
    const a = await gate('odd');
    await assert.rejects(a.claim(''), TypeError);
    await assert.rejects(a.claim('x'.repeat(257)), TypeError);
    await assert.rejects(a.claim(42), TypeError);
    await assert.rejects(createNatsGateSync({ servers: server.url, gate: '' }), TypeError);
    await assert.rejects(createNatsGateSync({ servers: [server.url, server.wsUrl], gate: 'mixed' }), TypeError);
    // Dots, stars, spaces and '>' would be subject syntax: they are hashed, not passed through.
    for (const id of ['a.b', '*', '>', 'has space', 'ü', '=x']) {
      assert.deepEqual(await a.claim(id), { first: true }, id);
      assert.equal((await (await gate(`odd-${open.length}`)).claim(id)).first, false, id);
    }
  });

  it('a value not written by a gate counts as taken (fail closed); a deleted claim is free again', async () => {
    const a = await gate('strict');
    const reader = await bucketReader(server.url);
    const { Kvm } = await import('@nats-io/kv');
    const { connect } = await import('@nats-io/transport-node');
    const nc = await connect({ servers: server.url });
    const kv = await new Kvm(nc).open('pass-check-seen');
    const id = passId('junk');
    await kv.put(id, 'not json at all');
    const answer = await a.claim(id);
    assert.equal(answer.first, false);
    // A claim the venue deleted (a wrongly refused visitor) is free again, exactly once.
    const freed = passId('freed');
    assert.deepEqual(await a.claim(freed), { first: true });
    await kv.delete(freed);
    const [x, y] = await Promise.all([(await gate('freed-x')).claim(freed), (await gate('freed-y')).claim(freed)]);
    assert.equal([x, y].filter((c) => c.first).length, 1);
    await nc.close();
    await reader.close();
  });

  it('40 gates, 2,000 passes each shown at two or three gates: every pass admitted exactly once', async () => {
    const gates = await Promise.all(Array.from({ length: 40 }, (_, i) => gate(`g${i + 1}`)));
    const ids = Array.from({ length: 2000 }, () => passId('crowd'));
    const firsts = new Map(ids.map((id) => [id, 0]));
    const shows = [];
    ids.forEach((id, n) => {
      const times = 2 + (n % 2);
      for (let k = 0; k < times; k += 1) shows.push([gates[(n * 7 + k * 13) % 40], id]);
    });
    for (let i = 0; i < shows.length; i += 200) {
      const answers = await Promise.all(shows.slice(i, i + 200).map(([g, id]) => g.claim(id).then((a) => [id, a])));
      for (const [id, a] of answers) if (a.first) firsts.set(id, firsts.get(id) + 1);
    }
    assert.deepEqual([...new Set(firsts.values())], [1]);
    assert.ok(gates.every((g) => g.online && g.status.pending === 0));
  });

  it('1,000 same-instant races between two gates: 0 double admissions', async () => {
    const a = await gate('race-a');
    const b = await gate('race-b');
    let doubles = 0;
    let nobody = 0;
    for (let round = 0; round < 1000; round += 50) {
      const results = await Promise.all(Array.from({ length: 50 }, async () => {
        const id = passId('race');
        const [x, y] = await Promise.all([a.claim(id), b.claim(id)]);
        return [x, y];
      }));
      for (const [x, y] of results) {
        if (x.first && y.first) doubles += 1;
        if (!x.first && !y.first) nobody += 1;
        const loser = x.first ? y : x;
        if (!loser.first) assert.equal(loser.gate, x.first ? 'race-a' : 'race-b');
      }
    }
    assert.equal(doubles, 0);
    assert.equal(nobody, 0);
    assert.ok(a.online && b.online && a.status.pending === 0 && b.status.pending === 0, 'decided by the server, not offline');
  });

  it('a gate cut off keeps admitting, shows it is offline, and on reconnection publishes its claims and reports late duplicates', async () => {
    const proxy = await startProxy(server.port);
    const cutGate = await gate('cut', { servers: proxy.url, claimTimeout: 500 });
    const other = await gate('main');
    const statuses = [];
    const late = [];
    cutGate.addEventListener(GateSyncStatusEvent.eventName, (e) => statuses.push(e.detail));
    cutGate.addEventListener(LateDuplicateEvent.eventName, (e) => late.push(e.detail));
    const before = passId('before');
    assert.deepEqual(await cutGate.claim(before), { first: true });

    proxy.cut();
    await whenStatus(cutGate, (s) => !s.online, 10_000, 'offline');
    assert.ok(statuses.some((s) => !s.online), 'staff are told the gate is offline');
    const both = passId('both');
    const fresh = Array.from({ length: 20 }, () => passId('offline'));
    assert.deepEqual(await other.claim(both), { first: true });
    // Answered while the proxy still refuses every connection: the gate did not wait for the network.
    // (No wall-clock bound here: on a loaded machine that would be a test of the machine.)
    assert.deepEqual(await cutGate.claim(both), { first: true }, 'offline: admitted on local memory');
    for (const id of fresh) assert.deepEqual(await cutGate.claim(id), { first: true });
    assert.equal((await cutGate.claim(before)).first, false, 'local memory still turns away its own repeat');
    assert.equal((await cutGate.claim(fresh[0])).first, false);
    assert.equal(cutGate.status.pending, 21);
    assert.equal(cutGate.online, false, 'still offline: nothing was published behind staff\'s back');

    proxy.restore();
    await whenStatus(cutGate, (s) => s.online && s.pending === 0, 20_000, 'reconnected and flushed');
    assert.equal(late.length, 1, 'exactly the one pass admitted at both gates is reported');
    assert.equal(late[0].passId, both);
    assert.equal(late[0].gate, 'main');
    assert.ok(late[0].admittedHereAt instanceof Date);
    const reader = await bucketReader(server.url);
    for (const id of fresh) assert.equal(await reader.holder(id), 'cut', 'no claim lost');
    assert.equal(await reader.holder(both), 'main');
    for (const id of fresh) assert.equal((await other.claim(id)).gate, 'cut');
    await reader.close();
    await proxy.close();
  });
});

describe('NATS gate sync: the offline queue is bounded', () => {
  it('keeps the newest claims, counts the dropped ones, and still turns away repeats from memory', async () => {
    const server = await startNatsServer();
    const proxy = await startProxy(server.port);
    const sync = await createNatsGateSync({ servers: proxy.url, gate: 'small', window: 600, claimTimeout: 300, maxQueue: 5 });
    try {
      const statuses = [];
      sync.addEventListener(GateSyncStatusEvent.eventName, (e) => statuses.push(e.detail));
      proxy.cut();
      await whenStatus(sync, (s) => !s.online, 10_000, 'offline');
      const ids = Array.from({ length: 8 }, () => passId('bounded'));
      for (const id of ids) assert.deepEqual(await sync.claim(id), { first: true });
      assert.deepEqual(sync.status, { online: false, pending: 5, dropped: 3 });
      assert.deepEqual(statuses.at(-1), { online: false, pending: 5, dropped: 3 });
      for (const id of ids) assert.equal((await sync.claim(id)).first, false, 'local memory is not bounded by the queue');
      proxy.restore();
      await whenStatus(sync, (s) => s.online && s.pending === 0, 20_000, 'flushed');
      const reader = await bucketReader(server.url);
      for (const id of ids.slice(3)) assert.equal(await reader.holder(id), 'small');
      for (const id of ids.slice(0, 3)) assert.equal(await reader.holder(id), undefined, 'the dropped three were never published');
      await reader.close();
    } finally {
      await sync.close();
      await proxy.close();
      await server.stop();
    }
  });
});

describe('NATS gate sync: the server killed and restarted mid-stream', () => {
  // Deterministic phases, no sleeps: claims online; claims in flight when the server is
  // SIGKILLed; every gate seen offline (status events); claims offline, counted in the
  // queues; restart; every queue seen empty. Each wait is on an event or a promise.
  it('loses no claim and reports every late duplicate', async () => {
    const server = await startNatsServer();
    const gates = [];
    try {
      for (const name of ['east', 'west', 'north']) {
        gates.push(await createNatsGateSync({ servers: server.url, gate: name, window: 600, claimTimeout: 500 }));
      }
      const late = [];
      for (const g of gates) g.addEventListener(LateDuplicateEvent.eventName, (e) => late.push({ ...e.detail, reportedBy: g.gate }));
      const admitted = new Map();
      const present = async (g, id) => {
        const answer = await g.claim(id);
        if (answer.first) admitted.set(id, [...(admitted.get(id) ?? []), g.gate]);
        return answer;
      };
      for (let i = 0; i < 100; i += 1) assert.deepEqual(await present(gates[i % 3], passId('online')), { first: true });
      // In flight at the kill: each lands before it (first) or is queued (timed out); either way kept.
      const inFlight = Array.from({ length: 30 }, (_, i) => present(gates[i % 3], passId('inflight')));
      await server.kill();
      for (const answer of await Promise.all(inFlight)) assert.deepEqual(answer, { first: true });
      await Promise.all(gates.map((g) => whenStatus(g, (s) => !s.online, 10_000, `${g.gate} offline`)));
      const queuedBefore = gates.reduce((n, g) => n + g.status.pending, 0);
      for (let i = 0; i < 100; i += 1) assert.deepEqual(await present(gates[i % 3], passId('offline')), { first: true });
      const twice = passId('twice');
      assert.deepEqual(await present(gates[0], twice), { first: true });
      assert.deepEqual(await present(gates[1], twice), { first: true }, 'both offline: each admits on local memory');
      assert.equal(gates.reduce((n, g) => n + g.status.pending, 0), queuedBefore + 102, 'every offline claim queued');
      assert.ok(gates.every((g) => !g.online), 'still offline: nothing decided by a server that is not there');
      await server.restart();
      await Promise.all(gates.map((g) => whenStatus(g, (s) => s.online && s.pending === 0, 30_000, `${g.gate} flushed`)));
      assert.equal(late.length, 1);
      assert.equal(late[0].passId, twice);
      // Whichever of the two publishes second (reconnection order is the client's) hears of the first.
      assert.deepEqual([late[0].reportedBy, late[0].gate].sort(), ['east', 'west']);
      const reader = await bucketReader(server.url);
      for (const [id, at] of admitted) {
        assert.ok(at.includes(await reader.holder(id)), `claim for ${id} kept`);
        if (id !== twice) assert.equal(at.length, 1, `${id} admitted once`);
      }
      assert.equal(admitted.size, 100 + 30 + 100 + 1);
      await reader.close();
    } finally {
      await Promise.all(gates.map((g) => g.close()));
      await server.stop();
    }
  });
});
