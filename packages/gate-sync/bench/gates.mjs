// npm run bench:gates: 40 gates on one loopback nats-server (JetStream, file store),
// claims at 200 per second sustained, then in rising steps until the server falls
// behind. Times are from when a claim was due (open loop: a slow answer delays the
// clock, not the schedule) to its answer, "first" or "already admitted".
//   node packages/gate-sync/bench/gates.mjs [--seconds 30] [--gates 40] [--rate 200]
//   node packages/gate-sync/bench/gates.mjs --cluster   a three-node cluster (replicas 3),
//       one node killed halfway through the sustained run: the pause it causes.
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import os from 'node:os';
import { createNatsGateSync } from '@pass-check/gate-sync';
import { freePort, startNatsServer } from '../../../tools/nats-server.mjs';

const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const SECONDS = arg('seconds', 30);
const GATES = arg('gates', 40);
const RATE = arg('rate', 200);
const STEP_SECONDS = arg('step-seconds', 5);
/** One claim in ten is a pass already admitted at another gate: the "already admitted" answer is timed too. */
const REPEAT_EVERY = 10;

const percentile = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];

/** Offers `rate` claims a second for `seconds` across the gates; returns latencies (ms) and the rate achieved. */
async function run(gates, rate, seconds, label, atHalfway) {
  const total = Math.round(rate * seconds);
  const latencies = [];
  const admitted = [];
  let answers = { first: 0, already: 0 };
  let n = 0;
  const start = performance.now();
  const inFlight = new Set();
  // How late this process's own timers ran: on a busy machine, the part of the tail that is waiting for a CPU.
  const loopDelay = monitorEventLoopDelay({ resolution: 5 });
  loopDelay.enable();
  await new Promise((resolve) => {
    const tick = () => {
      const now = performance.now();
      while (n < total && start + (n * 1000) / rate <= now) {
        const due = start + (n * 1000) / rate;
        const gate = gates[n % gates.length];
        const repeat = n % REPEAT_EVERY === REPEAT_EVERY - 1 && admitted.length;
        const id = repeat ? admitted[(n * 7919) % admitted.length] : `${label}_${n}_${Math.random().toString(36).slice(2, 10)}`;
        const p = gate.claim(id).then((answer) => {
          latencies.push(performance.now() - due);
          if (answer.first) { answers.first += 1; admitted.push(id); } else answers.already += 1;
          inFlight.delete(p);
          if (n >= total && inFlight.size === 0) resolve();
        });
        inFlight.add(p);
        n += 1;
      }
      if (atHalfway && n >= total / 2) { void atHalfway(); atHalfway = undefined; }
      if (n < total) setTimeout(tick, 1);
    };
    tick();
  });
  const elapsed = (performance.now() - start) / 1000;
  loopDelay.disable();
  latencies.sort((a, b) => a - b);
  return {
    offered: rate, achieved: Math.round(total / elapsed), claims: total, ...answers,
    p50: percentile(latencies, 50), p99: percentile(latencies, 99), max: latencies.at(-1),
    offline: gates.filter((g) => !g.online).length,
    loopP99: loopDelay.percentile(99) / 1e6, loopMax: loopDelay.max / 1e6,
  };
}

const fmt = (r) => `${String(r.offered).padStart(6)}/s offered, ${String(r.achieved).padStart(6)}/s done: p50 ${r.p50.toFixed(2)} ms, p99 ${r.p99.toFixed(2)} ms, max ${r.max.toFixed(1)} ms (${r.first} first, ${r.already} already admitted${r.offline ? `, ${r.offline} gates offline` : ''}); event-loop delay p99 ${r.loopP99.toFixed(1)} ms, max ${r.loopMax.toFixed(1)} ms`;

const CLUSTER = process.argv.includes('--cluster');
const routes = CLUSTER ? [await freePort(), await freePort(), await freePort()] : [];
const nodes = CLUSTER
  ? await Promise.all(routes.map((port, i) => startNatsServer({ serverName: `node-${i + 1}`, cluster: { name: 'venue', port, routes } })))
  : [await startNatsServer()];
const server = nodes[0];
const gates = [];
try {
  for (let i = 0; i < GATES; i += 1) {
    for (let attempt = 0; ; attempt += 1) {
      try {
        gates.push(await createNatsGateSync({ servers: nodes.map((n) => n.url), gate: `g${i + 1}`, window: 3600, claimTimeout: 5000, replicas: nodes.length }));
        break;
      } catch (e) {
        // A new cluster elects its JetStream leaders first.
        if (attempt > 100) throw e;
        await new Promise((r) => setTimeout(r, 250));
      }
    }
  }
  if (CLUSTER) {
    console.log(`gate-sync bench, cluster: ${GATES} gates over 3 nodes (replicas 3), ${os.cpus().length} cores, load ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}, node ${process.version}`);
    await run(gates, RATE, 2, 'warm');
    let late = 0;
    for (const g of gates) g.addEventListener('gate-sync-late-duplicate', () => { late += 1; });
    const killed = await run(gates, RATE, SECONDS, 'cluster', () => nodes[1].kill());
    console.log(`sustained ${SECONDS} s, node 2 killed halfway: ${fmt(killed)}`);
    const expectedRepeats = Math.floor(Math.round(RATE * SECONDS) / REPEAT_EVERY);
    await new Promise((r) => setTimeout(r, 3000)); // queues drain
    console.log(`  pending claims after the run: ${gates.reduce((sum, g) => sum + g.status.pending, 0)}; repeats let in again: ${Math.max(0, expectedRepeats - killed.already)}, late duplicates reported: ${late}`);
    process.exitCode = 0;
  } else {
    await benchSingle();
  }
} finally {
  await Promise.all(gates.map((g) => g.close()));
  await Promise.all(nodes.map((n) => n.stop()));
}

async function benchSingle() {
  console.log(`gate-sync bench: ${GATES} gates, nats-server ${server.url}, ${os.cpus().length} cores, load ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}, node ${process.version}`);
  await run(gates, RATE, 2, 'warm');
  const sustained = await run(gates, RATE, SECONDS, 'sustained');
  console.log(`sustained ${SECONDS} s: ${fmt(sustained)}`);
  console.log(`  goal p99 <= 20 ms at ${RATE}/s: ${sustained.p99 <= 20 ? 'met' : 'NOT met'}`);
  let saturation;
  let within20;
  for (let rate = RATE * 2; rate <= 64_000; rate *= 2) {
    const r = await run(gates, rate, STEP_SECONDS, `step${rate}`);
    console.log(`step ${STEP_SECONDS} s: ${fmt(r)}`);
    if (r.p99 <= 20 && r.achieved >= rate * 0.95) within20 = rate;
    if (r.achieved < rate * 0.95 || r.p99 > 1000 || r.offline) { saturation = r.achieved; break; }
  }
  if (sustained.p99 <= 20) within20 ??= RATE;
  console.log(`p99 <= 20 ms ${within20 ? `up to ${within20} claims/s offered` : 'at none of the rates'}; the server saturates at about ${saturation ?? 'more than 64000'} claims/s done`);
}
