import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createVerifier, createTrustStore, ErrorCodes } from '@pass-check/verifier-core';

describe('public API shape', () => {
  it('refuses a verifier without a trust store (caller mistake)', () => {
    assert.throws(() => createVerifier({}), TypeError);
  });
  it('answers unknown input with a result, not an exception', async () => {
    const v = createVerifier({ trust: createTrustStore() });
    const r = await v.verify('hello world');
    assert.equal(r.status, 'invalid');
    assert.deepEqual(r.errors.map((e) => e.code), ['UNSUPPORTED_FORMAT']);
    assert.ok(ErrorCodes.includes(r.errors[0].code));
  });
  it('bounds the input length', async () => {
    const v = createVerifier({ trust: createTrustStore() });
    const r = await v.verify('shc:/' + '5'.repeat(100_000));
    assert.equal(r.errors[0].code, 'MALFORMED');
  });
  it('exports an empty bundle from an empty store', async () => {
    const b = await createTrustStore().exportBundle();
    assert.equal(b.version, 1);
    assert.deepEqual(b.shc, []);
  });
});
