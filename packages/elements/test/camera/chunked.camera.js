import { it, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { expected, mountScanner, nextEvent } from './helpers.js';

let scanner;
afterEach(() => scanner?.remove());

it('a card in three chunks, shown one after another, completes with progress on the way', async () => {
  const want = (await expected()).chunked;
  scanner = mountScanner({ 'reset-after': '0' });
  const progress = [];
  const observer = new MutationObserver(() => {
    if (scanner.getAttribute('state') !== 'collecting') return;
    const text = scanner.shadowRoot.querySelector('[part=status]')?.textContent ?? '';
    const found = /(\d) of 3 scanned/.exec(text);
    if (found && progress.at(-1) !== found[1]) progress.push(found[1]);
  });
  observer.observe(scanner, { attributes: true });
  observer.observe(scanner.shadowRoot, { subtree: true, childList: true, characterData: true });
  const event = await nextEvent(scanner, 'pass-result');
  observer.disconnect();
  assert.equal(event.detail.status, 'valid');
  assert.deepEqual(event.detail.holder, want);
  assert.deepEqual(progress, ['1', '2'], 'showed "1 of 3" then "2 of 3"');
});
