// SMART Health Cards: our full verify() per card (QR text → decode → inflate →
// signature → time/revocation → FHIR → result) against a bare jose ES256
// compactVerify of the same JWS with a pre-imported key: the irreducible cost.
import { performance } from 'node:perf_hooks';
import { compactVerify, importJWK } from 'jose';
import { createTrustStore, createVerifier } from '@pass-check/verifier-core';
import { createShcIssuer } from '@pass-check/verifier-core/testing';

const CARDS = 50;
const PASSES = 21;
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** CPU time of the whole process (every thread: WebCrypto may verify off the main thread), in ms; BENCH_WALL=1: wall-clock time. */
const cpuMs = () => { const { user, system } = process.cpuUsage(); return (user + system) / 1000; };
const nowMs = process.env.BENCH_WALL ? () => performance.now() : cpuMs;

/**
 * Mean CPU time per card of each runner, median over passes, in ms. CPU time
 * rather than wall time, and runners taking turns within every pass: on a
 * shared machine other processes then slow neither side of the comparison.
 */
async function timePerCard(inputs, runners) {
  for (const run of runners) for (const x of inputs) await run(x); // warm-up
  const perPass = runners.map(() => []);
  for (let p = 0; p < PASSES; p++) {
    for (const [i, run] of runners.entries()) {
      const t0 = nowMs();
      for (const x of inputs) await run(x);
      perPass[i].push((nowMs() - t0) / inputs.length);
    }
  }
  return perPass.map(median);
}

export default async function benchShc() {
  const issuer = await createShcIssuer({ iss: 'https://bench.example.org' });
  const trust = createTrustStore();
  await trust.addShcIssuer(issuer.trustEntry({ rids: ['revoked1', 'revoked2'] }));
  const verifier = createVerifier({ trust });
  const cards = [];
  for (let i = 0; i < CARDS; i++) {
    cards.push(await issuer.issue(i % 5 === 4
      ? { test: { loinc: '94500-6', result: '260385009', collected: new Date().toISOString() } }
      : { patient: { given: [`Person${i}`], family: 'Bench', birthDate: '1980-01-01' } }));
  }
  const key = await importJWK(issuer.publicJwk, 'ES256');
  for (const c of cards) if ((await verifier.verify(c.numeric)).status !== 'valid') throw new Error('bench card did not verify');

  const chunkSets = cards.map((c) => c.chunks(2));
  const [bare, numeric, jws, chunked] = await timePerCard(cards.map((c, i) => ({ ...c, chunkSet: chunkSets[i] })), [
    (c) => compactVerify(c.jws, key, { algorithms: ['ES256'] }),
    (c) => verifier.verify(c.numeric),
    (c) => verifier.verify(c.jws),
    (c) => verifier.verify(c.chunkSet),
  ]);
  return [
    { name: 'shc numeric QR', passes: PASSES, oursMs: numeric, bareMs: bare },
    { name: 'shc bare JWS', passes: PASSES, oursMs: jws, bareMs: bare },
    { name: 'shc 2 chunks', passes: PASSES, oursMs: chunked, bareMs: bare },
  ];
}
