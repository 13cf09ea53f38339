// Where a claim's time goes, one at a time on an idle connection (no queueing, no
// concurrency): a bare request/reply, the raw JetStream create (put with expected
// last sequence 0), a direct get, a claim (first), and a claim of a pass another gate
// holds (refused create + one get). Alternating, so all see the same machine.
//   node packages/gate-sync/bench/phases.mjs [--n 2000]
import { performance } from 'node:perf_hooks';
import { createNatsGateSync } from '@pass-check/gate-sync';
import { connect } from '@nats-io/transport-node';
import { Kvm } from '@nats-io/kv';
import { startNatsServer } from '../../../tools/nats-server.mjs';
const server = await startNatsServer();
const g = await createNatsGateSync({ servers: server.url, gate: 'x', window: 600 });
const nc = await connect({ servers: server.url });
const kv = await new Kvm(nc).open('pass-check-seen');
nc.subscribe('echo', { callback: (_, m) => m.respond(m.data) });
const i0 = process.argv.indexOf('--n');
const N = i0 > 0 ? Number(process.argv[i0 + 1]) : 2000;
const q = (a) => { a.sort((x, y) => x - y); return `p50 ${a[a.length >> 1].toFixed(3)} p90 ${a[Math.floor(a.length * 0.9)].toFixed(3)}`; };
const rows = { echo: [], put: [], claim: [], claimHeldElsewhere: [], get: [] };
const other = await createNatsGateSync({ servers: server.url, gate: 'y', window: 600 });
for (let round = 0; round < 4; round++) for (let i = 0; i < N / 4; i++) {
  let t = performance.now(); await nc.request('echo', 'x'); rows.echo.push(performance.now() - t);
  t = performance.now(); await kv.put(`k${round}_${i}`, '{"g":"x","t":1}', { previousSeq: 0 }); rows.put.push(performance.now() - t);
  t = performance.now(); await kv.get(`k${round}_${i}`); rows.get.push(performance.now() - t);
  const id = `c${round}_${i}`;
  t = performance.now(); await g.claim(id); rows.claim.push(performance.now() - t);
  t = performance.now(); await other.claim(id); rows.claimHeldElsewhere.push(performance.now() - t);
}
console.log(`gate-sync phases, ${N} of each, sequential; load ${(await import('node:os')).loadavg().map((l) => l.toFixed(1)).join(' ')}`);
for (const [k, v] of Object.entries(rows)) console.log(k.padEnd(20), q(v), 'ms');
await g.close(); await other.close(); await nc.close(); await server.stop();
