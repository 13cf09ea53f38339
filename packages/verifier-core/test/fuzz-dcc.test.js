// Property-based robustness of the DCC decoding stages: mutated real passes
// (bit flips, byte changes, insertions, deletions, truncation) must come back
// as a value or a defined failure, never an unexpected exception or a hang.
// Runs in Node and in Chromium.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { createTrustStore, createVerifier } from '@pass-check/verifier-core';
import {
  createDccSigner, decodeBase45, encodeBase45, decodeCbor, parseCoseSign1, inflateZlib, decoderWork, MAX_DCC_COSE_BYTES,
} from '@pass-check/verifier-core/testing';

const RUNS = 10_000;
const seeds = (async () => {
  const signers = [await createDccSigner({ country: 'AT' }), await createDccSigner({ country: 'DE', alg: 'PS256' })];
  const texts = [];
  for (const signer of signers) {
    for (const kind of ['vaccination', 'test', 'recovery']) texts.push(await signer.issue({ kind }));
  }
  const zlib = texts.map((t) => decodeBase45(t.slice(4)));
  const cose = zlib.map((z) => inflateZlib(z, 1 << 16));
  const payloads = cose.map((c) => parseCoseSign1(c).cose.payload);
  return { signers, texts, zlib, cose, payloads };
})();

const mutation = fc.record({
  at: fc.nat(),
  op: fc.constantFrom('flip', 'set', 'insert', 'delete', 'truncate'),
  byte: fc.integer({ min: 0, max: 255 }),
  bit: fc.integer({ min: 0, max: 7 }),
});

function mutateBytes(bytes, mutations) {
  let out = Array.from(bytes);
  for (const m of mutations) {
    const i = out.length ? m.at % out.length : 0;
    if (m.op === 'flip' && out.length) out[i] ^= 1 << m.bit;
    else if (m.op === 'set' && out.length) out[i] = m.byte;
    else if (m.op === 'insert') out.splice(i, 0, m.byte);
    else if (m.op === 'delete') out.splice(i, 1);
    else if (m.op === 'truncate') out = out.slice(0, i);
  }
  return Uint8Array.from(out);
}

/** A mutated seed, or (one case in eight) random bytes. */
const mutatedFrom = (list) => fc.oneof(
  { weight: 7, arbitrary: fc.tuple(fc.nat({ max: list.length - 1 }), fc.array(mutation, { minLength: 1, maxLength: 6 })).map(([s, ms]) => mutateBytes(list[s], ms)) },
  { weight: 1, arbitrary: fc.uint8Array({ maxLength: 600 }) },
);

describe('DCC decoding stages under 10,000 mutated inputs each', () => {
  it('base45: a byte array or undefined', async () => {
    const { texts } = await seeds;
    const chars = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:#abcé\u0000';
    const textMutation = fc.tuple(fc.nat({ max: texts.length - 1 }), fc.array(fc.tuple(fc.nat(), fc.nat({ max: chars.length - 1 }), fc.constantFrom('set', 'insert', 'delete')), { minLength: 1, maxLength: 6 }));
    let decoded = 0;
    fc.assert(fc.property(textMutation, ([s, edits]) => {
      let t = texts[s].slice(4);
      for (const [at, c, op] of edits) {
        const i = at % (t.length + 1);
        t = op === 'set' ? t.slice(0, i) + chars[c] + t.slice(i + 1) : op === 'insert' ? t.slice(0, i) + chars[c] + t.slice(i) : t.slice(0, i) + t.slice(i + 1);
      }
      const out = decodeBase45(t);
      if (out === undefined) return true;
      decoded++;
      // Whatever decodes must re-encode to the same text: there is exactly one base45 text per byte string.
      return out instanceof Uint8Array && encodeBase45(out) === t;
    }), { numRuns: RUNS });
    assert.ok(decoded > 0, 'some mutations (e.g. in-alphabet substitutions) still decode');
  });

  it('inflate: bytes within the cap or VerifierError BAD_COMPRESSION', async () => {
    const { zlib } = await seeds;
    const cap = 4096;
    fc.assert(fc.property(mutatedFrom(zlib), (bytes) => {
      try {
        const out = inflateZlib(bytes, cap);
        return out instanceof Uint8Array && out.length <= cap;
      } catch (e) {
        return e?.name === 'VerifierError' && e.code === 'BAD_COMPRESSION';
      }
    }), { numRuns: RUNS });
  });

  it('CBOR: a value or an error, never an exception', async () => {
    const { cose, payloads } = await seeds;
    fc.assert(fc.property(mutatedFrom([...cose, ...payloads]), (bytes) => {
      const r = decodeCbor(bytes);
      return (r.error === undefined) !== (typeof r.error === 'string');
    }), { numRuns: RUNS });
  });

  it('COSE: a message or a MALFORMED/BAD_HEADER error, never an exception', async () => {
    const { cose } = await seeds;
    fc.assert(fc.property(mutatedFrom(cose), (bytes) => {
      const r = parseCoseSign1(bytes);
      return r.cose !== undefined || r.error === 'MALFORMED' || r.error === 'BAD_HEADER';
    }), { numRuns: RUNS });
  });

  it('verify(): mutated HC1 texts give a result with stable codes, never an exception', async () => {
    const { signers, zlib } = await seeds;
    const trust = createTrustStore();
    for (const s of signers) await trust.addDccSigner({ certificate: s.certificate });
    const verifier = createVerifier({ trust });
    await fc.assert(fc.asyncProperty(mutatedFrom(zlib), async (bytes) => {
      const r = await verifier.verify('HC1:' + encodeBase45(bytes));
      // A mutated pass may only pass if the mutation left the signed bytes intact (e.g. a changed unprotected header).
      return r.status === 'valid' ? r.errors.length === 0 : r.status === 'invalid' && r.errors.length > 0;
    }), { numRuns: 1000 });
  });
});

/** What `run` made the decoders do: inflate and CBOR calls, bytes and items (see decoderWork). */
async function workOf(run) {
  const before = { ...decoderWork };
  const result = await run();
  const spent = Object.fromEntries(Object.entries(decoderWork).map(([k, v]) => [k, v - before[k]]));
  return { result, spent };
}

const deflate = async (bytes) => new Uint8Array(await new Response(new Blob([bytes]).stream().pipeThrough(new CompressionStream('deflate'))).arrayBuffer());

// Bounded work, not wall time (which a loaded machine cannot promise): each bomb stops at a cap.
describe('DCC bombs stop at their caps', () => {
  it('a zlib bomb stops at the output cap, having read a sliver of its input', async () => {
    const bomb = await deflate(new Uint8Array(8 << 20)); // ~8 KB that inflate to 8 MB
    const verifier = createVerifier({ trust: createTrustStore() });
    const { result, spent } = await workOf(() => verifier.verify('HC1:' + encodeBase45(bomb)));
    assert.deepEqual(result.errors.map((e) => e.code), ['BAD_COMPRESSION']);
    assert.equal(spent.inflateCalls, 1);
    // Stopped at the cap: within one longest match (258 bytes) of it, never past it.
    assert.ok(spent.inflateOutputBytes <= MAX_DCC_COSE_BYTES && spent.inflateOutputBytes > MAX_DCC_COSE_BYTES - 258, `${spent.inflateOutputBytes} bytes written`);
    assert.ok(spent.inflateInputBytes < bomb.length / 100, `${spent.inflateInputBytes} of ${bomb.length} bytes read`);
    assert.equal(spent.cborCalls, 0, 'nothing of a refused stream is parsed');
  });
  it('CBOR nesting and length bombs inside a pass give MALFORMED after a few items', async () => {
    const verifier = createVerifier({ trust: createTrustStore() });
    const nested = new Uint8Array(20_000).fill(0x81);
    const long = Uint8Array.of(0x84, 0x9b, 0x00, 0x00, 0x00, 0x00, 0xff, 0xff, 0xff, 0xff);
    for (const bomb of [nested, long]) {
      const { result, spent } = await workOf(async () => verifier.verify('HC1:' + encodeBase45(await deflate(bomb))));
      assert.deepEqual(result.errors.map((e) => e.code), ['MALFORMED']);
      assert.equal(spent.inflateOutputBytes, bomb.length);
      // The COSE envelope is read with a depth of 4: the bomb is refused within its first few items and bytes.
      assert.equal(spent.cborCalls, 1);
      assert.ok(spent.cborItems <= 8 && spent.cborBytes <= 16, `${spent.cborItems} items, ${spent.cborBytes} bytes read`);
    }
  });
});
