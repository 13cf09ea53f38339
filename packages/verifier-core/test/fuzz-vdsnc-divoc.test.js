// Property-based robustness for ICAO VDS-NC seals and DIVOC ZIP archives: any
// change to the seal's structure, or to the archive's bytes, gives a result
// with stable codes (never an exception), and any change to what is signed is
// refused. Runs in Node and in Chromium.
import { describe, it, before } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { createTrustStore, createVerifier } from '@pass-check/verifier-core';
import { createDivocIssuer, createVdsncCsca, divocQrBytes, readCertificateZip } from '@pass-check/verifier-core/testing';
import { isResult, pathsOf, setAt } from './fuzz-helpers.js';

describe('VDS-NC fuzzing (fast-check)', () => {
  let verifier, seal;
  before(async () => {
    const ca = await createVdsncCsca();
    const trust = createTrustStore();
    await trust.addVdsncCsca(ca.bundleEntry([await ca.crl()]));
    verifier = createVerifier({ trust });
    seal = JSON.parse(await (await ca.createSigner()).issue());
  });

  it('any value replaced anywhere in data: a result, and never valid unless nothing changed', async () => {
    const paths = pathsOf(seal.data).filter((p) => p.length > 0);
    await fc.assert(fc.asyncProperty(fc.constantFrom(...paths), fc.jsonValue({ maxDepth: 3 }), async (path, value) => {
      const changed = { ...seal, data: setAt(seal.data, path, value) };
      const r = await verifier.verify(JSON.stringify(changed));
      assert.ok(isResult(r), JSON.stringify(r));
      if (r.status === 'valid') assert.equal(JSON.stringify(changed.data), JSON.stringify(seal.data));
    }), { numRuns: 200 });
  });

  it('any text cut or spliced: a result with stable codes', async () => {
    const text = JSON.stringify(seal);
    await fc.assert(fc.asyncProperty(fc.nat(text.length), fc.nat(text.length), fc.string({ maxLength: 8 }), async (a, b, junk) => {
      const r = await verifier.verify(text.slice(0, Math.min(a, b)) + junk + text.slice(Math.max(a, b)));
      assert.ok(isResult(r), JSON.stringify(r));
    }), { numRuns: 200 });
  });
});

describe('DIVOC ZIP fuzzing (fast-check)', () => {
  let verifier, zip;
  before(async () => {
    const issuer = await createDivocIssuer();
    const trust = createTrustStore();
    await trust.addDivocIssuer(issuer.bundleEntry());
    verifier = createVerifier({ trust });
    zip = await divocQrBytes(await issuer.issue());
    assert.equal((await verifier.verify(zip)).status, 'valid');
  });

  it('any bytes changed in the archive: a result, never an exception, valid only with the same certificate inside', async () => {
    const original = readCertificateZip(zip).member.join(',');
    await fc.assert(fc.asyncProperty(fc.array(fc.tuple(fc.nat(zip.length - 1), fc.integer({ min: 1, max: 255 })), { minLength: 1, maxLength: 4 }), async (edits) => {
      const changed = zip.slice();
      for (const [at, xor] of edits) changed[at] ^= xor;
      const r = await verifier.verify(changed);
      assert.ok(isResult(r), JSON.stringify(r));
      // Fields outside the member (timestamps, version made by, attributes) are not signed, and not read.
      if (r.status === 'valid') assert.equal(readCertificateZip(changed).member.join(','), original);
    }), { numRuns: 150 });
  });

  it('arbitrary bytes after a ZIP signature: a result with stable codes', async () => {
    await fc.assert(fc.asyncProperty(fc.uint8Array({ maxLength: 600 }), async (tail) => {
      const bytes = new Uint8Array(4 + tail.length);
      bytes.set([0x50, 0x4b, 3, 4]);
      bytes.set(tail, 4);
      const r = await verifier.verify(bytes);
      assert.ok(isResult(r), JSON.stringify(r));
      assert.equal(r.status, 'invalid');
    }), { numRuns: 200 });
  });
});
