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
/** CPU time of the whole process, every thread included (WebCrypto may verify off the main thread), in ms. */
const cpuMs = () => { const { user, system } = process.cpuUsage(); return (user + system) / 1000; };
const wallMs = () => performance.now();

/**
 * Mean time per card of each runner, median over passes, in ms. The runners
 * take turns within every pass, so a busy machine slows them alike.
 */
async function timePerCard(inputs, runners, clock) {
  for (const run of runners) for (const x of inputs) await run(x); // warm-up
  const perPass = runners.map(() => []);
  for (let p = 0; p < PASSES; p++) {
    for (const [i, run] of runners.entries()) {
      const t0 = clock();
      for (const x of inputs) await run(x);
      perPass[i].push((clock() - t0) / inputs.length);
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
    const card = await issuer.issue(i % 5 === 4
      ? { test: { loinc: '94500-6', result: '260385009', collected: new Date().toISOString() } }
      : { patient: { given: [`Person${i}`], family: 'Bench', birthDate: '1980-01-01' } });
    cards.push({ ...card, chunkSet: card.chunks(2) });
  }
  const key = await importJWK(issuer.publicJwk, 'ES256');
  for (const c of cards) if ((await verifier.verify(c.numeric)).status !== 'valid') throw new Error('bench card did not verify');

  const bare = (c) => compactVerify(c.jws, key, { algorithms: ['ES256'] });
  const [bareCpu, numericCpu, jwsCpu, chunkedCpu] = await timePerCard(cards, [
    bare, (c) => verifier.verify(c.numeric), (c) => verifier.verify(c.jws), (c) => verifier.verify(c.chunkSet),
  ], cpuMs);
  const [bareWall, numericWall] = await timePerCard(cards, [bare, (c) => verifier.verify(c.numeric)], wallMs);
  return [
    { name: 'shc numeric QR (cpu)', passes: CARDS, oursMs: numericCpu, bareMs: bareCpu },
    { name: 'shc bare JWS (cpu)', passes: CARDS, oursMs: jwsCpu, bareMs: bareCpu },
    { name: 'shc 2 chunks (cpu)', passes: CARDS, oursMs: chunkedCpu, bareMs: bareCpu },
    { name: 'shc numeric QR (wall)', passes: CARDS, oursMs: numericWall, bareMs: bareWall },
  ];
}
