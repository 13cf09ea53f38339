// IBM Digital Health Pass rows for `npm run bench`: our full verify() of a
// credential (JSON text, or base64 with four obfuscated fields) against the
// bare WebCrypto ECDSA check of the same signed text (key imported, canonical
// text and raw signature prepared beforehand), in the same run.
import { createTrustStore, createVerifier } from '@pass-check/verifier-core';
import { createIdhpIssuer, derToRawEcdsa, idhpQrText, idhpSignedText } from '@pass-check/verifier-core/testing';

const PASSES = 50;
const ROUNDS = 15;
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const fromBase64Url = (s) => Uint8Array.from(atob(s.replace(/-/g, '+').replace(/_/g, '/')), (c) => c.charCodeAt(0));

/** Rounds of both, interleaved, so machine load falls on both alike; medians per pass. */
async function timeBoth(inputsA, runA, inputsB, runB) {
  for (let w = 0; w < 5; w++) {
    for (const x of inputsA) await runA(x);
    for (const x of inputsB) await runB(x);
  }
  const a = [], b = [];
  for (let r = 0; r < ROUNDS; r++) {
    let t0 = performance.now();
    for (const x of inputsA) await runA(x);
    a.push((performance.now() - t0) / inputsA.length);
    t0 = performance.now();
    for (const x of inputsB) await runB(x);
    b.push((performance.now() - t0) / inputsB.length);
  }
  return [median(a), median(b)];
}

async function row(name, options, form) {
  const issuer = await createIdhpIssuer();
  const trust = createTrustStore();
  await trust.addIdhpIssuer(issuer.trustEntry);
  const verifier = createVerifier({ trust });
  const credentials = [];
  for (let i = 0; i < PASSES; i++) credentials.push(i % 2 ? await issuer.issueTest(options) : await issuer.issueVaccination(options));
  const texts = credentials.map((c) => idhpQrText(c, form));
  for (const t of texts) {
    const r = await verifier.verify(t);
    if (r.status !== 'valid') throw new Error(`bench pass did not verify: ${JSON.stringify(r.errors)}`);
  }
  const key = await crypto.subtle.importKey('jwk', issuer.trustEntry.publicKeys[0].publicKeyJwk, { name: 'ECDSA', namedCurve: 'P-256' }, false, ['verify']);
  const params = { name: 'ECDSA', hash: 'SHA-256' };
  const prepared = credentials.map((c) => ({ signed: new TextEncoder().encode(idhpSignedText(c)), signature: derToRawEcdsa(fromBase64Url(c.proof.signatureValue)) }));
  for (const p of prepared) if (!(await crypto.subtle.verify(params, key, p.signature, p.signed))) throw new Error('bare check failed');

  const [oursMs, bareMs] = await timeBoth(texts, (t) => verifier.verify(t), prepared, (p) => crypto.subtle.verify(params, key, p.signature, p.signed));
  return { name, passes: PASSES, oursMs, bareMs };
}

export default async function idhpRows() {
  return [
    await row('idhp JSON (verify vs bare ECDSA)', {}, 'json'),
    await row('idhp base64, 4 fields obfuscated', { obfuscate: ['recipient.givenName', 'recipient.middleName', 'recipient.familyName', 'recipient.birthDate'] }, 'base64'),
  ];
}
