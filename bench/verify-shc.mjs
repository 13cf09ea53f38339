// SMART Health Cards: our full verify() per card (QR text → decode → inflate →
// signature → time/revocation → FHIR → result) against a bare jose ES256
// compactVerify of the same JWS with a pre-imported key: the irreducible cost.
import { compactVerify, importJWK } from 'jose';
import { createTrustStore, createVerifier } from '@pass-check/verifier-core';
import { createShcIssuer } from '@pass-check/verifier-core/testing';
import { rowsOf, timeRunners } from './timing.mjs';

const CARDS = 50;

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
  const [bareT, numeric, jws, chunked] = await timeRunners([bare, (c) => verifier.verify(c.numeric), (c) => verifier.verify(c.jws), (c) => verifier.verify(c.chunkSet)]
    .map((run) => ({ inputs: cards, run })));
  return [
    ...rowsOf('shc numeric QR', CARDS, [numeric, bareT]),
    ...rowsOf('shc bare JWS', CARDS, [jws, bareT], ['wallMedian']),
    ...rowsOf('shc 2 chunks', CARDS, [chunked, bareT], ['wallMedian']),
  ];
}
