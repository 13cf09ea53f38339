import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { parseCoseSign1, sigStructure, encodeCbor, CborTag, createDccSigner, decodeBase45, inflateZlib } from '@pass-check/verifier-core/testing';

const signerPromise = createDccSigner({ country: 'AT' });

describe('COSE_Sign1 parsing', () => {
  it('reads a tagged message with alg and kid in the protected header', async () => {
    const signer = await signerPromise;
    const r = parseCoseSign1(await signer.issueCose({ kind: 'test' }));
    assert.equal(r.error, undefined);
    assert.equal(r.cose.alg, -7);
    assert.equal(btoa(String.fromCharCode(...r.cose.kid)), signer.kid);
    assert.equal(r.cose.signature.length, 64);
  });
  it('takes the kid from the unprotected header when the protected one has none', async () => {
    const signer = await signerPromise;
    const r = parseCoseSign1(await signer.issueCose({ kind: 'test', kidIn: 'unprotected' }));
    assert.equal(btoa(String.fromCharCode(...r.cose.kid)), signer.kid);
  });
  it('lets the protected kid win over the unprotected one', () => {
    const protectedBytes = encodeCbor(new Map([[1, -7], [4, Uint8Array.of(1, 1, 1, 1)]]));
    const message = encodeCbor([protectedBytes, new Map([[4, Uint8Array.of(2, 2, 2, 2)]]), Uint8Array.of(0xa0), new Uint8Array(64)]);
    assert.deepEqual(parseCoseSign1(message).cose.kid, Uint8Array.of(1, 1, 1, 1));
  });
  it('accepts an untagged message and a CWT tag 61 around tag 18', async () => {
    const signer = await signerPromise;
    assert.equal(parseCoseSign1(await signer.issueCose({ kind: 'test', coseTag: false })).error, undefined);
    assert.equal(parseCoseSign1(await signer.issueCose({ kind: 'test', cwtTag: true })).error, undefined);
  });
  it('refuses other structures with MALFORMED and odd header types with BAD_HEADER', () => {
    const p = encodeCbor(new Map([[1, -7]]));
    const bad = [
      encodeCbor([p, new Map(), Uint8Array.of(0xa0)]),                                 // three members
      encodeCbor(new CborTag(98, [p, new Map(), Uint8Array.of(0xa0), new Uint8Array(64)])), // COSE_Sign, not Sign1
      encodeCbor([p, new Uint8Array(0), Uint8Array.of(0xa0), new Uint8Array(64)]),     // unprotected not a map
      encodeCbor([Uint8Array.of(0x01), new Map(), Uint8Array.of(0xa0), new Uint8Array(64)]), // protected not a map
      encodeCbor(['x', new Map(), Uint8Array.of(0xa0), new Uint8Array(64)]),
    ];
    for (const b of bad) assert.equal(parseCoseSign1(b).error, 'MALFORMED');
    assert.equal(parseCoseSign1(encodeCbor([encodeCbor(new Map([[1, 'ES256']])), new Map(), new Uint8Array(0), new Uint8Array(0)])).error, 'BAD_HEADER');
    assert.equal(parseCoseSign1(encodeCbor([p, new Map([[4, 'kid']]), new Uint8Array(0), new Uint8Array(0)])).error, 'BAD_HEADER');
  });
  it('builds the RFC 9052 Sig_structure', () => {
    const s = sigStructure({ protectedBytes: Uint8Array.of(0xa1, 0x01, 0x26), payload: Uint8Array.of(0xa0) });
    assert.deepEqual(s, Uint8Array.of(0x84, 0x6a, ...new TextEncoder().encode('Signature1'), 0x43, 0xa1, 0x01, 0x26, 0x40, 0x41, 0xa0));
    // Into a buffer given (a view of its start), or a new one when it is too short.
    const into = new Uint8Array(64).fill(0xee);
    const view = sigStructure({ protectedBytes: Uint8Array.of(0xa1, 0x01, 0x26), payload: Uint8Array.of(0xa0) }, undefined, into);
    assert.deepEqual(view, s);
    assert.equal(view.buffer, into.buffer);
    assert.equal(into[s.length], 0xee);
    const payload = new Uint8Array(300).fill(7);
    const own = sigStructure({ protectedBytes: Uint8Array.of(0xa0), payload }, undefined, into);
    assert.notEqual(own.buffer, into.buffer);
    assert.deepEqual(own, sigStructure({ protectedBytes: Uint8Array.of(0xa0), payload }));
    assert.equal(own.length, 12 + 1 + 1 + 1 + 3 + 300);
  });
  it('round-trips through the HC1 text encoding', async () => {
    const signer = await signerPromise;
    const text = await signer.issue({ kind: 'recovery' });
    assert.ok(text.startsWith('HC1:'));
    const cose = inflateZlib(decodeBase45(text.slice(4)), 65536);
    assert.equal(parseCoseSign1(cose).error, undefined);
  });
});
