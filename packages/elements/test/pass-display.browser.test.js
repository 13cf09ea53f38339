import { describe, it, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import '@pass-check/elements/define';
import { listPasses, savePass, MAX_WALLET_PASSES } from '@pass-check/elements';
import { createQrDecoder } from '@pass-check/wasm-qr';
import { createStore, clear, setMany } from 'idb-keyval';
import { trustedIssuer, nextEvent, until, qrCanvas, svgQrCanvas } from './helpers/fixtures.js';

let element;
afterEach(() => { element?.remove(); element = undefined; });

async function mount(setup) {
  element = document.createElement('pass-display');
  setup(element);
  const verified = nextEvent(element, 'pass-result');
  document.body.append(element);
  await verified;
  await element.updateComplete;
  return element;
}

/** A <pass-display> in wallet mode over an emptied IndexedDB store of its own; returns the store. */
async function mountWallet(verifier, storeName) {
  const store = createStore(storeName, 'passes');
  await clear(store);
  element = document.createElement('pass-display');
  element.verifier = verifier;
  element.walletStore = store;
  element.wallet = true;
  document.body.append(element);
  return store;
}

/** Draws the element's SVG as a standalone image (as when saved or printed) and reads it back. */
async function readBackQr(display) {
  // Whole pixels per module, as a screen showing the pass at a sensible size would.
  const canvas = await svgQrCanvas(display.shadowRoot.querySelector('[part=qr] svg'));
  const pixels = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height);
  return (await createQrDecoder()).decode(pixels).map((code) => code.text);
}

describe('<pass-display>', () => {
  it('shows verdict, holder and kind, and a QR that scans back to the same text', async () => {
    const { issuer, verifier } = await trustedIssuer({ disclose: 'full' });
    const card = await issuer.issue({ patient: { given: ['Jane'], family: 'Anyperson', birthDate: '1961-01-20' } });
    const display = await mount((el) => { el.verifier = verifier; el.value = card.numeric; });
    assert.equal(display.shadowRoot.querySelector('[part=badge]').dataset.verdict, 'accepted');
    assert.equal(display.shadowRoot.querySelector('[part=holder]').textContent, 'Jane Anyperson');
    assert.match(display.shadowRoot.querySelector('[part=summary]').textContent, /1961-01-20/);
    assert.match(display.shadowRoot.querySelector('[data-kind]').textContent, /Vaccination/);
    assert.deepEqual(await readBackQr(display), [card.numeric]);
  });

  it('marks a pass that does not verify, with the reason', async () => {
    const { issuer, verifier } = await trustedIssuer();
    const card = await issuer.issue({ tamper: true });
    const display = await mount((el) => { el.verifier = verifier; el.value = card.numeric; });
    assert.equal(display.shadowRoot.querySelector('[part=badge]').dataset.verdict, 'rejected');
    assert.ok(display.shadowRoot.querySelector('[data-reason]').textContent.length > 10);
  });

  it('labels an authentic pass that fails the venue policy as rejected, with the policy reason', async () => {
    const { issuer, verifier } = await trustedIssuer({ policy: 'tested' });
    const card = await issuer.issue();
    const display = await mount((el) => { el.verifier = verifier; el.value = card.numeric; });
    assert.equal(display.result.status, 'valid');
    assert.equal(display.result.policy.decision, 'reject');
    const badge = display.shadowRoot.querySelector('[part=badge]');
    assert.equal(badge.dataset.verdict, 'rejected');
    assert.match(badge.textContent, /Rejected/);
    assert.doesNotMatch(badge.textContent, /Valid/);
    // 'tested' has a PCR and an antigen rule, and both fail for the same reason: it is said once.
    const reasons = display.result.policy.reasons.map((r) => r.message);
    assert.ok(reasons.length > new Set(reasons).size, 'the policy gives a repeated reason');
    const shown = display.shadowRoot.querySelector('[data-reason]').textContent;
    for (const reason of new Set(reasons)) assert.equal(shown.split(reason).length - 1, 1, `"${reason}" shown once`);
  });

  it('takes a .smart-health-card file as its value and shows it as a QR', async () => {
    const { issuer, verifier } = await trustedIssuer();
    const card = await issuer.issue();
    const display = await mount((el) => { el.verifier = verifier; el.value = card.file; });
    assert.equal(display.result.status, 'valid');
    assert.deepEqual(await readBackQr(display), [card.numeric]);
  });

  it('follows lang, also when it changes', async () => {
    const { issuer } = await trustedIssuer();
    const card = await issuer.issue();
    // No verifier: built from the attributes (no trust bundle, so the issuer is unknown).
    const display = await mount((el) => { el.setAttribute('lang', 'es'); el.value = card.numeric; });
    assert.match(display.shadowRoot.querySelector('[part=badge]').textContent, /No válido/);
    const again = nextEvent(display, 'pass-result');
    display.setAttribute('lang', 'fr');
    await again;
    await display.updateComplete;
    assert.match(display.shadowRoot.querySelector('[part=badge]').textContent, /Non valide/);
    assert.match(display.shadowRoot.querySelector('[data-reason]').textContent, /Motif/);
  });

  it('has its words in each of the verifier\'s eleven languages, Chinese by script', async () => {
    const { issuer } = await trustedIssuer();
    const card = await issuer.issue();
    const expected = {
      en: 'Not valid', es: 'No válido', fr: 'Non valide', it: 'Non valido', pl: 'Nieważny', ru: 'Недействителен',
      ko: '유효하지 않음', ht: 'Pa valab', bn: 'অবৈধ', 'zh-CN': '无效', 'zh-TW': '無效', 'zh-Hant-HK': '無效', zh: '无效', de: 'Not valid',
    };
    const display = await mount((el) => { el.setAttribute('lang', 'en'); el.value = card.numeric; });
    for (const [lang, word] of Object.entries(expected)) {
      const again = lang === 'en' ? Promise.resolve() : nextEvent(display, 'pass-result');
      display.setAttribute('lang', lang);
      await again;
      await display.updateComplete;
      const badge = display.shadowRoot.querySelector('[part=badge]').textContent;
      assert.ok(badge.includes(word), `${lang}: ${badge}`);
    }
  });

  it('has a print stylesheet that hides the wallet controls', async () => {
    const { issuer, verifier } = await trustedIssuer();
    const display = await mount((el) => { el.verifier = verifier; el.value = 'HC1:NOT-A-PASS'; });
    const rules = [...display.shadowRoot.adoptedStyleSheets.flatMap((sheet) => [...sheet.cssRules])];
    const print = rules.find((rule) => rule instanceof CSSMediaRule && rule.media.mediaText === 'print');
    assert.ok(print, 'an @media print block');
    assert.match(print.cssText, /\.wallet/);
  });

  it('keeps passes in the wallet: import from pasted text, list, show, delete', async () => {
    const { issuer, verifier } = await trustedIssuer();
    const [a, b] = [await issuer.issue(), await issuer.issue({ patient: { given: ['Ann'], family: 'Other' } })];
    const store = await mountWallet(verifier, 'pass-check-wallet-test');
    await element.importText(a.jws);
    await element.importText(b.numeric);
    await element.importText(b.numeric); // saving twice keeps one copy
    const saved = await listPasses(store);
    assert.deepEqual(saved.map((p) => p.text).sort(), [a.numeric, b.numeric].sort());
    assert.equal(element.value, b.numeric);
    await until(() => element.shadowRoot.querySelectorAll('.wallet li').length === 2);

    const rowOfA = [...element.shadowRoot.querySelectorAll('.wallet li')].find((li) => li.getAttribute('aria-current') === 'false');
    const shown = nextEvent(element, 'pass-result');
    [...rowOfA.querySelectorAll('button')].find((x) => /Show/.test(x.textContent)).click();
    assert.equal((await shown).detail.holder.name, 'John B. Anyperson');

    [...rowOfA.querySelectorAll('button')].find((x) => /Delete/.test(x.textContent)).click();
    await until(() => element.shadowRoot.querySelectorAll('.wallet li').length === 1);
    assert.deepEqual((await listPasses(store)).map((p) => p.text), [b.numeric]);
    await clear(store);
  });

  it('savePass keeps the 200-pass cap: a full wallet refuses a new pass (WALLET_FULL) and the holder is told', async () => {
    const { issuer, verifier } = await trustedIssuer();
    const store = await mountWallet(verifier, 'pass-check-wallet-full-test');
    const held = Array.from({ length: MAX_WALLET_PASSES }, (_, i) => ({ id: `held-${i}`, text: `shc:/${String(i).padStart(8, '0')}`, savedAt: i }));
    await setMany(held.map((p) => [p.id, p]), store);
    const card = await issuer.issue();
    await assert.rejects(savePass(card.numeric, store), (e) => e.code === 'WALLET_FULL');
    // Saving one already held is still fine (it is found, not added).
    assert.equal((await savePass(held[3].text, store)).id, 'held-3');
    await element.importText(card.numeric);
    await element.updateComplete;
    assert.equal((await listPasses(store)).length, MAX_WALLET_PASSES);
    assert.match(element.shadowRoot.querySelector('.wallet [role=alert]')?.textContent ?? '', /as many passes as it can keep/);
    await clear(store);
  });

  it('imports a photo of a QR into the wallet', async () => {
    const { issuer, verifier } = await trustedIssuer();
    const card = await issuer.issue();
    const store = await mountWallet(verifier, 'pass-check-wallet-photo-test');
    await element.updateComplete;
    const canvas = await qrCanvas(card.numeric, { scale: 4, width: 800, height: 600 });
    const png = await new Promise((resolve) => canvas.toBlob(resolve, 'image/png'));
    const transfer = new DataTransfer();
    transfer.items.add(new File([png], 'photo.png', { type: 'image/png' }));
    const input = element.shadowRoot.querySelector('.wallet input[type=file]');
    input.files = transfer.files;
    const shown = nextEvent(element, 'pass-result');
    input.dispatchEvent(new Event('change'));
    assert.equal((await shown).detail.status, 'valid');
    assert.equal(element.value, card.numeric);
    assert.deepEqual((await listPasses(store)).map((p) => p.text), [card.numeric]);
    await clear(store);
  });
});
