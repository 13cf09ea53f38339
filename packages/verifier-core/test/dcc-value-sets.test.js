import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { BUILTIN_DCC_VALUE_SETS, BUILTIN_DCC_VALUE_SETS_VERSION, createTrustStore, createVerifier } from '@pass-check/verifier-core';
import { createDccSigner } from '@pass-check/verifier-core/testing';

// A holder who wants in with a pass whose codes were made up: the signature holds (a careless or
// compromised issuing system), but the codes name no device, maker or country the EU lists.
const signerPromise = createDccSigner({ country: 'AT' });

async function setup(bundle) {
  const signer = await signerPromise;
  const trust = createTrustStore();
  await trust.addDccSigner({ certificate: signer.certificate });
  const report = bundle ? await trust.importBundle({ version: 1, dcc: [{ certificate: signer.certificate }], ...bundle }) : undefined;
  return {
    signer, trust, report,
    full: createVerifier({ trust, disclose: 'full' }),
    minimal: createVerifier({ trust }),
  };
}
const codes = (r) => r.errors.map((e) => e.code).sort();
const rapidTest = (device) => ({ kind: 'test', testType: 'antigen', mutate: (d) => { d.t[0].ma = device; } });
const vaccination = (change) => ({ kind: 'vaccination', mutate: (d) => change(d.v[0]) });

describe('EU DCC value sets: made-up codes are SCHEMA, with the field named', () => {
  it('a rapid test whose device id is not on the EU list', async () => {
    const { signer, full, minimal } = await setup();
    const text = await signer.issue(rapidTest('9999'));
    const r = await full.verify(text);
    assert.equal(r.status, 'invalid');
    assert.deepEqual(r.errors.map((e) => [e.code, e.field]), [['SCHEMA', 't[0].ma']]);
    // Minimal disclosure says SCHEMA and no more.
    const m = await minimal.verify(text);
    assert.deepEqual(m.errors.map((e) => Object.keys(e).sort()), [['code', 'message']]);
  });
  it('a listed device (and a withdrawn one: a pass made while it was listed stays well-formed)', async () => {
    const { signer, full } = await setup();
    assert.equal((await full.verify(await signer.issue(rapidTest('1232')))).status, 'valid');
    // 1065 is marked active: false in the published list.
    assert.equal((await full.verify(await signer.issue(rapidTest('1065')))).status, 'valid');
  });
  it('a recovery from country "XY", and a country written in lower case', async () => {
    const { signer, full } = await setup();
    const xy = await full.verify(await signer.issue({ kind: 'recovery', country: 'XY' }));
    assert.deepEqual(xy.errors.map((e) => [e.code, e.field]), [['SCHEMA', 'r[0].co']]);
    const lower = await full.verify(await signer.issue({ kind: 'recovery', country: 'at' }));
    assert.deepEqual(codes(lower), ['SCHEMA']);
    assert.equal((await full.verify(await signer.issue({ kind: 'recovery', country: 'XK' }))).status, 'valid');
  });
  it('a vaccine from maker ORG-99999999, and an EU register number the EU never gave', async () => {
    const { signer, full } = await setup();
    const maker = await full.verify(await signer.issue(vaccination((v) => { v.ma = 'ORG-99999999'; })));
    assert.deepEqual(maker.errors.map((e) => [e.code, e.field]), [['SCHEMA', 'v[0].ma']]);
    const product = await full.verify(await signer.issue(vaccination((v) => { v.mp = 'EU/1/99/9999'; })));
    assert.deepEqual(product.errors.map((e) => [e.code, e.field]), [['SCHEMA', 'v[0].mp']]);
  });
  it('a test type outside the two LOINC codes', async () => {
    const { signer, full } = await setup();
    const r = await full.verify(await signer.issue({ kind: 'test', mutate: (d) => { d.t[0].tt = 'LP0000-0'; } }));
    assert.deepEqual(r.errors.map((e) => [e.code, e.field]), [['SCHEMA', 't[0].tt']]);
  });
  it('codes outside the closed systems are left to the business rules, as the EU test data has them', async () => {
    const { signer, full } = await setup();
    // Free-text product and maker (HU and GE test passes), a NAAT that names no device.
    for (const options of [
      vaccination((v) => { v.mp = 'COVID-19 Vaccine Moderna'; }),
      vaccination((v) => { v.ma = 'SinovacBiotech'; }),
      { kind: 'test', mutate: (d) => { d.t[0].ma = 'N/A'; } },
    ]) {
      const r = await full.verify(await signer.issue(options));
      assert.equal(r.status, 'valid', JSON.stringify(r.errors));
    }
  });
  it('a made-up code with an expired pass: both reasons, SCHEMA not hidden by the time', async () => {
    const { signer, full } = await setup();
    const issuedAt = new Date(Date.now() - 400 * 86_400_000);
    const r = await full.verify(await signer.issue({ ...rapidTest('9999'), issuedAt, expiresAt: new Date(Date.now() - 86_400_000) }));
    assert.deepEqual(codes(r), ['EXPIRED', 'SCHEMA']);
  });
});

describe('EU DCC value sets: a bundle extends them, never shrinks them', () => {
  it('has a versioned built-in default with every EU set', () => {
    assert.match(BUILTIN_DCC_VALUE_SETS_VERSION, /^\d{4}-\d{2}-\d{2}$/);
    for (const id of ['country-2-codes', 'disease-agent-targeted', 'covid-19-lab-test-type', 'covid-19-lab-result',
      'covid-19-lab-test-manufacturer-and-name', 'vaccines-covid-19-names', 'vaccines-covid-19-auth-holders', 'sct-vaccines-covid-19']) {
      assert.ok(BUILTIN_DCC_VALUE_SETS[id]?.length >= 1, id);
    }
    assert.equal(BUILTIN_DCC_VALUE_SETS['country-2-codes'].length, 250);
  });
  it('a device added by a newer list is accepted; old passes keep working; the EU file shape is read too', async () => {
    const before = await setup();
    const newDevice = await before.signer.issue(rapidTest('2999'));
    assert.deepEqual(codes(await before.full.verify(newDevice)), ['SCHEMA']);
    // A newer list that (in this test) no longer names 1232: a bundle only adds.
    for (const sets of [
      { 'covid-19-lab-test-manufacturer-and-name': ['2999'] },
      { 'covid-19-lab-test-manufacturer-and-name': { valueSetId: 'covid-19-lab-test-manufacturer-and-name', valueSetDate: '2026-01-01', valueSetValues: { 2999: { display: 'x', active: true } } } },
    ]) {
      const after = await setup({ dccValueSets: sets });
      assert.deepEqual(after.report.rejected, []);
      assert.equal((await after.full.verify(newDevice)).status, 'valid');
      assert.equal((await after.full.verify(await after.signer.issue(rapidTest('1232')))).status, 'valid');
    }
  });
  it('survives the store: exportBundle carries the added codes, and a new store reads them back', async () => {
    const { trust, signer } = await setup({ dccValueSets: { 'covid-19-lab-test-manufacturer-and-name': ['2999'] } });
    const exported = await trust.exportBundle();
    assert.deepEqual(exported.dccValueSets, { 'covid-19-lab-test-manufacturer-and-name': ['2999'] });
    const copy = createTrustStore();
    await copy.importBundle(JSON.parse(JSON.stringify(exported)));
    assert.equal((await createVerifier({ trust: copy }).verify(await signer.issue(rapidTest('2999')))).status, 'valid');
  });
  it('reports unusable value sets (INVALID_RULE) and keeps the good ones; never throws for them', async () => {
    const huge = Array.from({ length: 10_001 }, (_, i) => String(i));
    const { report, full, signer } = await setup({
      dccValueSets: { 'country-2-codes': [42], 'covid-19-lab-test-manufacturer-and-name': ['2999'], big: huge, nested: { valueSetValues: 'x' } },
    });
    assert.deepEqual(report.rejected.map((r) => r.code), ['INVALID_RULE', 'INVALID_RULE', 'INVALID_RULE']);
    assert.equal((await full.verify(await signer.issue(rapidTest('2999')))).status, 'valid');
    const notSets = await setup({ dccValueSets: ['AT'] });
    assert.deepEqual(notSets.report.rejected.map((r) => r.code), ['INVALID_RULE']);
  });
});
