// The real VCI directory (issuer list and daily snapshot, read from ../shared when
// it is there): every listed issuer's keys and CRLs served by a loopback server,
// with faults injected into five of them. The test list is empty without ../shared
// (nothing is skipped: there is simply nothing to run).
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createTrustStore } from '@pass-check/verifier-core';
import { faults, run, tempDir } from './helpers.mjs';
import { serveVciDirectory } from './vci-server.mjs';

const VCI = fileURLToPath(new URL('../../../../shared/corpus/conformance/vci/', import.meta.url));
const present = fs.existsSync(path.join(VCI, 'vci-issuers.json')) && fs.existsSync(path.join(VCI, 'vci_snapshot.json'));

const tests = present ? [
  ['builds from every listed issuer with injected faults, each reported with its code', async (ctx) => {
    const list = JSON.parse(fs.readFileSync(path.join(VCI, 'vci-issuers.json'), 'utf8'));
    const snapshot = JSON.parse(fs.readFileSync(path.join(VCI, 'vci_snapshot.json'), 'utf8'));
    const { server, index, fetch: fetchImpl } = await serveVciDirectory(list, snapshot);
    ctx.after(() => server.close());
    const withKeys = snapshot.issuerInfo.filter((i) => index.has(i.issuer.iss) && i.keys?.length).map((i) => i.issuer.iss);
    const [e500, eSlow, eBad, eHuge, eRedirect] = withKeys;
    const route = (iss) => `/i/${index.get(iss)}/.well-known/jwks.json`;
    server.routes.set(route(e500), faults.status(500));
    server.routes.set(route(eSlow), faults.slow(10_000, {}));
    server.routes.set(route(eBad), faults.raw('{"keys":[{"kty":"EC","crv":'));
    server.routes.set(route(eHuge), faults.huge(12 * 1024 * 1024));
    server.routes.set(route(eRedirect), faults.redirect('http://elsewhere.example.net/jwks.json'));

    const dir = await tempDir();
    ctx.after(() => fs.rmSync(dir, { recursive: true, force: true }));
    const out = path.join(dir, 'vci.json');
    const started = performance.now();
    // A 1 MB cap and a 5 s timeout: the 12 MB body passes the cap within milliseconds even on a loaded machine,
    // while the slow server (10 s) still times out. (With the 8 MB default cap and 2 s, a busy machine timed out first.)
    const r = await run(['trust', 'build', '--out', out, '--vci', 'https://directory.example/vci-issuers.json', '--json', '--timeout', '5000', '--retries', '1', '--max-bytes', '1048576'], { fetch: fetchImpl });
    const seconds = (performance.now() - started) / 1000;
    ctx.diagnostic(`full build over ${index.size} listed issuers: ${seconds.toFixed(1)} s`);
    assert.equal(r.code, 1, r.stderr);
    const report = JSON.parse(r.stdout);
    const codeOf = Object.fromEntries(report.problems.filter((p) => !p.kid).map((p) => [p.id, p.code]));
    assert.equal(codeOf[e500], 'FETCH_HTTP');
    assert.equal(codeOf[eSlow], 'FETCH_TIMEOUT');
    assert.equal(codeOf[eBad], 'BAD_JSON');
    assert.equal(codeOf[eHuge], 'FETCH_TOO_LARGE');
    assert.equal(codeOf[eRedirect], 'FETCH_REDIRECT');
    assert.ok(!server.requests.includes('/unknown'), 'the refused redirect was never followed');
    // Every other listed issuer with keys in the snapshot is in the bundle, unless all its keys were refused.
    const bundle = JSON.parse(fs.readFileSync(out, 'utf8'));
    const built = new Set(bundle.shc.map((i) => i.iss));
    const faulty = new Set([e500, eSlow, eBad, eHuge, eRedirect]);
    const missing = withKeys.filter((iss) => !faulty.has(iss) && !built.has(iss));
    const refusedKids = new Set(report.rejected.map((x) => x.kid));
    for (const iss of missing) {
      const keys = snapshot.issuerInfo.find((i) => i.issuer.iss === iss).keys;
      assert.ok(keys.every((k) => refusedKids.has(k.kid) || !k.kid), `${iss} missing without a reason`);
    }
    assert.ok(built.size > 600, `only ${built.size} issuers`);
    assert.equal(report.totals.shcCrls, snapshot.issuerInfo.filter((i) => index.has(i.issuer.iss) && !faulty.has(i.issuer.iss)).reduce((n, i) => n + (i.crls?.length ?? 0), 0));
    assert.ok(seconds < 120, `took ${seconds.toFixed(1)} s`);
    // What was written loads into a store as it is.
    assert.deepEqual((await createTrustStore().importBundle(bundle)).rejected, []);
  }],
  ['builds offline from the daily snapshot file', async (ctx) => {
    const dir = await tempDir();
    ctx.after(() => fs.rmSync(dir, { recursive: true, force: true }));
    const out = path.join(dir, 'snap.json');
    const r = await run(['trust', 'build', '--out', out, '--vci', path.join(VCI, 'vci_snapshot.json'), '--json']);
    assert.equal(r.code, 0, r.stderr);
    const report = JSON.parse(r.stdout);
    const snapshot = JSON.parse(fs.readFileSync(path.join(VCI, 'vci_snapshot.json'), 'utf8'));
    assert.equal(report.oldestData, new Date(snapshot.time).toISOString());
    assert.ok(report.totals.shcIssuers > 600);
    assert.equal(report.totals.shcCrls, snapshot.issuerInfo.reduce((n, i) => n + (i.crls?.length ?? 0), 0));
  }],
] : [];

describe('pass-check trust build on the real VCI directory', () => {
  for (const [name, fn] of tests) it(name, fn);
});
