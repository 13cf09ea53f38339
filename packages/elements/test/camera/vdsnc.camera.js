// An ICAO VDS-NC seal (JSON text) on the fake camera, end to end:
// the real decoder in its worker, the trust bundle's vdsnc section, the verdict, no network while verifying.
import { it, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { expected, mountScanner, nextEvent, requestCount, requestsSince, watchPageNetwork } from './helpers.js';

let scanner;
afterEach(() => scanner?.remove());

it('the vdsnc pass on the camera is accepted, with its holder, and nothing leaves the page while verifying', async () => {
  const want = (await expected()).vdsnc;
  scanner = mountScanner({ 'duplicate-window': '0', 'reset-after': '0' });
  const first = await nextEvent(scanner, 'pass-result', 60000);
  assert.equal(first.detail.status, 'valid', JSON.stringify(first.detail.errors));

  const mark = await requestCount();
  const stopWatching = watchPageNetwork();
  scanner.reset();
  const event = await nextEvent(scanner, 'pass-result', 60000);
  const pageCalls = stopWatching();
  // The server's log is shared by every group's browser, and groups run side by side: the module files
  // another group's page loads as it starts can land in this window (seen in a full run). This page's
  // own loads, modules included, are caught by watchPageNetwork's resource observer above; here the
  // server check keeps every other request (the worker's, fixtures, anything fetched).
  const isModuleFile = (p) => /^\/(node_modules|packages\/[^/]+\/(dist|src))\//.test(p) && p.endsWith('.js');
  const serverSaw = (await requestsSince(mark)).filter((p) => !p.startsWith('/__web-test-runner') && p !== '/favicon.ico' && !isModuleFile(p));

  assert.equal(event.detail.status, 'valid');
  assert.equal(event.detail.format, 'vdsnc');
  assert.deepEqual(event.detail.holder, want);
  assert.deepEqual(pageCalls, [], 'no fetch, XHR, WebSocket, beacon or resource load while verifying');
  assert.deepEqual(serverSaw, [], `the server saw no request while verifying (saw: ${serverSaw.join(', ')})`);
  assert.equal(scanner.engine, 'wasm-qr');
  assert.equal(scanner.shadowRoot.querySelector('[part=result]').dataset.verdict, 'accepted');
});
