// Ways a "no" could become a "yes", or trust be lost, found by review (issue #14):
// VDS-NC CRLs across a replacing import, the signed bundle's `typ`, DCC revocation
// expiries compared as times, DIVOC issuers held once, and the rollback floor moved
// only by imported bundles. Runs in Node and in Chromium.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createTrustStore, createVerifier, memoryStorage, signBundle, TrustError } from '@pass-check/verifier-core';
import { createDccSigner, createDivocIssuer, createVdsncCsca, dccRevocationList } from '@pass-check/verifier-core/testing';

const codes = (r) => r.errors.map((e) => e.code);
const b64url = (bytes) => btoa(String.fromCharCode(...bytes)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
const utf8 = (text) => new TextEncoder().encode(text);

async function venueKey() {
  const pair = await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, true, ['sign', 'verify']);
  const privateJwk = await crypto.subtle.exportKey('jwk', pair.privateKey);
  const { kty, crv, x, y } = privateJwk;
  return { pair, privateJwk, publicJwk: { kty, crv, x, y } };
}

/** A compact JWS with any protected header, signed ES256 by `key`. */
async function jwsWithHeader(header, payload, key) {
  const h = b64url(utf8(JSON.stringify(header)));
  const p = b64url(utf8(JSON.stringify(payload)));
  const s = new Uint8Array(await crypto.subtle.sign({ name: 'ECDSA', hash: 'SHA-256' }, key.pair.privateKey, utf8(`${h}.${p}`)));
  return `${h}.${p}.${b64url(s)}`;
}

describe('review: revocation survives a replacing import, for every section kind', () => {
  it('VDS-NC: a CSCA re-listed without its CRL keeps it (the revoked signer stays REVOKED)', async () => {
    const ca = await createVdsncCsca();
    const [good, revoked] = [await ca.createSigner(), await ca.createSigner()];
    const trust = createTrustStore();
    await trust.importBundle({ version: 1, updated: '2026-01-01T00:00:00Z', vdsnc: [ca.bundleEntry([await ca.crl({ revoked: [revoked] })])] });
    const verifier = createVerifier({ trust });
    assert.deepEqual(codes(await verifier.verify(await revoked.issue())), ['REVOKED']);
    // Tonight the CRL could not be fetched: the bundle lists the CA alone.
    const report = await trust.importBundle({ version: 1, updated: '2026-01-02T00:00:00Z', vdsnc: [ca.bundleEntry()] });
    assert.deepEqual(report.rejected, []);
    assert.deepEqual(codes(await verifier.verify(await revoked.issue())), ['REVOKED']);
    const fine = await verifier.verify(await good.issue());
    assert.equal(fine.status, 'valid', JSON.stringify(fine.errors));
    assert.equal(fine.revocationChecked, true);
    assert.equal((await trust.exportBundle()).vdsnc[0].crls.length, 1);
  });

  it('VDS-NC: a CSCA the new bundle no longer lists is gone, CRL and all (withdrawn, not un-revoked)', async () => {
    const [ca, other] = [await createVdsncCsca(), await createVdsncCsca({ country: 'UTX' })];
    const signer = await ca.createSigner();
    const trust = createTrustStore();
    await trust.importBundle({ version: 1, updated: '2026-01-01T00:00:00Z', vdsnc: [ca.bundleEntry([await ca.crl()])] });
    await trust.importBundle({ version: 1, updated: '2026-01-02T00:00:00Z', vdsnc: [other.bundleEntry()] });
    assert.equal((await createVerifier({ trust }).verify(await signer.issue())).status, 'invalid');
    assert.equal((await trust.exportBundle()).vdsnc.length, 1);
  });

  it('DCC: a revocation list survives a replacing import that names no lists, bound to a kid or not', async () => {
    const signer = await createDccSigner();
    const pass = await signer.issue({ kind: 'vaccination' });
    const trust = createTrustStore();
    await trust.importBundle({ version: 1, updated: '2026-01-01T00:00:00Z', dcc: [{ certificate: signer.certificate }],
      dccRevocations: [await dccRevocationList(pass, 'SIGNATURE')] });
    await trust.importBundle({ version: 1, updated: '2026-01-02T00:00:00Z', dcc: [{ certificate: signer.certificate }] });
    assert.deepEqual(codes(await createVerifier({ trust }).verify(pass)), ['REVOKED']);
  });

  it('DIVOC: issuers carry no revocation data in the format; a replacing import keeps an issuer it lists', async () => {
    const issuer = await createDivocIssuer();
    const trust = createTrustStore();
    await trust.importBundle({ version: 1, updated: '2026-01-01T00:00:00Z', divoc: [issuer.bundleEntry()] });
    await trust.importBundle({ version: 1, updated: '2026-01-02T00:00:00Z', divoc: [issuer.bundleEntry()] });
    assert.equal((await createVerifier({ trust }).verify(JSON.stringify(await issuer.issue()))).status, 'valid');
  });
});

describe('review: DCC revocation list expiries are times, not strings', () => {
  const listWith = async (expires) => {
    const signer = await createDccSigner();
    const pass = await signer.issue({ kind: 'test' });
    return { signer, pass, list: { ...(await dccRevocationList(pass, 'UVCI')), expires } };
  };

  it('keeps the later expiry by time when a list comes again (zone offsets, fractions)', async () => {
    const pairs = [
      // 2029-12-31T19:00Z vs 20:00Z: as strings the first looks later.
      ['2030-01-01T00:00:00+05:00', '2029-12-31T20:00:00Z', '2029-12-31T20:00:00Z'],
      // Half a second later, written with a fraction: as strings '.' sorts before 'Z'.
      ['2030-01-01T00:00:00Z', '2030-01-01T00:00:00.500Z', '2030-01-01T00:00:00.500Z'],
    ];
    for (const [first, second, later] of pairs) {
      for (const order of [[first, second], [second, first]]) {
        const { list } = await listWith(order[0]);
        const trust = createTrustStore();
        await trust.addDccRevocations(list);
        await trust.addDccRevocations({ ...list, expires: order[1] });
        assert.equal((await trust.exportBundle()).dccRevocations[0].expires, later, order.join(' then '));
      }
    }
  });

  it('an unparseable expiry fails closed: the list is never let go as expired', async () => {
    for (const expires of ['1', 'soon', '2001-02-03', '2000-01-01T00:00:00Z']) {
      const { signer, pass, list } = await listWith(expires);
      const trust = createTrustStore();
      await trust.importBundle({ version: 1, updated: '2026-01-01T00:00:00Z', dcc: [{ certificate: signer.certificate }], dccRevocations: [list] });
      await trust.importBundle({ version: 1, updated: '2026-01-02T00:00:00Z', dcc: [{ certificate: signer.certificate }] });
      const held = (await trust.exportBundle()).dccRevocations.length;
      // A real past time (the last two) lets the list go; "1" or "soon" is no time at all and must not.
      assert.equal(held, expires.startsWith('20') ? 0 : 1, expires);
      if (held) assert.deepEqual(codes(await createVerifier({ trust }).verify(pass)), ['REVOKED'], expires);
    }
  });
});

describe('review: a signed bundle is a pass-check bundle JWS, ES256', () => {
  it('refuses a JWS of another type (or none) signed by the venue key', async () => {
    const key = await venueKey();
    const signer = await createDccSigner();
    const bundle = { version: 1, updated: '2026-03-01T00:00:00Z', dcc: [{ certificate: signer.certificate }] };
    for (const header of [{ alg: 'ES256' }, { alg: 'ES256', typ: 'JWT' }, { alg: 'ES256', typ: 'JOSE' }, { alg: 'ES256', typ: 'pass-check-trust+JWS ' }]) {
      const jws = await jwsWithHeader(header, bundle, key);
      await assert.rejects(createTrustStore().importBundle(jws, { key: key.publicJwk }),
        (e) => e instanceof TrustError && e.code === 'BUNDLE_SIGNATURE', JSON.stringify(header));
    }
    const good = await jwsWithHeader({ alg: 'ES256', typ: 'pass-check-trust+jws' }, bundle, key);
    assert.deepEqual((await createTrustStore().importBundle(good, { key: key.publicJwk })).rejected, []);
    assert.equal(good.split('.')[0], (await signBundle(bundle, key.privateJwk)).split('.')[0]);
  });
});

describe('review: DIVOC issuers are held once', () => {
  it('the same issuer added twice (or in two bundles merged) is one entry with one key', async () => {
    const issuer = await createDivocIssuer();
    const trust = createTrustStore();
    await trust.addDivocIssuer(issuer.bundleEntry());
    await trust.addDivocIssuer(issuer.bundleEntry());
    await trust.importBundle({ version: 1, divoc: [issuer.bundleEntry()] }, { merge: true });
    const exported = (await trust.exportBundle()).divoc;
    assert.equal(exported.length, 1);
    assert.equal(exported[0].publicKeys.length, 1);
    assert.equal((await createVerifier({ trust }).verify(JSON.stringify(await issuer.issue()))).status, 'valid');
  });

  it('a second key for the same issuer id is added to its one entry', async () => {
    const [a, b] = await Promise.all([createDivocIssuer(), createDivocIssuer()]);
    const trust = createTrustStore();
    await trust.addDivocIssuer(a.bundleEntry());
    const second = b.bundleEntry();
    second.publicKeys = second.publicKeys.map((k) => ({ ...k, id: `${k.id}#2` }));
    await trust.addDivocIssuer({ ...second, id: a.bundleEntry().id });
    const exported = (await trust.exportBundle()).divoc;
    assert.equal(exported.length, 1);
    assert.equal(exported[0].publicKeys.length, 2);
  });
});

describe('review: only imported bundles move the rollback floor', () => {
  it('a local add does not make the next genuine bundle a "rollback", also after a restart', async () => {
    const key = await venueKey();
    const [local, remote] = await Promise.all([createDccSigner(), createDccSigner()]);
    const jws = await signBundle({ version: 1, updated: '2026-01-01T00:00:00Z', dcc: [{ certificate: remote.certificate }] }, key.privateJwk);
    const storage = memoryStorage();
    const trust = createTrustStore({ storage });
    await trust.addDccSigner({ certificate: local.certificate });
    const restarted = createTrustStore({ storage });
    for (const store of [trust, restarted]) {
      const report = await store.importBundle(jws, { key: key.publicJwk });
      assert.equal(report.updated, '2026-01-01T00:00:00Z');
    }
    // The floor is now that bundle's: an older one is refused.
    const older = await signBundle({ version: 1, updated: '2025-12-31T00:00:00Z', dcc: [] }, key.privateJwk);
    await assert.rejects(trust.importBundle(older, { key: key.publicJwk }), (e) => e.code === 'BUNDLE_ROLLBACK');
    await trust.addDccSigner({ certificate: local.certificate });
    assert.equal((await trust.exportBundle()).updated, '2026-01-01T00:00:00Z');
  });
});
