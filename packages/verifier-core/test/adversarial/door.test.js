// Attacks on the door decision, as a holder who wants in would try them (issue #13). Each test
// failed on the code before the fix (see docs/threat-model.md); the re-encoding attacks on the
// pass identity are in ../pass-id.test.js. Runs in Node and in Chromium.
import { describe, it, before } from 'node:test';
import assert from 'node:assert/strict';
import { createTrustStore, createVerifier, PolicyPresetNames, TrustError } from '@pass-check/verifier-core';
import {
  createShcIssuer, createDccSigner, createIdhpIssuer, idhpQrText, shcFhirBundle,
  createTestCertificate, sigStructure, encodeCbor, CborTag, decodeDcc, dccTextFromCose,
} from '@pass-check/verifier-core/testing';

const DAY = 86_400_000;
const codes = (r) => r.errors.map((e) => e.code);
const reasonCodes = (r) => r.policy.reasons.map((x) => x.code);
const POSITIVE_SNOMED = '260373001';
const NAAT_LOINC = '94500-6';

describe('attack: no preset admits a positive test (any-valid included)', () => {
  let shc; let dcc; let idhp; let trust;
  before(async () => {
    [shc, dcc, idhp] = await Promise.all([createShcIssuer(), createDccSigner({ country: 'AT' }), createIdhpIssuer()]);
    trust = createTrustStore();
    await trust.addShcIssuer(shc.trustEntry());
    await trust.addDccSigner({ certificate: dcc.certificate });
    await trust.addIdhpIssuer(idhp.trustEntry);
  });
  it('SHC, DCC and IDHP positive tests are refused by every preset', async () => {
    const now = new Date();
    const sampled = new Date(now.getTime() - 3_600_000).toISOString().replace(/\.\d+Z$/, 'Z');
    const passes = {
      shc: (await shc.issue({ test: { loinc: NAAT_LOINC, result: POSITIVE_SNOMED, collected: sampled } })).numeric,
      dcc: await dcc.issue({ kind: 'test', result: 'positive' }),
      idhp: idhpQrText(await idhp.issueTest({ testResult: 'Positive', dateOfSample: sampled })),
    };
    for (const preset of PolicyPresetNames) {
      const verifier = createVerifier({ trust, policy: preset });
      for (const [format, text] of Object.entries(passes)) {
        const r = await verifier.verify(text);
        assert.equal(r.status, 'valid', `${format}: the pass itself is authentic (${JSON.stringify(r.errors)})`);
        assert.equal(r.policy.decision, 'reject', `${preset} admitted a positive ${format} test`);
      }
    }
  });
});

describe('attack: odd dates', () => {
  let shc; let trust;
  before(async () => {
    shc = await createShcIssuer();
    trust = createTrustStore();
    await trust.addShcIssuer(shc.trustEntry());
  });
  const twoDoses = (date2) => [{ cvx: '207', date: '2021-01-01' }, { cvx: '207', date: date2 }];

  it('a series completed on 9999-12-31 admits under no preset (day arithmetic is numeric)', async () => {
    const card = await shc.issue({ doses: twoDoses('9999-12-31') });
    for (const policy of ['ny-2021', 'vaccinated', 'any-valid']) {
      const r = await createVerifier({ trust, policy }).verify(card.numeric);
      assert.equal(r.policy.decision, 'reject', `${policy} admitted a series completed in 9999`);
    }
  });
  it('a dose dated in the future is refused with its own reason', async () => {
    const tomorrow = new Date(Date.now() + 2 * DAY).toISOString().slice(0, 10);
    const card = await shc.issue({ doses: twoDoses(tomorrow) });
    for (const policy of PolicyPresetNames) {
      const r = await createVerifier({ trust, policy }).verify(card.numeric);
      assert.equal(r.policy.decision, 'reject', policy);
      assert.deepEqual(reasonCodes(r), ['DATED_IN_FUTURE'], policy);
    }
  });
  it('a test sample dated an hour ahead is refused with its own reason', async () => {
    const ahead = new Date(Date.now() + 3_600_000).toISOString().replace(/\.\d+Z$/, 'Z');
    const card = await shc.issue({ test: { loinc: NAAT_LOINC, result: '260415000', collected: ahead } });
    for (const policy of ['tested', 'ny-2021', 'any-valid']) {
      const r = await createVerifier({ trust, policy }).verify(card.numeric);
      assert.deepEqual(reasonCodes(r), ['DATED_IN_FUTURE'], policy);
    }
  });
  it('a test sample a minute ahead (clock skew) still counts', async () => {
    const ahead = new Date(Date.now() + 60_000).toISOString().replace(/\.\d+Z$/, 'Z');
    const card = await shc.issue({ test: { loinc: NAAT_LOINC, result: '260415000', collected: ahead } });
    const r = await createVerifier({ trust, policy: 'any-valid' }).verify(card.numeric);
    assert.equal(r.policy.decision, 'accept', JSON.stringify(r.policy));
  });
  for (const date of ['2021-13-45', '2021-02-30', '2021-00-10', '2021-04-31T10:00:00Z', '2021-01-01T25:00:00Z']) {
    it(`an SHC dose dated ${date} is SCHEMA`, async () => {
      const r = await createVerifier({ trust }).verify((await shc.issue({ doses: twoDoses(date) })).numeric);
      assert.deepEqual(codes(r), ['SCHEMA']);
    });
  }
  for (const birthDate of ['1990-01-01 — ID CHECKED, ADMIT ✓', '1990-02-30', '1990-13', '1990-01-01T00:00:00Z']) {
    it(`an SHC birthDate "${birthDate}" is SCHEMA, never shown`, async () => {
      const fhirBundle = shcFhirBundle({ patient: { birthDate } });
      const r = await createVerifier({ trust }).verify((await shc.issue({ fhirBundle })).numeric);
      assert.deepEqual(codes(r), ['SCHEMA']);
      assert.ok(!JSON.stringify(r).includes('ADMIT'));
    });
  }
  it('an SHC lab result with an impossible sample time is SCHEMA', async () => {
    const r = await createVerifier({ trust }).verify((await shc.issue({ test: { loinc: NAAT_LOINC, result: '260415000', collected: '2021-02-29T10:00:00Z' } })).numeric);
    assert.deepEqual(codes(r), ['SCHEMA']);
  });
  it('DCC: an impossible birth date is SCHEMA; a future vaccination date is refused', async () => {
    const signer = await createDccSigner({ country: 'AT' });
    const dtrust = createTrustStore();
    await dtrust.addDccSigner({ certificate: signer.certificate });
    const bad = await createVerifier({ trust: dtrust }).verify(await signer.issue({ kind: 'vaccination', holder: { birthDate: '1990-02-30' } }));
    assert.deepEqual(codes(bad), ['SCHEMA']);
    const future = new Date(Date.now() + 3 * DAY).toISOString().slice(0, 10);
    const r = await createVerifier({ trust: dtrust, policy: 'vaccinated' }).verify(await signer.issue({ kind: 'vaccination', date: future }));
    assert.deepEqual(reasonCodes(r), ['DATED_IN_FUTURE']);
  });
  it('IDHP: an impossible vaccination date is SCHEMA', async () => {
    const issuer = await createIdhpIssuer();
    const itrust = createTrustStore();
    await itrust.addIdhpIssuer(issuer.trustEntry);
    const r = await createVerifier({ trust: itrust }).verify(idhpQrText(await issuer.issueVaccination({ dateOfVaccination: '2021-02-30' })));
    assert.deepEqual(codes(r), ['SCHEMA']);
  });
});

describe('attack: IBM pass identity withheld', () => {
  let issuer; let trust;
  before(async () => {
    issuer = await createIdhpIssuer();
    trust = createTrustStore();
    await trust.addIdhpIssuer(issuer.trustEntry);
  });
  /** A pass issued with these fields behind HMACs, whose holder then drops their disclosures. */
  async function withheld(paths, kind = 'vaccination') {
    const obfuscate = paths.map((p) => `recipient.${p}`);
    const cred = kind === 'vaccination' ? await issuer.issueVaccination({ obfuscate, dateOfVaccination: '2021-04-01' }) : await issuer.issueTest({ obfuscate, dateOfSample: new Date(Date.now() - 3_600_000).toISOString() });
    delete cred.obfuscation;
    return idhpQrText(cred);
  }
  it('family name, birth date and given name withheld: every preset refuses with IDENTITY_WITHHELD', async () => {
    const text = await withheld(['familyName', 'birthDate', 'givenName']);
    for (const policy of PolicyPresetNames) {
      const r = await createVerifier({ trust, policy }).verify(text);
      assert.equal(r.policy.decision, 'reject', policy);
      assert.deepEqual(reasonCodes(r), ['IDENTITY_WITHHELD'], policy);
    }
  });
  for (const field of ['familyName', 'birthDate', 'givenName']) {
    it(`${field} alone withheld is refused too`, async () => {
      const r = await createVerifier({ trust, policy: 'any-valid' }).verify(await withheld([field]));
      assert.deepEqual(reasonCodes(r), ['IDENTITY_WITHHELD']);
    });
  }
  it('a negative test with the birth date withheld does not pass "tested"', async () => {
    const r = await createVerifier({ trust, policy: 'tested' }).verify(await withheld(['birthDate'], 'test'));
    assert.deepEqual(reasonCodes(r), ['IDENTITY_WITHHELD']);
  });
  it('the same pass with its disclosures kept is admitted (selective disclosure still works)', async () => {
    const cred = await issuer.issueVaccination({ obfuscate: ['recipient.familyName', 'recipient.birthDate'], dateOfVaccination: '2021-04-01' });
    const r = await createVerifier({ trust, policy: 'vaccinated' }).verify(idhpQrText(cred));
    assert.equal(r.policy.decision, 'accept', JSON.stringify(r.policy));
    assert.equal(r.holder.name, 'Jane Sarah Doe');
  });
});

/** A DCC signer whose COSE headers the test writes itself. */
async function rawSigner(country, { isCa = false } = {}) {
  const keys = await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, true, ['sign', 'verify']);
  const der = await createTestCertificate({ publicKey: keys.publicKey, signingKey: keys.privateKey, subject: { country, commonName: `DSC ${country}` }, isCa });
  const kid = new Uint8Array(await crypto.subtle.digest('SHA-256', der)).slice(0, 8);
  const base64 = btoa(String.fromCharCode(...der));
  // Claims from a kit-issued pass of this country, re-signed under the headers each test chooses.
  const template = await createDccSigner({ country });
  const { claims } = decodeDcc(await template.issue({ kind: 'vaccination', date: '2021-05-01' }));
  return {
    certificate: base64,
    async pass(protectedHeader, unprotectedHeader, editClaims) {
      const payloadClaims = new Map(claims);
      editClaims?.(payloadClaims);
      const parts = { protectedBytes: protectedHeader.size ? encodeCbor(protectedHeader) : new Uint8Array(0), payload: encodeCbor(payloadClaims) };
      const signature = new Uint8Array(await crypto.subtle.sign({ name: 'ECDSA', hash: 'SHA-256' }, keys.privateKey, sigStructure(parts)));
      return dccTextFromCose(encodeCbor(new CborTag(18, [parts.protectedBytes, unprotectedHeader, parts.payload, signature])));
    },
    kid,
  };
}

describe('attack: DCC leniencies', () => {
  it('alg only in the unprotected header (beside a protected kid) is refused', async () => {
    const s = await rawSigner('AT');
    const trust = createTrustStore();
    await trust.addDccSigner({ certificate: s.certificate });
    const good = await createVerifier({ trust }).verify(await s.pass(new Map([[1, -7], [4, s.kid]]), new Map()));
    assert.equal(good.status, 'valid', JSON.stringify(good.errors));
    const r = await createVerifier({ trust }).verify(await s.pass(new Map([[4, s.kid]]), new Map([[1, -7]])));
    assert.deepEqual(codes(r), ['BAD_HEADER']);
  });
  it('an unknown crit is refused, protected or not', async () => {
    const s = await rawSigner('AT');
    const trust = createTrustStore();
    await trust.addDccSigner({ certificate: s.certificate });
    const inProtected = await createVerifier({ trust }).verify(await s.pass(new Map([[1, -7], [4, s.kid], [2, [99]], [99, 'must understand']]), new Map()));
    assert.deepEqual(codes(inProtected), ['BAD_HEADER']);
    const inUnprotected = await createVerifier({ trust }).verify(await s.pass(new Map([[1, -7], [4, s.kid]]), new Map([[2, [99]]])));
    assert.deepEqual(codes(inUnprotected), ['BAD_HEADER']);
  });
  it('a CA certificate is refused as a document signer', async () => {
    const s = await rawSigner('AT', { isCa: true });
    const trust = createTrustStore();
    await assert.rejects(trust.addDccSigner({ certificate: s.certificate }), (e) => e instanceof TrustError && e.code === 'INVALID_CERTIFICATE');
    const r = await createVerifier({ trust, policy: 'any-valid' }).verify(await s.pass(new Map([[1, -7], [4, s.kid]]), new Map()));
    assert.equal(r.status, 'invalid');
    const kit = await createDccSigner({ country: 'AT', isCa: true });
    await assert.rejects(createTrustStore().addDccSigner({ certificate: kit.certificate }));
  });
  it('an Austrian signer cannot sign a pass that claims Germany (KEY_USAGE); the screen names AT', async () => {
    const s = await rawSigner('AT');
    const trust = createTrustStore();
    await trust.addDccSigner({ certificate: s.certificate });
    const r = await createVerifier({ trust, policy: 'any-valid' }).verify(await s.pass(new Map([[1, -7], [4, s.kid]]), new Map(), (c) => c.set(1, 'DE')));
    assert.deepEqual(codes(r), ['KEY_USAGE']);
    assert.equal(r.issuer.id, 'AT');
    assert.equal(r.policy.decision, 'reject');
    // Lower case is the same country, not another one.
    const same = await createVerifier({ trust }).verify(await s.pass(new Map([[1, -7], [4, s.kid]]), new Map(), (c) => c.set(1, 'at')));
    assert.equal(same.status, 'valid', JSON.stringify(same.errors));
  });
  it('a trust-list country different from the certificate is the one that counts', async () => {
    const s = await rawSigner('AT');
    const trust = createTrustStore();
    await trust.addDccSigner({ certificate: s.certificate, country: 'DE' });
    const r = await createVerifier({ trust }).verify(await s.pass(new Map([[1, -7], [4, s.kid]]), new Map()));
    assert.deepEqual(codes(r), ['KEY_USAGE']);
  });
});

describe('attack: hostile input never crashes the verifier', () => {
  it('gives a stable error code for junk in every format', async () => {
    const trust = createTrustStore();
    const v = createVerifier({ trust, policy: 'any-valid' });
    const inputs = ['', 'shc:/', 'shc:/1/2/', 'HC1:', 'HC1:%%%%', '{', '{"proof":{}}', '[]', 'null', '\u202e', 'x'.repeat(10_000), ['shc:/1/2/00', 'shc:/2/2/00']];
    for (const input of inputs) {
      const r = await v.verify(input);
      assert.notEqual(r.status, 'valid');
      assert.ok(r.errors.length >= 1 || r.status === 'incomplete');
      assert.equal(r.passId, undefined);
      assert.notEqual(r.policy?.decision, 'accept');
    }
  });
});
