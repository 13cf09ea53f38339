// pass-check trust build: a --previous that could inject trust is refused; sections no
// source feeds tonight are kept; DCC value sets and rules, VDS-NC CSCAs and CRLs and
// DIVOC keys are gathered like every other source; trust verify opens a bundle once.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import path from 'node:path';
import { createTrustStore, createVerifier, signBundle } from '@pass-check/verifier-core';
import { createDccSigner, createVdsncCsca, createDivocIssuer } from '@pass-check/verifier-core/testing';
import { startServer, faults, run, tempDir, p256 } from './helpers.mjs';

const FAST = ['--timeout', '2500', '--retries', '1'];
const codes = (r) => r.errors.map((e) => e.code);
const pem = (label, der) => `-----BEGIN ${label}-----\n${Buffer.from(der).toString('base64').replace(/.{64}/g, '$&\n')}\n-----END ${label}-----\n`;

const rule = (id, version = '1.0.0') => ({
  Identifier: id, Type: 'Acceptance', Country: 'DE', Version: version, SchemaVersion: '1.0.0', Engine: 'CERTLOGIC', EngineVersion: '0.7.5',
  CertificateType: 'Vaccination', Description: [{ lang: 'en', desc: 'at least one dose' }], ValidFrom: '2026-01-01T00:00:00Z', ValidTo: '2030-01-01T00:00:00Z',
  AffectedFields: ['v.0.dn'], Logic: { '>=': [{ var: 'payload.v.0.dn' }, 1] },
});
const valueSet = (id, codeList) => ({
  valueSetId: id, valueSetDate: '2026-06-01',
  valueSetValues: Object.fromEntries(codeList.map((c) => [c, { display: c, lang: 'en', active: true, system: 'https://ec.europa.eu/health/documents/community-register/html/', version: '' }])),
});

describe('trust build --previous: never a way to inject trust', () => {
  let dir, server, venue, other, signer, injected;
  before(async () => {
    dir = await tempDir();
    server = await startServer();
    [venue, other] = [p256(), p256()];
    [signer, injected] = await Promise.all([createDccSigner({ country: 'DE' }), createDccSigner({ country: 'XX' })]);
    server.routes.set('/eu.json', faults.status(500)); // tonight's list fails: --previous is what is kept
    await fs.writeFile(path.join(dir, 'venue.jwk'), JSON.stringify(venue.privateJwk));
    await fs.writeFile(path.join(dir, 'other.pub.jwk'), JSON.stringify(other.publicJwk));
  });
  after(async () => { await server.close(); await fs.rm(dir, { recursive: true, force: true }); });

  const build = (previous, ...extra) => run(['trust', 'build', '--out', path.join(dir, 'out.jws'), '--sign', path.join(dir, 'venue.jwk'), '--json',
    '--dcc-eu-json', `${server.url}/eu.json`, '--previous', previous, ...FAST, ...extra], { now: () => new Date('2026-06-02T00:00:00Z') });
  const bundle = (updated = '2026-06-01T00:00:00Z') => ({ version: 1, updated, dcc: [{ certificate: signer.certificate }, { certificate: injected.certificate }] });

  it('refuses an unsigned --previous for a signed build (exit 2, nothing written)', async () => {
    const file = path.join(dir, 'unsigned.json');
    await fs.writeFile(file, JSON.stringify(bundle()));
    const r = await build(file);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /--previous .*refused \(BUNDLE_UNSIGNED\)/);
    await assert.rejects(fs.access(path.join(dir, 'out.jws')));
  });

  it('refuses a --previous signed by another key, or a JWS of another type by the venue key', async () => {
    const file = path.join(dir, 'foreign.jws');
    await fs.writeFile(file, await signBundle(bundle(), other.privateJwk));
    const r = await build(file);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /BUNDLE_SIGNATURE/);
    const [, payload] = (await signBundle(bundle(), venue.privateJwk)).split('.');
    const { sign } = await import('node:crypto');
    const header = Buffer.from(JSON.stringify({ alg: 'ES256', typ: 'JWT' })).toString('base64url');
    const sig = sign('sha256', Buffer.from(`${header}.${payload}`), { key: venue.privateKey, dsaEncoding: 'ieee-p1363' }).toString('base64url');
    await fs.writeFile(file, `${header}.${payload}.${sig}`);
    assert.equal((await build(file)).code, 2);
    await assert.rejects(fs.access(path.join(dir, 'out.jws')));
  });

  it('refuses a --previous from the future', async () => {
    const file = path.join(dir, 'future.jws');
    await fs.writeFile(file, await signBundle(bundle('2026-06-03T00:00:00Z'), venue.privateJwk));
    const r = await build(file);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /future/);
  });

  it('takes a --previous signed by the venue key, or by the key named with --previous-key', async () => {
    const file = path.join(dir, 'good.jws');
    await fs.writeFile(file, await signBundle(bundle(), venue.privateJwk));
    const r = await build(file);
    assert.equal(r.code, 1, r.stderr);
    assert.equal(JSON.parse(r.stdout).totals.dccSigners, 2);
    // After a key change: last night's bundle was signed by the old key.
    await fs.writeFile(file, await signBundle(bundle(), other.privateJwk));
    const changed = await build(file, '--previous-key', path.join(dir, 'other.pub.jwk'));
    assert.equal(changed.code, 1, changed.stderr);
    const out = await fs.readFile(path.join(dir, 'out.jws'), 'utf8');
    const trust = createTrustStore();
    await trust.importBundle(out, { key: venue.publicJwk });
    assert.equal((await createVerifier({ trust }).verify(await signer.issue({ kind: 'vaccination' }))).status, 'valid');
  });
});

describe('trust build: value sets, rules, VDS-NC and DIVOC sources', () => {
  let dir, server, ca, caX, good, revoked, divoc, divocPem, dcc;
  before(async () => {
    dir = await tempDir();
    server = await startServer();
    [ca, caX] = await Promise.all([createVdsncCsca(), createVdsncCsca({ country: 'UTX' })]);
    [good, revoked] = [await ca.createSigner(), await ca.createSigner()];
    [divoc, divocPem, dcc] = await Promise.all([createDivocIssuer(), createDivocIssuer({ id: 'did:pass-check-test:pem' }), createDccSigner({ country: 'DE' })]);
    const r = server.routes;
    r.set('/eu.json', [dcc.trustListEntry()]);
    r.set('/vs/vaccines.json', valueSet('vaccines-covid-19-names', ['EU/1/20/1528', 'NEW/1']));
    r.set('/vs/all.json', [valueSet('disease-agent-targeted', ['840539006']), valueSet('test-manf', ['1232', '9999'])]);
    r.set('/rules/de.json', [rule('VR-DE-0001'), rule('VR-DE-0002', '1.0.1')]);
    r.set('/rules/one.json', rule('VR-DE-0003'));
    r.set('/csca.pem', pem('CERTIFICATE', ca.certificateDer));
    r.set('/csca-x.der', Buffer.from(caX.certificateDer));
    r.set('/csca.crl', Buffer.from(await ca.crl({ revoked: [revoked] })));
    r.set('/divoc.json', { issuers: [divoc.bundleEntry()] });
    r.set('/divoc.pem', divocPem.publicKeyPem);
    r.set('/broken', faults.status(500));
  });
  after(async () => { await server.close(); await fs.rm(dir, { recursive: true, force: true }); });

  const sources = (s) => ['--dcc-eu-json', `${s}/eu.json`, '--dcc-value-sets', `${s}/vs/vaccines.json`, '--dcc-value-sets', `${s}/vs/all.json`,
    '--dcc-rules', `${s}/rules/de.json`, '--dcc-rules', `${s}/rules/one.json`, '--vdsnc', `${s}/csca.pem`, '--vdsnc', `UTX=${s}/csca-x.der`,
    '--vdsnc-crl', `${s}/csca.crl`, '--divoc', `${s}/divoc.json`, '--divoc', `did:pass-check-test:pem=${s}/divoc.pem`];

  it('gathers every kind, reports each in --json and the table, and the bundle verifies passes of each', async () => {
    const out = path.join(dir, 'all.json');
    const r = await run(['trust', 'build', '--out', out, '--json', ...sources(server.url), ...FAST], { now: () => new Date('2026-06-02T00:00:00Z') });
    assert.equal(r.code, 0, r.stdout + r.stderr);
    const report = JSON.parse(r.stdout);
    assert.deepEqual(report.problems, []);
    assert.deepEqual(report.rejected, []);
    const t = report.totals;
    assert.deepEqual([t.dccSigners, t.dccValueSets, t.dccRules, t.vdsncCscas, t.vdsncCrls, t.divocIssuers], [1, 3, 3, 2, 1, 2]);
    assert.deepEqual(report.sources.map((s) => s.type), ['dcc-eu-json', 'dcc-value-sets', 'dcc-value-sets', 'dcc-rules', 'dcc-rules', 'vdsnc', 'vdsnc', 'vdsnc-crl', 'divoc', 'divoc']);
    const bundle = JSON.parse(await fs.readFile(out, 'utf8'));
    assert.deepEqual(bundle.dccValueSets['vaccines-covid-19-names'], ['EU/1/20/1528', 'NEW/1']);
    assert.deepEqual(bundle.dccRules.map((x) => x.Identifier), ['VR-DE-0001', 'VR-DE-0002', 'VR-DE-0003']);
    assert.equal(bundle.vdsnc.find((c) => c.country === 'UTX').certificate, Buffer.from(caX.certificateDer).toString('base64'));
    const trust = createTrustStore();
    assert.deepEqual((await trust.importBundle(bundle)).rejected, []);
    const verifier = createVerifier({ trust });
    assert.equal((await verifier.verify(await good.issue())).status, 'valid');
    assert.deepEqual(codes(await verifier.verify(await revoked.issue())), ['REVOKED']);
    assert.equal((await verifier.verify(JSON.stringify(await divoc.issue()))).status, 'valid');
    assert.equal((await verifier.verify(JSON.stringify(await divocPem.issue()))).status, 'valid');

    const table = await run(['trust', 'build', '--out', path.join(dir, 'all2.json'), ...sources(server.url), ...FAST], { now: () => new Date('2026-06-02T00:00:00Z') });
    assert.match(table.stdout, /ICAO VDS-NC CSCAs\s+2/);
    assert.match(table.stdout, /DIVOC issuers\s+2/);
    assert.match(table.stdout, /business rules\s+3/);
    // Deterministic: the same trust, the same bytes.
    assert.equal(await fs.readFile(path.join(dir, 'all2.json'), 'utf8'), await fs.readFile(out, 'utf8'));
  });

  it('a failing source keeps its --previous entries and is reported; a failing CRL keeps the CRL held', async () => {
    const previousFile = path.join(dir, 'previous.json');
    const previous = JSON.parse(await fs.readFile(path.join(dir, 'all.json'), 'utf8'));
    await fs.writeFile(previousFile, JSON.stringify(previous));
    const s = server.url;
    const out = path.join(dir, 'partial.json');
    const r = await run(['trust', 'build', '--out', out, '--json', '--previous', previousFile, '--dcc-eu-json', `${s}/eu.json`,
      '--dcc-value-sets', `${s}/broken`, '--dcc-rules', `${s}/broken`, '--vdsnc', `${s}/csca.pem`, '--vdsnc', `UTX=${s}/csca-x.der`,
      '--vdsnc-crl', `${s}/broken`, '--divoc', `${s}/broken`, ...FAST], { now: () => new Date('2026-06-03T00:00:00Z') });
    assert.equal(r.code, 1);
    const report = JSON.parse(r.stdout);
    assert.deepEqual(report.sources.filter((x) => x.status === 'failed').map((x) => [x.type, x.code]),
      [['dcc-value-sets', 'FETCH_HTTP'], ['dcc-rules', 'FETCH_HTTP'], ['vdsnc-crl', 'FETCH_HTTP'], ['divoc', 'FETCH_HTTP']]);
    const bundle = JSON.parse(await fs.readFile(out, 'utf8'));
    for (const key of ['dccValueSets', 'dccRules', 'divoc']) assert.deepEqual(bundle[key], previous[key], key);
    const trust = createTrustStore();
    await trust.importBundle(bundle);
    assert.deepEqual(codes(await createVerifier({ trust }).verify(await revoked.issue())), ['REVOKED']);
  });

  it('sections no source feeds tonight are kept from --previous (rules, value sets, VDS-NC, DIVOC, DCC revocations)', async () => {
    const previousFile = path.join(dir, 'previous2.json');
    const previous = JSON.parse(await fs.readFile(path.join(dir, 'all.json'), 'utf8'));
    previous.dccRevocations = [{ hashType: 'UVCI', hashes: ['00112233445566778899aabbccddeeff'] }];
    await fs.writeFile(previousFile, JSON.stringify(previous));
    const out = path.join(dir, 'dcc-only.json');
    const r = await run(['trust', 'build', '--out', out, '--json', '--previous', previousFile, '--dcc-eu-json', `${server.url}/eu.json`, ...FAST],
      { now: () => new Date('2026-06-03T00:00:00Z') });
    assert.equal(r.code, 0, r.stdout);
    const bundle = JSON.parse(await fs.readFile(out, 'utf8'));
    for (const key of ['dccValueSets', 'dccRules', 'vdsnc', 'divoc', 'dccRevocations']) assert.deepEqual(bundle[key], previous[key], key);
  });

  it('bad inputs are stable errors: a PEM key without its id, a CRL of no listed CA, not a value set', async () => {
    const other = await createVdsncCsca({ country: 'UTZ' });
    server.routes.set('/other.crl', pem('X509 CRL', await other.crl()));
    server.routes.set('/vs/bad.json', { valueSetId: 'x' });
    const r = await run(['trust', 'build', '--out', path.join(dir, 'bad.json'), '--json', '--vdsnc', `${server.url}/csca.pem`, '--vdsnc-crl', `${server.url}/other.crl`,
      '--divoc', `${server.url}/divoc.pem`, '--dcc-value-sets', `${server.url}/vs/bad.json`, ...FAST]);
    assert.equal(r.code, 1);
    const report = JSON.parse(r.stdout);
    assert.deepEqual(report.sources.map((x) => [x.type, x.status, x.code ?? '']), [['vdsnc', 'ok', ''], ['vdsnc-crl', 'ok', ''], ['divoc', 'failed', 'BAD_FORMAT'], ['dcc-value-sets', 'failed', 'BAD_FORMAT']]);
    assert.ok(report.problems.some((p) => p.code === 'INVALID_CRL'));
  });
});

describe('trust verify opens a signed bundle once', () => {
  it('checks the signature one time', async () => {
    const dir = await tempDir();
    const venue = p256();
    const signer = await createDccSigner();
    await fs.writeFile(path.join(dir, 'b.jws'), await signBundle({ version: 1, updated: '2026-06-01T00:00:00Z', dcc: [{ certificate: signer.certificate }] }, venue.privateJwk));
    await fs.writeFile(path.join(dir, 'pub.jwk'), JSON.stringify(venue.publicJwk));
    const original = crypto.subtle.verify;
    let calls = 0;
    crypto.subtle.verify = function (...args) { calls++; return original.apply(this, args); };
    try {
      const r = await run(['trust', 'verify', path.join(dir, 'b.jws'), '--key', path.join(dir, 'pub.jwk'), '--json']);
      assert.equal(r.code, 0, r.stdout);
    } finally {
      crypto.subtle.verify = original;
      await fs.rm(dir, { recursive: true, force: true });
    }
    assert.equal(calls, 1);
  });
});
