// The measurements behind the bench's warm-up rule (bench/timing.mjs), on demand:
//   npm run build && node bench/heap-warmup.mjs [ES256|PS256] [rounds]
//
// 1. What one page fault costs here: one byte written per 4 KiB page of a fresh
//    64 MiB buffer, against writing the same pages again.
// 2. A fresh process, round by round (50 verify() and 50 bare checks of the DCC
//    bench passes, taking turns): the process's page faults in the round and the
//    ratio of the medians. The faults come in bursts over the first few thousand
//    calls while the heap grows, then stop.
import { dccRunners } from './verify-dcc.mjs';
import { median, pageFaults } from './timing.mjs';

const alg = process.argv[2] ?? 'PS256';
const rounds = Number(process.argv[3] ?? 80);

const PAGES = 16_384;
const buffer = new Uint8Array(PAGES * 4096);
let faults = pageFaults(), t0 = performance.now();
for (let p = 0; p < PAGES; p++) buffer[p * 4096] = 1;
const first = performance.now() - t0;
faults = pageFaults() - faults;
t0 = performance.now();
for (let p = 0; p < PAGES; p++) buffer[p * 4096] = 2;
const again = performance.now() - t0;
console.log(`page faults: ${faults} on first touch of ${PAGES} pages, ${((first - again) * 1000 / faults).toFixed(2)} µs each`);

const { ours, bare } = await dccRunners(alg);
console.log(`dcc ${alg}, fresh process: round faults/ratio`);
const line = [];
for (let round = 0; round < rounds; round++) {
  const before = pageFaults();
  const oursMs = [], bareMs = [];
  for (let i = 0; i < ours.inputs.length; i++) {
    let t = performance.now();
    await ours.run(ours.inputs[i]);
    oursMs.push(performance.now() - t);
    t = performance.now();
    await bare.run(bare.inputs[i]);
    bareMs.push(performance.now() - t);
  }
  line.push(`${round}:${pageFaults() - before}/${(median(oursMs) / median(bareMs)).toFixed(2)}`);
}
console.log(line.join(' '));
