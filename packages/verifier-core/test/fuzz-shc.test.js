// Property-based robustness: mutated SHC inputs of every layer give a result or a
// VerifierError with a stable code; nothing else escapes, nothing hangs.
import { describe, it, before } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { createTrustStore, createVerifier, ErrorCodes } from '@pass-check/verifier-core';
import {
  createShcIssuer, decodeShcNumeric, assembleShcChunks, parseShcJws, readShcBundle, inflateRaw, shcFhirBundle,
} from '@pass-check/verifier-core/testing';
import { pathsOf } from './fuzz-helpers.js';

const RUNS = 10_000;
const isVerifierError = (e) => e?.name === 'VerifierError' && ErrorCodes.includes(e.code);
/** Runs `fn`; a VerifierError is an answer, any other exception fails the property. */
function answers(fn) {
  try { fn(); return true; } catch (e) { if (!isVerifierError(e)) throw e; return false; }
}

const alphabetFor = (text) => [...new Set(text)].concat(['.', '/', '0', '9', '=', ' ', '{', '"', '\u00e9']);
/** Edits of a seed text: replace, insert, delete, truncate, repeat a slice. */
function mutatedText(seed) {
  const alphabet = alphabetFor(seed);
  const edit = fc.oneof(
    fc.record({ op: fc.constant('replace'), at: fc.nat(), ch: fc.constantFrom(...alphabet) }),
    fc.record({ op: fc.constant('insert'), at: fc.nat(), ch: fc.constantFrom(...alphabet) }),
    fc.record({ op: fc.constant('delete'), at: fc.nat(), n: fc.integer({ min: 1, max: 8 }) }),
    fc.record({ op: fc.constant('truncate'), at: fc.nat() }),
    fc.record({ op: fc.constant('repeat'), at: fc.nat(), n: fc.integer({ min: 1, max: 40 }) }),
  );
  return fc.array(edit, { minLength: 1, maxLength: 4 }).map((edits) => {
    let s = seed;
    for (const e of edits) {
      const at = s.length ? e.at % s.length : 0;
      if (e.op === 'replace') s = s.slice(0, at) + e.ch + s.slice(at + 1);
      else if (e.op === 'insert') s = s.slice(0, at) + e.ch + s.slice(at);
      else if (e.op === 'delete') s = s.slice(0, at) + s.slice(at + e.n);
      else if (e.op === 'truncate') s = s.slice(0, at);
      else s = s.slice(0, at) + s.slice(at, at + e.n).repeat(3) + s.slice(at);
    }
    return s;
  });
}

function mutatedBundle(seed) {
  const all = pathsOf(seed).filter((p) => p.length > 0);
  const edit = fc.record({ at: fc.nat(), remove: fc.boolean(), value: fc.jsonValue({ maxDepth: 2 }) });
  return fc.array(edit, { minLength: 1, maxLength: 3 }).map((edits) => {
    const copy = structuredClone(seed);
    for (const e of edits) {
      const path = all[e.at % all.length];
      let parent = copy;
      for (const k of path.slice(0, -1)) { if (typeof parent !== 'object' || parent === null) break; parent = parent[k]; }
      if (typeof parent !== 'object' || parent === null) continue;
      const last = path[path.length - 1];
      if (e.remove) delete parent[last]; else parent[last] = e.value;
    }
    return copy;
  });
}

let card, verifier;
before(async () => {
  const issuer = await createShcIssuer({ iss: 'https://fuzz.example.org' });
  card = await issuer.issue({ doses: [{ cvx: '208', date: '2021-01-01', performer: 'Clinic' }, { cvx: '208', date: '2021-01-22' }] });
  const trust = createTrustStore();
  await trust.addShcIssuer(issuer.trustEntry({ rids: ['abc'] }));
  verifier = createVerifier({ trust });
});

describe('SHC fuzzing (fast-check)', () => {
  it(`numeric decoder: ${RUNS} mutated QR texts, single and chunked`, () => {
    const chunks = card.chunks(3);
    fc.assert(fc.property(mutatedText(card.numeric), fc.nat(2), mutatedText(chunks[1]), (single, which, chunk) => {
      answers(() => decodeShcNumeric(single));
      const set = [...chunks];
      set[which] = chunk;
      answers(() => assembleShcChunks(set, 32));
    }), { numRuns: RUNS });
  });

  it(`JWS parser (and the inflate under it): ${RUNS} mutated compact JWS`, () => {
    let parsed = 0;
    fc.assert(fc.property(mutatedText(card.jws), (jws) => { if (answers(() => parseShcJws(jws))) parsed++; }), { numRuns: RUNS });
    assert.ok(parsed > 0, 'some mutations (e.g. in the signature) still parse');
  });

  it(`inflate: ${RUNS} mutated and random DEFLATE streams`, () => {
    const [, payload] = card.jws.split('.');
    const compressed = Uint8Array.from(atob(payload.replace(/-/g, '+').replace(/_/g, '/')), (c) => c.charCodeAt(0));
    const mutated = fc.tuple(fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { maxLength: 4 }), fc.nat()).map(([flips, cut]) => {
      const bytes = compressed.slice(0, compressed.length - (cut % 4));
      for (const [at, v] of flips) bytes[at % bytes.length] = v;
      return bytes;
    });
    fc.assert(fc.property(fc.oneof(mutated, fc.uint8Array({ maxLength: 300 })), (bytes) => { answers(() => inflateRaw(bytes, 64 * 1024)); }), { numRuns: RUNS });
  });

  it(`FHIR bundle parser: ${RUNS} mutated bundles`, () => {
    let refused = 0;
    const seeds = [shcFhirBundle(), shcFhirBundle({ test: { loinc: '94558-4', result: '260385009', collected: '2021-01-01T00:00:00Z' } })];
    fc.assert(fc.property(fc.oneof(...seeds.map(mutatedBundle)), fc.boolean(), (bundle, required) => {
      if (!answers(() => readShcBundle(bundle, required))) refused++;
    }), { numRuns: RUNS });
    assert.ok(refused > 0);
  });

  it('a coding code that is an object (no usable toString) or a prototype name is no result code, never a TypeError', () => {
    // Found by the fuzzer above (seed -89235685): String({ toString: false }) throws.
    for (const code of [{ toString: false }, 'constructor', '__proto__', 'toString', 42, null]) {
      for (const field of ['valueCodeableConcept', 'code']) {
        const bundle = shcFhirBundle({ test: { loinc: '94558-4', result: '260385009', collected: '2021-01-01T00:00:00Z' } });
        const observation = bundle.entry.find((e) => e.resource.resourceType === 'Observation').resource;
        observation[field].coding[0].code = code;
        for (const required of [true, false]) {
          let read;
          answers(() => { read = readShcBundle(bundle, required); });
          if (field === 'valueCodeableConcept') assert.equal(read?.credential.result, 'unknown', `code ${JSON.stringify(code)}`);
        }
      }
    }
  });

  it('verify(): 1,000 mutated cards of every encoding give a result, never an exception', async () => {
    await fc.assert(fc.asyncProperty(fc.oneof(mutatedText(card.numeric), mutatedText(card.jws), mutatedText(card.file)), async (text) => {
      const r = await verifier.verify(text);
      assert.ok(['valid', 'invalid', 'incomplete'].includes(r.status));
      assert.ok(r.errors.every((e) => ErrorCodes.includes(e.code) && typeof e.message === 'string'));
    }), { numRuns: 1000 });
  });
});
