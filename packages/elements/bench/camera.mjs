// Camera benchmark (npm run bench:camera): Chromium's fake camera plays a test
// pass at 1280×720; the page uses pass-check.js under a strict CSP. Reports the
// time from the first frame that shows the code to `pass-result` (median over
// RUNS scans after one warm-up), and frames decoded per second.
import { startBench, median, percentile } from './harness.mjs';

const RUNS = Number(process.env.RUNS ?? 30);
const bench = await startBench();
try {
  const result = await bench.waitForScans(RUNS + 1);
  const latencies = result.latencies.slice(1, RUNS + 1);
  const statuses = new Set(result.statuses);
  if (statuses.size !== 1 || !statuses.has('valid')) throw new Error(`unexpected statuses: ${[...statuses]}`);
  const perFrameMs = result.busyMs / result.framesDecoded;
  const report = {
    engine: result.engine,
    camera: result.resolution,
    runs: latencies.length,
    firstFrameToResultMs: {
      median: +median(latencies).toFixed(1),
      p90: +percentile(latencies, 0.9).toFixed(1),
      min: +Math.min(...latencies).toFixed(1),
      max: +Math.max(...latencies).toFixed(1),
    },
    // 1000 / mean time to take a frame, transfer it to the worker and decode it at full resolution.
    framesDecodedPerSecond: +(1000 / perFrameMs).toFixed(1),
    msPerDecodedFrame: +perFrameMs.toFixed(1),
    // Wall clock while scanning (between reset and result), camera frame rate included.
    framesDecodedPerScanningSecond: +((result.scanFrames * 1000) / result.scanning).toFixed(1),
    goals: { medianUnder250ms: median(latencies) < 250, atLeast15fps: 1000 / perFrameMs >= 15 },
  };
  console.log(JSON.stringify(report, null, 2));
} finally {
  await bench.close();
}
