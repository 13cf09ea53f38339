// Shared by the fake-camera tests (browser side).
import { executeServerCommand } from '@web/test-runner-commands';
import assert from 'node:assert/strict';
import '@pass-check/elements/define';

export const expected = () => fetch('/camera-fixtures/expected.json').then((r) => r.json());

export function nextEvent(target, name, timeoutMs = 30000) {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no ${name} within ${timeoutMs} ms`)), timeoutMs);
    target.addEventListener(name, (event) => { clearTimeout(timer); resolve(event); }, { once: true });
  });
}

/** A scanner on the real (fake) camera, with the trust bundle from the `trust` attribute. */
export function mountScanner(attributes = {}) {
  const scanner = document.createElement('pass-scanner');
  scanner.setAttribute('trust', '/camera-fixtures/trust.json');
  scanner.setAttribute('policy', 'any-valid'); // no policy, no decision (NO_POLICY)
  for (const [name, value] of Object.entries(attributes)) scanner.setAttribute(name, value);
  document.body.append(scanner);
  return scanner;
}

export const requestCount = () => executeServerCommand('request-count');
export const requestsSince = (mark) => executeServerCommand('requests-since', { mark });

/**
 * Records every way the page could reach the network (fetch, XHR, WebSocket,
 * beacons, resource timing) until the returned function is called.
 */
export function watchPageNetwork() {
  const calls = [];
  const originals = { fetch: window.fetch, open: XMLHttpRequest.prototype.open, WebSocket: window.WebSocket, sendBeacon: navigator.sendBeacon };
  window.fetch = function (...args) { calls.push(`fetch ${args[0]}`); return originals.fetch.apply(this, args); };
  XMLHttpRequest.prototype.open = function (...args) { calls.push(`xhr ${args[1]}`); return originals.open.apply(this, args); };
  window.WebSocket = function (...args) { calls.push(`ws ${args[0]}`); return new originals.WebSocket(...args); };
  navigator.sendBeacon = function (...args) { calls.push(`beacon ${args[0]}`); return originals.sendBeacon.apply(this, args); };
  const observer = new PerformanceObserver((list) => { for (const entry of list.getEntries()) calls.push(`resource ${entry.name}`); });
  observer.observe({ type: 'resource' });
  return () => {
    observer.takeRecords().forEach((entry) => calls.push(`resource ${entry.name}`));
    observer.disconnect();
    Object.assign(window, { fetch: originals.fetch, WebSocket: originals.WebSocket });
    XMLHttpRequest.prototype.open = originals.open;
    navigator.sendBeacon = originals.sendBeacon;
    return calls;
  };
}

/**
 * Mounts a scanner on the camera and lets its first scan warm everything up (trust bundle
 * fetched, worker and .wasm loaded), then scans again with every network path watched, page
 * spies and the server's log, from the next frame to the verdict. The server's log is this
 * page's alone: the camera config runs one browser with one page at a time.
 */
export async function scanWatched(timeoutMs = 60000) {
  const scanner = mountScanner({ 'duplicate-window': '0', 'reset-after': '0' });
  const first = await nextEvent(scanner, 'pass-result', timeoutMs);
  const mark = await requestCount();
  const stopWatching = watchPageNetwork();
  scanner.reset();
  const event = await nextEvent(scanner, 'pass-result', timeoutMs);
  const pageCalls = stopWatching();
  const serverSaw = (await requestsSince(mark)).filter((p) => !p.startsWith('/__web-test-runner'));
  return { scanner, first, event, pageCalls, serverSaw };
}

/** Both scans of scanWatched accepted the pass as `format` with `holder`, and nothing reached the network the second time. */
export function assertAcceptedSilently({ scanner, first, event, pageCalls, serverSaw }, format, holder) {
  assert.equal(first.detail.status, 'valid', JSON.stringify(first.detail.errors));
  assert.equal(event.detail.status, 'valid', JSON.stringify(event.detail.errors));
  assert.equal(event.detail.format, format);
  assert.deepEqual(event.detail.holder, holder);
  assert.deepEqual(pageCalls, [], 'no fetch, XHR, WebSocket, beacon or resource load while verifying');
  assert.deepEqual(serverSaw, [], `the server saw no request from the page or its worker while verifying (saw: ${serverSaw.join(', ')})`);
  assert.equal(scanner.engine, 'wasm-qr');
  assert.equal(scanner.getAttribute('state'), 'result');
  assert.equal(scanner.shadowRoot.querySelector('[part=result]').dataset.verdict, 'accepted');
}
