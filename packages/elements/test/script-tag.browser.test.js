// pass-check.js as a page without a bundler uses it: one classic <script>.
import { describe, it, before } from 'node:test';
import assert from 'node:assert/strict';
import { createShcIssuer } from '@pass-check/verifier-core/testing';
import { svgQrCanvas } from './helpers/fixtures.js';

const SCRIPT = '/packages/elements/dist/pass-check.js';

before(async () => {
  const script = document.createElement('script');
  script.src = SCRIPT;
  const loaded = new Promise((resolve, reject) => { script.onload = resolve; script.onerror = reject; });
  document.head.append(script);
  await loaded;
});

describe('pass-check.js (script tag)', () => {
  it('defines both elements and window.PassCheck', () => {
    assert.equal(typeof window.PassCheck.createVerifier, 'function');
    assert.equal(typeof window.PassCheck.createTrustStore, 'function');
    assert.equal(typeof window.PassCheck.verify, 'function');
    assert.ok(customElements.get('pass-scanner'));
    assert.ok(customElements.get('pass-display'));
  });

  it('verifies with PassCheck.verify(text, options)', async () => {
    const issuer = await createShcIssuer();
    const trust = window.PassCheck.createTrustStore();
    await trust.addShcIssuer(issuer.trustEntry());
    const valid = await window.PassCheck.verify((await issuer.issue()).numeric, { trust });
    assert.equal(valid.status, 'valid');
    const unknown = await window.PassCheck.verify((await issuer.issue()).numeric);
    assert.equal(unknown.errors[0].code, 'UNKNOWN_ISSUER');
  });

  it('decodes with wasm-qr in its classic worker, both found beside the script', async () => {
    const issuer = await createShcIssuer();
    const trust = window.PassCheck.createTrustStore();
    await trust.addShcIssuer(issuer.trustEntry());
    const card = await issuer.issue();

    // Draw the code with <pass-display> (its encoder also loads the .wasm beside the script).
    const display = document.createElement('pass-display');
    display.verifier = window.PassCheck.createVerifier({ trust });
    display.value = card.numeric;
    document.body.append(display);
    const end = performance.now() + 20000;
    while (!display.shadowRoot?.querySelector('[part=qr] svg') && performance.now() < end) await new Promise((r) => setTimeout(r, 50));
    const canvas = await svgQrCanvas(display.shadowRoot.querySelector('[part=qr] svg'));

    const scanner = document.createElement('pass-scanner');
    scanner.setAttribute('camera', 'off');
    scanner.verifier = window.PassCheck.createVerifier({ trust, policy: 'any-valid' });
    let timer;
    scanner.frameSource = {
      async start(offer) { timer = setInterval(() => offer(() => createImageBitmap(canvas)), 100); },
      stop() { clearInterval(timer); },
    };
    const result = new Promise((resolve) => scanner.addEventListener('pass-result', resolve, { once: true }));
    document.body.append(scanner);
    assert.equal((await result).detail.status, 'valid');
    assert.equal(scanner.engine, 'wasm-qr');
    const loaded = performance.getEntriesByType('resource').map((e) => new URL(e.name).pathname);
    assert.ok(loaded.includes('/packages/elements/dist/pass-check-worker.js'), 'the classic worker beside the script');
    scanner.remove();
    display.remove();
  });
});
