// Attacks on <pass-scanner> and <pass-display> in Chromium, as a holder who wants in would try
// them (issue #13). Each failed on the code before the fix; see docs/threat-model.md.
import { describe, it, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { setViewport } from '@web/test-runner-commands';
import { entries, createStore, clear } from 'idb-keyval';
import '@pass-check/elements/define';
import { createTrustStore, createVerifier } from '@pass-check/verifier-core';
import { createShcIssuer, createDccSigner, createIdhpIssuer, idhpQrText } from '@pass-check/verifier-core/testing';
import { nextEvent, until } from '../helpers/fixtures.js';
import { shcReencodings, dccReencodings, idhpReencodings } from './reencode.js';

let element;
afterEach(() => {
  element?.remove();
  element = undefined;
});

async function mount(tag, attributes = {}, setup = () => {}) {
  element = document.createElement(tag);
  if (tag === 'pass-scanner') element.setAttribute('camera', 'off');
  for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, value);
  setup(element);
  document.body.append(element);
  await element.updateComplete;
  return element;
}

async function trustAll() {
  const [shc, dcc, idhp] = await Promise.all([createShcIssuer(), createDccSigner({ country: 'AT' }), createIdhpIssuer()]);
  const trust = createTrustStore();
  await trust.addShcIssuer(shc.trustEntry());
  await trust.addDccSigner({ certificate: dcc.certificate });
  await trust.addIdhpIssuer(idhp.trustEntry);
  const bundleUrl = URL.createObjectURL(new Blob([JSON.stringify(await trust.exportBundle())], { type: 'application/json' }));
  return { shc, dcc, idhp, trust, bundleUrl };
}

/** Verifies `text` in the scanner as a scan would; the verdict shown and the event. */
async function scan(scanner, text) {
  const event = nextEvent(scanner, 'pass-result');
  await scanner.verifyText(text);
  const detail = await event;
  await scanner.updateComplete;
  const verdict = scanner.shadowRoot.querySelector('[part=result]')?.dataset.verdict;
  scanner.reset();
  await scanner.updateComplete;
  return { verdict, result: detail.detail, duplicateOf: detail.duplicateOf };
}

describe('attack: a re-encoded screenshot of a scanned pass', () => {
  it('is "already scanned" in every encoding, for all three formats', async () => {
    const { shc, dcc, idhp, bundleUrl } = await trustAll();
    const scanner = await mount('pass-scanner', { trust: bundleUrl, policy: 'any-valid', 'reset-after': '0' });
    const card = await shc.issue();
    const dccText = await dcc.issue({ kind: 'vaccination' });
    const cred = await idhp.issueVaccination();
    const passes = [
      [card.numeric, shcReencodings(card)],
      [dccText, dccReencodings(dccText)],
      [idhpQrText(cred), idhpReencodings(cred)],
    ];
    for (const [original, others] of passes) {
      const first = await scan(scanner, original);
      assert.equal(first.verdict, 'accepted', JSON.stringify(first.result.errors));
      for (const [name, text] of Object.entries(others)) {
        const again = await scan(scanner, text);
        assert.equal(again.result.status, 'valid', `${name}: ${JSON.stringify(again.result.errors)}`);
        assert.equal(again.verdict, 'duplicate', `${name} was shown as a fresh pass`);
        assert.ok(again.duplicateOf instanceof Date);
      }
    }
    // The chunked form of the same card, scanned chunk by chunk.
    const chunks = card.chunks(3);
    const event = nextEvent(scanner, 'pass-result');
    for (const chunk of chunks) await scanner.verifyText(chunk);
    assert.ok((await event).duplicateOf instanceof Date, 'chunked re-encoding shown as fresh');
  });

  it('a different pass of the same person is not a duplicate', async () => {
    const { shc, bundleUrl } = await trustAll();
    const scanner = await mount('pass-scanner', { trust: bundleUrl, policy: 'any-valid', 'reset-after': '0' });
    const a = await shc.issue();
    const b = await shc.issue({ nbf: a.payload.nbf - 60 });
    assert.equal((await scan(scanner, a.numeric)).verdict, 'accepted');
    assert.equal((await scan(scanner, b.numeric)).verdict, 'accepted');
  });

  it('duplicate-storage="idb" keeps a non-extractable key and keyed entries only', async () => {
    const store = createStore('pass-check-scanner', 'duplicates');
    await clear(store);
    const { shc, bundleUrl } = await trustAll();
    const scanner = await mount('pass-scanner', { trust: bundleUrl, policy: 'any-valid', 'reset-after': '0', 'duplicate-storage': 'idb' });
    const card = await shc.issue();
    const first = await scan(scanner, card.numeric);
    assert.equal((await scan(scanner, shcReencodings(card).twin)).verdict, 'duplicate');
    // One record for the key, one per pass (`s:` + its HMAC, holding a time): nothing else.
    const records = await entries(store);
    const key = records.find(([name]) => name === 'key')?.[1];
    assert.ok(key instanceof CryptoKey);
    assert.equal(key.extractable, false);
    const passes = records.filter(([name]) => name !== 'key');
    assert.equal(passes.length, 1);
    assert.match(passes[0][0], /^s:[0-9a-f]{64}$/);
    assert.equal(typeof passes[0][1], 'number');
    assert.ok(!JSON.stringify(records).includes(first.result.passId));
    await clear(store);
  });
});

describe('attack: a scanner set up without a policy', () => {
  it('shows NO_POLICY instead of scanning, and admits nothing', async () => {
    const { shc, bundleUrl } = await trustAll();
    const errors = [];
    const results = [];
    const scanner = await mount('pass-scanner', { trust: bundleUrl, 'reset-after': '0' }, (el) => {
      el.addEventListener('pass-error', (e) => errors.push(e.detail.code));
      el.addEventListener('pass-result', (e) => results.push(e));
    });
    await until(() => errors.length > 0);
    assert.deepEqual(errors, ['NO_POLICY']);
    assert.equal(scanner.getAttribute('state'), 'error');
    assert.equal(scanner.shadowRoot.querySelector('[part=error]').dataset.code, 'NO_POLICY');
    // A positive test and one dose of two, pasted anyway: no verdict at all, let alone "Accepted".
    const positive = await shc.issue({ test: { loinc: '94500-6', result: '260373001', collected: new Date(Date.now() - 3_600_000).toISOString() } });
    const oneDose = await shc.issue({ doses: [{ cvx: '207', date: '2021-01-01' }] });
    for (const pass of [positive, oneDose]) {
      await scanner.verifyText(pass.numeric);
      await scanner.updateComplete;
      assert.equal(scanner.shadowRoot.querySelector('[part=result][data-verdict=accepted]'), null);
    }
    assert.equal(results.length, 0);
    // Once a policy is set, the scanner starts and decides.
    scanner.setAttribute('policy', 'vaccinated');
    await until(() => scanner.getAttribute('state') !== 'error');
    const r = await scan(scanner, oneDose.numeric);
    assert.equal(r.verdict, 'rejected');
  });

  it('a verifier property made without a policy gives NO_POLICY too', async () => {
    const { shc, trust } = await trustAll();
    const errors = [];
    const scanner = await mount('pass-scanner', { 'reset-after': '0' }, (el) => {
      el.verifier = createVerifier({ trust });
      el.addEventListener('pass-error', (e) => errors.push(e.detail.code));
    });
    await scanner.verifyText((await shc.issue()).numeric);
    await scanner.updateComplete;
    assert.ok(errors.includes('NO_POLICY'));
    assert.equal(scanner.shadowRoot.querySelector('[part=result]'), null);
  });
});

describe('attack: an IBM pass with the identity withheld', () => {
  it('is refused at the door, and the screen says why', async () => {
    const { idhp, bundleUrl } = await trustAll();
    const scanner = await mount('pass-scanner', { trust: bundleUrl, policy: 'any-valid', 'reset-after': '0', lang: 'en' });
    const cred = await idhp.issueVaccination({ obfuscate: ['recipient.familyName', 'recipient.birthDate', 'recipient.givenName'] });
    delete cred.obfuscation;
    const event = nextEvent(scanner, 'pass-result');
    await scanner.verifyText(idhpQrText(cred));
    const { detail } = await event;
    await scanner.updateComplete;
    assert.deepEqual(detail.policy.reasons.map((r) => r.code), ['IDENTITY_WITHHELD']);
    assert.equal(scanner.shadowRoot.querySelector('[part=result]').dataset.verdict, 'rejected');
    assert.match(scanner.shadowRoot.querySelector('[data-reason]').textContent, /name or birth date is withheld/);
  });
});

describe('attack: a malformed page language', () => {
  it('<html lang="en_US">: the duplicate screen still shows its verdict', async () => {
    const original = document.documentElement.lang;
    document.documentElement.lang = 'en_US';
    try {
      const { shc, bundleUrl } = await trustAll();
      const scanner = await mount('pass-scanner', { trust: bundleUrl, policy: 'any-valid', 'reset-after': '0' });
      const card = await shc.issue();
      await scan(scanner, card.numeric);
      const event = nextEvent(scanner, 'pass-result');
      await scanner.verifyText(card.numeric);
      await event;
      await scanner.updateComplete;
      assert.equal(scanner.getAttribute('state'), 'result');
      assert.equal(scanner.shadowRoot.querySelector('[part=result]').dataset.verdict, 'duplicate');
      assert.match(scanner.shadowRoot.querySelector('[data-duplicate]').textContent, /\d/);
      for (const lang of ['', 'x', '??', 'en__US', 'zh_TW', '-'.repeat(100)]) {
        scanner.setAttribute('lang', lang);
        await scanner.updateComplete;
        assert.equal(scanner.getAttribute('state'), 'result', `lang="${lang}"`);
      }
    } finally {
      document.documentElement.lang = original;
    }
  });
});

describe('attack: the trust attribute', () => {
  async function trustError(url, extra = {}) {
    const calls = [];
    const originalFetch = window.fetch;
    window.fetch = (...args) => { calls.push(String(args[0])); return originalFetch(...args); };
    try {
      const errors = [];
      const scanner = await mount('pass-scanner', { trust: url, policy: 'any-valid', ...extra }, (el) => el.addEventListener('pass-error', (e) => errors.push(e.detail)));
      await until(() => errors.length > 0);
      return { scanner, errors, calls };
    } finally {
      window.fetch = originalFetch;
    }
  }
  it('a data: bundle trusting a forger is refused, and the forged pass is not valid', async () => {
    const forger = await createShcIssuer({ iss: 'https://forger.example' });
    const bundle = { version: 1, shc: [forger.trustEntry()] };
    const { scanner, errors, calls } = await trustError(`data:application/json,${encodeURIComponent(JSON.stringify(bundle))}`);
    assert.equal(errors[0].code, 'TRUST_UNAVAILABLE');
    assert.deepEqual(calls, []);
    const results = [];
    scanner.addEventListener('pass-result', (e) => results.push(e.detail));
    await scanner.verifyText((await forger.issue()).numeric);
    assert.ok(results.every((r) => r.status !== 'valid'));
  });
  it('another origin is refused without the opt-in, and nothing is fetched', async () => {
    const { errors, calls } = await trustError('https://trust.example.org/bundle.json');
    assert.equal(errors[0].code, 'TRUST_UNAVAILABLE');
    assert.match(errors[0].message, /origin/);
    assert.deepEqual(calls, []);
  });
  it('http: of another host is refused even with the opt-in', async () => {
    const { errors, calls } = await trustError('http://trust.example.org/bundle.json', { 'trust-cross-origin': '' });
    assert.equal(errors[0].code, 'TRUST_UNAVAILABLE');
    assert.deepEqual(calls, []);
  });
  it('javascript: and file: are refused', async () => {
    for (const url of ['javascript:alert(1)', 'file:///etc/passwd']) {
      const { errors, calls } = await trustError(url, { 'trust-cross-origin': '' });
      assert.equal(errors[0].code, 'TRUST_UNAVAILABLE');
      assert.deepEqual(calls, []);
      element.remove();
    }
  });
});

describe('attack: a name that takes over the screen', () => {
  const RLO = '\u202e';
  const hostile = `${'Maximilian'.repeat(15)} ${RLO}TIMDA\u200b\u200d\u2066 Doe${'\u0301'.repeat(40)}`;

  it('320×568: verdict, icon and "next" stay visible; bidi and zero-width characters are gone; the name is isolated', async () => {
    await setViewport({ width: 320, height: 568 });
    try {
      const { shc, bundleUrl } = await trustAll();
      const scanner = await mount('pass-scanner', { trust: bundleUrl, policy: 'any-valid', 'reset-after': '0' }, (el) => { el.style.width = '320px'; });
      const card = await shc.issue({ patient: { given: [hostile], family: hostile } });
      const event = nextEvent(scanner, 'pass-result');
      await scanner.verifyText(card.numeric);
      await event;
      await scanner.updateComplete;
      const root = scanner.shadowRoot;
      const screen = root.querySelector('[part=result]').getBoundingClientRect();
      for (const selector of ['.icon', '[part=verdict]', '[part=result] button']) {
        const box = root.querySelector(selector).getBoundingClientRect();
        assert.ok(box.height > 0 && box.top >= screen.top - 1 && box.bottom <= screen.bottom + 1, `${selector} pushed off the verdict screen`);
        assert.ok(box.bottom <= 568 && box.right <= 320 + 1, `${selector} off a 320×568 screen`);
        const hit = root.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2);
        assert.ok(hit && (hit === root.querySelector(selector) || root.querySelector(selector).contains(hit)), `${selector} covered`);
      }
      const name = root.querySelector('.holder');
      assert.ok(name.querySelector('bdi'), 'the name is in a <bdi>');
      assert.doesNotMatch(name.textContent, /[\u202a-\u202e\u2066-\u2069\u200b-\u200f\u2060\ufeff]/);
      assert.ok(Array.from(name.textContent).length <= 80);
      assert.ok(!/\u0301{4}/.test(name.textContent), 'combining marks are cut short');
    } finally {
      await setViewport({ width: 800, height: 600 });
    }
  });

  it('a birth date that is not a date is never shown, on either element', async () => {
    const scanner = await mount('pass-scanner', { policy: 'any-valid', 'reset-after': '0' });
    scanner.showResult({
      status: 'valid', errors: [], holder: { name: 'Sam Sample', birthDate: '1990-01-01 — ID CHECKED, ADMIT ✓' },
      policy: { decision: 'accept', rule: 'any-valid', reasons: [] },
    });
    await scanner.updateComplete;
    assert.doesNotMatch(scanner.shadowRoot.textContent, /ADMIT/);
    scanner.showResult({ status: 'valid', errors: [], holder: { name: 'Sam Sample', birthDate: '1990-02-30' }, policy: { decision: 'accept', rule: 'any-valid', reasons: [] } });
    await scanner.updateComplete;
    assert.doesNotMatch(scanner.shadowRoot.textContent, /1990-02-30/);
  });

  it('<pass-display> strips and isolates the name too', async () => {
    const { shc, trust } = await trustAll();
    const card = await shc.issue({ patient: { given: [`Eve${RLO}nimda`], family: 'Doe\u200b' } });
    const display = await mount('pass-display', {}, (el) => { el.verifier = createVerifier({ trust }); el.value = card.numeric; });
    await until(() => display.shadowRoot.querySelector('[part=holder]'));
    const holder = display.shadowRoot.querySelector('[part=holder]');
    assert.ok(holder.querySelector('bdi'));
    assert.equal(holder.textContent.trim(), 'Evenimda Doe');
  });
});

describe('attack: a wallet file of 2,000 passes', () => {
  it('is previewed, capped and stored in one linear step, nothing before the holder says yes', async () => {
    const store = createStore('pass-check-wallet-adversarial', 'passes');
    await clear(store);
    const display = await mount('pass-display', { wallet: '' }, (el) => { el.walletStore = store; });
    const jws = Array.from({ length: 2000 }, (_, i) => `eyJhbGciOiJFUzI1NiJ9.cGFzcy0${i}.c2lnbmF0dXJl`);
    const file = JSON.stringify({ verifiableCredential: jws });
    const started = performance.now();
    await display.importText(file);
    await display.updateComplete;
    const { listPasses, MAX_IMPORT_PASSES } = await import('@pass-check/elements');
    assert.deepEqual(await listPasses(store), [], 'nothing stored before confirmation');
    const preview = display.shadowRoot.querySelector('[data-import-preview]');
    assert.ok(preview, 'a preview is shown');
    assert.match(preview.textContent, new RegExp(`${MAX_IMPORT_PASSES}`));
    display.shadowRoot.querySelector('[data-import-confirm]').click();
    await until(() => display.shadowRoot.querySelectorAll('.wallet li').length === MAX_IMPORT_PASSES);
    const elapsed = performance.now() - started;
    assert.equal((await listPasses(store)).length, MAX_IMPORT_PASSES);
    assert.ok(elapsed < 10_000, `import took ${elapsed.toFixed(0)} ms`);
    // Cancel stores nothing.
    await display.importText(JSON.stringify({ verifiableCredential: jws.slice(0, 2).map((j) => j.replace('c2ln', 'eHh4')) }));
    await display.updateComplete;
    display.shadowRoot.querySelector('[data-import-cancel]').click();
    assert.equal((await listPasses(store)).length, MAX_IMPORT_PASSES);
    await clear(store);
  });
});
