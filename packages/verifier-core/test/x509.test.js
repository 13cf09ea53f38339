import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createTestCertificate, parseCertificate, importCertificateKey, verifyCertificateSignature, dccKeyUsageOid } from '@pass-check/verifier-core/testing';

const ec = () => crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, true, ['sign', 'verify']);

describe('X.509 reader', () => {
  it('reads a certificate the kit wrote: key, validity, EKU, SAN, CA flag, country', async () => {
    const keys = await ec();
    const notBefore = new Date('2021-05-01T00:00:00Z'), notAfter = new Date('2051-05-01T00:00:00Z');
    const der = await createTestCertificate({
      publicKey: keys.publicKey, signingKey: keys.privateKey, subject: { country: 'BE', commonName: 'x' }, notBefore, notAfter,
      extKeyUsage: [dccKeyUsageOid('test'), dccKeyUsageOid('recovery', 'long')], subjectAltNameUris: ['https://issuer.example'], isCa: true,
    });
    const cert = parseCertificate(der);
    assert.ok(cert);
    assert.deepEqual(cert.publicKey, { kty: 'EC', crv: 'P-256' });
    assert.equal(cert.notBefore.toISOString(), notBefore.toISOString());
    assert.equal(cert.notAfter.toISOString(), notAfter.toISOString()); // GeneralizedTime from 2050 on
    assert.deepEqual(cert.extKeyUsage, ['1.3.6.1.4.1.1847.2021.1.1', '1.3.6.1.4.1.0.1847.2021.1.3']);
    assert.deepEqual(cert.subjectAltNameUris, ['https://issuer.example']);
    assert.equal(cert.isCa, true);
    assert.equal(cert.subjectCountry, 'BE');
    assert.equal(cert.signatureAlgorithm, '1.2.840.10045.4.3.2');
    const key = await importCertificateKey(cert, 'ES256');
    assert.equal(key.algorithm.name, 'ECDSA');
    assert.equal(await importCertificateKey(cert, 'PS256'), undefined);
  });
  it('checks certificate signatures (ECDSA and RSASSA-PSS) and issuer names', async () => {
    const root = await ec();
    const leaf = await ec();
    const rootDer = await createTestCertificate({ publicKey: root.publicKey, signingKey: root.privateKey, subject: { commonName: 'root' }, isCa: true });
    const leafDer = await createTestCertificate({ publicKey: leaf.publicKey, signingKey: root.privateKey, subject: { commonName: 'leaf' }, issuer: { commonName: 'root' } });
    const rootCert = parseCertificate(rootDer), leafCert = parseCertificate(leafDer);
    assert.equal(await verifyCertificateSignature(leafCert, rootCert), true);
    assert.equal(await verifyCertificateSignature(rootCert, rootCert), true);
    assert.equal(await verifyCertificateSignature(leafCert, leafCert), false); // wrong issuer name and key
    const tampered = leafDer.slice();
    tampered[tampered.length - 5] ^= 1;
    assert.equal(await verifyCertificateSignature(parseCertificate(tampered), rootCert), false); // a bit of s flipped

    const rsa = await crypto.subtle.generateKey({ name: 'RSA-PSS', modulusLength: 2048, publicExponent: Uint8Array.of(1, 0, 1), hash: 'SHA-256' }, true, ['sign', 'verify']);
    const rsaCert = parseCertificate(await createTestCertificate({ publicKey: rsa.publicKey, signingKey: rsa.privateKey }));
    assert.deepEqual(rsaCert.publicKey, { kty: 'RSA', modulusBits: 2048, pssOnly: false });
    assert.equal(await verifyCertificateSignature(rsaCert, rsaCert), true);
  });
  it('imports an RSA key marked RSASSA-PSS-only (id-RSASSA-PSS in its SPKI) for PS256 only', async () => {
    const rsa = await crypto.subtle.generateKey({ name: 'RSA-PSS', modulusLength: 2048, publicExponent: Uint8Array.of(1, 0, 1), hash: 'SHA-256' }, true, ['sign', 'verify']);
    const spki = new Uint8Array(await crypto.subtle.exportKey('spki', rsa.publicKey));
    const rsaEncryption = [0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x01];
    const at = spki.findIndex((_, i) => rsaEncryption.every((b, j) => spki[i + j] === b));
    assert.ok(at > 0);
    spki[at + rsaEncryption.length - 1] = 0x0a; // 1.2.840.113549.1.1.10
    const cert = parseCertificate(await createTestCertificate({ publicKey: rsa.publicKey, signingKey: rsa.privateKey, subjectPublicKeyInfo: spki }));
    assert.equal(cert.publicKey.pssOnly, true);
    const key = await importCertificateKey(cert, 'PS256');
    assert.equal(key.algorithm.name, 'RSA-PSS');
    assert.equal(await importCertificateKey(cert, 'RS256'), undefined);
    const data = new TextEncoder().encode('pss only');
    const signature = await crypto.subtle.sign({ name: 'RSA-PSS', saltLength: 32 }, rsa.privateKey, data);
    assert.equal(await crypto.subtle.verify({ name: 'RSA-PSS', saltLength: 32 }, key, signature, data), true);
  });
  it('refuses what is not strict DER', async () => {
    const keys = await ec();
    const der = await createTestCertificate({ publicKey: keys.publicKey, signingKey: keys.privateKey });
    assert.equal(parseCertificate(new Uint8Array(0)), undefined);
    assert.equal(parseCertificate(der.subarray(0, der.length - 1)), undefined);      // truncated
    assert.equal(parseCertificate(Uint8Array.of(...der, 0)), undefined);             // trailing byte
    const indefinite = der.slice(); indefinite[1] = 0x80;                             // BER indefinite length
    assert.equal(parseCertificate(indefinite), undefined);
    assert.equal(parseCertificate('MIIB'), undefined);
  });
});
