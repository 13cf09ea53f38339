// IBM Digital Health Pass rows for `npm run bench`: our full verify() of a
// credential (JSON text, or base64 with four obfuscated fields) against the
// bare WebCrypto ECDSA check of the same signed text (key imported, canonical
// text and raw signature prepared beforehand), in the same run.
import { createTrustStore, createVerifier } from '@pass-check/verifier-core';
import { createIdhpIssuer, derToRawEcdsa, idhpQrText, idhpSignedText } from '@pass-check/verifier-core/testing';
import { rowsOf, timeRunners } from './timing.mjs';

const PASSES = 50;
const fromBase64Url = (s) => Uint8Array.from(atob(s.replace(/-/g, '+').replace(/_/g, '/')), (c) => c.charCodeAt(0));

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

  return rowsOf(name, PASSES, await timeRunners([
    { inputs: texts, run: (t) => verifier.verify(t) },
    { inputs: prepared, run: (p) => crypto.subtle.verify(params, key, p.signature, p.signed) },
  ]));
}

export default async function idhpRows() {
  return [
    ...await row('idhp JSON', {}, 'json'),
    ...await row('idhp base64, 4 obfuscated', { obfuscate: ['recipient.givenName', 'recipient.middleName', 'recipient.familyName', 'recipient.birthDate'] }, 'base64'),
  ];
}
