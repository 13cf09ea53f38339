// EU DCC rows for `npm run bench`: our full verify() of an HC1: pass against
// the bare WebCrypto signature check of the same COSE (key imported and
// Sig_structure built beforehand), in the same run, for ES256 and PS256.
import { createTrustStore, createVerifier } from '@pass-check/verifier-core';
import { createDccSigner, decodeBase45, inflateZlib, parseCertificate, parseCoseSign1, sigStructure } from '@pass-check/verifier-core/testing';

const PASSES = 50;
const ROUNDS = 15;
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** Rounds of both, interleaved, so machine load falls on both alike; medians per pass. */
async function timeBoth(inputsA, runA, inputsB, runB) {
  for (let w = 0; w < 5; w++) {
    for (const x of inputsA) await runA(x); // warm-up: let the JIT settle
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

async function row(alg) {
  const signer = await createDccSigner({ country: 'AT', alg });
  const trust = createTrustStore();
  await trust.addDccSigner({ certificate: signer.certificate });
  const verifier = createVerifier({ trust });
  const kinds = ['vaccination', 'test', 'recovery'];
  const texts = [];
  for (let i = 0; i < PASSES; i++) texts.push(await signer.issue({ kind: kinds[i % 3] }));

  // The bare check: only crypto.subtle.verify, everything it needs prepared outside the timing.
  const params = alg === 'ES256' ? { name: 'ECDSA', hash: 'SHA-256' } : { name: 'RSA-PSS', saltLength: 32 };
  const spki = parseCertificate(signer.certificateDer).subjectPublicKeyInfo;
  const key = await crypto.subtle.importKey('spki', spki, alg === 'ES256' ? { name: 'ECDSA', namedCurve: 'P-256' } : { name: 'RSA-PSS', hash: 'SHA-256' }, false, ['verify']);
  const prepared = texts.map((t) => {
    const cose = parseCoseSign1(inflateZlib(decodeBase45(t.slice(4)), 1 << 16)).cose;
    return { signature: cose.signature, signed: sigStructure(cose) };
  });
  for (const t of texts) {
    const r = await verifier.verify(t);
    if (r.status !== 'valid') throw new Error(`bench pass did not verify: ${JSON.stringify(r.errors)}`);
  }
  for (const p of prepared) if (!(await crypto.subtle.verify(params, key, p.signature, p.signed))) throw new Error('bare check failed');

  const [oursMs, bareMs] = await timeBoth(texts, (t) => verifier.verify(t), prepared, (p) => crypto.subtle.verify(params, key, p.signature, p.signed));
  return { name: `dcc ${alg} (verify vs bare COSE sig)`, passes: PASSES, oursMs, bareMs };
}

export default async function dccRows() {
  return [await row('ES256'), await row('PS256')];
}
