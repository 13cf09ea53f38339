// EU DCC rows for `npm run bench`: our full verify() of an HC1: pass against
// the bare WebCrypto signature check of the same COSE (key imported and
// Sig_structure built beforehand), in the same run, for ES256 and PS256, and for
// ES256 with a revocation list of each hash type loaded (the bare check is unchanged).
import { createTrustStore, createVerifier } from '@pass-check/verifier-core';
import { createDccSigner, dccRevocationList, decodeBase45, inflateZlib, parseCertificate, parseCoseSign1, sigStructure } from '@pass-check/verifier-core/testing';

import { rowsOf, timeRunners } from './timing.mjs';

const PASSES = 50;

/**
 * The two runners of a DCC row on the same 50 passes: `ours`, verify() of the HC1: text, and
 * `bare`, crypto.subtle.verify alone with everything it needs prepared outside the timing.
 * Both are checked to succeed before they are returned.
 */
export async function dccRunners(alg, { revocationLists = false } = {}) {
  const signer = await createDccSigner({ country: 'AT', alg });
  const trust = createTrustStore();
  await trust.addDccSigner({ certificate: signer.certificate });
  if (revocationLists) {
    // One list of each hash type, none naming the bench passes: every scan hashes and looks up, and stays valid.
    const other = await signer.issue({ kind: 'test' });
    for (const hashType of ['UVCI', 'COUNTRYCODEUVCI', 'SIGNATURE']) await trust.addDccRevocations(await dccRevocationList(other, hashType));
  }
  const verifier = createVerifier({ trust });
  const kinds = ['vaccination', 'test', 'recovery'];
  const texts = [];
  for (let i = 0; i < PASSES; i++) texts.push(await signer.issue({ kind: kinds[i % 3] }));

  const params = alg === 'ES256' ? { name: 'ECDSA', hash: 'SHA-256' } : { name: 'RSA-PSS', saltLength: 32 };
  const spki = parseCertificate(signer.certificateDer).subjectPublicKeyInfo;
  const key = await crypto.subtle.importKey('spki', spki, alg === 'ES256' ? { name: 'ECDSA', namedCurve: 'P-256' } : { name: 'RSA-PSS', hash: 'SHA-256' }, false, ['verify']);
  const prepared = texts.map((t) => {
    const cose = parseCoseSign1(inflateZlib(decodeBase45(t, 4), 1 << 16)).cose;
    return { signature: cose.signature, signed: sigStructure(cose) };
  });
  for (const t of texts) {
    const r = await verifier.verify(t);
    if (r.status !== 'valid' || r.revocationChecked !== revocationLists) throw new Error(`bench pass did not verify as expected: ${JSON.stringify(r)}`);
  }
  for (const p of prepared) if (!(await crypto.subtle.verify(params, key, p.signature, p.signed))) throw new Error('bare check failed');
  return {
    ours: { inputs: texts, run: (x) => verifier.verify(x) },
    bare: { inputs: prepared, run: (p) => crypto.subtle.verify(params, key, p.signature, p.signed) },
  };
}

async function row(alg, { revocationLists = false } = {}) {
  const { ours, bare } = await dccRunners(alg, { revocationLists });
  return rowsOf(`dcc ${alg}${revocationLists ? ', 3 revocation lists' : ''}`, PASSES, await timeRunners([ours, bare]));
}

export default async function dccRows() {
  return [...await row('ES256'), ...await row('PS256'), ...(await row('ES256', { revocationLists: true })).slice(0, 1)];
}
