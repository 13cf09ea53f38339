// DIVOC rows for `npm run bench`: our full verify() of the QR's ZIP bytes
// (unzip, JSON-LD URDNA2015 of proof options and credential, signature) against
// the bare WebCrypto check of the same signed bytes (JWS header + the two
// SHA-256 hashes, prepared beforehand), in the same run. Canonicalisation is
// most of the cost, so fewer passes and rounds than the other formats.
import { createTrustStore, createVerifier } from '@pass-check/verifier-core';
import { createDivocIssuer, divocQrBytes, sha256Sync } from '@pass-check/verifier-core/testing';
import { canonizeAsDivocSigned } from '@pass-check/verifier-core/divoc-canon';
import { rowsOf, timeRunners } from './timing.mjs';

const PASSES = 10;
const fromBase64Url = (s) => Uint8Array.from(atob(s.replace(/-/g, '+').replace(/_/g, '/')), (c) => c.charCodeAt(0));
const utf8 = (s) => new TextEncoder().encode(s);

async function row(keyType) {
  const issuer = await createDivocIssuer({ keyType });
  const trust = createTrustStore();
  await trust.addDivocIssuer(issuer.bundleEntry());
  const verifier = createVerifier({ trust });
  const certificates = [];
  for (let i = 0; i < PASSES; i++) certificates.push(await issuer.issue({ dose: 1 + (i % 2) }));
  const zips = await Promise.all(certificates.map((c) => divocQrBytes(c)));
  for (const z of zips) {
    const r = await verifier.verify(z);
    if (r.status !== 'valid') throw new Error(`bench pass did not verify: ${JSON.stringify(r.errors)}`);
  }
  const der = Uint8Array.from(atob(issuer.publicKeyPem.replace(/-----[A-Z ]+-----|\s/g, '')), (c) => c.charCodeAt(0));
  const algorithm = keyType === 'rsa' ? { name: 'RSA-PSS', hash: 'SHA-256' } : { name: 'Ed25519' };
  const params = keyType === 'rsa' ? { name: 'RSA-PSS', saltLength: 32 } : { name: 'Ed25519' };
  const key = await crypto.subtle.importKey('spki', der, algorithm, false, ['verify']);
  const prepared = [];
  for (const c of certificates) {
    const { proof, ...credential } = c;
    const { jws, ...options } = proof;
    const [header, signature] = jws.split('..');
    const a = sha256Sync(utf8(await canonizeAsDivocSigned({ ...options, '@context': 'https://w3id.org/security/v2' })));
    const b = sha256Sync(utf8(await canonizeAsDivocSigned(credential)));
    const head = utf8(`${header}.`);
    const signed = new Uint8Array(head.length + 64);
    signed.set(head); signed.set(a, head.length); signed.set(b, head.length + 32);
    prepared.push({ signed, signature: fromBase64Url(signature) });
  }
  for (const p of prepared) if (!(await crypto.subtle.verify(params, key, p.signature, p.signed))) throw new Error('bare check failed');
  return rowsOf(`divoc ZIP, ${keyType === 'rsa' ? 'RsaSignature2018' : 'Ed25519Signature2018'}`, PASSES, await timeRunners([
    { inputs: zips, run: (z) => verifier.verify(z) },
    { inputs: prepared, run: (p) => crypto.subtle.verify(params, key, p.signature, p.signed) },
  ], { rounds: 5, minWarmupRounds: 3 }));
}

export default async function divocRows() {
  return [...await row('ed25519'), ...await row('rsa')];
}
