import { it, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { mountScanner, nextEvent } from './helpers.js';

let scanner;
afterEach(() => scanner?.remove());

it('a refused camera permission gives pass-error PERMISSION_DENIED and an error screen', async () => {
  scanner = mountScanner();
  const event = await nextEvent(scanner, 'pass-error');
  assert.equal(event.detail.code, 'PERMISSION_DENIED');
  await scanner.updateComplete;
  assert.equal(scanner.getAttribute('state'), 'error');
  assert.equal(scanner.shadowRoot.querySelector('[part=error]').dataset.code, 'PERMISSION_DENIED');
  // The fallbacks stay usable without a camera.
  assert.ok(scanner.shadowRoot.querySelector('[part=fallbacks] input[type=file]'));
});
