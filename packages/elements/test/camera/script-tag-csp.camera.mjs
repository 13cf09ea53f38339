// pass-check.js on a page served with a strict Content-Security-Policy
// (every response, the worker's included), on Chromium's fake camera: the
// script tag, its classic worker and its .wasm must all work there.
// Run by `npm run test:camera` after the web-test-runner groups.
import { it } from 'node:test';
import assert from 'node:assert/strict';
import { startBench, STRICT_CSP } from '../../bench/harness.mjs';

it(`scans a valid pass with pass-check.js under "${STRICT_CSP}"`, { timeout: 120_000 }, async () => {
  const bench = await startBench();
  try {
    const result = await bench.waitForScans(1, 60_000);
    assert.equal(result.statuses[0], 'valid');
    assert.equal(result.engine, 'wasm-qr', 'the wasm decoder ran in its worker under the policy');
    assert.deepEqual(result.violations, []);
    assert.deepEqual(bench.consoleErrors, []);
    // the worker decodes with the SIMD build; the page draws QR codes with the plain one
    for (const file of ['/pass-check.js', '/pass-check-worker.js', '/wasm-qr-simd.wasm', '/wasm-qr.wasm', '/trust.json']) {
      assert.ok(bench.requests.includes(file), `${file} was loaded from beside the page`);
    }
  } finally {
    await bench.close();
  }
});

it('still scans where the site copied no wasm-qr-simd.wasm (the worker falls back to wasm-qr.wasm)', { timeout: 120_000 }, async () => {
  const bench = await startBench({ withoutSimdWasm: true });
  try {
    const result = await bench.waitForScans(1, 60_000);
    assert.equal(result.statuses[0], 'valid');
    assert.equal(result.engine, 'wasm-qr');
    assert.deepEqual(result.violations, []);
    assert.ok(bench.requests.includes('/wasm-qr-simd.wasm'), 'the SIMD build was asked for first');
    assert.equal(bench.requests.filter((file) => file === '/wasm-qr.wasm').length >= 2, true, 'then the plain build, by the worker as well as the page');
    // the only console error allowed is the missing file's 404
    assert.deepEqual(bench.consoleErrors.filter((text) => !/404/.test(text)), []);
  } finally {
    await bench.close();
  }
});

it('verifies a DIVOC QR (its ZIP bytes) with pass-check.js under the same policy, loading pass-check-divoc.js only then', { timeout: 120_000 }, async () => {
  const bench = await startBench({ video: 'divoc' });
  try {
    const result = await bench.waitForScans(1, 90_000);
    assert.equal(result.statuses[0], 'valid');
    assert.deepEqual(result.violations, []);
    assert.deepEqual(bench.consoleErrors, []);
    assert.ok(bench.requests.includes('/pass-check-divoc.js'), 'the JSON-LD machinery was loaded from beside the script');
  } finally {
    await bench.close();
  }
});
