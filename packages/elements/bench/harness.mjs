// Shared by the camera benchmarks: a static server for dist/ under a strict
// Content-Security-Policy (the script tag must work there), a page with a
// <pass-scanner> loaded from pass-check.js, and Chromium on a fake camera
// playing a test pass made by the test kit.
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import puppeteer from 'puppeteer-core';
import { makeCameraFixtures } from '../test/camera/make-videos.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const dist = path.resolve(here, '../dist');
const root = path.resolve(here, '../../..');
const CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'";

const PAGE = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>pass-check camera bench</title>
<script src="/pass-check.js"></script><script src="/bench-page.js" defer></script></head>
<body><pass-scanner trust="/trust.json" policy="any-valid" duplicate-window="0" reset-after="0"></pass-scanner></body></html>`;

// Runs in the page: scan, reset, scan again; keeps the latency of each scan.
const PAGE_SCRIPT = `
const scanner = document.querySelector('pass-scanner');
// ?keep=N keeps only the last N latencies, so a long soak measures the scanner, not this array.
const keep = Number(new URLSearchParams(location.search).get('keep') ?? Infinity);
window.bench = { scans: 0, latencies: [], statuses: [], errors: [], scanning: 0, scanFrames: 0 };
let scanStartedAt = performance.now();
let framesAtStart = 0;
scanner.addEventListener('pass-error', (e) => window.bench.errors.push(e.detail.code));
window.bench.violations = [];
document.addEventListener('securitypolicyviolation', (e) => window.bench.violations.push(e.violatedDirective + ' ' + e.blockedURI));
scanner.addEventListener('pass-result', (e) => {
  const stats = scanner.scanController.stats;
  window.bench.scans++;
  window.bench.latencies.push(performance.now() - e.frameAt);
  window.bench.statuses.push(e.detail.status);
  if (window.bench.latencies.length > keep) { window.bench.latencies.shift(); window.bench.statuses.shift(); }
  if (window.bench.scans > 1) {
    window.bench.scanning += performance.now() - scanStartedAt;
    window.bench.scanFrames += stats.framesDecoded - framesAtStart;
  }
  // Decoder pace after the warm-up scan (worker start, wasm compile, JIT).
  if (window.bench.scans === 1) window.bench.warmup = { frames: stats.framesDecoded, ms: stats.busyMs };
  window.bench.framesDecoded = stats.framesDecoded - window.bench.warmup.frames;
  window.bench.busyMs = stats.busyMs - window.bench.warmup.ms;
  window.bench.engine = scanner.engine;
  const video = scanner.shadowRoot.querySelector('video');
  window.bench.resolution = video.videoWidth + 'x' + video.videoHeight;
  if (window.bench.keepGoing !== false) setTimeout(() => {
    scanStartedAt = performance.now();
    framesAtStart = scanner.scanController.stats.framesDecoded;
    scanner.reset();
  }, 0);
});
`;

export const STRICT_CSP = CSP;

/**
 * `video`: which camera fixture the fake camera plays (make-videos.mjs), default the valid SMART Health Card.
 * `withoutSimdWasm`: serve no wasm-qr-simd.wasm, as a site that copied only the files of earlier releases.
 */
export async function startBench({ keep, video = 'valid', withoutSimdWasm = false } = {}) {
  const fixturesDir = path.join(root, '.cache', 'elements-bench');
  const { videos } = await makeCameraFixtures(fixturesDir);
  const files = {
    '/': { type: 'text/html', body: PAGE },
    '/bench-page.js': { type: 'text/javascript', body: PAGE_SCRIPT },
    '/trust.json': { type: 'application/json', file: path.join(fixturesDir, 'trust.json') },
    '/pass-check.js': { type: 'text/javascript', file: path.join(dist, 'pass-check.js') },
    '/pass-check-worker.js': { type: 'text/javascript', file: path.join(dist, 'pass-check-worker.js') },
    '/wasm-qr.wasm': { type: 'application/wasm', file: path.join(dist, 'wasm-qr.wasm') },
    ...(withoutSimdWasm ? {} : { '/wasm-qr-simd.wasm': { type: 'application/wasm', file: path.join(dist, 'wasm-qr-simd.wasm') } }),
    '/pass-check-divoc.js': { type: 'text/javascript', file: path.join(dist, 'pass-check-divoc.js') },
  };
  const requests = [];
  const server = http.createServer((request, response) => {
    const url = new URL(request.url, 'http://localhost');
    requests.push(url.pathname);
    const entry = files[url.pathname];
    if (url.pathname === '/favicon.ico') { response.writeHead(204).end(); return; }
    if (!entry) { response.writeHead(404).end(); return; }
    response.writeHead(200, { 'content-type': entry.type, 'content-security-policy': CSP, 'cache-control': 'no-store' });
    response.end(entry.body ?? fs.readFileSync(entry.file));
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();

  const browser = await puppeteer.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--no-sandbox', '--headless=new', '--disable-gpu', '--no-first-run', '--disable-background-networking',
      '--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream', `--use-file-for-fake-video-capture=${videos[video]}`,
    ],
  });
  const page = await browser.newPage();
  const consoleErrors = [];
  page.on('console', (message) => { if (message.type() === 'error') consoleErrors.push(message.text()); });
  page.on('pageerror', (error) => consoleErrors.push(String(error)));
  await page.goto(`http://127.0.0.1:${port}/${keep ? `?keep=${keep}` : ''}`);

  return {
    page,
    requests,
    consoleErrors,
    /** Waits until `count` scans are done (or throws with what went wrong). */
    async waitForScans(count, timeoutMs = 120_000) {
      await page.waitForFunction((n) => window.bench.scans >= n || window.bench.errors.length > 0, { timeout: timeoutMs, polling: 100 }, count);
      const bench = await page.evaluate(() => window.bench);
      if (bench.errors.length) throw new Error(`pass-error: ${bench.errors.join(', ')}; console: ${consoleErrors.join(' | ')}`);
      return bench;
    },
    async close() {
      await browser.close();
      server.close();
    },
    browserPid: browser.process()?.pid,
  };
}

export const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};
export const percentile = (values, p) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor(values.length * p))];
