// EU DCC rows for `npm run bench`: our full verify() of an HC1: pass against
// the bare WebCrypto signature check of the same COSE (key imported and
// Sig_structure built beforehand), in the same run, for ES256 and PS256.
import { createTrustStore, createVerifier } from '@pass-check/verifier-core';
import { createDccSigner, decodeBase45, inflateZlib, parseCertificate, parseCoseSign1, sigStructure } from '@pass-check/verifier-core/testing';

const PASSES = 50;
const ROUNDS = 15;
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** CPU time of this process in ms (all threads: WebCrypto verifies on libuv's pool). */
const cpuMs = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1000; };

/**
 * Rounds of both, interleaved, so machine load falls on both alike; medians per
 * pass of wall time, and of CPU time (steadier on a shared, loaded machine).
 */
async function timeBoth(inputsA, runA, inputsB, runB) {
  for (let w = 0; w < 5; w++) {
    for (const x of inputsA) await runA(x); // warm-up: let the JIT settle
    for (const x of inputsB) await runB(x);
  }
  const wall = [[], []], cpu = [[], []];
  const one = async (k, inputs, run) => {
    const t0 = performance.now(), c0 = cpuMs();
    for (const x of inputs) await run(x);
    wall[k].push((performance.now() - t0) / inputs.length);
    cpu[k].push((cpuMs() - c0) / inputs.length);
  };
  for (let r = 0; r < ROUNDS; r++) {
    await one(0, inputsA, runA);
    await one(1, inputsB, runB);
  }
  return { wall: wall.map(median), cpu: cpu.map(median) };
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

  const t = await timeBoth(texts, (x) => verifier.verify(x), prepared, (p) => crypto.subtle.verify(params, key, p.signature, p.signed));
  return [
    { name: `dcc ${alg} wall`, passes: PASSES, oursMs: t.wall[0], bareMs: t.wall[1] },
    { name: `dcc ${alg} cpu`, passes: PASSES, oursMs: t.cpu[0], bareMs: t.cpu[1] },
  ];
}

export default async function dccRows() {
  return [...await row('ES256'), ...await row('PS256')];
}
