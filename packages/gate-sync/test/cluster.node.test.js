// A three-node JetStream cluster on loopback, the bucket with 3 replicas, and one
// node killed in the middle of a stream of same-instant races: no claim lost, no
// pass admitted twice.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createNatsGateSync } from '@pass-check/gate-sync';
import { freePort, startNatsServer } from '../../../tools/nats-server.mjs';
import { bucketReader, passId, whenStatus } from './helpers/gates.mjs';

/** Tries `make` until it works: a new cluster needs a few seconds to elect its JetStream leaders. */
async function retrying(make, ms = 30_000) {
  const end = Date.now() + ms;
  for (;;) {
    try {
      return await make();
    } catch (e) {
      if (Date.now() > end) throw e;
      await new Promise((r) => setTimeout(r, 250));
    }
  }
}

describe('NATS gate sync on a three-node cluster', () => {
  it('one node killed mid-stream: no claim lost, no double admission', async () => {
    const routes = [await freePort(), await freePort(), await freePort()];
    const nodes = await Promise.all(routes.map((port, i) => startNatsServer({
      serverName: `node-${i + 1}`,
      cluster: { name: 'venue', port, routes },
    })));
    const gates = [];
    try {
      const urls = nodes.map((n) => n.url);
      // Gates spread over the nodes (the client shuffles its list); gate g2 knows node 2 only, and
      // learns the others from the cluster.
      for (let i = 0; i < 6; i += 1) {
        const servers = i === 1 ? [urls[1]] : urls;
        gates.push(await retrying(() => createNatsGateSync({ servers, gate: `g${i + 1}`, replicas: 3, window: 600, claimTimeout: 15_000, connectTimeout: 10_000 })));
      }
      assert.ok(gates.every((g) => g.online));
      const movedOff = new Set();
      gates.forEach((g) => g.addEventListener('gate-sync-status', (e) => { if (!e.detail.online) movedOff.add(g.gate); }));
      const admitted = new Map();
      let doubles = 0;
      let killedAt;
      let onKilledNode = [];
      for (let i = 0; i < 240; i += 1) {
        if (i === 80) {
          killedAt = i;
          onKilledNode = gates.filter((g) => g.serverName === 'node-2').map((g) => g.gate);
          await nodes[1].kill();
        }
        const id = passId('cluster');
        const a = gates[i % 6], b = gates[(i + 1) % 6];
        const [x, y] = await Promise.all([a.claim(id), b.claim(id)]);
        if (x.first && y.first) doubles += 1;
        assert.ok(x.first || y.first, 'one of the two admits');
        admitted.set(id, x.first ? a.gate : b.gate);
      }
      assert.equal(killedAt, 80);
      assert.equal(doubles, 0);
      assert.ok(onKilledNode.includes('g2'));
      for (const name of onKilledNode) assert.ok(movedOff.has(name), `${name} lost its node`);
      for (const name of onKilledNode) assert.notEqual(gates.find((g) => g.gate === name).serverName, 'node-2', `${name} moved to another node`);
      await Promise.all(gates.map((g) => whenStatus(g, (st) => st.pending === 0, 30_000, `${g.gate} queue empty`)));
      const reader = await retrying(() => bucketReader(nodes[0].url));
      for (const [id, gate] of admitted) assert.equal(await reader.holder(id), gate, `claim for ${id} kept`);
      await reader.close();
    } finally {
      await Promise.all(gates.map((g) => g.close()));
      await Promise.all(nodes.map((n) => n.stop()));
    }
  });
});
