// One gate of the two-gate demo: a <pass-scanner> whose duplicate memory is the
// venue's, shared with the other gate through NATS JetStream key-value over
// WebSocket (@pass-check/gate-sync). Both gates verify with the venue's passIdKey,
// so one pass has one id at both.
import '@pass-check/elements/define';
import { createTrustStore, createVerifier } from '@pass-check/verifier-core';
import { createNatsGateSync } from '@pass-check/gate-sync';
import { feedSample, loadSamples, logResult, renderSampleList } from './sample-list.js';

const gate = (new URLSearchParams(location.search).get('gate') ?? '1').slice(0, 16);
document.title = `pass-check demo: gate ${gate}`;
document.getElementById('gate-name').textContent = `Gate ${gate}`;
const scanner = document.getElementById('scanner');
const log = document.getElementById('log');
const syncState = document.getElementById('sync-state');

const [venue, bundle, { samples }] = await Promise.all([
  fetch('/demo-data/venue.json').then((r) => r.json()),
  fetch('/demo-data/trust-bundle.json').then((r) => r.json()),
  loadSamples(),
]);
const trust = createTrustStore();
await trust.importBundle(bundle);
const policy = (await fetch('/demo-data/samples.json').then((r) => r.json())).policy;
scanner.verifier = createVerifier({ trust, policy, passIdKey: venue.passIdKey });
const sync = await createNatsGateSync({ servers: venue.servers, gate, bucket: venue.bucket, window: venue.window });
const showState = () => {
  const { online, pending } = sync.status;
  syncState.dataset.online = String(online);
  syncState.textContent = online ? `Gate ${gate}: online, sharing the venue's memory` : `Gate ${gate}: offline, ${pending} claims waiting`;
};
sync.addEventListener('gate-sync-status', showState);
showState();
scanner.gateSync = sync;
scanner.addEventListener('pass-result', (event) => logResult(log, event));
renderSampleList(document.getElementById('samples'), samples.filter((s) => s.expect.verdict === 'accepted'), (sample) => feedSample(scanner, sample));
document.body.dataset.ready = 'true';
