import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createTrustStore, createVerifier, importDccTrustList, memoryStorage } from '@pass-check/verifier-core';
import { CborTag, createDccSigner, dccRevocationList, dccTextFromCose, encodeCbor, decodeBase45, inflateZlib, parseCoseSign1, encodeBase45 } from '@pass-check/verifier-core/testing';

const DAY = 86_400_000;
const ecSigner = createDccSigner({ country: 'AT' });
const rsaSigner = createDccSigner({ country: 'DE', alg: 'PS256' });

async function setup(signerPromise = ecSigner, options = {}) {
  const signer = await signerPromise;
  const trust = createTrustStore();
  await trust.addDccSigner({ certificate: signer.certificate });
  const verifier = createVerifier({ trust, disclose: 'full', ...options });
  return { signer, trust, verifier };
}
const codes = (r) => r.errors.map((e) => e.code).sort();

describe('EU DCC: valid passes of each kind', () => {
  it('verifies an ES256 vaccination and reports holder and doses', async () => {
    const { signer, verifier } = await setup();
    const r = await verifier.verify(await signer.issue({
      kind: 'vaccination', dose: 2, of: 2, date: '2021-06-01', holder: { givenName: 'Gabriele', familyName: 'Musterfrau-Gößinger', birthDate: '1998-02-26' },
    }));
    assert.equal(r.status, 'valid', JSON.stringify(r.errors));
    assert.equal(r.format, 'dcc');
    assert.deepEqual(r.holder, { name: 'Gabriele Musterfrau-Gößinger', birthDate: '1998-02-26' });
    assert.equal(r.issuer.id, 'AT');
    assert.equal(r.credential.kind, 'vaccination');
    assert.equal(r.credential.seriesComplete, true);
    assert.equal(r.credential.completedOn, '2021-06-01');
    assert.deepEqual(r.credential.doses[0], {
      date: '2021-06-01', productCode: 'EU/1/20/1528', product: 'Comirnaty (Pfizer-BioNTech)', performer: 'pass-check test issuer',
      country: 'AT', doseNumber: 2, seriesDoses: 2,
    });
    assert.equal(r.revocationChecked, false);
  });
  it('verifies a PS256 test pass: NAAT, negative, sample time', async () => {
    const { signer, verifier } = await setup(rsaSigner);
    const sampledAt = new Date(Date.now() - 3 * 3_600_000);
    sampledAt.setUTCMilliseconds(0);
    const r = await verifier.verify(await signer.issue({ kind: 'test', sampledAt }));
    assert.equal(r.status, 'valid', JSON.stringify(r.errors));
    assert.equal(r.credential.kind, 'test');
    assert.equal(r.credential.testType, 'naat');
    assert.equal(r.credential.result, 'negative');
    assert.equal(r.credential.collectedAt.getTime(), sampledAt.getTime());
  });
  it('reads rapid antigen tests, positive results, recoveries and incomplete series', async () => {
    const { signer, verifier } = await setup();
    const antigen = await verifier.verify(await signer.issue({ kind: 'test', testType: 'antigen', result: 'positive' }));
    assert.equal(antigen.credential.testType, 'antigen');
    assert.equal(antigen.credential.result, 'positive');
    const recovery = await verifier.verify(await signer.issue({ kind: 'recovery', firstPositive: '2021-01-10', validFrom: '2021-01-21', validUntil: '2021-07-10' }));
    assert.equal(recovery.status, 'valid');
    assert.deepEqual(recovery.credential, { kind: 'recovery', firstPositive: '2021-01-10', validFrom: '2021-01-21', validUntil: '2021-07-10', country: 'AT' });
    const first = await verifier.verify(await signer.issue({ kind: 'vaccination', dose: 1, of: 2 }));
    assert.equal(first.credential.seriesComplete, false);
    assert.equal(first.credential.completedOn, undefined);
  });
  it('discloses only the name, birth date and kind by default', async () => {
    const { signer, trust } = await setup();
    const r = await createVerifier({ trust }).verify(await signer.issue({ kind: 'vaccination' }));
    assert.deepEqual(r.credential, { kind: 'vaccination' });
    assert.equal(r.issuedAt, undefined);
    assert.equal(r.holder.name, 'Erika Mustermann');
  });
  it('falls back to the transliterated names', async () => {
    const { signer, verifier } = await setup();
    const r = await verifier.verify(await signer.issue({
      kind: 'test', mutate: (d) => { d.nam = { fnt: 'DALLA<ROSA', gnt: 'ANNA<MARIA' }; },
    }));
    assert.equal(r.holder.name, 'ANNA MARIA DALLA ROSA');
  });
  it('treats groups written as null as absent (an early encoder did so)', async () => {
    const { signer, verifier } = await setup();
    const r = await verifier.verify(await signer.issue({ kind: 'vaccination', mutate: (d) => { d.t = null; d.r = null; } }));
    assert.equal(r.status, 'valid', JSON.stringify(r.errors));
  });
  it('accepts the kid in the unprotected header, an untagged COSE and a CWT tag', async () => {
    const { signer, verifier } = await setup();
    for (const o of [{ kidIn: 'unprotected' }, { coseTag: false }, { cwtTag: true }]) {
      const r = await verifier.verify(await signer.issue({ kind: 'vaccination', ...o }));
      assert.equal(r.status, 'valid', JSON.stringify(o));
    }
  });
});

describe('EU DCC: refusals', () => {
  it('UNSUPPORTED_FORMAT for other prefixes, MALFORMED for bad base45, BAD_COMPRESSION for bad zlib', async () => {
    const { signer, verifier } = await setup();
    const text = await signer.issue({ kind: 'test' });
    assert.deepEqual(codes(await verifier.verify('HC2:' + text.slice(4))), ['UNSUPPORTED_FORMAT']);
    assert.deepEqual(codes(await verifier.verify('HC1:' + text.slice(4, -1) + '#')), ['MALFORMED']);
    const cose = inflateZlib(decodeBase45(text.slice(4)), 1 << 16);
    assert.deepEqual(codes(await verifier.verify('HC1:' + encodeBase45(cose))), ['BAD_COMPRESSION']); // not compressed at all
  });
  it('BAD_COMPRESSION for a wrong zlib checksum, before any other verdict, though it is checked during the signature check', async () => {
    const { signer, verifier } = await setup();
    const withChecksumFlipped = (zlibBytes) => { const z = zlibBytes.slice(); z[z.length - 1] ^= 1; return 'HC1:' + encodeBase45(z); };
    const zlibOf = async (text) => decodeBase45(text.slice(4));
    // A good pass: signature and content hold, the checksum does not.
    assert.deepEqual(codes(await verifier.verify(withChecksumFlipped(await zlibOf(await signer.issue({ kind: 'test' }))))), ['BAD_COMPRESSION']);
    // Passes that would otherwise be refused for something else, later in the order.
    for (const options of [{ corruptSignature: true }, { kidIn: 'none' }, { coseAlg: -35 }]) {
      const text = await signer.issue({ kind: 'test', ...options });
      assert.deepEqual(codes(await verifier.verify(withChecksumFlipped(await zlibOf(text)))), ['BAD_COMPRESSION'], JSON.stringify(options));
    }
    // An unknown signer, and a stream whose content is not COSE at all.
    const stranger = await createDccSigner({ country: 'AT' });
    assert.deepEqual(codes(await verifier.verify(withChecksumFlipped(await zlibOf(await stranger.issue({ kind: 'test' }))))), ['BAD_COMPRESSION']);
    const notCose = await dccTextFromCose(Uint8Array.of(1, 2, 3));
    assert.deepEqual(codes(await verifier.verify(notCose)), ['MALFORMED']);
    assert.deepEqual(codes(await verifier.verify(withChecksumFlipped(await zlibOf(notCose)))), ['BAD_COMPRESSION']);
  });
  it('BAD_SIGNATURE for a tampered signature and for a payload swapped under a good signature', async () => {
    const { signer, verifier } = await setup();
    assert.deepEqual(codes(await verifier.verify(await signer.issue({ kind: 'test', corruptSignature: true }))), ['BAD_SIGNATURE']);
    const a = parseCoseSign1(await signer.issueCose({ kind: 'test' })).cose;
    const b = parseCoseSign1(await signer.issueCose({ kind: 'vaccination' })).cose;
    const forged = encodeCbor([a.protectedBytes, new Map(), b.payload, a.signature]);
    assert.deepEqual(codes(await verifier.verify(await dccTextFromCose(forged))), ['BAD_SIGNATURE']);
  });
  it('BAD_HEADER for a missing kid or another algorithm', async () => {
    const { signer, verifier } = await setup();
    assert.deepEqual(codes(await verifier.verify(await signer.issue({ kind: 'test', kidIn: 'none' }))), ['BAD_HEADER']);
    assert.deepEqual(codes(await verifier.verify(await signer.issue({ kind: 'test', coseAlg: -35 }))), ['BAD_HEADER']); // ES384
    assert.deepEqual(codes(await verifier.verify(await signer.issue({ kind: 'test', coseAlg: -8 }))), ['BAD_HEADER']); // EdDSA
  });
  it('an ES256 header on an RSA signer is not a valid signature', async () => {
    const { signer, verifier } = await setup(rsaSigner);
    assert.deepEqual(codes(await verifier.verify(await signer.issue({ kind: 'test', coseAlg: -7 }))), ['BAD_SIGNATURE']);
  });
  it('UNKNOWN_ISSUER for an unknown country, UNKNOWN_KEY for a known country with an unknown kid', async () => {
    const { verifier } = await setup();
    const stranger = await createDccSigner({ country: 'FR' });
    assert.deepEqual(codes(await verifier.verify(await stranger.issue({ kind: 'test' }))), ['UNKNOWN_ISSUER']);
    const sameCountry = await createDccSigner({ country: 'AT' });
    assert.deepEqual(codes(await verifier.verify(await sameCountry.issue({ kind: 'test' }))), ['UNKNOWN_KEY']);
  });
  it('EXPIRED after exp, NOT_YET_VALID before iat (beyond 5 minutes of clock skew)', async () => {
    const { signer, trust } = await setup();
    const now = Date.now();
    const at = (t) => createVerifier({ trust, clock: () => new Date(t) });
    const expired = await signer.issue({ kind: 'test', issuedAt: new Date(now - DAY / 2), expiresAt: new Date(now - 3_600_000) });
    const r = await at(now).verify(expired);
    assert.deepEqual(codes(r), ['EXPIRED']);
    assert.equal(r.holder.name, 'Erika Mustermann'); // authentic, so the holder may be shown with the refusal
    const future = await signer.issue({ kind: 'test', issuedAt: new Date(now + 3_600_000) });
    assert.deepEqual(codes(await at(now).verify(future)), ['NOT_YET_VALID']);
    const skewed = await signer.issue({ kind: 'test', issuedAt: new Date(now + 60_000) });
    assert.deepEqual(codes(await at(now).verify(skewed)), []);
  });
  it('a pass issued outside its signer certificate validity is refused', async () => {
    const now = Date.now();
    const signerPromise = createDccSigner({ notBefore: new Date(now - 30 * DAY), notAfter: new Date(now - 10 * DAY) });
    const { signer, verifier } = await setup(signerPromise);
    assert.deepEqual(codes(await verifier.verify(await signer.issue({ kind: 'test', issuedAt: new Date(now - 5 * DAY) }))), ['EXPIRED']);
    assert.deepEqual(codes(await verifier.verify(await signer.issue({ kind: 'test', issuedAt: new Date(now - 40 * DAY) }))), ['NOT_YET_VALID']);
    // Signed while the certificate was valid: still good after the certificate expired.
    assert.deepEqual(codes(await verifier.verify(await signer.issue({ kind: 'test', issuedAt: new Date(now - 20 * DAY) }))), []);
  });
  it('SCHEMA for CWT times that are missing or of the wrong type', async () => {
    const { signer, verifier } = await setup();
    const textExp = await signer.issue({ kind: 'test', mutateClaims: (c) => c.set(4, '2030-01-01') });
    assert.deepEqual(codes(await verifier.verify(textExp)), ['SCHEMA']);
    const noHcert = await signer.issue({ kind: 'test', mutateClaims: (c) => c.delete(-260) });
    assert.deepEqual(codes(await verifier.verify(noHcert)), ['SCHEMA']);
    assert.deepEqual(codes(await verifier.verify(await signer.issue({ kind: 'test', mutateClaims: (c) => c.delete(4) }))), ['SCHEMA']);
    assert.deepEqual(codes(await verifier.verify(await signer.issue({ kind: 'test', mutateClaims: (c) => c.delete(6) }))), ['SCHEMA']);
    assert.deepEqual(codes(await verifier.verify(await signer.issue({ kind: 'test', mutateClaims: (c) => c.set(6, -5) }))), ['SCHEMA']);
  });
  it('makes no network request while verifying', async () => {
    const { signer, verifier } = await setup();
    const text = await signer.issue({ kind: 'vaccination' });
    const realFetch = globalThis.fetch;
    let requests = 0;
    globalThis.fetch = async () => { requests++; throw new Error('no network in verify'); };
    try {
      assert.equal((await verifier.verify(text)).status, 'valid');
      assert.equal((await verifier.verify(text.slice(0, -3))).status, 'invalid');
    } finally {
      globalThis.fetch = realFetch;
    }
    assert.equal(requests, 0);
  });
  it('KEY_USAGE when the certificate EKU does not cover the kind, in both OID spellings', async () => {
    for (const keyUsageSpelling of ['short', 'long']) {
      const { signer, verifier } = await setup(createDccSigner({ keyUsage: ['vaccination'], keyUsageSpelling }));
      assert.deepEqual(codes(await verifier.verify(await signer.issue({ kind: 'vaccination' }))), []);
      assert.deepEqual(codes(await verifier.verify(await signer.issue({ kind: 'test' }))), ['KEY_USAGE']);
      assert.deepEqual(codes(await verifier.verify(await signer.issue({ kind: 'recovery' }))), ['KEY_USAGE']);
    }
  });
  it('SCHEMA for payloads that break the DCC schema essentials', async () => {
    const { signer, verifier } = await setup();
    const breakers = [
      (d) => { delete d.nam; },
      (d) => { d.nam = {}; },
      (d) => { delete d.dob; },
      (d) => { d.dob = '12.08.1964'; },
      (d) => { delete d.ver; },
      (d) => { d.v = d.t; },                                   // two groups
      (d) => { d.t = [d.t[0], d.t[0]]; },                      // two entries
      (d) => { d.t = []; },
      (d) => { d.t[0].sc = 'yesterday'; },
      (d) => { delete d.t[0].ci; },
      (d) => { d.t[0].tr = 260415000; },                       // a number where the schema has a string
    ];
    for (const mutate of breakers) {
      const r = await verifier.verify(await signer.issue({ kind: 'test', mutate }));
      assert.deepEqual(codes(r), ['SCHEMA'], mutate.toString());
      assert.equal(r.holder, undefined);
    }
    const dose = await verifier.verify(await signer.issue({ kind: 'vaccination', mutate: (d) => { d.v[0].dn = 0; } }));
    assert.deepEqual(codes(dose), ['SCHEMA']);
    // Dates that do not exist, in each kind (Date.parse in V8 would take 30 February for 2 March).
    for (const [kind, mutate] of [
      ['test', (d) => { d.t[0].sc = '2021-02-30T10:00:00Z'; }],
      ['test', (d) => { d.t[0].sc = '2021-05-29T24:00:00Z'; }],
      ['vaccination', (d) => { d.v[0].dt = '2021-02-29'; }],
      ['recovery', (d) => { d.r[0].du = '2021-04-31'; }],
    ]) {
      assert.deepEqual(codes(await verifier.verify(await signer.issue({ kind, mutate }))), ['SCHEMA'], mutate.toString());
    }
  });
  it('reads the sample time of a test as the instant it names, in any zone, and as UTC without one', async () => {
    const { signer, verifier } = await setup();
    const at = Date.now() - 3 * 3_600_000;
    const iso = new Date(at - (at % 1000)).toISOString().slice(0, 19); // YYYY-MM-DDTHH:MM:SS, UTC
    const shifted = new Date(at - (at % 1000) + 2 * 3_600_000).toISOString().slice(0, 19);
    for (const sc of [`${iso}Z`, iso, `${shifted}+02:00`, `${shifted}+0200`]) {
      const r = await verifier.verify(await signer.issue({ kind: 'test', mutate: (d) => { d.t[0].sc = sc; } }));
      assert.deepEqual(codes(r), [], sc);
      assert.equal(r.credential.collectedAt.getTime(), at - (at % 1000), sc);
    }
  });
  it('reads dates written as CBOR date tags, and refuses values JSON cannot hold anywhere in the document', async () => {
    const { signer, verifier } = await setup();
    const sampled = '2021-05-29T19:21:13Z';
    for (const sc of [new CborTag(0, sampled), new CborTag(1, Date.parse(sampled) / 1000)]) {
      const r = await verifier.verify(await signer.issue({ kind: 'test', mutate: (d) => { d.t[0].sc = sc; } }));
      assert.deepEqual(codes(r), [], String(sc.tag));
    }
    const notJson = [
      (d) => { d.x = Uint8Array.of(1); },                     // bytes in a field nobody reads
      (d) => { d.t[0].x = new CborTag(99, 'x'); },            // an unknown tag deep inside
      (d) => { d.nam.x = NaN; },                              // a number JSON cannot write
      (d) => { d.t[0].sc = new CborTag(0, 5); },              // a date tag around the wrong type
      (d) => { d.t[0].co = Uint8Array.of(0x41, 0x54); },      // bytes where text belongs
    ];
    for (const mutate of notJson) {
      assert.deepEqual(codes(await verifier.verify(await signer.issue({ kind: 'test', mutate }))), ['SCHEMA'], mutate.toString());
    }
  });
});

describe('EU DCC: revocation lists', () => {
  for (const hashType of ['UVCI', 'COUNTRYCODEUVCI', 'SIGNATURE']) {
    it(`REVOKED by a ${hashType} hash (ES256 and PS256)`, async () => {
      for (const s of [ecSigner, rsaSigner]) {
        const { signer, trust, verifier } = await setup(s);
        const revoked = await signer.issue({ kind: 'vaccination' });
        const other = await signer.issue({ kind: 'vaccination' });
        const report = await trust.addDccRevocations(await dccRevocationList(revoked, hashType));
        assert.deepEqual(report.rejected, []);
        const r = await verifier.verify(revoked);
        assert.deepEqual(codes(r), ['REVOKED']);
        assert.equal(r.revocationChecked, true);
        assert.deepEqual(codes(await verifier.verify(other)), []);
      }
    });
  }
  it('a list bound to another kid does not apply; lists survive a bundle round trip', async () => {
    const { signer, trust, verifier } = await setup();
    const pass = await signer.issue({ kind: 'test' });
    const list = await dccRevocationList(pass, 'UVCI', { bindKid: true });
    await trust.addDccRevocations({ ...list, kid: 'AAAAAAAAAAA=' });
    assert.deepEqual(codes(await verifier.verify(pass)), []);
    await trust.addDccRevocations(list);
    assert.deepEqual(codes(await verifier.verify(pass)), ['REVOKED']);
    const copy = createTrustStore();
    await copy.importBundle(await trust.exportBundle());
    assert.deepEqual(codes(await createVerifier({ trust: copy }).verify(pass)), ['REVOKED']);
  });
  it('reports bad hashes and refuses a list that is not one', async () => {
    const { trust } = await setup();
    const report = await trust.addDccRevocations({ hashType: 'UVCI', hashes: ['00112233445566778899aabbccddeeff', 'nope'] });
    assert.equal(report.rejected.length, 1);
    assert.equal(report.rejected[0].code, 'INVALID_CRL');
    await assert.rejects(trust.addDccRevocations({ hashType: 'MD5', hashes: [] }), (e) => e.code === 'INVALID_CRL');
  });
});

describe('EU DCC: trust store and gateway trust lists', () => {
  it('refuses what is not a certificate, and keys DCCs cannot use', async () => {
    const trust = createTrustStore();
    await assert.rejects(trust.addDccSigner({ certificate: 'bm90IGEgY2VydGlmaWNhdGU=' }), (e) => e.name === 'TrustError' && e.code === 'INVALID_CERTIFICATE');
    await assert.rejects(trust.addDccSigner({ certificate: 42 }), (e) => e.code === 'INVALID_CERTIFICATE');
  });
  it('takes PEM and DER bytes, and exports re-importable entries', async () => {
    const signer = await ecSigner;
    const trust = createTrustStore();
    const pem = `-----BEGIN CERTIFICATE-----\n${signer.certificate.match(/.{1,64}/g).join('\n')}\n-----END CERTIFICATE-----\n`;
    await trust.addDccSigner({ certificate: pem, country: 'AT' });
    await trust.addDccSigner({ certificate: signer.certificateDer });
    const bundle = await trust.exportBundle();
    assert.deepEqual(bundle.dcc, [{ certificate: signer.certificate, country: 'AT' }]);
    const copy = createTrustStore();
    await copy.importBundle(bundle);
    const r = await createVerifier({ trust: copy }).verify(await signer.issue({ kind: 'test' }));
    assert.equal(r.status, 'valid');
  });
  it('imports the DSC entries of a gateway list, checking each kid', async () => {
    const a = await ecSigner, b = await rsaSigner;
    const c = await createDccSigner({ country: 'IT' });
    const trust = createTrustStore();
    const report = await importDccTrustList(trust, [
      a.trustListEntry(),
      b.trustListEntry(),
      { ...c.trustListEntry(), kid: a.kid },                       // kid does not match its certificate
      { ...c.trustListEntry(), certificateType: 'CSCA' },          // not a signer: skipped
    ]);
    assert.deepEqual(report.rejected.map((x) => x.code), ['INVALID_CERTIFICATE']);
    const verifier = createVerifier({ trust });
    assert.equal((await verifier.verify(await a.issue({ kind: 'test' }))).status, 'valid');
    assert.equal((await verifier.verify(await b.issue({ kind: 'test' }))).status, 'valid');
    assert.deepEqual(codes(await verifier.verify(await c.issue({ kind: 'test' }))), ['UNKNOWN_ISSUER']);
    assert.equal((await trust.exportBundle()).dcc.length, 2);
    await assert.rejects(importDccTrustList(trust, 'nope'), TypeError);
  });
  it('saves an imported gateway list once, and a new store loads it from storage', async () => {
    const a = await ecSigner, b = await rsaSigner;
    const storage = memoryStorage();
    let saves = 0;
    const counted = { load: () => storage.load(), save: (bundle) => { saves++; return storage.save(bundle); } };
    await importDccTrustList(createTrustStore({ storage: counted }), [a.trustListEntry(), b.trustListEntry()]);
    assert.equal(saves, 1);
    const reopened = createVerifier({ trust: createTrustStore({ storage }) });
    assert.equal((await reopened.verify(await b.issue({ kind: 'recovery' }))).status, 'valid');
  });
});

describe('EU DCC: scans share their decoding buffers', () => {
  it('relies on WebCrypto copying its inputs when called: the Sig_structure buffer is reused by the next scan', async () => {
    const data = new Uint8Array(400).fill(1);
    for (const [generate, params] of [
      [{ name: 'ECDSA', namedCurve: 'P-256' }, { name: 'ECDSA', hash: 'SHA-256' }],
      [{ name: 'RSA-PSS', modulusLength: 2048, publicExponent: Uint8Array.of(1, 0, 1), hash: 'SHA-256' }, { name: 'RSA-PSS', saltLength: 32 }],
    ]) {
      const keys = await crypto.subtle.generateKey(generate, false, ['sign', 'verify']);
      const signature = new Uint8Array(await crypto.subtle.sign(params, keys.privateKey, data));
      const pending = crypto.subtle.verify(params, keys.publicKey, signature, data);
      const changed = data.slice();
      data.fill(2);
      signature.fill(0);
      assert.equal(await pending, true, `${params.name}: checked what it was given`);
      data.set(changed);
    }
  });
  it('keeps concurrent scans apart: each gets its own holder, verdict and errors', async () => {
    const [ec, rsa] = await Promise.all([ecSigner, rsaSigner]);
    const trust = createTrustStore();
    await trust.addDccSigner({ certificate: ec.certificate });
    await trust.addDccSigner({ certificate: rsa.certificate });
    const verifier = createVerifier({ trust });
    const cases = [];
    for (let i = 0; i < 24; i++) {
      const signer = i % 2 ? rsa : ec;
      const holder = { givenName: `Given${i}`, familyName: `Family${i}`, birthDate: `19${50 + i}-01-0${1 + (i % 9)}` };
      const options = { kind: ['vaccination', 'test', 'recovery'][i % 3], holder };
      const expected = i % 5 === 3 ? ['BAD_SIGNATURE'] : i % 7 === 4 ? ['EXPIRED'] : [];
      if (expected[0] === 'BAD_SIGNATURE') options.corruptSignature = true;
      if (expected[0] === 'EXPIRED') { options.issuedAt = new Date(Date.now() - 10 * DAY); options.expiresAt = new Date(Date.now() - DAY); }
      cases.push({ text: await signer.issue(options), holder, expected });
    }
    const results = await Promise.all(cases.map((c) => verifier.verify(c.text)));
    results.forEach((r, i) => {
      const { holder, expected } = cases[i];
      assert.deepEqual(codes(r), expected, `pass ${i}`);
      if (expected[0] !== 'BAD_SIGNATURE') assert.deepEqual(r.holder, { name: `${holder.givenName} ${holder.familyName}`, birthDate: holder.birthDate }, `pass ${i}`);
      else assert.equal(r.holder, undefined);
    });
  });
});
