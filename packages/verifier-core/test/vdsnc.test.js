// ICAO VDS-NC: seals signed by the test kit's own CSCA and barcode signers.
// Runs in Node and in Chromium. The holder's attacks come first in each group.
import { describe, it, before } from 'node:test';
import assert from 'node:assert/strict';
import { createTrustStore, createVerifier, TrustError } from '@pass-check/verifier-core';
import { canonicalizeJcs, createVdsncCsca } from '@pass-check/verifier-core/testing';

const codes = (r) => r.errors.map((e) => e.code);
const DAY = 86_400_000;

async function trusting(...entries) {
  const trust = createTrustStore();
  for (const e of entries) assert.deepEqual((await trust.addVdsncCsca(e)).rejected, []);
  return trust;
}

describe('VDS-NC: RFC 8785 canonical JSON', () => {
  it('sorts keys by UTF-16 code units and writes numbers as ECMAScript does', () => {
    assert.equal(canonicalizeJcs({ b: [1e21, 0.000001, -0, 1.5], a: 'é\u2028', '\u20ac': null, '\ud83d\ude00': true, '\u0080': 1 }),
      '{"a":"é\u2028","b":[1e+21,0.000001,0,1.5],"\u0080":1,"\u20ac":null,"\ud83d\ude00":true}');
  });
  it('refuses what JCS cannot write: lone surrogates, deep nesting', () => {
    assert.equal(canonicalizeJcs({ a: '\ud800' }), undefined);
    let deep = 1;
    for (let i = 0; i < 100; i++) deep = [deep];
    assert.equal(canonicalizeJcs(deep), undefined);
  });
});

describe('VDS-NC: verification', () => {
  let ca, signer, trust, verifier;
  before(async () => {
    ca = await createVdsncCsca();
    signer = await ca.createSigner();
    trust = await trusting(ca.bundleEntry([await ca.crl()]));
    verifier = createVerifier({ trust, disclose: 'full' });
  });

  it('accepts a vaccination seal and maps it to the common result', async () => {
    const r = await verifier.verify(await signer.issue({ name: 'CITIZEN  JANE Q', birthDate: '1977-05-16', vaccine: 'Comirnaty' }));
    assert.equal(r.status, 'valid', JSON.stringify(r.errors));
    assert.equal(r.format, 'vdsnc');
    assert.deepEqual(r.holder, { name: 'CITIZEN JANE Q', birthDate: '1977-05-16' });
    assert.deepEqual(r.issuer, { id: 'UTO' });
    assert.equal(r.credential.kind, 'vaccination');
    assert.equal(r.credential.doses.length, 2);
    assert.equal(r.credential.seriesComplete, true);
    assert.equal(r.credential.doses[1].doseNumber, 2);
    assert.equal(r.revocationChecked, true);
    assert.equal(r.revocationStale, undefined);
  });

  it('accepts a test seal (negative PCR)', async () => {
    const sampledAt = new Date(Date.now() - 3 * 3_600_000);
    const r = await verifier.verify(await signer.issue({ type: 'icao.test', sampledAt }));
    assert.equal(r.status, 'valid', JSON.stringify(r.errors));
    assert.equal(r.credential.kind, 'test');
    assert.equal(r.credential.testType, 'naat');
    assert.equal(r.credential.result, 'negative');
    assert.equal(r.credential.collectedAt.getTime(), Math.floor(sampledAt.getTime() / 1000) * 1000);
  });

  it('a one-dose series is incomplete unless the product is a one-dose vaccine', async () => {
    const one = [{ date: '2021-09-15', seq: 1 }];
    assert.equal((await verifier.verify(await signer.issue({ doses: one, vaccine: 'Vaxzevria' }))).credential.seriesComplete, false);
    assert.equal((await verifier.verify(await signer.issue({ doses: one, vaccine: 'Janssen' }))).credential.seriesComplete, true);
  });

  it('whitespace, key order and a one-seal array do not matter (the signature covers the canonical form)', async () => {
    const pretty = await signer.issue({ layout: 'pretty' });
    assert.equal((await verifier.verify(`\n${pretty}\n`)).status, 'valid');
    assert.equal((await verifier.verify(`[${pretty}]`)).status, 'valid');
    assert.equal((await verifier.verify(new TextEncoder().encode(pretty))).status, 'valid');
  });

  it('attack: a field changed after signing (name, dose, test result) is BAD_SIGNATURE', async () => {
    const seal = JSON.parse(await signer.issue({ type: 'icao.test', result: 'positive' }));
    seal.data.msg.tr.r = 'negative';
    assert.deepEqual(codes(await verifier.verify(JSON.stringify(seal))), ['BAD_SIGNATURE']);
    const vacc = JSON.parse(await signer.issue({ doses: [{ date: '2021-09-15', seq: 1 }] }));
    vacc.data.msg.ve[0].vd[0].seq = 2;
    assert.deepEqual(codes(await verifier.verify(JSON.stringify(vacc))), ['BAD_SIGNATURE']);
  });

  it('attack: an extra field added to data, or a duplicate key trick, breaks the signature', async () => {
    const seal = JSON.parse(await signer.issue());
    seal.data.msg.pid.note = 'vip';
    assert.deepEqual(codes(await verifier.verify(JSON.stringify(seal))), ['BAD_SIGNATURE']);
    const text = await signer.issue({ name: 'REAL  NAME' });
    const duplicated = text.replace('"n":"REAL  NAME"', '"n":"REAL  NAME","n":"OTHER  NAME"');
    assert.equal((await verifier.verify(duplicated)).status, 'invalid');
  });

  it('attack: a signer certificate from a CA that is not trusted is UNKNOWN_ISSUER', async () => {
    const rogue = await createVdsncCsca();
    const rogueSigner = await rogue.createSigner();
    assert.deepEqual(codes(await verifier.verify(await rogueSigner.issue())), ['UNKNOWN_ISSUER']);
  });

  it('attack: a rogue signer certificate claiming the trusted CA as issuer is UNKNOWN_ISSUER', async () => {
    const rogue = await createVdsncCsca({ country: 'UTO' }); // same subject name, other key
    const rogueSigner = await rogue.createSigner();
    assert.deepEqual(codes(await verifier.verify(await rogueSigner.issue())), ['UNKNOWN_ISSUER']);
  });

  it('attack: a seal naming another state than the CA signs for is UNKNOWN_ISSUER', async () => {
    const text = await signer.issue({ mutate: (d) => { d.hdr.is = 'AUS'; } });
    assert.deepEqual(codes(await verifier.verify(text)), ['UNKNOWN_ISSUER']);
  });

  it('attack: the CA certificate used as a barcode signer is refused (KEY_USAGE)', async () => {
    assert.deepEqual(codes(await verifier.verify(await ca.sealAsCa())), ['KEY_USAGE']);
    const caSigner = await ca.createSigner({ isCa: true });
    assert.deepEqual(codes(await verifier.verify(await caSigner.issue())), ['KEY_USAGE']);
  });

  it('attack: only ES256 is allowed; a missing or malformed signature is refused', async () => {
    const seal = JSON.parse(await signer.issue());
    assert.deepEqual(codes(await verifier.verify(JSON.stringify({ ...seal, sig: { ...seal.sig, alg: 'none' } }))), ['BAD_HEADER']);
    assert.deepEqual(codes(await verifier.verify(JSON.stringify({ ...seal, sig: { ...seal.sig, alg: 'ES384' } }))), ['BAD_HEADER']);
    assert.deepEqual(codes(await verifier.verify(JSON.stringify({ ...seal, sig: { alg: 'ES256', cer: seal.sig.cer } }))), ['BAD_HEADER']);
    assert.deepEqual(codes(await verifier.verify(JSON.stringify({ ...seal, sig: { ...seal.sig, sigvl: 'AAAA' } }))), ['BAD_SIGNATURE']);
    assert.deepEqual(codes(await verifier.verify(JSON.stringify({ ...seal, sig: { ...seal.sig, cer: 'AAAA' } }))), ['MALFORMED']);
  });

  it('attack: unknown seal types and versions are SCHEMA, never accepted', async () => {
    for (const mutate of [(d) => { d.hdr.t = 'icao.rec'; }, (d) => { d.hdr.v = 2; }, (d) => { delete d.msg.pid; }, (d) => { d.msg.pid.dob = '1977-02-30'; }]) {
      const r = await verifier.verify(await signer.issue({ mutate }));
      assert.equal(r.status, 'invalid');
      assert.deepEqual(codes(r), ['SCHEMA']);
    }
  });

  it('a revoked signer is REVOKED; an expired or not yet valid signer is refused', async () => {
    const revokedSigner = await ca.createSigner();
    const store = await trusting(ca.bundleEntry([await ca.crl({ revoked: [revokedSigner] })]));
    const v = createVerifier({ trust: store });
    assert.deepEqual(codes(await v.verify(await revokedSigner.issue())), ['REVOKED']);
    assert.equal((await v.verify(await signer.issue())).status, 'valid');
    const old = await ca.createSigner({ notBefore: new Date(Date.now() - 400 * DAY), notAfter: new Date(Date.now() - DAY) });
    assert.deepEqual(codes(await v.verify(await old.issue())), ['EXPIRED']);
    const future = await ca.createSigner({ notBefore: new Date(Date.now() + DAY) });
    assert.deepEqual(codes(await v.verify(await future.issue())), ['NOT_YET_VALID']);
  });

  it('a stale CRL is reported (revocationStale), and still revokes what it lists', async () => {
    const revokedSigner = await ca.createSigner();
    const stale = await ca.crl({ revoked: [revokedSigner], thisUpdate: new Date(Date.now() - 60 * DAY), nextUpdate: new Date(Date.now() - 30 * DAY) });
    const v = createVerifier({ trust: await trusting(ca.bundleEntry([stale])) });
    const r = await v.verify(await signer.issue());
    assert.equal(r.status, 'valid');
    assert.equal(r.revocationChecked, false);
    assert.equal(r.revocationStale, true);
    assert.deepEqual(codes(await v.verify(await revokedSigner.issue())), ['REVOKED']);
  });

  it('a CRL made in the future is not current: revocation is reported stale, its revocations still count', async () => {
    const revokedSigner = await ca.createSigner();
    const early = await ca.crl({ revoked: [revokedSigner], thisUpdate: new Date(Date.now() + DAY), nextUpdate: new Date(Date.now() + 30 * DAY) });
    const v = createVerifier({ trust: await trusting(ca.bundleEntry([early])) });
    const r = await v.verify(await signer.issue());
    assert.equal(r.status, 'valid');
    assert.equal(r.revocationChecked, false, 'a list dated after now does not say who is revoked now');
    assert.equal(r.revocationStale, true);
    assert.deepEqual(codes(await v.verify(await revokedSigner.issue())), ['REVOKED']);
    // Once its day has come (the verifier's clock), it is the current list.
    const later = createVerifier({ trust: await trusting(ca.bundleEntry([early])), clock: () => new Date(Date.now() + 2 * DAY) });
    const current = await later.verify(await signer.issue());
    assert.equal(current.revocationChecked, true);
    assert.equal(current.revocationStale, undefined);
    // Next to a current list, the current one decides.
    const both = await createVerifier({ trust: await trusting(ca.bundleEntry([early, await ca.crl()])) }).verify(await signer.issue());
    assert.equal(both.revocationChecked, true);
    assert.equal(both.revocationStale, undefined);
  });

  it('without a CRL the result says revocation was not checked', async () => {
    const v = createVerifier({ trust: await trusting(ca.bundleEntry()) });
    const r = await v.verify(await signer.issue());
    assert.equal(r.status, 'valid');
    assert.equal(r.revocationChecked, false);
  });

  it('bad input never throws: truncations and junk give stable codes', async () => {
    const text = await signer.issue();
    for (let cut = 1; cut < text.length; cut += 37) {
      const r = await verifier.verify(text.slice(0, cut));
      assert.notEqual(r.status, 'valid');
      assert.ok(r.errors.length > 0);
    }
    assert.notEqual((await verifier.verify('{"data":{"hdr":{}},"sig":{}}')).status, 'valid');
    assert.notEqual((await verifier.verify('[' + '['.repeat(5000) + ']'.repeat(5001))).status, 'valid');
  });
});

describe('VDS-NC: trust section', () => {
  it('refuses a signer certificate as a CSCA, and a CRL the CA did not sign', async () => {
    const ca = await createVdsncCsca();
    const other = await createVdsncCsca();
    const signer = await ca.createSigner();
    const trust = createTrustStore();
    await assert.rejects(trust.addVdsncCsca({ certificate: signer.certificateDer }), (e) => e instanceof TrustError && e.code === 'INVALID_CERTIFICATE');
    await assert.rejects(trust.addVdsncCsca(ca.bundleEntry([await other.crl()])), (e) => e instanceof TrustError && e.code === 'INVALID_CRL');
    // The CA whose CRL was refused is not trusted: its revocations cannot be checked.
    assert.deepEqual(codes(await createVerifier({ trust }).verify(await signer.issue())), ['UNKNOWN_ISSUER']);
  });

  it('refuses junk as a country', async () => {
    const ca = await createVdsncCsca();
    await assert.rejects(createTrustStore().addVdsncCsca({ ...ca.bundleEntry(), country: 'Utopia' }), TrustError);
  });

  it('a seal written with the standard base64 alphabet verifies as the same seal', async () => {
    const ca = await createVdsncCsca();
    const signer = await ca.createSigner();
    const v = createVerifier({ trust: await trusting(ca.bundleEntry()) });
    const seal = JSON.parse(await signer.issue());
    const standard = (s) => s.replace(/-/g, '+').replace(/_/g, '/');
    const r = await v.verify(JSON.stringify({ ...seal, sig: { ...seal.sig, cer: standard(seal.sig.cer), sigvl: standard(seal.sig.sigvl) } }));
    assert.equal(r.status, 'valid');
  });

  it('round-trips through exportBundle/importBundle, with its CRLs', async () => {
    const ca = await createVdsncCsca({ country: 'NZL', alpha2: 'NZ' });
    const signer = await ca.createSigner();
    const first = await trusting(ca.bundleEntry([await ca.crl({ revoked: [signer] })]));
    const bundle = JSON.parse(JSON.stringify(await first.exportBundle()));
    assert.equal(bundle.vdsnc.length, 1);
    assert.equal(bundle.vdsnc[0].country, 'NZL');
    const second = createTrustStore();
    assert.deepEqual((await second.importBundle(bundle)).rejected, []);
    assert.deepEqual(codes(await createVerifier({ trust: second }).verify(await signer.issue())), ['REVOKED']);
  });
});

// Certificates name their country in alpha-2 (C=), seals their state in alpha-3 (hdr.is), bundles either way.
// Before, only a bundle's alpha-3 code was compared: a CSCA named by an alpha-2 code, or by its certificate
// alone, vouched for every state's seals.
describe('VDS-NC: the CSCA\'s state against the seal\'s (ISO 3166 alpha-2 and alpha-3)', () => {
  const sealOf = (signer, state) => signer.issue({ mutate: (data) => { data.hdr.is = state; } });
  const verifyWith = async (entry, text) => createVerifier({ trust: await trusting(entry) }).verify(text);
  let france, signer;
  before(async () => {
    france = await createVdsncCsca({ country: 'FRA', alpha2: 'FR' });
    signer = await france.createSigner();
  });

  it('a CSCA of France (C=FR) vouches for FRA seals, whether the bundle says FR, FRA or nothing', async () => {
    const { country: _, ...unnamed } = france.bundleEntry();
    for (const entry of [{ ...france.bundleEntry(), country: 'FR' }, france.bundleEntry(), unnamed]) {
      const r = await verifyWith(entry, await signer.issue());
      assert.equal(r.status, 'valid', `${entry.country}: ${JSON.stringify(r.errors)}`);
      assert.deepEqual(r.issuer, { id: 'FRA' });
    }
  });

  it('refuses another state\'s seal from it as UNKNOWN_ISSUER, whichever way the CSCA is named', async () => {
    const { country: _, ...unnamed } = france.bundleEntry();
    for (const entry of [{ ...france.bundleEntry(), country: 'FR' }, france.bundleEntry(), unnamed]) {
      for (const state of ['DEU', 'UTO', 'FRX']) {
        assert.deepEqual(codes(await verifyWith(entry, await sealOf(signer, state))), ['UNKNOWN_ISSUER'], `${entry.country} vouching for ${state}`);
      }
    }
  });

  it('refuses every seal when the certificate and the bundle name two states', async () => {
    for (const country of ['DE', 'DEU']) {
      for (const state of ['FRA', 'DEU']) {
        assert.deepEqual(codes(await verifyWith({ ...france.bundleEntry(), country }, await sealOf(signer, state))), ['UNKNOWN_ISSUER'], `C=FR, bundle ${country}, seal ${state}`);
      }
    }
  });

  it('takes Germany\'s ICAO code D<< for DEU (C=DE), and no other ICAO-only code for a country', async () => {
    const germany = await createVdsncCsca({ country: 'DEU', alpha2: 'DE' });
    const germanSigner = await germany.createSigner();
    for (const entry of [germany.bundleEntry(), { ...germany.bundleEntry(), country: 'DE' }]) {
      for (const state of ['D<<', 'DEU']) {
        const r = await verifyWith(entry, await sealOf(germanSigner, state));
        assert.equal(r.status, 'valid', `bundle ${entry.country}, seal ${state}: ${JSON.stringify(r.errors)}`);
      }
      for (const state of ['EUE', 'UNO', 'FRA']) {
        assert.deepEqual(codes(await verifyWith(entry, await sealOf(germanSigner, state))), ['UNKNOWN_ISSUER'], `bundle ${entry.country}, seal ${state}`);
      }
      for (const state of ['D', 'D<', 'DE', '<<<', 'd<<']) {
        assert.deepEqual(codes(await verifyWith(entry, await sealOf(germanSigner, state))), ['SCHEMA'], `bundle ${entry.country}, seal ${state}`);
      }
    }
    // France's CA never vouches for a German seal, however it is spelt.
    assert.deepEqual(codes(await verifyWith(france.bundleEntry(), await sealOf(signer, 'D<<'))), ['UNKNOWN_ISSUER']);
  });

  it('fails closed when the state cannot be told: an unassigned code, or no country at all', async () => {
    const unassigned = await createVdsncCsca({ country: 'ZZZ', alpha2: 'ZZ' });
    const unassignedSigner = await unassigned.createSigner();
    assert.deepEqual(codes(await verifyWith(unassigned.bundleEntry(), await unassignedSigner.issue())), ['UNKNOWN_ISSUER']);
    const { country: _, ...unnamedEntry } = unassigned.bundleEntry();
    assert.deepEqual(codes(await verifyWith(unnamedEntry, await unassignedSigner.issue())), ['UNKNOWN_ISSUER']);
    // A certificate without C=: only the bundle names the state, and that is enough when it is an assigned code.
    const noC = await createVdsncCsca({ country: 'FRA', alpha2: '' });
    const noCSigner = await noC.createSigner();
    assert.equal((await verifyWith({ ...noC.bundleEntry(), country: 'FR' }, await noCSigner.issue())).status, 'valid');
    const { country: __, ...nothing } = noC.bundleEntry();
    assert.deepEqual(codes(await verifyWith(nothing, await noCSigner.issue())), ['UNKNOWN_ISSUER']);
    assert.deepEqual(codes(await verifyWith({ ...noC.bundleEntry(), country: 'ZZ' }, await noCSigner.issue())), ['UNKNOWN_ISSUER']);
  });
});

describe('VDS-NC: door policies', () => {
  it('ny-2021 admits a complete series 14+ days old and a fresh negative PCR; refuses a positive or an incomplete one', async () => {
    const ca = await createVdsncCsca();
    const signer = await ca.createSigner();
    const verifier = createVerifier({ trust: await trusting(ca.bundleEntry()), policy: 'ny-2021' });
    const decision = async (o) => (await verifier.verify(await signer.issue(o))).policy;
    const old = (days) => new Date(Date.now() - days * DAY).toISOString().slice(0, 10);
    assert.equal((await decision({ doses: [{ date: old(60) }, { date: old(20) }] })).rule, 'vaccinated-14d');
    assert.equal((await decision({ doses: [{ date: old(60) }, { date: old(3) }] })).decision, 'reject');
    assert.equal((await decision({ doses: [{ date: old(60) }] })).decision, 'reject');
    assert.equal((await decision({ type: 'icao.test', sampledAt: new Date(Date.now() - 5 * 3_600_000) })).rule, 'naat-72h');
    assert.equal((await decision({ type: 'icao.test', result: 'positive' })).decision, 'reject');
    assert.equal((await decision({ type: 'icao.test', sampledAt: new Date(Date.now() - 4 * DAY) })).decision, 'reject');
  });
  it('a policy may name the format', async () => {
    const ca = await createVdsncCsca();
    const signer = await ca.createSigner();
    const trust = await trusting(ca.bundleEntry());
    const only = (formats) => createVerifier({ trust, policy: { id: 'p', rules: [{ id: 'r', type: 'any-valid', formats }] } });
    assert.equal((await only(['vdsnc']).verify(await signer.issue())).policy.decision, 'accept');
    assert.equal((await only(['dcc']).verify(await signer.issue())).policy.decision, 'reject');
  });
});
