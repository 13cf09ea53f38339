import { it, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { mountScanner, nextEvent } from './helpers.js';

let scanner;
afterEach(() => scanner?.remove());

it('a tampered pass on the camera arrives rejected, with its reason on screen', async () => {
  scanner = mountScanner({ 'reset-after': '0' });
  const event = await nextEvent(scanner, 'pass-result');
  assert.equal(event.detail.status, 'invalid');
  assert.deepEqual(event.detail.errors.map((e) => e.code), ['BAD_SIGNATURE']);
  await scanner.updateComplete;
  assert.equal(scanner.shadowRoot.querySelector('[part=result]').dataset.verdict, 'rejected');
  assert.ok(scanner.shadowRoot.querySelector('[data-reason]').textContent.includes(event.detail.errors[0].message));
});
