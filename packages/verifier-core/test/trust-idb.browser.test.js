// Chromium only: a trust store persisted with idbStorage() comes back in a new store
// (as after a page reload), so a scanner keeps its trust while offline.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createTrustStore, createVerifier, idbStorage } from '@pass-check/verifier-core';
import { createShcIssuer } from '@pass-check/verifier-core/testing';

describe('IndexedDB trust storage', () => {
  it('reloads SHC issuers, keys and CRLs into a new store', async () => {
    const key = `trust-test-${crypto.randomUUID()}`;
    const issuer = await createShcIssuer({ iss: 'https://idb.example.org', name: 'Persisted Health' });
    const first = createTrustStore({ storage: idbStorage(key) });
    await first.addShcIssuer(issuer.trustEntry({ rids: ['gone'] }));

    const reloaded = createTrustStore({ storage: idbStorage(key) });
    const verifier = createVerifier({ trust: reloaded });
    const valid = await verifier.verify((await issuer.issue()).numeric);
    assert.equal(valid.status, 'valid');
    assert.equal(valid.issuer.name, 'Persisted Health');
    const revoked = await verifier.verify((await issuer.issue({ rid: 'gone' })).numeric);
    assert.deepEqual(revoked.errors.map((e) => e.code), ['REVOKED']);
    assert.deepEqual((await reloaded.exportBundle()).shc.map((i) => i.iss), [issuer.iss]);

    const elsewhere = createTrustStore({ storage: idbStorage(`${key}-other`) });
    assert.deepEqual((await elsewhere.exportBundle()).shc, [], 'another key holds another bundle');
  });
});
