// DIVOC: certificates signed by the test kit's own issuers (Ed25519 and RSA),
// as bare JSON and as the ZIP a DIVOC QR holds. Runs in Node and in Chromium.
import { describe, it, before } from 'node:test';
import assert from 'node:assert/strict';
import { createTrustStore, createVerifier, TrustError } from '@pass-check/verifier-core';
import { createDivocIssuer, divocQrBytes, readCertificateZip, writeCertificateZip } from '@pass-check/verifier-core/testing';

const codes = (r) => r.errors.map((e) => e.code);
const text = (o) => JSON.stringify(o);

async function setup(keyType) {
  const issuer = await createDivocIssuer({ keyType, name: 'Test Ministry' });
  const trust = createTrustStore();
  assert.deepEqual((await trust.addDivocIssuer(issuer.bundleEntry())).rejected, []);
  return { issuer, trust, verifier: createVerifier({ trust, disclose: 'full' }) };
}

for (const keyType of ['ed25519', 'rsa']) {
  describe(`DIVOC (${keyType === 'rsa' ? 'RsaSignature2018' : 'Ed25519Signature2018'})`, () => {
    let ctx;
    before(async () => { ctx = await setup(keyType); });

    it('accepts a certificate as JSON and as the QR\'s ZIP bytes, and maps it', async () => {
      const certificate = await ctx.issuer.issue({ name: 'Test  Person', birthDate: '1981-02-03', dose: 2, of: 2, date: '2021-08-01' });
      for (const input of [text(certificate), await divocQrBytes(certificate), await divocQrBytes(certificate, { store: true })]) {
        const r = await ctx.verifier.verify(input);
        assert.equal(r.status, 'valid', JSON.stringify(r.errors));
        assert.equal(r.format, 'divoc');
        assert.deepEqual(r.holder, { name: 'Test Person', birthDate: '1981-02-03' });
        assert.deepEqual(r.issuer, { id: ctx.issuer.issuer, name: 'Test Ministry' });
        assert.equal(r.credential.kind, 'vaccination');
        assert.equal(r.credential.seriesComplete, true);
        assert.equal(r.credential.completedOn, '2021-08-01');
        assert.equal(r.credential.doses[0].seriesDoses, 2);
      }
    });

    it('dose 1 of 2 is an incomplete series', async () => {
      const r = await ctx.verifier.verify(text(await ctx.issuer.issue({ dose: 1, of: 2 })));
      assert.equal(r.status, 'valid');
      assert.equal(r.credential.seriesComplete, false);
    });

    it('verifies an id with spaces as DIVOC signed it ("did:Aadhaar Card:…")', async () => {
      const r = await ctx.verifier.verify(text(await ctx.issuer.issue({ subjectId: 'did:Aadhaar Card:1234 5678' })));
      assert.equal(r.status, 'valid', JSON.stringify(r.errors));
    });

    it('attack: a field changed after signing (name, dose, id with spaces) is BAD_SIGNATURE', async () => {
      const certificate = await ctx.issuer.issue({ dose: 1, of: 2, subjectId: 'did:Aadhaar Card:1111' });
      for (const change of [(c) => { c.credentialSubject.name = 'Someone Else'; }, (c) => { c.evidence[0].dose = 2; },
        (c) => { c.credentialSubject.id = 'did:Aadhaar Card:2222'; }, (c) => { c.proof.created = '2020-01-01T00:00:00Z'; }]) {
        const copy = structuredClone(certificate);
        change(copy);
        assert.deepEqual(codes(await ctx.verifier.verify(text(copy))), ['BAD_SIGNATURE']);
      }
    });

    it('attack: a field the contexts do not define (outside the signature) is refused, not shown', async () => {
      const copy = structuredClone(await ctx.issuer.issue());
      copy.credentialSubject.passportNumber = 'X123';
      assert.deepEqual(codes(await ctx.verifier.verify(text(copy))), ['SCHEMA']);
    });

    it('attack: a remote or inline JSON-LD context is never loaded', async () => {
      const remote = await ctx.issuer.issue();
      remote['@context'] = [...remote['@context'], 'https://evil.example/context.jsonld'];
      assert.deepEqual(codes(await ctx.verifier.verify(text(remote))), ['SCHEMA']);
      const inline = await ctx.issuer.issue();
      inline['@context'] = [...inline['@context'], { name: 'https://evil.example/name' }];
      assert.deepEqual(codes(await ctx.verifier.verify(text(inline))), ['SCHEMA']);
      const nested = await ctx.issuer.issue();
      nested.credentialSubject['@context'] = 'https://evil.example/context.jsonld';
      assert.notEqual((await ctx.verifier.verify(text(nested))).status, 'valid');
    });

    it('attack: an unknown proof type, another JWS alg or an encoded payload is BAD_HEADER', async () => {
      const certificate = await ctx.issuer.issue();
      const other = keyType === 'rsa' ? 'EdDSA' : 'PS256';
      const b64 = (o) => btoa(JSON.stringify(o)).replace(/=+$/, '').replace(/\+/g, '-').replace(/\//g, '_');
      const signaturePart = certificate.proof.jws.split('..')[1];
      for (const proof of [{ ...certificate.proof, type: 'JsonWebSignature2020' }, { ...certificate.proof, type: 'toString' },
        { ...certificate.proof, jws: `${b64({ alg: other, b64: false, crit: ['b64'] })}..${signaturePart}` },
        { ...certificate.proof, jws: `${b64({ alg: 'none', b64: false, crit: ['b64'] })}..${signaturePart}` },
        { ...certificate.proof, jws: `${b64({ alg: keyType === 'rsa' ? 'PS256' : 'EdDSA' })}..${signaturePart}` }]) {
        assert.deepEqual(codes(await ctx.verifier.verify(text({ ...certificate, proof }))), ['BAD_HEADER']);
      }
    });

    it('attack: a key of another issuer, or an untrusted key, is refused', async () => {
      const stranger = await createDivocIssuer({ keyType });
      assert.deepEqual(codes(await ctx.verifier.verify(text(await stranger.issue()))), ['BAD_SIGNATURE']); // same did, other key
      const otherDid = await createDivocIssuer({ keyType, id: 'did:elsewhere', issuer: 'https://elsewhere.test/' });
      assert.deepEqual(codes(await ctx.verifier.verify(text(await otherDid.issue()))), ['UNKNOWN_ISSUER']);
      const { proof: _proof, ...unsigned } = await ctx.issuer.issue();
      const certificate = await ctx.issuer.sign({ ...unsigned, issuer: 'https://someone-else.test/' });
      assert.deepEqual(codes(await ctx.verifier.verify(text(certificate))), ['UNKNOWN_ISSUER']);
    });

    it('an untrusted issuer is UNKNOWN_ISSUER whatever contexts it names', async () => {
      const elsewhere = await createDivocIssuer({ keyType, id: 'did:elsewhere', issuer: 'https://elsewhere.test/' });
      const certificate = await elsewhere.issue();
      certificate['@context'] = [...certificate['@context'], 'https://elsewhere.test/context.jsonld'];
      assert.deepEqual(codes(await ctx.verifier.verify(text(certificate))), ['UNKNOWN_ISSUER']);
    });

    it('a certificate issued in the future is NOT_YET_VALID; an expired one EXPIRED', async () => {
      const future = await ctx.issuer.issue({ issuanceDate: new Date(Date.now() + 86_400_000) });
      assert.deepEqual(codes(await ctx.verifier.verify(text(future))), ['NOT_YET_VALID']);
      const expired = await ctx.issuer.issue({ mutate: (c) => { c.expirationDate = '2021-01-01T00:00:00Z'; } });
      assert.deepEqual(codes(await ctx.verifier.verify(text(expired))), ['EXPIRED']);
    });
  });
}

describe('DIVOC: the QR\'s ZIP archive', () => {
  let ctx, certificate;
  before(async () => { ctx = await setup('ed25519'); certificate = await ctx.issuer.issue(); });
  const json = () => new TextEncoder().encode(JSON.stringify(certificate));

  it('attack: a ZIP bomb stops at the cap (BAD_COMPRESSION)', async () => {
    const huge = new Uint8Array(5 * 1024 * 1024).fill(0x20);
    const deflated = new Uint8Array(await new Response(new Blob([huge]).stream().pipeThrough(new CompressionStream('deflate-raw'))).arrayBuffer());
    const bomb = writeCertificateZip(huge, deflated);
    assert.ok(bomb.length < 64 * 1024);
    assert.deepEqual(codes(await ctx.verifier.verify(bomb)), ['BAD_COMPRESSION']);
    // The same bomb with a size field that lies: inflation still stops at the cap.
    const lying = bomb.slice();
    const view = new DataView(lying.buffer);
    const central = lying.length - 22 - 46 - 'certificate.json'.length;
    view.setUint32(central + 24, 1000, true);
    view.setUint32(22, 1000, true);
    assert.deepEqual(codes(await ctx.verifier.verify(lying)), ['BAD_COMPRESSION']);
  });

  it('attack: extra files, another file name, junk around the archive are MALFORMED', async () => {
    const one = writeCertificateZip(json());
    const two = new Uint8Array(one.length * 2);
    two.set(one); two.set(one, one.length);
    assert.deepEqual(codes(await ctx.verifier.verify(two)), ['MALFORMED']);
    assert.deepEqual(codes(await ctx.verifier.verify(writeCertificateZip(json(), undefined, 'other.json'))), ['MALFORMED']);
    const trailing = new Uint8Array(one.length + 3);
    trailing.set(one);
    assert.deepEqual(codes(await ctx.verifier.verify(trailing)), ['MALFORMED']);
  });

  it('attack: a flipped byte is caught by the CRC, truncations never throw', async () => {
    const zip = await divocQrBytes(certificate, { store: true });
    const flipped = zip.slice();
    flipped[100] ^= 1;
    assert.deepEqual(codes(await ctx.verifier.verify(flipped)), ['BAD_COMPRESSION']);
    const deflated = await divocQrBytes(certificate);
    for (let cut = 1; cut < deflated.length; cut += 97) {
      const r = await ctx.verifier.verify(deflated.subarray(0, cut));
      assert.equal(r.status, 'invalid');
    }
    assert.ok(readCertificateZip(deflated).member);
  });
});

describe('DIVOC: trust section', () => {
  it('refuses keys that are neither RSA (2048+) nor Ed25519, and private keys', async () => {
    const trust = createTrustStore();
    const ec = await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, true, ['sign', 'verify']);
    const spki = new Uint8Array(await crypto.subtle.exportKey('spki', ec.publicKey));
    const pem = `-----BEGIN PUBLIC KEY-----\n${btoa(String.fromCharCode(...spki))}\n-----END PUBLIC KEY-----`;
    await assert.rejects(trust.addDivocIssuer({ id: 'did:x', publicKeys: [{ id: 'did:x', publicKeyPem: pem }] }), (e) => e instanceof TrustError && e.code === 'INVALID_KEY');
    await assert.rejects(trust.addDivocIssuer({ id: 'did:x', publicKeys: [{ id: 'did:x', publicKeyPem: '-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----' }] }), TrustError);
  });

  it('round-trips through exportBundle/importBundle', async () => {
    const { issuer, trust } = await setup('rsa');
    const bundle = JSON.parse(JSON.stringify(await trust.exportBundle()));
    assert.equal(bundle.divoc.length, 1);
    const second = createTrustStore();
    assert.deepEqual((await second.importBundle(bundle)).rejected, []);
    assert.equal((await createVerifier({ trust: second }).verify(text(await issuer.issue()))).status, 'valid');
  });
});

describe('DIVOC: door policies', () => {
  it('the vaccinated preset admits dose 2 of 2 given 14+ days ago, not dose 1 of 2 nor a recent dose', async () => {
    const { issuer, trust } = await setup('ed25519');
    const verifier = createVerifier({ trust, policy: 'vaccinated' });
    const day = (n) => new Date(Date.now() - n * 86_400_000).toISOString().slice(0, 10);
    assert.equal((await verifier.verify(text(await issuer.issue({ dose: 2, of: 2, date: day(30) })))).policy.decision, 'accept');
    assert.equal((await verifier.verify(text(await issuer.issue({ dose: 1, of: 2, date: day(30) })))).policy.decision, 'reject');
    assert.equal((await verifier.verify(text(await issuer.issue({ dose: 2, of: 2, date: day(2) })))).policy.decision, 'reject');
    const tampered = await issuer.issue({ dose: 1, of: 2, date: day(30) });
    tampered.evidence[0].dose = 2;
    assert.equal((await verifier.verify(text(tampered))).policy.decision, 'reject');
  });
});
