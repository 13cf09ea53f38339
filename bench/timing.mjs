// Timing for `npm run bench`: our verify() and the bare signature check, measured
// side by side in one run. This machine is a small shared VM whose speed changes
// from second to second, so both are measured so that any slowdown falls on both:
//
// - wall: every call is timed on its own, and the runners take turns call by call
//   (ours, bare, bare, ours, ...). The median per call is robust to the bursts
//   of a noisy neighbour; the mean is given as well, since it carries the cost of
//   garbage collection, which a median can hide.
// - cpu: process CPU time (every thread: WebCrypto verifies on libuv's pool) over
//   blocks of calls, the runners taking turns block by block; median per call.
import { performance } from 'node:perf_hooks';

export const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const mean = (xs) => xs.reduce((a, b) => a + b, 0) / xs.length;
const cpuMs = () => { const { user, system } = process.cpuUsage(); return (user + system) / 1000; };

/**
 * @param runners array of `{ inputs, run }`: `run(inputs[i])` is awaited; all runners
 *   have as many inputs (the same passes, each in the form its runner takes).
 * @returns per runner `{ wallMedian, wallMean, cpuMedian }` in ms per call.
 */
export async function timeRunners(runners, { rounds = 15, warmup = 5 } = {}) {
  const n = runners[0].inputs.length;
  for (let w = 0; w < warmup; w++) for (const r of runners) for (const x of r.inputs) await r.run(x);

  const wall = runners.map(() => []);
  for (let round = 0; round < rounds; round++) {
    for (let i = 0; i < n; i++) {
      // Turns rotate so that neither runner always goes first.
      for (let k = 0; k < runners.length; k++) {
        const j = (k + i + round) % runners.length;
        const t0 = performance.now();
        await runners[j].run(runners[j].inputs[i]);
        wall[j].push(performance.now() - t0);
      }
    }
  }

  const cpu = runners.map(() => []);
  for (let round = 0; round < rounds; round++) {
    for (const [j, r] of runners.entries()) {
      const c0 = cpuMs();
      for (const x of r.inputs) await r.run(x);
      cpu[j].push((cpuMs() - c0) / n);
    }
  }
  return runners.map((_, j) => ({ wallMedian: median(wall[j]), wallMean: mean(wall[j]), cpuMedian: median(cpu[j]) }));
}

const MEASURES = { wallMedian: 'wall median', wallMean: 'wall mean', cpuMedian: 'cpu' };

/**
 * Bench rows (see bench/verify.mjs) comparing `ours` with `bare` (results of
 * timeRunners), one per measure.
 */
export function rowsOf(name, passes, [ours, bare], measures = Object.keys(MEASURES)) {
  return measures.map((m) => ({ name: `${name} ${MEASURES[m]}`, passes, oursMs: ours[m], bareMs: bare[m] }));
}
