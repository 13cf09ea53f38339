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
//
// Timing starts once the process has a settled heap. A fresh Node process grows its
// heap over its first few thousand calls, and every new page is faulted in on first
// use: on this VM bursts of hundreds of page faults per 100 calls, 2–3.4 µs each,
// falling on whichever call allocates at that moment, and so more often on a runner
// that allocates more; the ratios of those first rounds run higher and vary more
// (`node bench/heap-warmup.mjs` shows both). That is a cost of a process starting,
// paid once, not of a call: the warm-up goes on (5 rounds at least, 400 at most)
// until 10 rounds in a row fault fewer than once per 20 calls, and the faults seen
// during the timed calls are reported with the rows
// (counted over all of them: a count around each call would put a system call
// between the calls, which the old figures did not have).
import { performance } from 'node:perf_hooks';

export const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const mean = (xs) => xs.reduce((a, b) => a + b, 0) / xs.length;
const cpuMs = () => { const { user, system } = process.cpuUsage(); return (user + system) / 1000; };
/** Page faults of the whole process so far (minor and major). */
export const pageFaults = () => { const { minorPageFault, majorPageFault } = process.resourceUsage(); return minorPageFault + majorPageFault; };

const MIN_WARMUP_ROUNDS = 5;
const MAX_WARMUP_ROUNDS = 400;
const QUIET_ROUNDS = 10;
const QUIET_FAULTS_PER_CALL = 0.05;

/**
 * Rounds of every runner over every input, until the process stops faulting in
 * fresh pages (see the top of this file). Returns how many rounds it took.
 */
async function warmUp(runners, minRounds) {
  const calls = runners.reduce((n, r) => n + r.inputs.length, 0);
  let quiet = 0, round = 0;
  while (round < MAX_WARMUP_ROUNDS && (round < minRounds || quiet < QUIET_ROUNDS)) {
    const before = pageFaults();
    for (const r of runners) for (const x of r.inputs) await r.run(x);
    quiet = (pageFaults() - before) / calls < QUIET_FAULTS_PER_CALL ? quiet + 1 : 0;
    round++;
  }
  return round;
}

/**
 * @param runners array of `{ inputs, run }`: `run(inputs[i])` is awaited; all runners
 *   have as many inputs (the same passes, each in the form its runner takes).
 * @returns per runner `{ wallMedian, wallMean, cpuMedian, faultsPerCall, warmupRounds }`,
 *   times in ms per call; `faultsPerCall`: page faults of the process per timed call, all runners'.
 */
export async function timeRunners(runners, { rounds = 15, minWarmupRounds = MIN_WARMUP_ROUNDS } = {}) {
  const n = runners[0].inputs.length;
  const warmupRounds = await warmUp(runners, minWarmupRounds);

  const wall = runners.map(() => []);
  const faultsBefore = pageFaults();
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
  const faultsPerCall = (pageFaults() - faultsBefore) / (rounds * n * runners.length);

  const cpu = runners.map(() => []);
  for (let round = 0; round < rounds; round++) {
    for (const [j, r] of runners.entries()) {
      const c0 = cpuMs();
      for (const x of r.inputs) await r.run(x);
      cpu[j].push((cpuMs() - c0) / n);
    }
  }
  return runners.map((_, j) => ({
    wallMedian: median(wall[j]), wallMean: mean(wall[j]), cpuMedian: median(cpu[j]),
    faultsPerCall, warmupRounds,
  }));
}

const MEASURES = { wallMedian: 'wall median', wallMean: 'wall mean', cpuMedian: 'cpu' };

/**
 * Bench rows (see bench/verify.mjs) comparing `ours` with `bare` (results of
 * timeRunners), one per measure.
 */
export function rowsOf(name, passes, [ours, bare], measures = Object.keys(MEASURES)) {
  return measures.map((m) => ({
    name: `${name} ${MEASURES[m]}`, passes, oursMs: ours[m], bareMs: bare[m],
    warmupRounds: ours.warmupRounds, faultsPerCall: ours.faultsPerCall,
  }));
}
