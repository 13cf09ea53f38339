import { describe, it, before } from 'node:test';
import assert from 'node:assert/strict';
import { createTrustStore, createVerifier } from '@pass-check/verifier-core';
import { createShcIssuer, shcFhirBundle, shcFile } from '@pass-check/verifier-core/testing';

const NOW = new Date('2026-03-01T12:00:00Z');
const DAY = 86400;
const nowSeconds = NOW.getTime() / 1000;
const codes = (r) => r.errors.map((e) => e.code);

let issuer, other, verifier, full;
before(async () => {
  issuer = await createShcIssuer({ iss: 'https://shc.example.org/issuer', name: 'Example Health' });
  other = await createShcIssuer({ iss: 'https://other.example.org' });
  const trust = createTrustStore();
  await trust.addShcIssuer(issuer.trustEntry({ rids: ['revokedRid01', `laterRid02.${nowSeconds - 10 * DAY}`] }));
  verifier = createVerifier({ trust, clock: () => NOW });
  full = createVerifier({ trust, clock: () => NOW, disclose: 'full' });
});
const issue = (options = {}) => issuer.issue({ nbf: nowSeconds - DAY, ...options });

describe('SMART Health Cards: every encoding', () => {
  it('accepts a single numeric QR, with minimal disclosure by default', async () => {
    const card = await issue({ patient: { given: ['Jane', 'C.'], family: 'Anyperson', birthDate: '1961-01-20' } });
    const r = await verifier.verify(card.numeric);
    assert.equal(r.status, 'valid', JSON.stringify(r.errors));
    assert.equal(r.format, 'shc');
    assert.deepEqual(r.holder, { name: 'Jane C. Anyperson', birthDate: '1961-01-20' });
    assert.deepEqual(r.credential, { kind: 'vaccination' });
    assert.deepEqual(r.issuer, { id: 'https://shc.example.org/issuer', name: 'Example Health' });
    assert.equal(r.revocationChecked, true);
    assert.equal(r.issuedAt, undefined);
  });
  it('accepts the bare JWS and the .smart-health-card file text', async () => {
    const card = await issue();
    assert.equal((await verifier.verify(card.jws)).status, 'valid');
    assert.equal((await verifier.verify(card.file)).status, 'valid');
    assert.equal((await verifier.verify(card.jws + '\n')).status, 'valid', 'one final newline is forgiven');
  });
  it('assembles chunks in any order, and reports missing ones as incomplete', async () => {
    const card = await issue();
    const chunks = card.chunks(3);
    assert.equal((await verifier.verify([chunks[2], chunks[0], chunks[1]])).status, 'valid');
    const one = await verifier.verify(chunks[1]);
    assert.equal(one.status, 'incomplete');
    assert.deepEqual(one.chunks, { have: 1, total: 3 });
    assert.deepEqual(codes(one), ['INCOMPLETE']);
    const two = await verifier.verify([chunks[2], chunks[0]]);
    assert.deepEqual(two.chunks, { have: 2, total: 3 });
    assert.deepEqual(codes(await verifier.verify([chunks[0], chunks[0], chunks[1]])), ['MALFORMED']);
  });
  it('verifies the first credential of a file', async () => {
    const good = await issue();
    const bad = await issue({ tamper: true });
    assert.equal((await verifier.verify(shcFile(good.jws, bad.jws))).status, 'valid');
    assert.deepEqual(codes(await verifier.verify(shcFile(bad.jws, good.jws))), ['BAD_SIGNATURE']);
  });
});

describe('SMART Health Cards: vaccination and test details', () => {
  it('names products and completes a two-dose series on the second dose', async () => {
    const r = await full.verify((await issue({ doses: [
      { cvx: '208', date: '2021-01-01', performer: 'City Clinic', lotNumber: 'EW0150' },
      { cvx: '207', date: '2021-02-05' },
    ] })).numeric);
    assert.equal(r.credential.kind, 'vaccination');
    assert.equal(r.credential.seriesComplete, true);
    assert.equal(r.credential.completedOn, '2021-02-05');
    assert.equal(r.credential.doses[0].product, 'Pfizer-BioNTech COVID-19 (Comirnaty)');
    assert.equal(r.credential.doses[0].performer, 'City Clinic');
    assert.equal(r.credential.doses[0].lotNumber, 'EW0150');
    assert.equal(r.credential.doses[1].productCode, '207');
    assert.equal(r.issuedAt.getTime(), (nowSeconds - DAY) * 1000);
  });
  it('one Janssen dose completes; one Moderna dose or an unspecified product does not', async () => {
    const janssen = await full.verify((await issue({ doses: [{ cvx: '212', date: '2021-04-01' }] })).jws);
    assert.equal(janssen.credential.seriesComplete, true);
    assert.equal(janssen.credential.completedOn, '2021-04-01');
    const single = await full.verify((await issue({ doses: [{ cvx: '207', date: '2021-04-01' }] })).jws);
    assert.equal(single.credential.seriesComplete, false);
    assert.equal(single.credential.completedOn, undefined);
    const unspecified = await full.verify((await issue({ doses: [{ cvx: '213', date: '2021-04-01' }, { cvx: '213', date: '2021-05-01' }] })).jws);
    assert.equal(unspecified.credential.seriesComplete, false);
  });
  it('reads NAAT and antigen tests from LOINC, with result and collection time', async () => {
    const naat = await full.verify((await issue({ test: { loinc: '94500-6', result: '260415000', collected: '2026-02-28T09:30:00Z' } })).jws);
    assert.equal(naat.status, 'valid');
    assert.deepEqual(
      { kind: naat.credential.kind, type: naat.credential.testType, result: naat.credential.result, at: naat.credential.collectedAt.toISOString() },
      { kind: 'test', type: 'naat', result: 'negative', at: '2026-02-28T09:30:00.000Z' },
    );
    const antigen = await full.verify((await issue({ test: { loinc: '94558-4', result: '10828004', collected: '2026-02-28T09:30:00Z' } })).jws);
    assert.equal(antigen.credential.testType, 'antigen');
    assert.equal(antigen.credential.result, 'positive');
  });
});

describe('SMART Health Cards: refusals', () => {
  const cases = [
    ['expired', { exp: nowSeconds - 1 }, 'EXPIRED'],
    ['not yet valid (beyond the 5-minute skew)', { nbf: nowSeconds + 301 }, 'NOT_YET_VALID'],
    ['revoked rid', { rid: 'revokedRid01' }, 'REVOKED'],
    ['timestamped rid, card issued before the cut-off', { rid: 'laterRid02', nbf: nowSeconds - 20 * DAY }, 'REVOKED'],
    ['tampered payload', { tamper: true }, 'BAD_SIGNATURE'],
    ['signed with another key', { signWith: null }, 'BAD_SIGNATURE'],
    ['unknown issuer', { iss: 'https://unknown.example.org' }, 'UNKNOWN_ISSUER'],
    ['http issuer', { iss: 'http://shc.example.org/issuer' }, 'SCHEMA'],
    ['unknown kid', { header: { kid: 'x'.repeat(43) } }, 'UNKNOWN_KEY'],
    ['alg ES384', { header: { alg: 'ES384' } }, 'BAD_HEADER'],
    ['alg none', { header: { alg: 'none' } }, 'BAD_HEADER'],
    ['no zip', { header: { zip: undefined } }, 'BAD_HEADER'],
    ['no kid', { header: { kid: undefined } }, 'BAD_HEADER'],
    // Uncompressed, the card no longer fits one QR code, so only the JWS and file forms can carry it.
    ['payload not deflated', { deflate: false }, 'BAD_COMPRESSION', (card) => [card.jws, card.file]],
    ['bundle without a Patient', { fhirBundle: { resourceType: 'Bundle', type: 'collection', entry: [{ fullUrl: 'resource:0', resource: { resourceType: 'Immunization', status: 'completed', vaccineCode: { coding: [{ system: 'http://hl7.org/fhir/sid/cvx', code: '207' }] }, occurrenceDateTime: '2021-01-01' } }] } }, 'SCHEMA'],
    ['a resource that does not belong', { fhirBundle: { ...shcFhirBundle(), entry: [...shcFhirBundle().entry, { fullUrl: 'resource:9', resource: { resourceType: 'Parameters' } }] } }, 'SCHEMA'],
    ['an Immunization without a date', { editPayload: (p) => { delete p.vc.credentialSubject.fhirBundle.entry[1].resource.occurrenceDateTime; } }, 'SCHEMA'],
    ['not a health card type', { editPayload: (p) => { p.vc.type = ['VerifiableCredential']; } }, 'SCHEMA'],
  ];
  for (const [name, options, code, inputs = (card) => [card.numeric, card.jws, card.file]] of cases) {
    it(`${name} → ${code}`, async () => {
      const card = await issue(options.signWith === null ? { ...options, signWith: other } : options);
      for (const input of inputs(card)) {
        const r = await verifier.verify(input);
        assert.equal(r.status, 'invalid');
        assert.ok(codes(r).includes(code), `${name}: got ${codes(r)}`);
      }
    });
  }
  it('a timestamped rid spares cards issued after the cut-off', async () => {
    const r = await verifier.verify((await issue({ rid: 'laterRid02', nbf: nowSeconds - 5 * DAY })).numeric);
    assert.equal(r.status, 'valid', JSON.stringify(r.errors));
  });
  it('allows nbf up to 5 minutes ahead of the clock', async () => {
    assert.equal((await verifier.verify((await issue({ nbf: nowSeconds + 299 })).jws)).status, 'valid');
  });
  it('reports time, revocation and content together once the signature holds', async () => {
    const r = await verifier.verify((await issue({ exp: nowSeconds - 1, rid: 'revokedRid01' })).jws);
    assert.deepEqual(codes(r).sort(), ['EXPIRED', 'REVOKED']);
  });
  it('refuses a single QR text longer than a version-22 QR code holds', async () => {
    const { numeric } = await issue({ deflate: false });
    assert.ok(numeric.length > 5 + 2 * 1195);
    assert.deepEqual(codes(await verifier.verify(numeric)), ['MALFORMED']);
  });
  it('refuses broken numeric text as MALFORMED', async () => {
    const { numeric, jws } = await issue();
    for (const bad of [numeric + '5', numeric.slice(0, 5) + '99' + numeric.slice(7), numeric + ' \t', ' ' + numeric, jws + ' ', 'shc:' + numeric.slice(5), 'shc:/'])
      assert.deepEqual(codes(await verifier.verify(bad)), ['MALFORMED'], JSON.stringify(bad.slice(0, 12)));
  });
  it('an issuer whose key has no CRL: valid, revocation not checked', async () => {
    const plain = await createShcIssuer({ iss: 'https://plain.example.org', crlVersion: null });
    const trust = createTrustStore();
    await trust.addShcIssuer(plain.trustEntry());
    const r = await createVerifier({ trust, clock: () => NOW }).verify((await plain.issue({ nbf: nowSeconds, rid: 'anyRid' })).numeric);
    assert.equal(r.status, 'valid');
    assert.equal(r.revocationChecked, false);
  });
});

describe('SMART Health Cards at the door (ny-2021 policy)', () => {
  it('admits a series completed 14+ days ago and a fresh negative NAAT; refuses an incomplete series', async () => {
    const trust = createTrustStore();
    await trust.addShcIssuer(issuer.trustEntry());
    const door = createVerifier({ trust, policy: 'ny-2021', clock: () => NOW });
    const vaccinated = await door.verify((await issue({ doses: [{ cvx: '208', date: '2026-01-01' }, { cvx: '208', date: '2026-01-22' }] })).numeric);
    assert.equal(vaccinated.policy.decision, 'accept');
    const tested = await door.verify((await issue({ test: { loinc: '94500-6', result: '260415000', collected: '2026-03-01T08:00:00Z' } })).numeric);
    assert.equal(tested.policy.decision, 'accept');
    const partial = await door.verify((await issue({ doses: [{ cvx: '208', date: '2026-01-01' }] })).numeric);
    assert.equal(partial.status, 'valid');
    assert.equal(partial.policy.decision, 'reject');
  });
});
