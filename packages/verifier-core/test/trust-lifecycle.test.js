// The trust store's lifecycle: replace vs merge, removal, CRLs never dropped
// silently, deduplicated DCC revocation lists, atomic swaps, signed bundles
// (no unsigned, foreign or older bundle), and unknown sections round-tripping.
// Runs in Node and in Chromium.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createTrustStore, createVerifier, memoryStorage, signBundle, openSignedBundle, TrustError } from '@pass-check/verifier-core';
import { createShcIssuer, createDccSigner, createIdhpIssuer, dccRevocationList } from '@pass-check/verifier-core/testing';

const ISS = 'https://lifecycle.example.org';
const codes = (r) => r.errors.map((e) => e.code);
const verifierFor = (trust) => createVerifier({ trust });

async function venueKey() {
  const pair = await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, true, ['sign', 'verify']);
  const privateJwk = await crypto.subtle.exportKey('jwk', pair.privateKey);
  const { kty, crv, x, y } = privateJwk;
  return { privateJwk, publicJwk: { kty, crv, x, y } };
}

describe('trust store lifecycle: replace, merge, remove', () => {
  it('importBundle replaces what the store holds: a withdrawn DCC signer is gone', async () => {
    const [a, b] = await Promise.all([createDccSigner({ country: 'AT' }), createDccSigner({ country: 'DE' })]);
    const trust = createTrustStore();
    await trust.importBundle({ version: 1, updated: '2026-01-01T00:00:00Z', dcc: [{ certificate: a.certificate }, { certificate: b.certificate }] });
    const verifier = verifierFor(trust);
    const passB = await b.issue({ kind: 'vaccination' });
    assert.equal((await verifier.verify(passB)).status, 'valid');
    await trust.importBundle({ version: 1, updated: '2026-01-02T00:00:00Z', dcc: [{ certificate: a.certificate }] });
    assert.deepEqual(codes(await verifier.verify(passB)), ['UNKNOWN_ISSUER']);
    assert.equal((await verifier.verify(await a.issue({ kind: 'vaccination' }))).status, 'valid');
    assert.equal((await trust.exportBundle()).dcc.length, 1);
  });

  it('{ merge: true } adds to what the store holds', async () => {
    const [a, b] = await Promise.all([createDccSigner(), createDccSigner()]);
    const trust = createTrustStore();
    await trust.importBundle({ version: 1, dcc: [{ certificate: a.certificate }] });
    await trust.importBundle({ version: 1, dcc: [{ certificate: b.certificate }] }, { merge: true });
    const verifier = verifierFor(trust);
    assert.equal((await verifier.verify(await a.issue({ kind: 'test' }))).status, 'valid');
    assert.equal((await verifier.verify(await b.issue({ kind: 'test' }))).status, 'valid');
  });

  it('removes an SHC issuer, a DCC signer by kid and an IDHP issuer', async () => {
    const [shc, dcc, idhp] = await Promise.all([createShcIssuer({ iss: ISS }), createDccSigner(), createIdhpIssuer()]);
    const storage = memoryStorage();
    const trust = createTrustStore({ storage });
    await trust.addShcIssuer(shc.trustEntry());
    await trust.addDccSigner({ certificate: dcc.certificate });
    await trust.addIdhpIssuer(idhp.trustEntry);
    const verifier = verifierFor(trust);
    const passes = [(await shc.issue()).numeric, await dcc.issue({ kind: 'vaccination' }), JSON.stringify(await idhp.issueVaccination())];
    for (const p of passes) assert.equal((await verifier.verify(p)).status, 'valid');

    assert.equal(await trust.removeShcIssuer(ISS), true);
    assert.equal(await trust.removeDccSigner(dcc.kid), true);
    assert.equal(await trust.removeIdhpIssuer(idhp.id), true);
    assert.equal(await trust.removeShcIssuer(ISS), false);
    assert.equal(await trust.removeDccSigner('not a kid'), false);
    for (const p of passes) {
      const r = await verifier.verify(p);
      assert.equal(r.status, 'invalid');
      assert.ok(['UNKNOWN_ISSUER', 'UNKNOWN_KEY'].includes(r.errors[0].code), r.errors[0].code);
    }
    // …and the removal is what a restart loads.
    const saved = await storage.load();
    assert.deepEqual([saved.shc.length, saved.dcc.length, saved.idhp.length], [0, 0, 0]);
  });
});

describe('trust store lifecycle: revocation is never dropped silently', () => {
  it('an SHC issuer re-added without its CRL keeps it (addShcIssuer)', async () => {
    const issuer = await createShcIssuer({ iss: ISS });
    const trust = createTrustStore();
    await trust.addShcIssuer(issuer.trustEntry({ rids: ['revoked1'] }));
    await trust.addShcIssuer(issuer.trustEntry()); // the CRL fetch failed tonight
    const r = await verifierFor(trust).verify((await issuer.issue({ rid: 'revoked1' })).numeric);
    assert.deepEqual(codes(r), ['REVOKED']);
  });

  it('a replacing bundle that lists the issuer without its CRL keeps the CRL held', async () => {
    const issuer = await createShcIssuer({ iss: ISS });
    const trust = createTrustStore();
    await trust.importBundle({ version: 1, updated: '2026-01-01T00:00:00Z', shc: [issuer.trustEntry({ rids: ['revoked1'] })] });
    await trust.importBundle({ version: 1, updated: '2026-01-02T00:00:00Z', shc: [issuer.trustEntry()] });
    const verifier = verifierFor(trust);
    const revoked = await verifier.verify((await issuer.issue({ rid: 'revoked1' })).numeric);
    assert.deepEqual(codes(revoked), ['REVOKED']);
    const fine = await verifier.verify((await issuer.issue({ rid: 'fine1' })).numeric);
    assert.equal(fine.status, 'valid');
    assert.equal(fine.revocationChecked, true);
    // The carried CRL is exported, so the next bundle holds it too.
    assert.equal((await trust.exportBundle()).shc[0].crls.length, 1);
  });

  it('a key whose crlVersion moved on without a new CRL is not trusted (fail closed)', async () => {
    const issuer = await createShcIssuer({ iss: ISS });
    const trust = createTrustStore();
    await trust.addShcIssuer(issuer.trustEntry({ rids: ['revoked1'] }));
    const bumped = issuer.trustEntry();
    bumped.jwks.keys[0].crlVersion = 2;
    const report = await trust.importBundle({ version: 1, shc: [bumped] });
    assert.ok(report.rejected.some((r) => r.code === 'INVALID_CRL'), JSON.stringify(report));
    const r = await verifierFor(trust).verify((await issuer.issue({ rid: 'other' })).numeric);
    assert.equal(r.status, 'invalid');
  });

  it('a removed issuer re-added later starts without the old CRL only after an explicit removal', async () => {
    const issuer = await createShcIssuer({ iss: ISS });
    const trust = createTrustStore();
    await trust.addShcIssuer(issuer.trustEntry({ rids: ['revoked1'] }));
    await trust.removeShcIssuer(ISS);
    await trust.addShcIssuer(issuer.trustEntry());
    const r = await verifierFor(trust).verify((await issuer.issue({ rid: 'revoked1' })).numeric);
    assert.equal(r.status, 'valid');
    assert.equal(r.revocationChecked, false);
  });

  it('DCC revocation lists are deduplicated and survive a replacing bundle without them', async () => {
    const signer = await createDccSigner();
    const trust = createTrustStore();
    const pass = await signer.issue({ kind: 'vaccination' });
    const list = await dccRevocationList(pass, 'UVCI', { bindKid: true });
    const bundle = { version: 1, updated: '2026-01-01T00:00:00Z', dcc: [{ certificate: signer.certificate }], dccRevocations: [list] };
    await trust.importBundle(bundle);
    await trust.importBundle({ ...bundle, updated: '2026-01-02T00:00:00Z' });
    await trust.importBundle(bundle, { merge: true });
    await trust.addDccRevocations(list);
    let exported = await trust.exportBundle();
    assert.equal(exported.dccRevocations.length, 1);
    assert.equal(exported.dccRevocations[0].hashes.length, 1);
    // Tonight's build could not fetch the lists: the held one stays.
    await trust.importBundle({ version: 1, updated: '2026-01-03T00:00:00Z', dcc: [{ certificate: signer.certificate }] });
    assert.deepEqual(codes(await verifierFor(trust).verify(pass)), ['REVOKED']);
    exported = await trust.exportBundle();
    assert.equal(exported.dccRevocations.length, 1);
  });
});

describe('trust store lifecycle: atomic swap and round trip', () => {
  it('verifications in flight during a replacing import see either the old or the new trust, never none', async () => {
    const [a, b] = await Promise.all([createDccSigner(), createDccSigner()]);
    const trust = createTrustStore();
    await trust.importBundle({ version: 1, dcc: [{ certificate: a.certificate }, { certificate: b.certificate }] });
    const verifier = verifierFor(trust);
    const pass = await a.issue({ kind: 'vaccination' });
    // Replace with a bundle that still trusts `a` (and drops `b`), while scans run.
    const scans = Array.from({ length: 30 }, () => verifier.verify(pass));
    const swap = trust.importBundle({ version: 1, dcc: [{ certificate: a.certificate }] });
    const more = Array.from({ length: 30 }, () => verifier.verify(pass));
    await swap;
    for (const r of await Promise.all([...scans, ...more])) assert.equal(r.status, 'valid', JSON.stringify(r.errors));
  });

  it('exportBundle round-trips every section, unknown ones included', async () => {
    const [shc, dcc, idhp] = await Promise.all([createShcIssuer({ iss: ISS, name: 'Round' }), createDccSigner({ country: 'FR' }), createIdhpIssuer({ name: 'Trip' })]);
    const pass = await dcc.issue({ kind: 'test' });
    const original = {
      version: 1, updated: '2026-03-04T05:06:07Z',
      shc: [shc.trustEntry({ rids: ['x1'] })],
      dcc: [{ certificate: dcc.certificate, country: 'FR' }],
      dccRevocations: [await dccRevocationList(pass, 'SIGNATURE')],
      idhp: [idhp.trustEntry],
      dccValueSets: { 'vaccines-covid-19-names': ['EU/1/20/1528'] },
      futureSection: [{ anything: true }],
    };
    const first = createTrustStore();
    assert.deepEqual((await first.importBundle(structuredClone(original))).rejected, []);
    const exported = JSON.parse(JSON.stringify(await first.exportBundle()));
    assert.equal(exported.updated, original.updated);
    assert.deepEqual(exported.dccValueSets, original.dccValueSets);
    assert.deepEqual(exported.futureSection, original.futureSection);
    const second = createTrustStore();
    await second.importBundle(exported);
    assert.deepEqual(JSON.parse(JSON.stringify(await second.exportBundle())), exported);
    assert.deepEqual(codes(await verifierFor(second).verify(pass)), ['REVOKED']);
  });
});

describe('signed bundles', () => {
  const bundleOf = async (updated) => {
    const signer = await createDccSigner();
    return { signer, bundle: { version: 1, updated, dcc: [{ certificate: signer.certificate }] } };
  };

  it('imports a bundle signed by the venue key', async () => {
    const key = await venueKey();
    const { signer, bundle } = await bundleOf('2026-02-01T00:00:00Z');
    const jws = await signBundle(bundle, key.privateJwk);
    assert.equal(jws.split('.').length, 3);
    const trust = createTrustStore();
    assert.deepEqual((await trust.importBundle(jws, { key: key.publicJwk })).rejected, []);
    assert.equal((await verifierFor(trust).verify(await signer.issue({ kind: 'vaccination' }))).status, 'valid');
    assert.deepEqual(await openSignedBundle(jws, key.publicJwk), bundle);
  });

  it('refuses an unsigned bundle, a bundle signed by another key, and a tampered one, leaving the store as it was', async () => {
    const [key, other] = await Promise.all([venueKey(), venueKey()]);
    const held = await bundleOf('2026-02-01T00:00:00Z');
    const trust = createTrustStore();
    await trust.importBundle(await signBundle(held.bundle, key.privateJwk), { key: key.publicJwk });
    const evil = await bundleOf('2026-02-02T00:00:00Z');
    const attempts = [
      [evil.bundle, 'BUNDLE_UNSIGNED'],
      [JSON.stringify(evil.bundle), 'BUNDLE_UNSIGNED'],
      [await signBundle(evil.bundle, other.privateJwk), 'BUNDLE_SIGNATURE'],
    ];
    // Tampered: the venue-signed header and signature around another payload.
    const [h, , s] = (await signBundle(held.bundle, key.privateJwk)).split('.');
    const payload = btoa(JSON.stringify(evil.bundle)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
    attempts.push([`${h}.${payload}.${s}`, 'BUNDLE_SIGNATURE']);
    // alg none / HS256 headers are refused whatever the signature.
    const none = btoa(JSON.stringify({ alg: 'none' })).replace(/=+$/, '');
    attempts.push([`${none}.${payload}.`, 'BUNDLE_SIGNATURE']);
    for (const [input, code] of attempts) {
      await assert.rejects(trust.importBundle(input, { key: key.publicJwk }), (e) => e instanceof TrustError && e.code === code, code);
    }
    const verifier = verifierFor(trust);
    assert.equal((await verifier.verify(await evil.signer.issue({ kind: 'vaccination' }))).status, 'invalid');
    assert.equal((await verifier.verify(await held.signer.issue({ kind: 'vaccination' }))).status, 'valid');
  });

  it('refuses an older bundle than the one held (no rollback), also after a restart', async () => {
    const key = await venueKey();
    const storage = memoryStorage();
    const newer = await bundleOf('2026-02-02T00:00:00Z');
    const older = await bundleOf('2026-02-01T00:00:00Z');
    const trust = createTrustStore({ storage });
    await trust.importBundle(await signBundle(newer.bundle, key.privateJwk), { key: key.publicJwk });
    const olderJws = await signBundle(older.bundle, key.privateJwk);
    await assert.rejects(trust.importBundle(olderJws, { key: key.publicJwk }), (e) => e.code === 'BUNDLE_ROLLBACK');
    const restarted = createTrustStore({ storage });
    await assert.rejects(restarted.importBundle(olderJws, { key: key.publicJwk }), (e) => e.code === 'BUNDLE_ROLLBACK');
    // The same bundle again is fine (a refresh that found nothing new).
    await restarted.importBundle(await signBundle(newer.bundle, key.privateJwk), { key: key.publicJwk });
    assert.equal((await verifierFor(restarted).verify(await newer.signer.issue({ kind: 'test' }))).status, 'valid');
  });

  it('a signed bundle must carry its build time; a string bundle without a key is a caller mistake', async () => {
    const key = await venueKey();
    await assert.rejects(signBundle({ version: 1, dcc: [] }, key.privateJwk), TypeError);
    await assert.rejects(createTrustStore().importBundle('a.b.c'), TypeError);
    await assert.rejects(createTrustStore().importBundle('not a jws at all', { key: key.publicJwk }), (e) => e.code === 'BUNDLE_UNSIGNED');
  });
});
