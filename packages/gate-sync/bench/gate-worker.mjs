// One worker thread of `npm run bench:gates`: a share of the venue's gates (each its
// own NatsGateSync and connection, as each phone would have), and for the baseline
// one plain NATS connection per gate. The main thread tells it when each claim is
// due; the worker sends back its latencies and how late its own timers ran.
import { parentPort, workerData } from 'node:worker_threads';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { createNatsGateSync } from '@pass-check/gate-sync';
import { connect } from '@nats-io/transport-node';

const { servers, gateIndexes, gateCount, replicas, claimTimeout } = workerData;
const owned = new Set(gateIndexes);
const gates = new Map();
const plain = new Map();
let late = 0;
/** One clock for every thread: ms since 1970, sub-millisecond. */
const clock = () => performance.timeOrigin + performance.now();

for (const i of gateIndexes) {
  for (let attempt = 0; ; attempt += 1) {
    try {
      const g = await createNatsGateSync({ servers, gate: `g${i + 1}`, window: 3600, claimTimeout, replicas });
      g.addEventListener('gate-sync-late-duplicate', () => { late += 1; });
      gates.set(i, g);
      break;
    } catch (e) {
      // A new cluster elects its JetStream leaders first.
      if (attempt > 100) throw e;
      await new Promise((r) => setTimeout(r, 250));
    }
  }
  plain.set(i, await connect({ servers, name: `bench plain ${i + 1}` }));
}
parentPort.postMessage({ type: 'ready' });

parentPort.on('message', async (m) => {
  if (m.type === 'run') {
    const result = await run(m);
    parentPort.postMessage({ type: 'result', ...result }, [result.latencies.buffer]);
  } else if (m.type === 'status') {
    parentPort.postMessage({ type: 'status', pending: [...gates.values()].reduce((n, g) => n + g.status.pending, 0), late, offline: [...gates.values()].filter((g) => !g.online).length });
  } else if (m.type === 'close') {
    await Promise.all([...gates.values()].map((g) => g.close()));
    await Promise.all([...plain.values()].map((nc) => nc.close()));
    parentPort.postMessage({ type: 'closed' });
  }
});

const ECHO_PAYLOAD = new TextEncoder().encode(JSON.stringify({ g: 'g40', t: Date.now(), n: '0123456789abcdef.zz' }));

/**
 * Claims (or, kind 'echo', bare request/reply round trips) number n = 0..total-1 are due at
 * startAt + n / rate s at gate n % gateCount; this worker does those of its gates.
 * Open loop: a slow answer delays the clock, not the schedule.
 */
async function run({ kind, rate, seconds, startAt, label }) {
  const total = Math.round(rate * seconds);
  const mine = [];
  for (let n = 0; n < total; n += 1) if (owned.has(n % gateCount)) mine.push(n);
  const latencies = new Float64Array(mine.length);
  const admitted = [];
  let first = 0, already = 0, errors = 0, done = 0, next = 0, lastAnswer = startAt, repeats = 0, repeatsAdmitted = 0;
  const loop = monitorEventLoopDelay({ resolution: 5 });
  const eluBefore = performance.eventLoopUtilization();
  loop.enable();
  await new Promise((resolve) => {
    if (!mine.length) { resolve(); return; }
    const answered = (due) => {
      lastAnswer = clock();
      latencies[done] = lastAnswer - due;
      done += 1;
      if (done === mine.length) resolve();
    };
    const tick = () => {
      const now = clock();
      while (next < mine.length && startAt + (mine[next] * 1000) / rate <= now) {
        const n = mine[next];
        next += 1;
        const due = startAt + (n * 1000) / rate;
        const gi = n % gateCount;
        if (kind === 'echo') {
          plain.get(gi).request('bench.echo', ECHO_PAYLOAD, { timeout: 10_000 })
            .then(() => answered(due), () => { errors += 1; answered(due); });
          continue;
        }
        // One claim in ten: a pass already admitted at another gate.
        let id;
        if (n % 10 === 9 && admitted.length) {
          for (let k = 0; k < 4 && !id; k += 1) {
            const [candidate, at] = admitted[(n * 7919 + k) % admitted.length];
            if (at !== gi) id = candidate;
          }
        }
        const repeat = id !== undefined;
        if (repeat) repeats += 1;
        id ??= `${label}_${n}_${Math.random().toString(36).slice(2, 10)}`;
        gates.get(gi).claim(id).then((answer) => {
          if (answer.first && repeat) repeatsAdmitted += 1;
          if (answer.first) { first += 1; if (!repeat) admitted.push([id, gi]); } else already += 1;
          answered(due);
        }, () => { errors += 1; answered(due); });
      }
      // Asleep until the next claim is due: the bench's own polling would be load on a 2-core machine.
      if (next < mine.length) setTimeout(tick, Math.max(0, startAt + (mine[next] * 1000) / rate - clock()));
    };
    setTimeout(tick, Math.max(0, startAt - clock()));
  });
  loop.disable();
  const elu = performance.eventLoopUtilization(eluBefore);
  return {
    latencies, first, already, errors, lastAnswer, repeats, repeatsAdmitted,
    loopP99: loop.count ? loop.percentile(99) / 1e6 : 0, loopMax: loop.count ? loop.max / 1e6 : 0,
    utilization: elu.utilization,
    offline: [...gates.values()].filter((g) => !g.online).length,
  };
}
