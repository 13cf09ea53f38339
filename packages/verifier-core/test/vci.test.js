import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createTrustStore, createVerifier, importVciSnapshot } from '@pass-check/verifier-core';
import { createShcIssuer } from '@pass-check/verifier-core/testing';

/** A directory in the VCI shapes (vci-issuers.json + vci_snapshot.json), built from test-kit issuers. */
async function directory() {
  const listed = await createShcIssuer({ iss: 'https://listed.example.org', name: 'Listed Health' });
  const unlisted = await createShcIssuer({ iss: 'https://unlisted.example.org' });
  const broken = await createShcIssuer({ iss: 'https://broken.example.org' });
  const issuers = { participating_issuers: [
    { iss: listed.iss, name: 'Listed Health', website: 'https://listed.example.org/' },
    { iss: broken.iss, name: 'Broken' },
  ] };
  const snapshot = {
    directory: 'https://example.org/vci-issuers.json',
    time: '2026-01-02T03:04:05Z',
    issuerInfo: [
      { issuer: { iss: listed.iss, name: 'Listed' }, keys: [{ ...listed.publicJwk, crlVersion: '1', date: 1631112755371 }], crls: [{ ...listed.crl(['gone']), ctr: '1' }], lastRetrieved: '2026-01-02T00:00:00Z' },
      { issuer: { iss: unlisted.iss }, keys: [unlisted.publicJwk] },
      { issuer: { iss: broken.iss }, keys: [{ ...broken.publicJwk, use: 'enc' }] },
    ],
  };
  return { listed, unlisted, broken, issuers, snapshot };
}

describe('VCI directory import', () => {
  it('trusts the listed issuers with their keys and CRLs, skips the rest, reports bad keys', async () => {
    const { listed, unlisted, broken, issuers, snapshot } = await directory();
    const trust = createTrustStore();
    const report = await importVciSnapshot(trust, { issuers, snapshot });
    assert.equal(report.imported, 1);
    assert.deepEqual(report.skipped, [unlisted.iss]);
    assert.deepEqual(report.rejected.map((r) => r.code), ['INVALID_KEY']);
    const verifier = createVerifier({ trust });
    const ok = await verifier.verify((await listed.issue()).numeric);
    assert.equal(ok.status, 'valid');
    assert.deepEqual(ok.issuer, { id: listed.iss, name: 'Listed Health' });
    assert.deepEqual((await verifier.verify((await listed.issue({ rid: 'gone' })).numeric)).errors.map((e) => e.code), ['REVOKED']);
    assert.deepEqual((await verifier.verify((await unlisted.issue()).numeric)).errors.map((e) => e.code), ['UNKNOWN_ISSUER']);
    assert.deepEqual((await verifier.verify((await broken.issue()).numeric)).errors.map((e) => e.code), ['UNKNOWN_ISSUER']);
    const bundle = await trust.exportBundle();
    assert.deepEqual(bundle.shc.map((i) => i.iss), [listed.iss]);
  });
  it('treats files of the wrong shape as a caller mistake', async () => {
    await assert.rejects(importVciSnapshot(createTrustStore(), { issuers: {}, snapshot: { issuerInfo: [] } }), TypeError);
    await assert.rejects(importVciSnapshot(createTrustStore(), { issuers: { participating_issuers: [] }, snapshot: [] }), TypeError);
  });
});
