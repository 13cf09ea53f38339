import { describe, it, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import '@pass-check/elements/define';
import { pictureFrameSource, configureDecoders, decoderFactories, startBarcodeDetectorEngine, startZxingEngine } from '@pass-check/elements';
import { trustedIssuer as trustedIssuerWithoutPolicy, qrCanvas, nextEvent, until } from './helpers/fixtures.js';

/** The scanner decides nothing without a policy (NO_POLICY): these tests give one unless they say otherwise. */
const trustedIssuer = (options = {}) => trustedIssuerWithoutPolicy({ policy: 'any-valid', ...options });

const shadowText = (el) => el.shadowRoot.textContent.replace(/\s+/g, ' ');

/**
 * A stand-in for the browser's BarcodeDetector (absent on Linux Chromium) that really
 * reads: each image goes through ZXing. Records what it was made with and every image
 * it was given.
 */
/** Runs `body` with `factories` as the decoder list for scanners it makes, then puts the list back. */
async function withDecoders(factories, body) {
  const original = [...decoderFactories()];
  configureDecoders(factories);
  try {
    return await body();
  } finally {
    configureDecoders(original);
  }
}

/**
 * A pass from a trusted issuer as a QR picture (3 pixels a module), and the verifier
 * that trusts it. The pass is one ZXing reads: @zxing/library misses about one clean
 * code in twenty (3 of 60 fresh passes here, at 3 and at 4 pixels a module alike),
 * and these tests are about which engine runs, not about ZXing.
 */
async function passPicture() {
  const { issuer, verifier } = await trustedIssuer();
  const zxing = await startZxingEngine();
  for (let tries = 0; tries < 10; tries++) {
    const picture = await qrCanvas((await issuer.issue()).numeric, { scale: 3 });
    if ((await zxing.decode(await createImageBitmap(picture))).length) return { verifier, picture };
  }
  throw new Error('ZXing read none of 10 fresh passes');
}

/** A scanner reading `picture` ten times a second, started; `events` collects its pass-result and pass-error events. */
async function scanPicture(picture, verifier) {
  const scanner = await mount();
  const events = [];
  for (const type of ['pass-result', 'pass-error']) scanner.addEventListener(type, (event) => events.push(event));
  scanner.verifier = verifier;
  scanner.frameSource = pictureFrameSource(() => picture, 10);
  await scanner.start();
  return { scanner, events };
}
const verdicts = (events) => events.map((e) => `${e.type} ${e.detail.status ?? e.detail.code}`);

function fakeBarcodeDetector({ formats = ['qr_code', 'ean_13'], fails = false } = {}) {
  const created = [], images = [];
  let zxing;
  globalThis.BarcodeDetector = class {
    static async getSupportedFormats() { return formats; }
    constructor(options) { created.push(options); }
    async detect(image) {
      images.push(image);
      if (fails) throw new DOMException('the detector failed', 'OperationError');
      zxing ??= await startZxingEngine();
      const bitmap = image instanceof ImageBitmap ? await createImageBitmap(image) : image; // ZXing closes what it reads
      return (await zxing.decode(bitmap)).map((rawValue) => ({ rawValue, format: 'qr_code' }));
    }
  };
  return { created, images, remove: () => { delete globalThis.BarcodeDetector; } };
}
let element;

async function mount(attributes = {}) {
  element = document.createElement('pass-scanner');
  element.setAttribute('camera', 'off');
  element.setAttribute('policy', 'any-valid');
  for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, value);
  document.body.append(element);
  await element.updateComplete;
  return element;
}

afterEach(() => {
  element?.remove();
  element = undefined;
});

/** A promise with its resolve function: a step a test releases when it chooses. */
function held() {
  let release;
  const promise = new Promise((resolve) => { release = resolve; });
  return { promise, release };
}

/** A frame source whose start() fails (a camera that is gone) once `fail()` is called. */
function failingCamera() {
  const step = held();
  return { source: { async start() { await step.promise; throw new Error('camera gone'); }, stop() {} }, fail: step.release };
}

/**
 * Verifies `text` with `verify` held until the camera (the scanner's frame source) has
 * failed, then lets the verification end. Resolves to the pass-error codes heard.
 */
async function cameraFailsDuringVerification(scanner, verify, text) {
  const answer = held();
  scanner.verifier = { verify: async (input) => { await answer.promise; return verify(input); } };
  const errors = [];
  scanner.addEventListener('pass-error', (e) => errors.push(e.detail.code));
  const camera = failingCamera();
  scanner.frameSource = camera.source;
  const verified = scanner.verifyText(text);
  await until(() => scanner.getAttribute('state') === 'verifying');
  camera.fail();
  await until(() => errors.length > 0);
  answer.release();
  await verified;
  await scanner.updateComplete;
  return errors;
}

describe('<pass-scanner> without a camera', () => {
  it('on a page that is not secure, says the camera needs https and keeps the photo and paste fallbacks', async () => {
    const own = Object.getOwnPropertyDescriptor(window, 'isSecureContext');
    Object.defineProperty(window, 'isSecureContext', { configurable: true, get: () => false });
    try {
      element = document.createElement('pass-scanner');
      element.setAttribute('lang', 'en');
      element.setAttribute('policy', 'any-valid');
      const failed = nextEvent(element, 'pass-error');
      document.body.append(element);
      assert.equal((await failed).detail.code, 'INSECURE_CONTEXT');
    } finally {
      delete window.isSecureContext;
      if (own) Object.defineProperty(window, 'isSecureContext', own);
    }
    await element.updateComplete;
    assert.equal(element.getAttribute('state'), 'error');
    const error = element.shadowRoot.querySelector('[part=error]');
    assert.equal(error.dataset.code, 'INSECURE_CONTEXT');
    assert.match(error.textContent, /The camera only works on a secure \(https\) page\./);
    assert.ok(element.shadowRoot.querySelector('[part=fallbacks] input[type=file]'));
  });

  it('says what still works when the camera is off, and that it stopped after stop()', async () => {
    const scanner = await mount();
    const status = () => scanner.shadowRoot.querySelector('[part=status]').textContent.trim();
    await until(() => status().startsWith('Camera off'));
    assert.equal(scanner.getAttribute('state'), 'idle');
    assert.doesNotMatch(status(), /Point the camera/);
    scanner.stop();
    await scanner.updateComplete;
    assert.match(status(), /^Scanner stopped/);
    scanner.setAttribute('lang', 'fr');
    await scanner.updateComplete;
    assert.match(status(), /^Lecteur arrêté/);
  });

  it('registers once, even when define runs twice', async () => {
    await import('@pass-check/elements/define');
    const { defineElements } = await import('@pass-check/elements/define');
    defineElements();
    assert.ok(customElements.get('pass-scanner'));
    assert.ok(customElements.get('pass-display'));
  });

  it('accepts a valid pass: pass-result, green verdict, name and birth date as text', async () => {
    const { issuer, verifier } = await trustedIssuer();
    const card = await issuer.issue({ patient: { given: ['Jane', 'C.'], family: 'Anyperson', birthDate: '1961-01-20' } });
    const scanner = await mount();
    scanner.verifier = verifier;
    const [event] = await Promise.all([nextEvent(scanner, 'pass-result'), scanner.verifyText(card.numeric)]);
    assert.equal(event.detail.status, 'valid');
    assert.equal(event.bubbles && event.composed, true);
    await scanner.updateComplete;
    assert.equal(scanner.getAttribute('state'), 'result');
    const result = scanner.shadowRoot.querySelector('[part=result]');
    assert.equal(result.dataset.verdict, 'accepted');
    assert.match(shadowText(scanner), /Accepted/);
    assert.match(shadowText(scanner), /Jane C\. Anyperson/);
    assert.match(shadowText(scanner), /1961-01-20/);
    assert.match(scanner.shadowRoot.querySelector('[role=status]').textContent, /Accepted\. Jane C\. Anyperson/);
  });

  it('rejects a tampered pass and says why', async () => {
    const { issuer, verifier } = await trustedIssuer();
    const card = await issuer.issue({ tamper: true });
    const scanner = await mount();
    scanner.verifier = verifier;
    const [event] = await Promise.all([nextEvent(scanner, 'pass-result'), scanner.verifyText(card.numeric)]);
    assert.equal(event.detail.status, 'invalid');
    assert.equal(event.detail.errors[0].code, 'BAD_SIGNATURE');
    await scanner.updateComplete;
    assert.equal(scanner.shadowRoot.querySelector('[part=result]').dataset.verdict, 'rejected');
    assert.match(scanner.shadowRoot.querySelector('[data-reason]').textContent, new RegExp(event.detail.errors[0].message.slice(0, 20).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));
  });

  it('renders names from a pass as text, never as markup', async () => {
    const { issuer, verifier } = await trustedIssuer();
    const card = await issuer.issue({ patient: { given: ['<img src=x onerror="window.__owned=1">'], family: '<b>Bold</b>' } });
    const scanner = await mount();
    scanner.verifier = verifier;
    await scanner.verifyText(card.numeric);
    await scanner.updateComplete;
    assert.equal(scanner.shadowRoot.querySelector('img, b'), null);
    assert.match(shadowText(scanner), /<img src=x/);
    assert.equal(window.__owned, undefined);
  });

  it('shows "already scanned at" for the same pass within the window, and resets on Enter', async () => {
    const { issuer, verifier } = await trustedIssuer();
    const card = await issuer.issue();
    const scanner = await mount({ 'reset-after': '0', counters: '' });
    scanner.verifier = verifier;
    await scanner.verifyText(card.numeric);
    await scanner.updateComplete;
    const button = scanner.shadowRoot.querySelector('[part=result] button');
    assert.equal(scanner.shadowRoot.activeElement, button, 'focus moves to "next person"');
    button.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true }));
    await scanner.updateComplete;
    assert.notEqual(scanner.getAttribute('state'), 'result');

    const [event] = await Promise.all([nextEvent(scanner, 'pass-result'), scanner.verifyText(card.numeric)]);
    assert.ok(event.duplicateOf instanceof Date);
    await scanner.updateComplete;
    assert.equal(scanner.shadowRoot.querySelector('[part=result]').dataset.verdict, 'duplicate');
    assert.match(scanner.shadowRoot.querySelector('[data-duplicate]').textContent, /Already scanned at \d/);
    // Counted apart: one person admitted, one pass shown again.
    assert.equal(scanner.shadowRoot.querySelector('[data-count=accepted]').textContent, '1');
    assert.equal(scanner.shadowRoot.querySelector('[data-count=duplicate]').textContent, '1');
    assert.equal(scanner.shadowRoot.querySelector('[data-count=rejected]').textContent, '0');
    assert.deepEqual(scanner.counts, { accepted: 1, rejected: 0, duplicate: 1 });
  });

  it('resets by itself after reset-after seconds', async () => {
    const { issuer, verifier } = await trustedIssuer();
    const scanner = await mount({ 'reset-after': '1' });
    scanner.verifier = verifier;
    await scanner.verifyText((await issuer.issue()).numeric);
    assert.equal(scanner.state, 'result');
    await until(() => scanner.state !== 'result', 3000);
  });

  it('follows lang for its words and the verifier messages', async () => {
    const { issuer } = await trustedIssuer();
    const card = await issuer.issue({ tamper: true });
    const scanner = await mount({ lang: 'fr' });
    // No `verifier`: built from the attributes (an empty trust store), in French.
    const [event] = await Promise.all([nextEvent(scanner, 'pass-result'), scanner.verifyText(card.numeric)]);
    assert.equal(event.detail.errors[0].code, 'UNKNOWN_ISSUER');
    await scanner.updateComplete;
    assert.match(shadowText(scanner), /Refusé/);
  });

  it('writes several reasons as sentences, each with one full stop, on screen and in the announcement', async () => {
    const scanner = await mount({ 'reset-after': '0' });
    scanner.showResult({
      status: 'valid', errors: [], holder: { name: 'Ana Test' },
      policy: { decision: 'reject', reasons: [
        { code: 'INCOMPLETE_SERIES', message: 'The vaccination series is not complete.' },
        { code: 'NOT_TEST', message: 'This is not a test result.' },
        { code: 'NOT_TEST', message: 'This is not a test result.' },
        { code: 'OTHER', message: 'No stop at the end' },
      ] },
    });
    await scanner.updateComplete;
    const reason = scanner.shadowRoot.querySelector('[data-reason]').textContent;
    assert.match(reason, /not complete\. This is not a test result\. No stop at the end\.$/);
    assert.doesNotMatch(reason, /\.;|\.\.|;/);
    assert.equal(reason.match(/This is not a test result/g).length, 1, 'the same reason once');
    const live = scanner.shadowRoot.querySelector('[aria-live]');
    assert.equal(live.textContent.trim(), 'Rejected. Ana Test. The vaccination series is not complete. This is not a test result. No stop at the end.');
  });

  it('applies a policy: shows the rule that admitted, or the policy reason for a refusal', async () => {
    const vaccinated = await trustedIssuer({ policy: 'vaccinated' });
    const scanner = await mount({ 'duplicate-window': '0' });
    scanner.verifier = vaccinated.verifier;
    const card = await vaccinated.issuer.issue();
    const [accepted] = await Promise.all([nextEvent(scanner, 'pass-result'), scanner.verifyText(card.numeric)]);
    await scanner.updateComplete;
    assert.equal(accepted.detail.policy.decision, 'accept');
    assert.ok(accepted.detail.policy.rule);
    assert.equal(scanner.shadowRoot.querySelector('[part=result]').dataset.verdict, 'accepted');
    assert.ok(scanner.shadowRoot.querySelector('[data-rule]').textContent.includes(accepted.detail.policy.rule));

    scanner.reset();
    const tested = await trustedIssuer({ policy: 'tested' });
    scanner.verifier = tested.verifier;
    const [refused] = await Promise.all([nextEvent(scanner, 'pass-result'), scanner.verifyText((await tested.issuer.issue()).numeric)]);
    await scanner.updateComplete;
    assert.equal(refused.detail.status, 'valid', 'authentic, but not what this door asks for');
    assert.equal(refused.detail.policy.decision, 'reject');
    assert.equal(scanner.shadowRoot.querySelector('[part=result]').dataset.verdict, 'rejected');
    assert.ok(scanner.shadowRoot.querySelector('[data-reason]').textContent.includes(refused.detail.policy.reasons[0].message));
    assert.equal(scanner.shadowRoot.querySelector('[data-rule]'), null);
  });

  it('verifies a pasted text through the paste form', async () => {
    const { issuer, verifier } = await trustedIssuer();
    const card = await issuer.issue();
    const scanner = await mount();
    scanner.verifier = verifier;
    [...scanner.shadowRoot.querySelectorAll('[part=fallbacks] button')].find((b) => /Paste/.test(b.textContent)).click();
    await scanner.updateComplete;
    scanner.shadowRoot.querySelector('textarea').value = card.file;
    const result = nextEvent(scanner, 'pass-result');
    scanner.shadowRoot.querySelector('form').requestSubmit();
    assert.equal((await result).detail.status, 'valid', 'a .smart-health-card file text verifies');
  });

  it('verifies an uploaded photo of the QR and an opened .smart-health-card file', async () => {
    const { issuer, verifier } = await trustedIssuer();
    const card = await issuer.issue({ patient: { given: ['Photo'], family: 'Upload' } });
    const scanner = await mount({ 'duplicate-window': '0' });
    scanner.verifier = verifier;
    const input = scanner.shadowRoot.querySelector('[part=fallbacks] input[type=file]');
    const choose = async (file) => {
      const transfer = new DataTransfer();
      transfer.items.add(file);
      input.files = transfer.files;
      const result = nextEvent(scanner, 'pass-result');
      input.dispatchEvent(new Event('change'));
      const event = await result;
      scanner.reset();
      return event;
    };
    const canvas = await qrCanvas(card.numeric, { scale: 4, width: 900, height: 700 });
    const png = await new Promise((resolve) => canvas.toBlob(resolve, 'image/png'));
    const photo = await choose(new File([png], 'pass.png', { type: 'image/png' }));
    assert.equal(photo.detail.status, 'valid');
    assert.equal(photo.detail.holder.name, 'Photo Upload');
    const file = await choose(new File([card.file], 'pass.smart-health-card', { type: 'application/smart-health-card' }));
    assert.equal(file.detail.status, 'valid');
  });

  it('says UNREADABLE_IMAGE for a photo without a QR code', async () => {
    const scanner = await mount();
    const canvas = document.createElement('canvas');
    canvas.width = 200;
    canvas.height = 200;
    const png = await new Promise((resolve) => canvas.toBlob(resolve, 'image/png'));
    const transfer = new DataTransfer();
    transfer.items.add(new File([png], 'blank.png', { type: 'image/png' }));
    const input = scanner.shadowRoot.querySelector('[part=fallbacks] input[type=file]');
    input.files = transfer.files;
    const error = nextEvent(scanner, 'pass-error');
    input.dispatchEvent(new Event('change'));
    assert.equal((await error).detail.code, 'UNREADABLE_IMAGE');
  });

  it('collects a chunked card from frames, shows "n of 3", and verifies it once complete', async () => {
    const { issuer, verifier } = await trustedIssuer();
    const card = await issuer.issue();
    const chunks = card.chunks(3);
    const pictures = await Promise.all(chunks.map((c) => qrCanvas(c, { scale: 3 })));
    let shown = 0;
    let frames = 0;
    // Each chunk for several frames, then the next one: like a person flipping through three codes.
    const source = pictureFrameSource(() => pictures[Math.min(2, Math.floor(frames++ / 4) % 3)], 20);
    const scanner = await mount();
    scanner.verifier = verifier;
    const progress = [];
    const observer = new MutationObserver(() => {
      const text = scanner.shadowRoot.querySelector('[part=status]')?.textContent ?? '';
      const m = /(\d) of 3 scanned/.exec(text);
      if (m && progress.at(-1) !== m[1]) progress.push(m[1]);
    });
    observer.observe(scanner.shadowRoot, { subtree: true, characterData: true, childList: true });
    const resultArrived = nextEvent(scanner, 'pass-result', 40000);
    scanner.frameSource = source;
    await scanner.start();
    const event = await resultArrived;
    observer.disconnect();
    shown = progress.length;
    assert.equal(event.detail.status, 'valid');
    assert.ok(shown >= 2, `progress shown: ${progress.join(', ')}`);
    assert.deepEqual(progress.slice(0, 2), ['1', '2']);
    assert.ok(scanner.engine, 'names the active decoder');
    assert.match(scanner.getAttribute('engine'), /wasm-qr|BarcodeDetector|ZXing/);
  });

  it('decodes camera-like frames with wasm-qr in a worker, and says so', async () => {
    const { issuer, verifier } = await trustedIssuer();
    const card = await issuer.issue();
    const picture = await qrCanvas(card.numeric, { scale: 3, width: 1280, height: 720 });
    const scanner = await mount();
    scanner.verifier = verifier;
    scanner.frameSource = pictureFrameSource(() => picture, 15);
    const result = nextEvent(scanner, 'pass-result');
    await scanner.start();
    assert.equal((await result).detail.status, 'valid');
    assert.equal(scanner.engine, 'wasm-qr');
    assert.match(scanner.shadowRoot.querySelector('[part=engine]')?.textContent ?? '', /wasm-qr/);
    assert.ok(scanner.scanController.stats.framesDecoded >= 1);
  });

  it('falls back to the next decoder when the wasm cannot load', async () => {
    const { picture, verifier } = await passPicture();
    await withDecoders([() => Promise.reject(new Error('no wasm here')), startZxingEngine], async () => {
      const { scanner, events } = await scanPicture(picture, verifier);
      await until(() => events.length > 0);
      assert.deepEqual(verdicts(events), ['pass-result valid']);
      assert.equal(scanner.getAttribute('engine'), 'ZXing');
    });
  });

  it("uses the browser's BarcodeDetector when the wasm cannot load, and closes every frame it hands it", async () => {
    // Linux Chromium has no BarcodeDetector: this one stands in for it, reading each image with ZXing.
    const { picture, verifier } = await passPicture();
    const detector = fakeBarcodeDetector();
    try {
      await withDecoders([() => Promise.reject(new Error('no wasm here')), startBarcodeDetectorEngine, startZxingEngine], async () => {
        const { scanner, events } = await scanPicture(picture, verifier);
        await until(() => events.length > 0);
        assert.deepEqual(verdicts(events), ['pass-result valid']);
        assert.equal(scanner.getAttribute('engine'), 'BarcodeDetector');
        assert.deepEqual(detector.created, [{ formats: ['qr_code'] }]);
        assert.ok(detector.images.length >= 1);
        scanner.stop();
        await until(() => detector.images.every((image) => image.width === 0), 5000);
      });
    } finally {
      detector.remove();
    }
  });

  it('passes over a BarcodeDetector that cannot read QR codes, and reads a detector failure as no code', async () => {
    const { picture, verifier } = await passPicture();
    await withDecoders([startBarcodeDetectorEngine, startZxingEngine], async () => {
      let detector = fakeBarcodeDetector({ formats: ['ean_13', 'code_128'] });
      try {
        const { scanner, events } = await scanPicture(picture, verifier);
        await until(() => events.length > 0);
        assert.deepEqual(verdicts(events), ['pass-result valid']);
        assert.equal(scanner.getAttribute('engine'), 'ZXing');
        assert.deepEqual(detector.created, [], 'never made');
        scanner.remove();
        detector.remove();

        detector = fakeBarcodeDetector({ fails: true });
        const failing = await scanPicture(picture, verifier);
        await until(() => detector.images.length >= 5);
        assert.equal(failing.scanner.getAttribute('engine'), 'BarcodeDetector');
        assert.deepEqual(verdicts(failing.events), [], 'a detector that throws is a frame without a code: no result, no error');
        assert.equal(failing.scanner.getAttribute('state'), 'scanning');
      } finally {
        detector.remove();
      }
    });
  });

  it('says when no decoder at all can start', async () => {
    const original = [...decoderFactories()];
    configureDecoders([() => Promise.reject(new Error('no wasm here'))]);
    try {
      const scanner = await mount();
      const error = nextEvent(scanner, 'pass-error');
      scanner.frameSource = pictureFrameSource(() => new ImageData(8, 8), 5);
      await scanner.start();
      assert.equal((await error).detail.code, 'DECODER_UNAVAILABLE');
    } finally {
      configureDecoders(original);
    }
  });

  it('reports trouble as pass-error with a code and an error screen', async () => {
    const scanner = await mount();
    const [event] = await Promise.all([nextEvent(scanner, 'pass-error'), Promise.resolve(scanner.showError('NO_CAMERA'))]);
    assert.equal(event.detail.code, 'NO_CAMERA');
    await scanner.updateComplete;
    assert.equal(scanner.getAttribute('state'), 'error');
    assert.equal(scanner.shadowRoot.querySelector('[part=error]').dataset.code, 'NO_CAMERA');
  });

  it('opens a source set while the scanner is still starting once, not twice', async () => {
    // The scanner starts when connected; a frameSource set before that start has its decoder
    // made a second start(). Both used to open the source (for a camera: two getUserMedia calls,
    // and the first one stopped by the second reported as a camera failure).
    const scanner = await mount();
    let starts = 0, stops = 0;
    const errors = [];
    scanner.addEventListener('pass-error', (e) => errors.push(e.detail.code));
    scanner.frameSource = { async start() { starts++; }, stop() { stops++; } };
    await until(() => scanner.getAttribute('state') === 'scanning');
    await new Promise((r) => setTimeout(r, 300));
    assert.equal(starts, 1);
    assert.deepEqual(errors, []);
    // stop() while a start waits for its decoder: nothing is opened after it.
    scanner.stop();
    const before = starts;
    const started = scanner.start();
    scanner.stop();
    await started;
    assert.equal(starts, before);
    assert.equal(scanner.getAttribute('state'), 'idle');
  });

  it('keeps a verdict on screen when the camera fails behind it, and shows the camera error after it', async () => {
    // Staff check a pasted pass while the camera is still opening; the camera then fails.
    // The verdict must not vanish (it did: the error screen replaced it at once).
    const { issuer, verifier } = await trustedIssuer();
    const card = await issuer.issue();
    const camera = failingCamera();
    const scanner = await mount({ 'reset-after': '0' });
    const errors = [];
    scanner.addEventListener('pass-error', (e) => errors.push(e.detail.code));
    scanner.verifier = verifier;
    // The scanner (started when connected) opens a new source as soon as it is given one.
    scanner.frameSource = camera.source;
    await scanner.verifyText(card.numeric);
    await scanner.updateComplete;
    assert.equal(scanner.shadowRoot.querySelector('[part~="result"]')?.dataset.verdict, 'accepted');
    camera.fail();
    await until(() => errors.length > 0);
    await scanner.updateComplete;
    assert.deepEqual(errors, ['CAMERA_FAILED']);
    assert.equal(scanner.getAttribute('state'), 'result');
    assert.equal(scanner.shadowRoot.querySelector('[part~="result"]')?.dataset.verdict, 'accepted', 'the verdict stays until it ends');
    const heard = errors.length;
    scanner.reset();
    await scanner.updateComplete;
    assert.equal(scanner.getAttribute('state'), 'error');
    assert.equal(scanner.shadowRoot.querySelector('[part=error]').dataset.code, 'CAMERA_FAILED');
    assert.equal(errors.length, heard, 'no second event for the same failure');
  });

  it('a camera failure while a pass is being verified waits for its verdict', async () => {
    const { issuer, verifier } = await trustedIssuer();
    const card = await issuer.issue();
    const scanner = await mount({ 'reset-after': '0' });
    const errors = await cameraFailsDuringVerification(scanner, (input) => verifier.verify(input), card.numeric);
    assert.deepEqual(errors, ['CAMERA_FAILED']);
    assert.equal(scanner.shadowRoot.querySelector('[part~="result"]')?.dataset.verdict, 'accepted');
    scanner.reset();
    await scanner.updateComplete;
    assert.equal(scanner.shadowRoot.querySelector('[part=error]')?.dataset.code, 'CAMERA_FAILED');
  });

  it('a verification that fails after a camera failure still says why: its own error, not the camera one', async () => {
    const scanner = await mount({ 'reset-after': '0' });
    const errors = await cameraFailsDuringVerification(scanner, async () => { throw new Error('verifier broke'); }, 'shc:/1234');
    assert.deepEqual(errors, ['CAMERA_FAILED', 'TRUST_UNAVAILABLE']);
    assert.equal(scanner.shadowRoot.querySelector('[part=error]')?.dataset.code, 'TRUST_UNAVAILABLE');
  });

  it('says TRUST_UNAVAILABLE once when the trust bundle cannot be fetched', async () => {
    const errors = [];
    element = document.createElement('pass-scanner');
    element.setAttribute('camera', 'off');
    element.setAttribute('trust', '/no/such/trust-bundle.json');
    element.setAttribute('policy', 'any-valid');
    element.addEventListener('pass-error', (e) => errors.push(e.detail.code));
    document.body.append(element);
    let results = 0;
    element.addEventListener('pass-result', () => results++);
    await until(() => errors.length > 0);
    await new Promise((r) => setTimeout(r, 200));
    assert.deepEqual(errors, ['TRUST_UNAVAILABLE'], 'one error for one failed download');
    assert.equal(element.getAttribute('state'), 'error');
    // A later scan tries the download again (the network may be back), and says so again when it fails.
    assert.equal(await element.verifyText('shc:/1234'), undefined);
    assert.deepEqual(errors, ['TRUST_UNAVAILABLE', 'TRUST_UNAVAILABLE']);
    assert.equal(results, 0);
  });

  it('shows a canned result without verifying (Storybook)', async () => {
    const scanner = await mount({ 'reset-after': '0' });
    scanner.showResult({ status: 'invalid', errors: [{ code: 'EXPIRED', message: 'The pass has expired.' }], holder: { name: 'Sam Sample' } });
    await scanner.updateComplete;
    assert.equal(scanner.shadowRoot.querySelector('[part=result]').dataset.verdict, 'rejected');
    assert.match(shadowText(scanner), /The pass has expired\./);
  });

  it('draws every verdict with text contrast of at least 4.5:1', async () => {
    const scanner = await mount({ 'reset-after': '0' });
    const luminance = (rgb) => {
      const [r, g, b] = rgb.match(/\d+/g).slice(0, 3).map((v) => {
        const c = Number(v) / 255;
        return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
      });
      return 0.2126 * r + 0.7152 * g + 0.0722 * b;
    };
    const contrast = (a, b) => {
      const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x);
      return (light + 0.05) / (dark + 0.05);
    };
    const results = [
      [{ status: 'valid', errors: [], policy: { decision: 'accept', rule: 'any-valid', reasons: [] } }, undefined, 'accepted'],
      [{ status: 'invalid', errors: [{ code: 'EXPIRED', message: 'Expired' }] }, undefined, 'rejected'],
      [{ status: 'valid', errors: [], policy: { decision: 'accept', rule: 'any-valid', reasons: [] } }, new Date(), 'duplicate'],
    ];
    for (const [result, duplicateOf, verdict] of results) {
      scanner.showResult(result, duplicateOf);
      await scanner.updateComplete;
      const screen = scanner.shadowRoot.querySelector('[part=result]');
      assert.equal(screen.dataset.verdict, verdict);
      const style = getComputedStyle(screen);
      const ratio = contrast(style.color, style.backgroundColor);
      assert.ok(ratio >= 4.5, `${verdict}: ${ratio.toFixed(2)}:1`);
    }
  });

  it('releases the camera source when removed', async () => {
    let stopped = 0;
    const source = { async start() {}, stop() { stopped++; } };
    const scanner = await mount();
    scanner.frameSource = source;
    await scanner.start();
    scanner.remove();
    assert.ok(stopped >= 1);
  });
});
