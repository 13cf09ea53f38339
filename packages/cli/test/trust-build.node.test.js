// pass-check trust build / trust verify against a loopback server: generated
// issuers, signed national and JWS DSC lists, and injected faults.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import path from 'node:path';
import { createTrustStore, createVerifier } from '@pass-check/verifier-core';
import { createShcIssuer, createDccSigner, createIdhpIssuer } from '@pass-check/verifier-core/testing';
import { startServer, faults, run, tempDir, p256, signedDscList, dscTrustListJws, dscListEntry } from './helpers.mjs';

// Short enough for a slow server to time out, long enough for a busy machine to read a few MB.
const FAST = ['--timeout', '2500', '--retries', '1'];
/**
 * Issuers have https ids (passes from http issuers are refused); this fetch sends
 * https://NAME.pass-check.test/… to the loopback server's /NAME/…, the way a DNS
 * entry would, while the CLI still checks every URL and redirect itself.
 */
const routedFetch = (server) => (url, init) => fetch(url.replace(/^https:\/\/([a-z0-9-]+)\.pass-check\.test\//, `${server.url}/$1/`), init);
const issUrl = (i) => `https://issuer${i}.pass-check.test`;

describe('pass-check trust build: SMART Health Card issuers with faults', () => {
  let server, dir, issuers, good, revokedRid;
  before(async () => {
    server = await startServer();
    dir = await tempDir();
    // Eight issuers: the first three behave, the rest each have one fault.
    issuers = await Promise.all(Array.from({ length: 9 }, (_, i) => createShcIssuer({ iss: issUrl(i), name: `Issuer ${i}` })));
    const r = server.routes;
    for (const issuer of issuers) r.set(`/issuer${issuers.indexOf(issuer)}/.well-known/jwks.json`, issuer.jwks);
    revokedRid = 'revoked-rid1';
    r.set(`/issuer0/.well-known/crl/${issuers[0].kid}.json`, issuers[0].crl([revokedRid]));
    r.set(`/issuer1/.well-known/crl/${issuers[1].kid}.json`, issuers[1].crl([]));
    r.set(`/issuer2/.well-known/crl/${issuers[2].kid}.json`, faults.status(500)); // keys fine, CRL fails
    r.set('/issuer3/.well-known/jwks.json', faults.status(500));
    r.set('/issuer4/.well-known/jwks.json', faults.slow(15_000, issuers[4].jwks));
    r.set('/issuer5/.well-known/jwks.json', faults.raw('{"keys": [ {"kty": "EC", '));
    r.set('/issuer6/.well-known/jwks.json', faults.huge(3 * 1024 * 1024));
    r.set('/issuer7/.well-known/jwks.json', faults.redirect('http://example.invalid/jwks.json'));
    // A redirect that stays on this (loopback) server is followed.
    r.set('/issuer8/.well-known/jwks.json', faults.redirect(`${issUrl(8)}/moved/issuer8.json`));
    r.set('/issuer8/moved/issuer8.json', issuers[8].jwks);
    r.set(`/issuer8/.well-known/crl/${issuers[8].kid}.json`, issuers[8].crl([]));
    for (const i of [3, 4, 5, 6, 7]) r.set(`/issuer${i}/.well-known/crl/${issuers[i].kid}.json`, issuers[i].crl([]));
    r.set('/directory/vci-issuers.json', { participating_issuers: issuers.map((i) => ({ iss: i.iss, name: i.name })) });
    good = [0, 1, 2, 8];
  });
  after(async () => { await server.close(); await fs.rm(dir, { recursive: true, force: true }); });

  it('builds from every issuer that answers and reports each fault with its code', async () => {
    const out = path.join(dir, 'bundle.json');
    const started = Date.now();
    const { code, stdout } = await run(['trust', 'build', '--out', out, '--vci', 'https://directory.pass-check.test/vci-issuers.json', '--json', ...FAST, '--max-bytes', String(1024 * 1024)], { fetch: routedFetch(server) });
    assert.ok(Date.now() - started < 30_000, 'a slow server is cut off by the timeout');
    assert.equal(code, 1, 'built, with problems');
    const report = JSON.parse(stdout);
    const byIssuer = Object.fromEntries(report.problems.filter((p) => !p.kid).map((p) => [p.id, p.code]));
    assert.deepEqual(byIssuer, {
      [issuers[3].iss]: 'FETCH_HTTP',
      [issuers[4].iss]: 'FETCH_TIMEOUT',
      [issuers[5].iss]: 'BAD_JSON',
      [issuers[6].iss]: 'FETCH_TOO_LARGE',
      [issuers[7].iss]: 'FETCH_REDIRECT',
    });
    assert.deepEqual(report.problems.filter((p) => p.kid).map((p) => [p.id, p.code]), [[issuers[2].iss, 'FETCH_HTTP']]);
    assert.ok(!server.requests.some((u) => u.includes('example.invalid')));
    assert.equal(report.sources[0].status, 'partial');
    assert.equal(report.sources[0].failed, 5);
    assert.equal(report.totals.shcIssuers, good.length);

    const bundle = JSON.parse(await fs.readFile(out, 'utf8'));
    assert.deepEqual(bundle.shc.map((i) => i.iss), good.map((i) => issuers[i].iss).sort());
    const trust = createTrustStore();
    await trust.importBundle(bundle);
    const verifier = createVerifier({ trust });
    assert.equal((await verifier.verify((await issuers[0].issue()).numeric)).status, 'valid');
    assert.deepEqual((await verifier.verify((await issuers[0].issue({ rid: revokedRid })).numeric)).errors.map((e) => e.code), ['REVOKED']);
    assert.deepEqual((await verifier.verify((await issuers[3].issue()).numeric)).errors.map((e) => e.code), ['UNKNOWN_ISSUER']);
  });

  it('--previous keeps the entries of issuers that fail tonight, and the CRL of one whose CRL failed', async () => {
    const previousFile = path.join(dir, 'previous.json');
    // Yesterday: issuer 3 worked, and issuer 2 had a CRL revoking a card.
    await fs.writeFile(previousFile, JSON.stringify({
      version: 1, updated: '2026-01-01T00:00:00.000Z',
      shc: [issuers[3].trustEntry({ rids: [] }), issuers[2].trustEntry({ rids: ['gone2'] })],
    }));
    const out = path.join(dir, 'bundle2.json');
    const { code, stdout } = await run(['trust', 'build', '--out', out, '--vci', 'https://directory.pass-check.test/vci-issuers.json', '--previous', previousFile, '--json', ...FAST], { fetch: routedFetch(server) });
    assert.equal(code, 1);
    const report = JSON.parse(stdout);
    assert.equal(report.totals.keptFromPrevious, 1);
    assert.equal(report.oldestData, '2026-01-01T00:00:00.000Z');
    const bundle = JSON.parse(await fs.readFile(out, 'utf8'));
    assert.ok(bundle.shc.some((i) => i.iss === issuers[3].iss));
    const trust = createTrustStore();
    await trust.importBundle(bundle);
    const verifier = createVerifier({ trust });
    assert.equal((await verifier.verify((await issuers[3].issue()).numeric)).status, 'valid');
    assert.deepEqual((await verifier.verify((await issuers[2].issue({ rid: 'gone2' })).numeric)).errors.map((e) => e.code), ['REVOKED']);
  });

  it('writes the same bytes for the same trust (sorted, stable), whatever order the sources answer in', async () => {
    const a = path.join(dir, 'a.json'), b = path.join(dir, 'b.json');
    const fine = [0, 1, 8].map((i) => ({ iss: issuers[i].iss, name: issuers[i].name }));
    server.routes.set('/directory/vci-good.json', { participating_issuers: fine });
    server.routes.set('/directory/vci-good-reversed.json', { participating_issuers: [...fine].reverse() });
    const io = { now: () => new Date('2026-05-01T00:00:00Z'), fetch: routedFetch(server) };
    assert.equal((await run(['trust', 'build', '--out', a, '--vci', 'https://directory.pass-check.test/vci-good.json', ...FAST], io)).code, 0);
    assert.equal((await run(['trust', 'build', '--out', b, '--vci', 'https://directory.pass-check.test/vci-good-reversed.json', '--concurrency', '1', ...FAST], io)).code, 0);
    assert.equal(await fs.readFile(a, 'utf8'), await fs.readFile(b, 'utf8'));
  });

  it('exit code 2: nothing usable, unknown options, refused URLs', async () => {
    const out = path.join(dir, 'none.json');
    server.routes.set('/directory/vci-bad.json', { participating_issuers: [{ iss: issuers[3].iss }] });
    assert.equal((await run(['trust', 'build', '--out', out, '--vci', `${server.url}/directory/vci-bad.json`, ...FAST], { fetch: routedFetch(server) })).code, 2);
    await assert.rejects(fs.access(out));
    assert.equal((await run(['trust', 'build', '--out', out, '--vci', 'http://example.org/list.json'])).code, 2);
    assert.equal((await run(['trust', 'build', '--out', out, '--nope'])).code, 2);
    assert.equal((await run(['trust', 'build', '--vci', 'x.json'])).code, 2);
    assert.equal((await run(['frobnicate'])).code, 2);
  });
});

describe('pass-check trust build: EU DCC lists and IDHP issuers', () => {
  let server, dir, anchor, signers, idhp;
  before(async () => {
    server = await startServer();
    dir = await tempDir();
    anchor = p256();
    signers = await Promise.all([createDccSigner({ country: 'DE' }), createDccSigner({ country: 'SE' }), createDccSigner({ country: 'FR', alg: 'PS256' }), createDccSigner({ country: 'IT' })]);
    idhp = await createIdhpIssuer({ name: 'Health Pass Issuer' });
    await fs.writeFile(path.join(dir, 'anchor.pem'), anchor.publicPem);
    await fs.writeFile(path.join(dir, 'anchor.jwk'), JSON.stringify(anchor.publicJwk));
    server.routes.set('/dsc-list', signedDscList([dscListEntry(signers[0]), { ...dscListEntry(signers[3]), kid: 'AAAAAAAAAAA=' }], anchor.privateKey));
    server.routes.set('/dsc-tl.jws', dscTrustListJws({
      iss: 'https://trust.example', iat: Math.floor(Date.now() / 1000) - 60, exp: Math.floor(Date.now() / 1000) + 86400,
      dsc_trust_list: { SE: { eku: {}, keys: [{ kty: 'EC', kid: signers[1].kid, x5c: [signers[1].certificate] }] } },
    }, anchor.privateKey));
    server.routes.set('/eu.json', [signers[2].trustListEntry(), { ...signers[3].trustListEntry(), certificateType: 'CSCA' }]);
    server.routes.set('/idhp.json', { issuers: [idhp.trustEntry] });
  });
  after(async () => { await server.close(); await fs.rm(dir, { recursive: true, force: true }); });

  it('verifies the signed national list and the JWS list with the anchor, takes the gateway JSON and IDHP issuers', async () => {
    const out = path.join(dir, 'dcc.json');
    const { code, stdout } = await run(['trust', 'build', '--out', out, '--json',
      '--dcc-list', `${server.url}/dsc-list`, '--dcc-jws', `${server.url}/dsc-tl.jws`, '--dcc-anchor', path.join(dir, 'anchor.pem'),
      '--dcc-eu-json', `${server.url}/eu.json`, '--idhp', `${server.url}/idhp.json`]);
    const report = JSON.parse(stdout);
    assert.equal(code, 1, 'one list entry has a wrong kid: built with problems');
    assert.deepEqual(report.problems.map((p) => [p.kid, p.code]), [['AAAAAAAAAAA=', 'INVALID_CERTIFICATE']]);
    assert.equal(report.totals.dccSigners, 3);
    assert.equal(report.totals.idhpIssuers, 1);
    const trust = createTrustStore();
    await trust.importBundle(JSON.parse(await fs.readFile(out, 'utf8')));
    const verifier = createVerifier({ trust });
    for (const s of signers.slice(0, 3)) assert.equal((await verifier.verify(await s.issue({ kind: 'vaccination' }))).status, 'valid', s.country);
    assert.equal((await verifier.verify(await signers[3].issue({ kind: 'vaccination' }))).status, 'invalid');
    assert.equal((await verifier.verify(JSON.stringify(await idhp.issueVaccination()))).status, 'valid');
  });

  it('refuses a list not signed by the anchor, or changed after signing, and keeps --previous DCC signers', async () => {
    const other = p256();
    server.routes.set('/forged-list', signedDscList([dscListEntry(signers[3])], other.privateKey));
    const genuine = signedDscList([dscListEntry(signers[0])], anchor.privateKey);
    server.routes.set('/changed-list', Buffer.concat([genuine, Buffer.from(' ')]).toString().replace(signers[0].certificate, signers[3].certificate));
    server.routes.set('/forged.jws', dscTrustListJws({ iat: 1, exp: 4102444800, dsc_trust_list: { IT: { keys: [{ x5c: [signers[3].certificate] }] } } }, other.privateKey, { unencoded: false }));
    const previousFile = path.join(dir, 'prev.json');
    await fs.writeFile(previousFile, JSON.stringify({ version: 1, updated: '2026-01-01T00:00:00Z', dcc: [{ certificate: signers[0].certificate, country: 'DE' }] }));
    const out = path.join(dir, 'forged.json');
    const { code, stdout } = await run(['trust', 'build', '--out', out, '--json', '--previous', previousFile, '--dcc-anchor', path.join(dir, 'anchor.jwk'),
      '--dcc-list', `${server.url}/forged-list`, '--dcc-list', `${server.url}/changed-list`, '--dcc-jws', `${server.url}/forged.jws`]);
    assert.equal(code, 1);
    const report = JSON.parse(stdout);
    assert.deepEqual(report.sources.map((s) => [s.status, s.code]), [['failed', 'BAD_SIGNATURE'], ['failed', 'BAD_SIGNATURE'], ['failed', 'BAD_SIGNATURE']]);
    const bundle = JSON.parse(await fs.readFile(out, 'utf8'));
    assert.deepEqual(bundle.dcc.map((d) => d.certificate), [signers[0].certificate]);
  });

  it('--sign writes a JWS that trust verify and verify accept only with the venue key', async () => {
    const venue = p256();
    const stranger = p256();
    await fs.writeFile(path.join(dir, 'venue.jwk'), JSON.stringify(venue.privateJwk));
    await fs.writeFile(path.join(dir, 'venue.pub.jwk'), JSON.stringify(venue.publicJwk));
    await fs.writeFile(path.join(dir, 'stranger.pub.jwk'), JSON.stringify(stranger.publicJwk));
    const out = path.join(dir, 'signed.jws');
    const built = await run(['trust', 'build', '--out', out, '--sign', path.join(dir, 'venue.jwk'), '--dcc-eu-json', `${server.url}/eu.json`, '--idhp', `${server.url}/idhp.json`]);
    assert.equal(built.code, 0, built.stdout + built.stderr);
    const jws = await fs.readFile(out, 'utf8');
    assert.match(jws, /^[\w-]+\.[\w-]+\.[\w-]+$/);
    const ok = await run(['trust', 'verify', out, '--key', path.join(dir, 'venue.pub.jwk'), '--json']);
    assert.equal(ok.code, 0, ok.stdout);
    assert.equal(JSON.parse(ok.stdout).dccSigners, 1);
    assert.equal((await run(['trust', 'verify', out, '--key', path.join(dir, 'stranger.pub.jwk')])).code, 2);
    const plain = path.join(dir, 'plain.json');
    await fs.writeFile(plain, JSON.stringify({ version: 1, updated: '2026-01-01T00:00:00Z', dcc: [] }));
    const unsigned = await run(['trust', 'verify', plain, '--key', path.join(dir, 'venue.pub.jwk')]);
    assert.equal(unsigned.code, 2);
    assert.match(unsigned.stdout, /BUNDLE_UNSIGNED/);
    assert.equal((await run(['trust', 'verify', plain])).code, 0);
  });
});
