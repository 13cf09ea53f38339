import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createTrustStore, createVerifier, TrustError } from '@pass-check/verifier-core';
import { createShcIssuer, createTestCertificate, ecJwkThumbprint } from '@pass-check/verifier-core/testing';

const ISS = 'https://trust.example.org';
const b64 = (bytes) => btoa(String.fromCharCode(...bytes));
const rejectedCodes = (report) => report.rejected.map((r) => r.code);

async function verifierFor(trust) { return createVerifier({ trust, clock: () => new Date() }); }

describe('SHC trust: keys', () => {
  it('keeps the good key and reports each bad one with its code', async () => {
    const issuer = await createShcIssuer({ iss: ISS });
    const good = issuer.publicJwk;
    const bad = [
      { ...good, kid: 'not-the-thumbprint' },
      { ...good, crv: 'P-384' },
      { ...good, use: 'enc' },
      { ...good, alg: 'ES384' },
      { ...good, kty: 'RSA' },
      { ...good, d: 'c2VjcmV0' },
      { ...good, x: good.x.slice(0, 20) },
      'not a key',
    ];
    const trust = createTrustStore();
    const report = await trust.addShcIssuer({ iss: ISS, jwks: { keys: [good, ...bad] } });
    assert.equal(report.rejected.length, bad.length);
    assert.ok(rejectedCodes(report).every((c) => c === 'INVALID_KEY'));
    const card = await issuer.issue();
    assert.equal((await (await verifierFor(trust)).verify(card.numeric)).status, 'valid');
  });
  it('throws a TrustError when nothing usable is left, and a TypeError for caller mistakes', async () => {
    const issuer = await createShcIssuer({ iss: ISS });
    const trust = createTrustStore();
    await assert.rejects(trust.addShcIssuer({ iss: ISS, jwks: { keys: [{ ...issuer.publicJwk, use: 'enc' }] } }), (e) => e instanceof TrustError && e.code === 'INVALID_KEY');
    await assert.rejects(trust.addShcIssuer({ iss: ISS, jwks: 'nope' }), (e) => e instanceof TrustError);
    await assert.rejects(trust.addShcIssuer({ jwks: issuer.jwks }), TypeError);
  });
  it('accepts crlVersion and ctr written as digit strings, as real key sets do', async () => {
    const issuer = await createShcIssuer({ iss: ISS });
    const trust = createTrustStore();
    const report = await trust.addShcIssuer({
      iss: ISS, jwks: { keys: [{ ...issuer.publicJwk, crlVersion: '1' }] }, crls: [{ ...issuer.crl(['someRid']), ctr: '1' }],
    });
    assert.deepEqual(report.rejected, []);
  });
});

describe('SHC trust: published coordinates missing a leading zero byte', () => {
  const b64urlBytes = (s) => Uint8Array.from(atob(s.replace(/-/g, '+').replace(/_/g, '/')), (c) => c.charCodeAt(0));
  const b64url = (bytes) => btoa(String.fromCharCode(...bytes)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
  it('restores the zero byte (as some VCI issuers publish x), and still refuses a coordinate that is too long', async () => {
    let issuer;
    for (let tries = 0; tries < 3000 && !issuer; tries++) {
      const candidate = await createShcIssuer({ iss: ISS });
      if (b64urlBytes(candidate.publicJwk.x)[0] === 0) issuer = candidate;
    }
    assert.ok(issuer, 'a key whose x starts with a zero byte');
    const x = b64url(b64urlBytes(issuer.publicJwk.x).subarray(1));
    const kid = await ecJwkThumbprint({ crv: 'P-256', x, y: issuer.publicJwk.y });
    const trust = createTrustStore();
    assert.deepEqual((await trust.addShcIssuer({ iss: ISS, jwks: { keys: [{ ...issuer.publicJwk, x, kid }] } })).rejected, []);
    const r = await (await verifierFor(trust)).verify((await issuer.issue({ header: { kid } })).numeric);
    assert.equal(r.status, 'valid', JSON.stringify(r.errors));
    const long = b64url(Uint8Array.of(0, ...b64urlBytes(issuer.publicJwk.x)));
    await assert.rejects(createTrustStore().addShcIssuer({ iss: ISS, jwks: { keys: [{ ...issuer.publicJwk, x: long, kid: await ecJwkThumbprint({ crv: 'P-256', x: long, y: issuer.publicJwk.y }) }] } }),
      (e) => e instanceof TrustError && e.code === 'INVALID_KEY');
  });
});

describe('SHC trust: revocation lists', () => {
  const badCrls = [
    ['method other than rid', (crl) => ({ ...crl, method: 'hash' })],
    ['ctr not the key crlVersion', (crl) => ({ ...crl, ctr: 2 })],
    ['rid too long', (crl) => ({ ...crl, rids: ['a'.repeat(25)] })],
    ['rid not base64url', (crl) => ({ ...crl, rids: ['abc+/='] })],
    ['rid listed twice', (crl) => ({ ...crl, rids: ['abc', 'abc.1600000000'] })],
    ['bad timestamp', (crl) => ({ ...crl, rids: ['abc.soon'] })],
    ['kid of no key', (crl) => ({ ...crl, kid: 'someone-else' })],
  ];
  for (const [name, spoil] of badCrls) {
    it(`refuses a CRL with ${name}, and then does not trust its key`, async () => {
      const issuer = await createShcIssuer({ iss: ISS });
      const second = await createShcIssuer({ iss: ISS });
      const trust = createTrustStore();
      const crl = spoil(issuer.crl(['abc']));
      const report = await trust.addShcIssuer({ iss: ISS, jwks: { keys: [issuer.publicJwk, second.publicJwk] }, crls: [crl] });
      assert.ok(rejectedCodes(report).includes('INVALID_CRL'), JSON.stringify(report));
      const verifier = await verifierFor(trust);
      const r = await verifier.verify((await issuer.issue()).numeric);
      if (crl.kid === issuer.kid) assert.deepEqual(r.errors.map((e) => e.code), ['UNKNOWN_KEY']);
      assert.equal((await verifier.verify((await second.issue()).numeric)).status, 'valid');
    });
  }
});

describe('SHC trust: updates', () => {
  it('stops trusting a known key once its issuer publishes a CRL we must refuse (fail closed)', async () => {
    const issuer = await createShcIssuer({ iss: ISS });
    const trust = createTrustStore();
    await trust.addShcIssuer(issuer.trustEntry());
    const verifier = await verifierFor(trust);
    assert.equal((await verifier.verify((await issuer.issue()).numeric)).status, 'valid');
    const report = await trust.addShcIssuer({ iss: ISS, jwks: issuer.jwks, crls: [{ ...issuer.crl(['x']), method: 'other' }] });
    assert.ok(rejectedCodes(report).includes('INVALID_CRL'));
    assert.deepEqual((await verifier.verify((await issuer.issue()).numeric)).errors.map((e) => e.code), ['UNKNOWN_ISSUER']);
    assert.deepEqual((await trust.exportBundle()).shc, []);
  });
  it('merges keys added later for the same issuer', async () => {
    const one = await createShcIssuer({ iss: ISS });
    const two = await createShcIssuer({ iss: ISS });
    const trust = createTrustStore();
    await trust.addShcIssuer(one.trustEntry());
    await trust.addShcIssuer(two.trustEntry());
    const verifier = await verifierFor(trust);
    for (const issuer of [one, two]) assert.equal((await verifier.verify((await issuer.issue()).numeric)).status, 'valid');
    assert.equal((await trust.exportBundle()).shc[0].jwks.keys.length, 2);
  });
});

describe('SHC trust: x5c chains', () => {
  async function chainFor(issuer, { san = issuer.iss, leafKey = issuer.publicKey, breakChain = false } = {}) {
    const root = await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, false, ['sign', 'verify']);
    const stranger = await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, false, ['sign', 'verify']);
    const rootCert = await createTestCertificate({ publicKey: root.publicKey, signingKey: root.privateKey, subject: { commonName: 'Test Root' }, isCa: true });
    const leafCert = await createTestCertificate({
      publicKey: leafKey, signingKey: breakChain ? stranger.privateKey : root.privateKey,
      subject: { commonName: 'Test Issuer' }, issuer: { commonName: 'Test Root' }, subjectAltNameUris: san ? [san] : [],
    });
    return [b64(leafCert), b64(rootCert)];
  }
  it('accepts a consistent chain naming iss', async () => {
    const issuer = await createShcIssuer({ iss: ISS });
    const report = await createTrustStore().addShcIssuer({ iss: ISS, jwks: { keys: [{ ...issuer.publicJwk, x5c: await chainFor(issuer) }] } });
    assert.deepEqual(report.rejected, []);
  });
  const broken = [
    ['a SAN naming another issuer', (issuer) => chainFor(issuer, { san: 'https://elsewhere.example.org' })],
    ['no SAN', (issuer) => chainFor(issuer, { san: null })],
    ['a leaf holding another key', async (issuer) => chainFor(issuer, { leafKey: (await createShcIssuer()).publicKey })],
    ['a leaf not signed by the next certificate', (issuer) => chainFor(issuer, { breakChain: true })],
    ['garbage', async () => ['bm90IGEgY2VydGlmaWNhdGU=']],
  ];
  for (const [name, make] of broken) {
    it(`refuses a key whose chain has ${name}`, async () => {
      const issuer = await createShcIssuer({ iss: ISS });
      const other = await createShcIssuer({ iss: ISS });
      const report = await createTrustStore().addShcIssuer({ iss: ISS, jwks: { keys: [{ ...issuer.publicJwk, x5c: await make(issuer) }, other.publicJwk] } });
      assert.deepEqual(rejectedCodes(report), ['INVALID_X5C']);
      assert.equal(report.rejected[0].kid, issuer.kid);
    });
  }
});

describe('SHC trust: chain checks judged in order', () => {
  // The chain's WebCrypto checks run side by side; the problem reported is still the first in this order:
  // the leaf's key, its SAN, each link from the leaf up, the root's self-signature.
  async function chain(issuer, { leafKey = issuer.publicKey, breakChain = false, san = ISS } = {}) {
    const root = await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, false, ['sign', 'verify']);
    const stranger = await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, false, ['sign', 'verify']);
    const rootCert = await createTestCertificate({ publicKey: root.publicKey, signingKey: root.privateKey, subject: { commonName: 'Test Root' }, isCa: true });
    const leafCert = await createTestCertificate({
      publicKey: leafKey, signingKey: breakChain ? stranger.privateKey : root.privateKey,
      subject: { commonName: 'Test Issuer' }, issuer: { commonName: 'Test Root' }, subjectAltNameUris: san ? [san] : [],
    });
    return [b64(leafCert), b64(rootCert)];
  }
  const cases = [
    ['another leaf key and a broken link', async (i) => chain(i, { leafKey: (await createShcIssuer()).publicKey, breakChain: true }), /holds a different key/],
    ['another SAN and a broken link', (i) => chain(i, { san: 'https://elsewhere.example.org', breakChain: true }), /does not name/],
    ['a broken link only', (i) => chain(i, { breakChain: true }), /^x5c\[0\] is not signed by x5c\[1\]$/],
  ];
  for (const [name, make, message] of cases) {
    it(`reports the first problem of a chain with ${name}`, async () => {
      const issuer = await createShcIssuer({ iss: ISS });
      const other = await createShcIssuer({ iss: ISS });
      const report = await createTrustStore().addShcIssuer({ iss: ISS, jwks: { keys: [{ ...issuer.publicJwk, x5c: await make(issuer) }, other.publicJwk] } });
      assert.deepEqual(rejectedCodes(report), ['INVALID_X5C']);
      assert.match(report.rejected[0].message, message);
    });
  }
});

describe('SHC trust: keys imported into WebCrypto on first use', () => {
  it('fails closed (BAD_SIGNATURE, never valid) when a held key cannot be imported, and imports it again next time', async () => {
    const issuer = await createShcIssuer({ iss: ISS });
    const trust = createTrustStore();
    await trust.addShcIssuer(issuer.trustEntry());
    const verifier = await verifierFor(trust);
    const card = await issuer.issue();
    const subtle = crypto.subtle;
    const importKey = subtle.importKey;
    let refused = 0;
    subtle.importKey = function (format, data, ...rest) {
      if (format === 'jwk' && data?.x === issuer.publicJwk.x) { refused++; return Promise.reject(new DOMException('refused by the test', 'DataError')); }
      return importKey.call(this, format, data, ...rest);
    };
    let failed;
    try { failed = await verifier.verify(card.numeric); } finally { subtle.importKey = importKey; delete subtle.importKey; }
    assert.ok(refused > 0, 'the key was imported at first use');
    assert.equal(failed.status, 'invalid');
    assert.deepEqual(failed.errors.map((e) => e.code), ['BAD_SIGNATURE']);
    assert.equal((await verifier.verify(card.numeric)).status, 'valid');
  });
});

describe('SHC trust: bundles', () => {
  it('exports what it accepted and a new store imports it back, CRLs included', async () => {
    const issuer = await createShcIssuer({ iss: ISS, name: 'Trusty' });
    const first = createTrustStore();
    await first.addShcIssuer(issuer.trustEntry({ rids: ['gone1'] }));
    const bundle = JSON.parse(JSON.stringify(await first.exportBundle()));
    assert.equal(bundle.shc.length, 1);
    assert.equal(bundle.shc[0].name, 'Trusty');
    const second = createTrustStore();
    assert.deepEqual((await second.importBundle(bundle)).rejected, []);
    const verifier = await verifierFor(second);
    assert.equal((await verifier.verify((await issuer.issue()).numeric)).status, 'valid');
    const revoked = await verifier.verify((await issuer.issue({ rid: 'gone1' })).numeric);
    assert.deepEqual(revoked.errors.map((e) => e.code), ['REVOKED']);
    assert.equal(revoked.issuer.name, 'Trusty');
  });
});
