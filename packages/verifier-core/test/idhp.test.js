import { describe, it, before } from 'node:test';
import assert from 'node:assert/strict';
import { createTrustStore, createVerifier } from '@pass-check/verifier-core';
import { createIdhpIssuer, idhpQrText, tamperIdhp } from '@pass-check/verifier-core/testing';

const NOW = new Date('2021-06-01T12:00:00Z');
const ISSUED = '2021-05-01T00:00:00Z';

async function setup() {
  const issuer = await createIdhpIssuer({ name: 'Test Health Dept' });
  const trust = createTrustStore();
  const report = await trust.addIdhpIssuer(issuer.trustEntry);
  assert.deepEqual(report.rejected, []);
  const verifier = createVerifier({ trust, clock: () => NOW, disclose: 'full' });
  return { issuer, trust, verifier };
}
const codes = (r) => r.errors.map((e) => e.code);

describe('IBM Digital Health Pass: verification', () => {
  let ctx;
  before(async () => { ctx = await setup(); });

  it('accepts a vaccination credential (recipient shape) and maps it', async () => {
    const cred = await ctx.issuer.issueVaccination({ issuanceDate: ISSUED, dateOfVaccination: '2021-04-20', doseNumber: 2, dosesPerCycle: 2 });
    const r = await ctx.verifier.verify(idhpQrText(cred));
    assert.equal(r.status, 'valid', JSON.stringify(r.errors));
    assert.equal(r.format, 'idhp');
    assert.deepEqual(r.holder, { name: 'Jane Sarah Doe', birthDate: '1990-05-17' });
    assert.deepEqual(r.issuer, { id: ctx.issuer.id, name: 'Test Health Dept' });
    assert.equal(r.credential.kind, 'vaccination');
    assert.equal(r.credential.seriesComplete, true);
    assert.equal(r.credential.completedOn, '2021-04-20');
    assert.equal(r.credential.doses[0].product, 'Pfizer-BioNTech COVID-19 (Comirnaty)');
    assert.equal(r.credential.doses[0].productCode, '208');
    assert.equal(r.credential.doses[0].doseNumber, 2);
    assert.equal(r.credential.doses[0].seriesDoses, 2);
    assert.equal(r.credential.doses[0].country, 'US');
    assert.equal(r.issuedAt.toISOString(), '2021-05-01T00:00:00.000Z');
  });

  it('reports dose 1 of 2 as an incomplete series', async () => {
    const cred = await ctx.issuer.issueVaccination({ issuanceDate: ISSUED, doseNumber: 1, dosesPerCycle: 2 });
    const r = await ctx.verifier.verify(idhpQrText(cred));
    assert.equal(r.status, 'valid');
    assert.equal(r.credential.seriesComplete, false);
    assert.equal(r.credential.completedOn, undefined);
  });

  it('accepts the older card shape (subject.name, occurrenceDateTime, vaccineCode)', async () => {
    const cred = await ctx.issuer.issueVaccination({ shape: 'subject', issuanceDate: ISSUED, medicinalProductCode: '212', dateOfVaccination: '2021-03-03' });
    assert.ok(cred.credentialSubject.subject.name.family);
    const r = await ctx.verifier.verify(idhpQrText(cred));
    assert.equal(r.status, 'valid', JSON.stringify(r.errors));
    assert.deepEqual(r.holder, { name: 'Jane Doe', birthDate: '1990-05-17' });
    assert.equal(r.credential.kind, 'vaccination');
    assert.equal(r.credential.doses[0].product, 'Janssen COVID-19 (Johnson & Johnson)');
    assert.equal(r.credential.seriesComplete, true, 'Janssen is a one-dose series');
    assert.equal(r.credential.completedOn, '2021-03-03');
  });

  it('reads the older card with a dose history and CPT codes', async () => {
    const body = {
      '@context': ['https://www.w3.org/2018/credentials/v1'],
      type: ['VerifiableCredential', 'IBMDigitalHealthPass'],
      credentialSubject: {
        history: [{ lotNumber: 'A1', occurrenceDateTime: '2021-01-01', vaccine: 'Pfizer-Biontech Covid-19 Vaccine', vaccineCode: '0001A' }],
        lotNumber: 'B2', occurrenceDateTime: '2021-01-22', status: 'completed', vaccineCode: '0002A',
        subject: { birthDate: '1980-02-29', name: { family: 'Roe', given: ['Ann', 'Marie'] } },
      },
    };
    const r = await ctx.verifier.verify(idhpQrText(await ctx.issuer.sign(body, { issuanceDate: ISSUED })));
    assert.equal(r.status, 'valid', JSON.stringify(r.errors));
    assert.deepEqual(r.holder, { name: 'Ann Marie Roe', birthDate: '1980-02-29' });
    assert.deepEqual(r.credential.doses.map((d) => [d.date, d.doseNumber, d.seriesDoses, d.lotNumber]), [['2021-01-01', 1, 2, 'A1'], ['2021-01-22', 2, 2, 'B2']]);
    assert.equal(r.credential.doses[1].product, 'Pfizer-BioNTech COVID-19 (Comirnaty)');
    assert.equal(r.credential.seriesComplete, true);
    assert.equal(r.credential.completedOn, '2021-01-22');
    const first = structuredClone(body);
    first.credentialSubject.history = [];
    first.credentialSubject.vaccineCode = '0001A';
    const one = await ctx.verifier.verify(idhpQrText(await ctx.issuer.sign(first, { issuanceDate: ISSUED })));
    assert.equal(one.credential.seriesComplete, false, 'dose 1 of 2');
  });

  it('maps a test credential (LOINC type, result, collection time)', async () => {
    const cred = await ctx.issuer.issueTest({ issuanceDate: ISSUED, testType: '94558-4', testResult: 'Negative', dateOfSample: '2021-06-01T08:30:00Z' });
    const r = await ctx.verifier.verify(idhpQrText(cred));
    assert.equal(r.status, 'valid', JSON.stringify(r.errors));
    assert.equal(r.credential.kind, 'test');
    assert.equal(r.credential.testType, 'antigen');
    assert.equal(r.credential.result, 'negative');
    assert.equal(r.credential.testCode, '94558-4');
    assert.equal(r.credential.collectedAt.toISOString(), '2021-06-01T08:30:00.000Z');
    const pcr = await ctx.verifier.verify(idhpQrText(await ctx.issuer.issueTest({ issuanceDate: ISSUED, testResult: 'Positive' })));
    assert.equal(pcr.credential.testType, 'naat');
    assert.equal(pcr.credential.result, 'positive');
  });

  it('accepts the base64 form of the JSON', async () => {
    const cred = await ctx.issuer.issueVaccination({ issuanceDate: ISSUED });
    const text = idhpQrText(cred, 'base64');
    assert.ok(!text.startsWith('{'));
    const r = await ctx.verifier.verify(text);
    assert.equal(r.status, 'valid', JSON.stringify(r.errors));
    assert.equal(r.holder.name, 'Jane Sarah Doe');
  });

  it('accepts a raw r‖s signature in base64 as well as DER in base64url', async () => {
    const cred = await ctx.issuer.issueVaccination({ issuanceDate: ISSUED, signatureForm: 'raw' });
    assert.equal(atob(cred.proof.signatureValue).length, 64, 'raw r‖s in standard base64');
    const r = await ctx.verifier.verify(idhpQrText(cred));
    assert.equal(r.status, 'valid', JSON.stringify(r.errors));
  });

  it('discloses obfuscated fields and checks them against their HMACs', async () => {
    const cred = await ctx.issuer.issueVaccination({
      issuanceDate: ISSUED, obfuscate: ['recipient.givenName', 'recipient.familyName', 'recipient.birthDate', 'doseNumber'],
    });
    assert.notEqual(cred.credentialSubject.recipient.familyName, 'Doe');
    const r = await ctx.verifier.verify(idhpQrText(cred));
    assert.equal(r.status, 'valid', JSON.stringify(r.errors));
    assert.deepEqual(r.holder, { name: 'Jane Sarah Doe', birthDate: '1990-05-17' });
    assert.equal(r.credential.doses[0].doseNumber, 2, 'a disclosed number');

    const lied = structuredClone(cred);
    lied.obfuscation.find((o) => o.path === 'recipient.familyName').val = 'Smith';
    assert.deepEqual(codes(await ctx.verifier.verify(idhpQrText(lied))), ['BAD_SIGNATURE']);

    const nowhere = structuredClone(cred);
    nowhere.obfuscation[0].path = 'recipient.nickname';
    assert.deepEqual(codes(await ctx.verifier.verify(idhpQrText(nowhere))), ['BAD_SIGNATURE']);

    const badAlg = structuredClone(cred);
    badAlg.obfuscation[0].alg = 'none';
    assert.deepEqual(codes(await ctx.verifier.verify(idhpQrText(badAlg))), ['SCHEMA']);

    const pollute = structuredClone(cred);
    pollute.obfuscation[0].path = '__proto__.polluted';
    assert.deepEqual(codes(await ctx.verifier.verify(idhpQrText(pollute))), ['SCHEMA']);
    assert.equal({}.polluted, undefined);
  });

  it('leaves out fields the holder did not disclose', async () => {
    const cred = await ctx.issuer.issueVaccination({ issuanceDate: ISSUED, obfuscate: ['recipient.middleName', 'recipient.birthDate', 'recipient.familyName'] });
    const partial = structuredClone(cred);
    partial.obfuscation = partial.obfuscation.filter((o) => o.path === 'recipient.familyName');
    const r = await ctx.verifier.verify(idhpQrText(partial));
    assert.equal(r.status, 'valid', JSON.stringify(r.errors));
    assert.deepEqual(r.holder, { name: 'Jane Doe' }, 'no hash shown as a middle name or birth date');
    const hiddenName = await ctx.issuer.issueVaccination({ issuanceDate: ISSUED, obfuscate: ['recipient.givenName', 'recipient.middleName', 'recipient.familyName'] });
    delete hiddenName.obfuscation;
    assert.deepEqual(codes(await ctx.verifier.verify(idhpQrText(hiddenName))), ['SCHEMA'], 'no disclosed name at all');
  });

  it('rejects a tampered credential', async () => {
    const cred = await ctx.issuer.issueVaccination({ issuanceDate: ISSUED });
    for (const change of [
      (c) => { c.credentialSubject.recipient.familyName = 'Altered'; },
      (c) => { c.credentialSubject.doseNumber = 3; },
      (c) => { c.expirationDate = '2099-01-01T00:00:00Z'; },
      (c) => { c.proof.nonce = 'other'; },
      (c) => { c.credentialSubject.extra = true; },
      (c) => { c.proof.signatureValue = c.proof.signatureValue.slice(0, -4) + 'AAAA'; },
      (c) => { c.proof.signatureValue = 'not base64!'; },
    ]) {
      const tampered = structuredClone(cred);
      change(tampered);
      const r = await ctx.verifier.verify(idhpQrText(tampered));
      assert.equal(r.status, 'invalid');
      assert.deepEqual(codes(r), ['BAD_SIGNATURE'], change.toString());
      assert.equal(r.holder, undefined, 'nothing unverified is shown');
    }
  });

  it("rejects the test kit's tampered credentials, in both shapes", async () => {
    for (const shape of ['recipient', 'subject']) {
      const cred = await ctx.issuer.issueVaccination({ issuanceDate: ISSUED, shape });
      assert.equal((await ctx.verifier.verify(idhpQrText(cred))).status, 'valid');
      assert.deepEqual(codes(await ctx.verifier.verify(idhpQrText(tamperIdhp(cred), 'base64'))), ['BAD_SIGNATURE']);
    }
  });

  it('rejects a credential signed with another key, or by an unknown issuer', async () => {
    const impostor = await createIdhpIssuer({ id: ctx.issuer.id });
    const forged = await impostor.issueVaccination({ issuanceDate: ISSUED });
    assert.deepEqual(codes(await ctx.verifier.verify(idhpQrText(forged))), ['BAD_SIGNATURE']);

    const otherKey = await createIdhpIssuer({ id: ctx.issuer.id, keyName: 'key-9' });
    assert.deepEqual(codes(await ctx.verifier.verify(idhpQrText(await otherKey.issueVaccination({ issuanceDate: ISSUED })))), ['UNKNOWN_KEY']);

    const stranger = await createIdhpIssuer();
    assert.deepEqual(codes(await ctx.verifier.verify(idhpQrText(await stranger.issueVaccination({ issuanceDate: ISSUED })))), ['UNKNOWN_ISSUER']);
  });

  it("does not let one trusted issuer's key vouch for another issuer's credential", async () => {
    const other = await createIdhpIssuer();
    await ctx.trust.addIdhpIssuer(other.trustEntry);
    const cred = await other.issueVaccination({ issuanceDate: ISSUED });
    cred.issuer = ctx.issuer.id; // claims to come from the first issuer, signed by the second
    const resigned = await other.sign(Object.fromEntries(Object.entries(cred).filter(([k]) => k !== 'proof')), { issuanceDate: ISSUED });
    assert.deepEqual(codes(await ctx.verifier.verify(idhpQrText(resigned))), ['UNKNOWN_KEY']);
  });

  it('checks the validity window against the injected clock', async () => {
    const expired = await ctx.issuer.issueVaccination({ issuanceDate: '2020-01-01T00:00:00Z', expirationDate: '2021-06-01T12:00:00Z' });
    const r = await ctx.verifier.verify(idhpQrText(expired));
    assert.deepEqual(codes(r), ['EXPIRED']);
    assert.equal(r.holder.name, 'Jane Sarah Doe', 'an authentic expired pass still says whose it is');
    const lastSecond = await ctx.issuer.issueVaccination({ issuanceDate: '2020-01-01T00:00:00Z', expirationDate: '2021-06-01T12:00:01Z' });
    assert.equal((await ctx.verifier.verify(idhpQrText(lastSecond))).status, 'valid');
    const future = await ctx.issuer.issueVaccination({ issuanceDate: '2021-06-02T00:00:00Z' });
    assert.deepEqual(codes(await ctx.verifier.verify(idhpQrText(future))), ['NOT_YET_VALID']);
    const noExpiry = await ctx.issuer.issueVaccination({ issuanceDate: ISSUED, expirationDate: null });
    assert.equal((await ctx.verifier.verify(idhpQrText(noExpiry))).status, 'valid');
  });

  it('tells other JSON from broken credentials', async () => {
    const v = ctx.verifier;
    assert.deepEqual(codes(await v.verify('{"hello":"world"}')), ['UNSUPPORTED_FORMAT']);
    assert.deepEqual(codes(await v.verify(idhpQrText({ greeting: 'not a pass at all, but long enough' }, 'base64'))), ['UNSUPPORTED_FORMAT']);
    const cred = await ctx.issuer.issueVaccination({ issuanceDate: ISSUED });
    const noSubject = structuredClone(cred); delete noSubject.credentialSubject;
    assert.deepEqual(codes(await v.verify(idhpQrText(noSubject))), ['SCHEMA']);
    const otherSuite = structuredClone(cred); otherSuite.proof.type = 'RsaSignature2018';
    assert.deepEqual(codes(await v.verify(idhpQrText(otherSuite))), ['BAD_HEADER']);
    const badDate = structuredClone(cred); badDate.issuanceDate = '2021-02-30';
    assert.deepEqual(codes(await v.verify(idhpQrText(badDate))), ['SCHEMA']);
    const deep = structuredClone(cred);
    let node = deep.credentialSubject;
    for (let i = 0; i < 40; i++) node = node.x = {};
    assert.deepEqual(codes(await v.verify(idhpQrText(deep))), ['MALFORMED']);
    // The signed text is RFC 8785's (the library's one canonical writer), which has no form for a lone surrogate.
    const lone = structuredClone(cred); lone.credentialSubject.note = 'a\ud800b';
    assert.deepEqual(codes(await v.verify(idhpQrText(lone))), ['MALFORMED']);
    assert.deepEqual(codes(await v.verify('{"proof":' + '['.repeat(20000) + ']'.repeat(20000) + '}')), ['SCHEMA']);
  });

  it('rejects a credential that names no one', async () => {
    const cred = await ctx.issuer.issueVaccination({ issuanceDate: ISSUED, givenName: undefined, middleName: undefined, familyName: undefined });
    assert.deepEqual(codes(await ctx.verifier.verify(idhpQrText(cred))), ['SCHEMA']);
  });
});

describe('IBM Digital Health Pass: trust store', () => {
  it('keeps good keys, reports bad ones, and exports what it kept', async () => {
    const issuer = await createIdhpIssuer();
    const good = issuer.trustEntry.publicKeys[0];
    const trust = createTrustStore();
    const report = await trust.addIdhpIssuer({
      id: issuer.id,
      publicKeys: [
        good,
        { id: '#rsa', publicKeyJwk: { kty: 'RSA', n: 'AQAB', e: 'AQAB' } },
        { id: '#p384', publicKeyJwk: { kty: 'EC', crv: 'P-384', x: good.publicKeyJwk.x, y: good.publicKeyJwk.y } },
        { id: '#private', publicKeyJwk: { ...good.publicKeyJwk, d: good.publicKeyJwk.x } },
        { id: '#off-curve', publicKeyJwk: { ...good.publicKeyJwk, y: good.publicKeyJwk.x } },
        { id: 'did:other:x#key-1', publicKeyJwk: good.publicKeyJwk },
      ],
    });
    assert.equal(report.rejected.length, 5);
    assert.ok(report.rejected.every((r) => r.code === 'INVALID_KEY'));
    const bundle = await trust.exportBundle();
    assert.deepEqual(bundle.idhp, [{ id: issuer.id, publicKeys: [good] }]);
    const again = createTrustStore();
    await again.importBundle(bundle);
    const r = await createVerifier({ trust: again }).verify(idhpQrText(await issuer.issueVaccination()));
    assert.equal(r.status, 'valid', JSON.stringify(r.errors));
  });

  it('throws a TrustError when nothing usable is given', async () => {
    const trust = createTrustStore();
    await assert.rejects(trust.addIdhpIssuer({ id: 'not a did', publicKeys: [] }), (e) => e.name === 'TrustError' && e.code === 'INVALID_KEY');
    await assert.rejects(trust.addIdhpIssuer({ id: 'did:hpass:abc', publicKeys: [{ id: '#k', publicKeyJwk: { kty: 'oct' } }] }),
      (e) => e.name === 'TrustError' && e.code === 'INVALID_KEY');
    await assert.rejects(trust.addIdhpIssuer(null), (e) => e.name === 'TrustError');
  });
});
