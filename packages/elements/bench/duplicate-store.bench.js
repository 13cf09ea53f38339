// What one scan costs the IndexedDB duplicate store, with 150 and with 10,000
// passes already held (a long night at a big venue). Runs in Chromium:
//   npx web-test-runner packages/elements/bench/duplicate-store.bench.js
// Prints the median and 90th percentile of one `check()` (HMAC + store write)
// at each size; the figures are history in docs/notes/elements.md.
import { it } from 'node:test';
import assert from 'node:assert/strict';
import { DuplicateDetector, idbDuplicateStore } from '@pass-check/elements';
import { createStore, clear, set } from 'idb-keyval';

const idOf = (i) => `bench-pass-id-${String(i).padStart(12, '0')}-xxxxxxxx`;
const quantile = (xs, q) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(q * xs.length))];

async function measure(held, scans = 60) {
  const store = createStore(`pass-check-duplicate-bench-${held}`, 'duplicates');
  await clear(store);
  const duplicates = idbDuplicateStore(store);
  const fill = new DuplicateDetector(3_600_000, duplicates);
  if (typeof duplicates.save === 'function') {
    // The first layout (one list under 'state'): filling it scan by scan is quadratic, so write the list once.
    const key = await fill.passIdKey();
    const now = Date.now();
    await set('state', { key, seen: Array.from({ length: held }, (_, i) => [`fill-${i}`.padEnd(64, '0'), now]) }, store);
  } else {
    for (let i = 0; i < held; i++) await fill.check(idOf(i));
  }
  // A detector as a reloaded kiosk has it: loads what is held, then scans.
  const detector = new DuplicateDetector(3_600_000, idbDuplicateStore(store));
  await detector.check(idOf(0));
  const times = [];
  for (let i = 0; i < scans; i++) {
    const started = performance.now();
    await detector.check(idOf(held + i));
    times.push(performance.now() - started);
  }
  await clear(store);
  return { held, median: quantile(times, 0.5), p90: quantile(times, 0.9) };
}

it('one scan against 150 and 10,000 held passes', async () => {
  const small = await measure(150);
  const large = await measure(10_000);
  for (const r of [small, large]) console.log(`duplicate store: ${r.held} held, one scan median ${r.median.toFixed(2)} ms, p90 ${r.p90.toFixed(2)} ms`);
  console.log(`duplicate store: ratio 10,000 / 150 (median) ${(large.median / small.median).toFixed(1)}`);
  assert.ok(small.median > 0 && large.median > 0);
});
