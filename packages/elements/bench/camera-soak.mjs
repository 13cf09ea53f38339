// Memory over a long scanning session (run by hand; not part of npm test):
//   npm run build && node packages/elements/bench/camera-soak.mjs
// Scans the fake camera's test pass continuously (scan, result, reset, …) for
// MINUTES minutes, and compares memory after 1 minute with memory at the end:
// the page's JS heap and the decoding worker's heap (after a forced GC in each)
// and the resident memory of the whole Chromium process tree.
import fs from 'node:fs';
import { startBench } from './harness.mjs';

const MINUTES = Number(process.env.MINUTES ?? 10);

function processTreeRssKb(rootPid) {
  const children = new Map();
  for (const pid of fs.readdirSync('/proc').filter((p) => /^\d+$/.test(p))) {
    try {
      const parent = Number(/PPid:\s+(\d+)/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))[1]);
      if (!children.has(parent)) children.set(parent, []);
      children.get(parent).push(Number(pid));
    } catch { /* the process ended meanwhile */ }
  }
  let total = 0;
  const queue = [rootPid];
  while (queue.length) {
    const pid = queue.pop();
    try { total += Number(/VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0); } catch { /* gone */ }
    queue.push(...(children.get(pid) ?? []));
  }
  return total;
}

async function sample(bench) {
  const page = await bench.page.createCDPSession();
  await page.send('HeapProfiler.collectGarbage');
  const pageHeap = (await page.send('Runtime.getHeapUsage')).usedSize;
  await page.detach();
  let workerHeap = 0;
  for (const worker of bench.page.workers()) {
    await worker.client.send('HeapProfiler.collectGarbage').catch(() => {});
    workerHeap += (await worker.client.send('Runtime.getHeapUsage').catch(() => ({ usedSize: 0 }))).usedSize;
  }
  const scans = await bench.page.evaluate(() => window.bench.scans);
  return { scans, pageHeapMB: +(pageHeap / 2 ** 20).toFixed(2), workerHeapMB: +(workerHeap / 2 ** 20).toFixed(2), chromiumRssMB: +(processTreeRssKb(bench.browserPid) / 1024).toFixed(1) };
}

const bench = await startBench({ keep: 10 });
try {
  await bench.waitForScans(1);
  const started = Date.now();
  const samples = [];
  for (let minute = 1; minute <= MINUTES; minute++) {
    await new Promise((r) => setTimeout(r, started + minute * 60_000 - Date.now()));
    const errors = await bench.page.evaluate(() => window.bench.errors);
    if (errors.length) throw new Error(`pass-error during the soak: ${errors.join(', ')}`);
    samples.push({ minute, ...(await sample(bench)) });
    console.log(JSON.stringify(samples.at(-1)));
  }
  const first = samples[0];
  const last = samples.at(-1);
  const change = (key) => `${(((last[key] - first[key]) / first[key]) * 100).toFixed(1)}%`;
  console.log(JSON.stringify({
    minutes: MINUTES,
    scans: last.scans,
    changeFromMinute1: { pageHeap: change('pageHeapMB'), workerHeap: change('workerHeapMB'), chromiumRss: change('chromiumRssMB') },
  }, null, 2));
} finally {
  await bench.close();
}
