import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import zlib from 'node:zlib';
import fc from 'fast-check';
import { inflateRaw, inflateZlib } from '@pass-check/verifier-core/testing';

const CAP = 1 << 16;
const isBadCompression = (e) => e?.name === 'VerifierError' && e.code === 'BAD_COMPRESSION';
/** Node's zlib as the reference; `undefined` when it refuses the stream. */
function reference(fn, bytes) {
  try { return new Uint8Array(fn(bytes, { maxOutputLength: CAP })); } catch { return undefined; }
}
/** Ours, with any exception other than BAD_COMPRESSION failing the test. */
function ours(fn, bytes) {
  try { return fn(bytes, CAP); } catch (e) { if (!isBadCompression(e)) throw e; return undefined; }
}

// Inputs that compress in every way deflate can: repeats (matches), noise (stored/literals), skewed text (dynamic codes).
const plainInputs = fc.oneof(
  fc.uint8Array({ maxLength: 3000 }),
  fc.array(fc.constantFrom(...'aaaaabbbccdeé {}":,0123'), { maxLength: 4000 }).map((a) => new TextEncoder().encode(a.join(''))),
  fc.tuple(fc.uint8Array({ minLength: 1, maxLength: 40 }), fc.integer({ min: 1, max: 300 })).map(([u, n]) => {
    const out = new Uint8Array(u.length * n);
    for (let i = 0; i < n; i++) out.set(u, i * u.length);
    return out;
  }),
);
const levels = fc.constantFrom(0, 1, 6, 9);
const strategies = fc.constantFrom(zlib.constants.Z_DEFAULT_STRATEGY, zlib.constants.Z_FIXED, zlib.constants.Z_HUFFMAN_ONLY, zlib.constants.Z_RLE);

describe('inflate against node:zlib', () => {
  it('decodes every stream zlib writes, at every level and strategy', () => {
    const shared = new Uint8Array(CAP);
    fc.assert(fc.property(plainInputs, levels, strategies, (plain, level, strategy) => {
      const options = { level, strategy };
      assert.deepEqual(inflateRaw(zlib.deflateRawSync(plain, options), CAP), plain);
      assert.deepEqual(inflateZlib(zlib.deflateSync(plain, options), CAP), plain);
      const into = inflateZlib(zlib.deflateSync(plain, options), CAP, shared);
      assert.deepEqual(into, plain);
      assert.equal(into.buffer, shared.buffer, 'decoded into the buffer given');
    }), { numRuns: 1500 });
  });

  it('agrees with zlib on 10,000+ mutated streams: same output, or a BAD_COMPRESSION error', () => {
    let accepted = 0;
    const shared = new Uint8Array(CAP);
    fc.assert(fc.property(
      plainInputs, levels,
      fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 4 }),
      (plain, level, flips) => {
        const raw = Uint8Array.from(zlib.deflateRawSync(plain, { level }));
        const wrapped = Uint8Array.from(zlib.deflateSync(plain, { level }));
        for (const [at, value] of flips) { raw[at % raw.length] = value; wrapped[at % wrapped.length] = value; }
        // zlib streams twice: into a buffer of their own, and into one buffer shared by every run (as a DCC scan does).
        const intoShared = (bytes, cap) => inflateZlib(bytes, cap, shared);
        for (const [mine, theirs, bytes] of [[inflateRaw, zlib.inflateRawSync, raw], [inflateZlib, zlib.inflateSync, wrapped], [intoShared, zlib.inflateSync, wrapped]]) {
          const a = ours(mine, bytes);
          const b = reference(theirs, bytes);
          if (a) { accepted++; assert.ok(b, 'we accepted what zlib refused'); assert.deepEqual(a, b); }
          // zlib ignores bytes after the stream end; we refuse them, so "zlib yes, us no" is allowed only then.
        }
      },
    ), { numRuns: 10_000 });
    assert.ok(accepted > 0);
  });

  it('never throws anything but BAD_COMPRESSION on random bytes', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 600 }), (bytes) => {
      ours(inflateRaw, bytes);
      ours(inflateZlib, bytes);
    }), { numRuns: 10_000 });
  });
});
