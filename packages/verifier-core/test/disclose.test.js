import { describe, it, before } from 'node:test';
import assert from 'node:assert/strict';
import { createTrustStore, createVerifier } from '@pass-check/verifier-core';
import { createIdhpIssuer, idhpQrText } from '@pass-check/verifier-core/testing';

const NOW = new Date('2021-06-01T12:00:00Z');
const MINIMAL_KEYS = new Set(['passId', 'status', 'format', 'errors', 'issuer', 'holder', 'credential', 'policy', 'chunks', 'revocationChecked']);

describe("disclose: 'minimal' (default) and 'full'", () => {
  let trust, vaccination, test;
  before(async () => {
    // A fixed DID: a random one could contain the digits the test looks for.
    const issuer = await createIdhpIssuer({ id: 'did:hpass:disclose-test', name: 'Test issuer' });
    trust = createTrustStore();
    await trust.addIdhpIssuer(issuer.trustEntry);
    vaccination = idhpQrText(await issuer.issueVaccination({ issuanceDate: '2021-05-01T00:00:00Z', dateOfVaccination: '2021-04-03', medicinalProductCode: '207' }));
    test = idhpQrText(await issuer.issueTest({ issuanceDate: '2021-05-01T00:00:00Z', dateOfSample: '2021-06-01T09:15:00Z' }));
  });

  for (const policy of [undefined, 'ny-2021']) {
    it(`minimal keeps only name, birth date, verdict and kind (policy ${policy ?? 'none'})`, async () => {
      for (const pass of [vaccination, test]) {
        const r = await createVerifier({ trust, clock: () => NOW, policy }).verify(pass);
        assert.equal(r.status, 'valid');
        for (const key of Object.keys(r)) assert.ok(MINIMAL_KEYS.has(key), `unexpected ${key}`);
        assert.deepEqual(Object.keys(r.holder).sort(), ['birthDate', 'name']);
        assert.deepEqual(Object.keys(r.credential), ['kind']);
        const text = JSON.stringify(r);
        for (const detail of ['2021-04-03', 'Apr', '207', 'Moderna', 'TEST-LOT', '09:15', '9:15', '2021-05-01', '2022']) {
          assert.ok(!text.includes(detail), `minimal result leaks "${detail}": ${text}`);
        }
        if (policy) assert.ok(r.policy.decision === 'accept' && r.policy.reasons.length === 1);
      }
    });
  }

  it('full adds the credential details, validity dates and dated reasons', async () => {
    const r = await createVerifier({ trust, clock: () => NOW, policy: 'ny-2021', disclose: 'full' }).verify(vaccination);
    assert.equal(r.credential.doses[0].date, '2021-04-03');
    assert.equal(r.credential.doses[0].product, 'Moderna COVID-19 (Spikevax)');
    assert.equal(r.credential.doses[0].lotNumber, 'TEST-LOT');
    assert.equal(r.issuedAt.toISOString(), '2021-05-01T00:00:00.000Z');
    assert.ok(r.expiresAt instanceof Date);
    assert.match(r.policy.reasons[0].message, /April 17, 2021/);
    const t = await createVerifier({ trust, clock: () => NOW, policy: 'ny-2021', disclose: 'full' }).verify(test);
    assert.equal(t.credential.collectedAt.toISOString(), '2021-06-01T09:15:00.000Z');
    assert.equal(t.policy.rule, 'naat-72h');
  });

  it('refuses any other disclosure level', () => {
    assert.throws(() => createVerifier({ trust, disclose: 'everything' }), TypeError);
  });
});
