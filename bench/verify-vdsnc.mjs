// ICAO VDS-NC rows for `npm run bench`: our full verify() of a seal's JSON text
// (parse, RFC 8785, signer certificate chained to the CSCA, CRL) against the
// bare WebCrypto ECDSA check of the same canonical bytes (the signer's key
// imported and the canonical text prepared beforehand), in the same run.
import { createTrustStore, createVerifier } from '@pass-check/verifier-core';
import { canonicalizeJcs, createVdsncCsca, parseCertificate } from '@pass-check/verifier-core/testing';
import { rowsOf, timeRunners } from './timing.mjs';

const PASSES = 50;
const fromBase64Url = (s) => Uint8Array.from(atob(s.replace(/-/g, '+').replace(/_/g, '/')), (c) => c.charCodeAt(0));

export default async function vdsncRows() {
  const ca = await createVdsncCsca();
  const signer = await ca.createSigner();
  const trust = createTrustStore();
  await trust.addVdsncCsca(ca.bundleEntry([await ca.crl()]));
  const verifier = createVerifier({ trust });
  const texts = [];
  for (let i = 0; i < PASSES; i++) texts.push(await signer.issue(i % 2 ? { type: 'icao.test' } : {}));
  for (const t of texts) {
    const r = await verifier.verify(t);
    if (r.status !== 'valid') throw new Error(`bench pass did not verify: ${JSON.stringify(r.errors)}`);
  }
  const spki = parseCertificate(signer.certificateDer).subjectPublicKeyInfo;
  const key = await crypto.subtle.importKey('spki', spki, { name: 'ECDSA', namedCurve: 'P-256' }, false, ['verify']);
  const params = { name: 'ECDSA', hash: 'SHA-256' };
  const prepared = texts.map((t) => { const s = JSON.parse(t); return { signed: new TextEncoder().encode(canonicalizeJcs(s.data)), signature: fromBase64Url(s.sig.sigvl) }; });
  for (const p of prepared) if (!(await crypto.subtle.verify(params, key, p.signature, p.signed))) throw new Error('bare check failed');
  return rowsOf('vdsnc JSON seal, CSCA + CRL', PASSES, await timeRunners([
    { inputs: texts, run: (t) => verifier.verify(t) },
    { inputs: prepared, run: (p) => crypto.subtle.verify(params, key, p.signature, p.signed) },
  ]));
}
