// A replacing import must let the state it replaced go: no chain of earlier
// states kept alive (each import would otherwise keep every key ever held).
import { it } from 'node:test';
import assert from 'node:assert/strict';
import v8 from 'node:v8';
import vm from 'node:vm';
import { setTimeout as tick } from 'node:timers/promises';
import { createTrustStore } from '@pass-check/verifier-core';
import { createShcIssuer, createVdsncCsca } from '@pass-check/verifier-core/testing';

v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc');

it('replaced trust states are garbage once nothing verifies against them', async () => {
  const issuer = await createShcIssuer({ iss: 'https://gc.example.org' });
  const ca = await createVdsncCsca();
  const trust = createTrustStore();
  const internals = trust[Object.getOwnPropertySymbols(trust).find((s) => s.description === 'pass-check.trust')];
  const bundle = (n) => ({ version: 1, updated: `2026-01-0${n}T00:00:00Z`, shc: [issuer.trustEntry({ rids: ['r1'] })], vdsnc: [ca.bundleEntry([])] });
  await trust.importBundle(bundle(1));
  const refs = Object.entries(internals).filter(([, v]) => typeof v === 'object' && v && !(v instanceof Promise)).map(([k, v]) => [k, new WeakRef(v)]);
  assert.ok(refs.length >= 6, refs.map(([k]) => k).join());
  await trust.importBundle(bundle(2));
  await trust.importBundle(bundle(3));
  await tick(0);
  gc();
  await tick(0);
  gc();
  const alive = refs.filter(([, r]) => r.deref() !== undefined).map(([k]) => k);
  assert.deepEqual(alive, [], `earlier state still reachable: ${alive.join(', ')}`);
});
