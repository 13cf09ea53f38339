import { it, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { assertAcceptedSilently, expected, mountScanner, nextEvent, scanWatched } from './helpers.js';

let scanner;
afterEach(() => scanner?.remove());

it('a valid pass on the camera gives pass-result with status valid, the holder, and no network request', async () => {
  const want = (await expected()).valid;
  const scan = await scanWatched();
  scanner = scan.scanner;
  assertAcceptedSilently(scan, 'shc', want);
});

it('releases the camera when removed', async () => {
  scanner = mountScanner({ 'duplicate-window': '0' });
  await nextEvent(scanner, 'pass-result');
  const stream = scanner.cameraController.stream;
  assert.ok(stream);
  scanner.remove();
  assert.ok(stream.getTracks().every((t) => t.readyState === 'ended'));
});

it('releases the camera while the page is hidden and takes it back when visible', async () => {
  scanner = mountScanner({ 'duplicate-window': '0', 'reset-after': '0' });
  await nextEvent(scanner, 'pass-result');
  const before = scanner.cameraController.stream;
  const visibility = Object.getOwnPropertyDescriptor(Document.prototype, 'visibilityState');
  try {
    Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => 'hidden' });
    document.dispatchEvent(new Event('visibilitychange'));
    assert.equal(scanner.cameraController.stream, undefined);
    assert.ok(before.getTracks().every((t) => t.readyState === 'ended'));
    Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => 'visible' });
    document.dispatchEvent(new Event('visibilitychange'));
  } finally {
    delete document.visibilityState;
    if (visibility) Object.defineProperty(Document.prototype, 'visibilityState', visibility);
  }
  const end = performance.now() + 10000;
  while (!scanner.cameraController.stream && performance.now() < end) await new Promise((r) => setTimeout(r, 50));
  assert.ok(scanner.cameraController.stream, 'the camera is back');
  scanner.reset();
  assert.equal((await nextEvent(scanner, 'pass-result')).detail.status, 'valid');
});
