// ICAO VDS-NC seals and DIVOC certificates in the elements: <pass-display>
// shows both, and <pass-scanner> verifies a DIVOC QR (a ZIP archive in byte
// mode) from the code's raw bytes, read by the real decoder from pictures.
import { describe, it, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import '@pass-check/elements/define';
import { createTrustStore, createVerifier } from '@pass-check/verifier-core';
import { createDivocIssuer, createVdsncCsca, divocQrBytes } from '@pass-check/verifier-core/testing';
import { createQrDecoder } from '@pass-check/wasm-qr';
import { nextEvent, qrCanvas, svgQrCanvas } from './helpers/fixtures.js';

let elements = [];
afterEach(() => { for (const e of elements) e.remove(); elements = []; });

async function trusted() {
  const ca = await createVdsncCsca();
  const signer = await ca.createSigner();
  const divoc = await createDivocIssuer({ name: 'Test Ministry' });
  const trust = createTrustStore();
  await trust.addVdsncCsca(ca.bundleEntry([await ca.crl()]));
  await trust.addDivocIssuer(divoc.bundleEntry());
  return { signer, divoc, trust };
}

async function display(setup) {
  const element = document.createElement('pass-display');
  setup(element);
  const verified = nextEvent(element, 'pass-result', 30000);
  document.body.append(element);
  elements.push(element);
  const event = await verified;
  await element.updateComplete;
  return { element, result: event.detail };
}

describe('<pass-display> with the other passes', () => {
  it('shows a VDS-NC seal: verdict, holder, vaccination, issuing state; its QR reads back as the seal', async () => {
    const { signer, trust } = await trusted();
    const seal = await signer.issue({ name: 'CITIZEN  DISPLAY TEST', birthDate: '1970-03-04' });
    const { element, result } = await display((e) => { e.verifier = createVerifier({ trust, disclose: 'full' }); e.value = seal; });
    assert.equal(result.status, 'valid');
    const root = element.shadowRoot;
    assert.equal(root.querySelector('[part=badge]').dataset.verdict, 'accepted');
    assert.equal(root.querySelector('[part=holder]').textContent, 'CITIZEN DISPLAY TEST');
    assert.ok(root.querySelector('[data-kind=vaccination]'));
    assert.match(root.querySelector('[part=summary]').textContent, /UTO/);
    const canvas = await svgQrCanvas(root.querySelector('[part=qr] svg'));
    const codes = (await createQrDecoder()).decode(canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height));
    assert.equal(codes[0].text, seal);
  });

  it('shows a DIVOC certificate from the QR\'s ZIP bytes, and redraws the same bytes', async () => {
    const { divoc, trust } = await trusted();
    const bytes = await divocQrBytes(await divoc.issue({ name: 'Display Person' }));
    const { element, result } = await display((e) => { e.verifier = createVerifier({ trust, disclose: 'full' }); e.bytes = bytes; });
    assert.equal(result.status, 'valid', JSON.stringify(result.errors));
    assert.equal(result.format, 'divoc');
    const root = element.shadowRoot;
    assert.equal(root.querySelector('[part=holder]').textContent, 'Display Person');
    assert.match(root.querySelector('[part=summary]').textContent, /Test Ministry/);
    const canvas = await svgQrCanvas(root.querySelector('[part=qr] svg'));
    const codes = (await createQrDecoder()).decode(canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height));
    assert.deepEqual([...codes[0].bytes], [...bytes]);
  });

  it('a tampered DIVOC certificate is shown as not verified, with the reason', async () => {
    const { divoc, trust } = await trusted();
    const certificate = await divoc.issue({ dose: 1, of: 2 });
    certificate.evidence[0].dose = 2;
    const { element, result } = await display((e) => { e.verifier = createVerifier({ trust }); e.value = JSON.stringify(certificate); });
    assert.deepEqual(result.errors.map((x) => x.code), ['BAD_SIGNATURE']);
    assert.equal(element.shadowRoot.querySelector('[part=badge]').dataset.verdict, 'rejected');
    assert.equal(element.shadowRoot.querySelector('[part=holder]'), null, 'nothing from an unverified pass is shown as its holder');
  });
});

describe('<pass-scanner> with a DIVOC QR', () => {
  it('hands the code\'s raw bytes (a ZIP archive) to the verifier', async () => {
    const { divoc, trust } = await trusted();
    const canvas = await qrCanvas(await divocQrBytes(await divoc.issue({ name: 'Scanned Person' })), { scale: 4 });
    const scanner = document.createElement('pass-scanner');
    scanner.setAttribute('camera', 'off');
    scanner.verifier = createVerifier({ trust, policy: 'any-valid' }); // a scanner without a policy decides nothing (NO_POLICY)
    let timer;
    scanner.frameSource = {
      async start(offer) { timer = setInterval(() => offer(() => createImageBitmap(canvas)), 100); },
      stop() { clearInterval(timer); },
    };
    const result = nextEvent(scanner, 'pass-result', 30000);
    document.body.append(scanner);
    elements.push(scanner);
    const event = await result;
    assert.equal(event.detail.status, 'valid', JSON.stringify(event.detail.errors));
    assert.equal(event.detail.format, 'divoc');
    assert.equal(event.detail.holder.name, 'Scanned Person');
  });
});
