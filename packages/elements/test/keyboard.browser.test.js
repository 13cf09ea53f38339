// Every control of <pass-scanner> and <pass-display> by keyboard, with real key
// presses (web-test-runner's sendKeys drives Chromium's input): Tab reaches each
// control in order, Enter and Space activate it, and when a control goes away
// (a verdict, a closed form, a deleted pass) focus moves to the next action,
// never to <body>. The camera's own buttons (switch, torch, zoom) need a camera:
// test/camera/*.camera.js covers them with a fake one.
import { describe, it, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { sendKeys } from '@web/test-runner-commands';
import '@pass-check/elements/define';
import { createStore, clear } from 'idb-keyval';
import { trustedIssuer, until } from './helpers/fixtures.js';

let mounted = [];
afterEach(() => { for (const e of mounted) e.remove(); mounted = []; });

/** The focused element inside shadow roots, described as "host > tag(label)". */
function focused() {
  let active = document.activeElement;
  let host = '';
  while (active?.shadowRoot?.activeElement) { host = active.localName; active = active.shadowRoot.activeElement; }
  if (!active || active === document.body) return 'body';
  const label = active.type === 'file' ? '(file)' : active.localName === 'textarea' ? '' : `(${active.textContent.trim().replace(/\s+/g, ' ').replace(/ · .*/, '')})`;
  return `${host ? `${host} > ` : ''}${active.localName}${label}`;
}

/** A page with a button before and after `element`: Tab goes from one to the other through it. */
function framed(element) {
  const before = Object.assign(document.createElement('button'), { textContent: 'before' });
  const after = Object.assign(document.createElement('button'), { textContent: 'after' });
  document.body.append(before, element, after);
  mounted.push(before, element, after);
  return { before, after };
}

async function tabOrder(from, to) {
  from.focus();
  const order = [];
  for (let i = 0; i < 30; i++) {
    await sendKeys({ press: 'Tab' });
    const now = focused();
    if (now === `button(${to.textContent})`) return order;
    order.push(now);
  }
  throw new Error(`Tab never reached "${to.textContent}": ${order.join(' → ')}`);
}

async function tabTo(label) {
  for (let i = 0; i < 30; i++) {
    if (focused().endsWith(label)) return;
    await sendKeys({ press: 'Tab' });
  }
  throw new Error(`Tab never reached ${label}; at ${focused()}`);
}

async function scanner() {
  const { issuer, verifier } = await trustedIssuer({ policy: 'any-valid' });
  const element = document.createElement('pass-scanner');
  element.setAttribute('camera', 'off');
  element.setAttribute('reset-after', '0');
  element.verifier = verifier;
  const frame = framed(element);
  await element.updateComplete;
  await until(() => element.state === 'idle');
  return { element, issuer, ...frame };
}

describe('<pass-scanner> by keyboard', () => {
  it('Tab reaches the file picker and "Paste text"; Space opens the form, whose controls are next in order', async () => {
    const { element, before, after } = await scanner();
    assert.deepEqual(await tabOrder(before, after), ['pass-scanner > input(file)', 'pass-scanner > button(Paste text)']);
    await tabTo('button(Paste text)');
    await sendKeys({ press: 'Space' });
    await until(() => element.shadowRoot.querySelector('form.paste'));
    assert.deepEqual(await tabOrder(before, after), [
      'pass-scanner > input(file)', 'pass-scanner > button(Paste text)', 'pass-scanner > textarea',
      'pass-scanner > button(Check)', 'pass-scanner > button(Cancel)',
    ]);
  });

  it('Cancel by Enter closes the form and gives focus back to "Paste text"', async () => {
    const { element, before } = await scanner();
    before.focus();
    await tabTo('button(Paste text)');
    await sendKeys({ press: 'Enter' });
    await until(() => element.shadowRoot.querySelector('form.paste'));
    await tabTo('button(Cancel)');
    await sendKeys({ press: 'Enter' });
    await until(() => !element.shadowRoot.querySelector('form.paste'));
    await element.updateComplete;
    assert.equal(focused(), 'pass-scanner > button(Paste text)');
  });

  it('a pasted pass verified by Enter puts focus on "next"; Space on it ends the verdict, focus on the next action', async () => {
    const { element, issuer, before } = await scanner();
    before.focus();
    await tabTo('button(Paste text)');
    await sendKeys({ press: 'Enter' });
    await until(() => element.shadowRoot.querySelector('form.paste'));
    await sendKeys({ press: 'Tab' });
    assert.equal(focused(), 'pass-scanner > textarea');
    element.shadowRoot.querySelector('textarea').value = (await issuer.issue()).numeric;
    await sendKeys({ press: 'Tab' });
    assert.equal(focused(), 'pass-scanner > button(Check)');
    await sendKeys({ press: 'Enter' });
    await until(() => element.shadowRoot.querySelector('[part~="result"]'));
    await until(() => focused().startsWith('pass-scanner > button(Tap for the next person'));
    await sendKeys({ press: 'Space' });
    await until(() => !element.shadowRoot.querySelector('[part~="result"]'));
    await element.updateComplete;
    assert.match(focused(), /^pass-scanner > (input\(file\)|button\(Paste text\))$/, 'not <body>');
  });

  it('"Try again" on an error screen is reached by Tab, works by Enter, and focus stays in the scanner', async () => {
    const { element, before } = await scanner();
    element.showError('CAMERA_FAILED');
    await element.updateComplete;
    before.focus();
    await tabTo('button(Try again)');
    await sendKeys({ press: 'Enter' });
    await until(() => element.state !== 'error');
    await element.updateComplete;
    assert.match(focused(), /^pass-scanner > (input\(file\)|button\(Paste text\))$/);
  });

  it('a staff notice\'s "Dismiss" works by Enter; focus moves to the next notice, then back to the scanner', async () => {
    const { element, before } = await scanner();
    const sync = Object.assign(new EventTarget(), { async claim() { return { first: true }; }, async close() {} });
    element.gateSync = sync;
    await element.updateComplete;
    for (const gate of ['4', '5']) {
      sync.dispatchEvent(Object.assign(new Event('gate-sync-late-duplicate'), { detail: { gate, at: new Date(), admittedHereAt: new Date() } }));
    }
    await until(() => element.shadowRoot.querySelectorAll('[data-notice]').length === 2);
    before.focus();
    await tabTo('button(Dismiss)');
    await sendKeys({ press: 'Enter' });
    await until(() => element.shadowRoot.querySelectorAll('[data-notice]').length === 1);
    await element.updateComplete;
    assert.equal(focused(), 'pass-scanner > button(Dismiss)');
    await sendKeys({ press: 'Space' });
    await until(() => element.shadowRoot.querySelectorAll('[data-notice]').length === 0);
    await element.updateComplete;
    assert.notEqual(focused(), 'body');
    assert.match(focused(), /^pass-scanner > /);
  });
});

describe('<pass-display> wallet by keyboard', () => {
  async function wallet(name) {
    const { issuer, verifier } = await trustedIssuer({ policy: 'any-valid' });
    const store = createStore(name, 'passes');
    await clear(store);
    const element = document.createElement('pass-display');
    element.verifier = verifier;
    element.walletStore = store;
    element.wallet = true;
    const frame = framed(element);
    await element.updateComplete;
    return { element, issuer, store, ...frame };
  }

  it('Tab reaches every control in order: each saved pass\'s Show and Delete, the file picker, "Paste text", the card\'s Save', async () => {
    const { element, issuer, store, before, after } = await wallet('pass-check-keyboard-order');
    await element.importText((await issuer.issue()).numeric);
    await element.importText((await issuer.issue({ patient: { given: ['Ann'], family: 'Other' } })).numeric);
    await until(() => element.shadowRoot.querySelectorAll('.wallet li').length === 2);
    assert.deepEqual(await tabOrder(before, after), [
      'pass-display > button(Show)', 'pass-display > button(Delete)',
      'pass-display > button(Show)', 'pass-display > button(Delete)',
      'pass-display > input(file)', 'pass-display > button(Paste text)', 'pass-display > button(Save)',
    ]);
    await clear(store);
  });

  it('pasting by keyboard: Enter opens, the form\'s Save by Enter imports, focus returns to "Paste text"', async () => {
    const { element, issuer, store, before } = await wallet('pass-check-keyboard-paste');
    before.focus();
    await tabTo('button(Paste text)');
    await sendKeys({ press: 'Enter' });
    await until(() => element.shadowRoot.querySelector('.wallet form'));
    await sendKeys({ press: 'Tab' });
    assert.equal(focused(), 'pass-display > textarea');
    element.shadowRoot.querySelector('textarea').value = (await issuer.issue()).numeric;
    await sendKeys({ press: 'Tab' });
    assert.equal(focused(), 'pass-display > button(Save)');
    await sendKeys({ press: 'Enter' });
    await until(() => element.shadowRoot.querySelectorAll('.wallet li').length === 1);
    await element.updateComplete;
    assert.equal(focused(), 'pass-display > button(Paste text)');
    await clear(store);
  });

  it('Show by Space shows that pass; Delete by Enter removes it and focus moves to the next pass, then to the wallet\'s actions', async () => {
    const { element, issuer, store, before } = await wallet('pass-check-keyboard-delete');
    const first = await issuer.issue();
    await element.importText(first.numeric);
    await element.importText((await issuer.issue({ patient: { given: ['Ann'], family: 'Other' } })).numeric);
    await until(() => element.shadowRoot.querySelectorAll('.wallet li').length === 2);
    before.focus();
    await tabTo('button(Show)');
    await sendKeys({ press: 'Tab' });
    await sendKeys({ press: 'Tab' });
    assert.equal(focused(), 'pass-display > button(Show)', 'the second pass (the first saved)');
    await sendKeys({ press: 'Space' });
    await until(() => element.value === first.numeric);
    await sendKeys({ press: 'Tab' });
    await sendKeys({ press: 'Enter' });
    await until(() => element.shadowRoot.querySelectorAll('.wallet li').length === 1);
    await element.updateComplete;
    assert.equal(focused(), 'pass-display > button(Show)', 'focus on the pass that is left');
    await sendKeys({ press: 'Tab' });
    await sendKeys({ press: 'Enter' });
    await until(() => element.shadowRoot.querySelectorAll('.wallet li').length === 0);
    await element.updateComplete;
    assert.equal(focused(), 'pass-display > input(file)', 'no pass left: the first wallet action');
    await clear(store);
  });

  it('an import preview takes focus on its Save; Cancel by Enter gives focus back to "Paste text"', async () => {
    const { element, issuer, store, before } = await wallet('pass-check-keyboard-preview');
    const cards = [await issuer.issue(), await issuer.issue()];
    before.focus();
    await tabTo('button(Paste text)');
    await sendKeys({ press: 'Enter' });
    await until(() => element.shadowRoot.querySelector('.wallet form'));
    element.shadowRoot.querySelector('textarea').value = JSON.stringify({ verifiableCredential: cards.map((c) => c.jws) });
    await sendKeys({ press: 'Tab' });
    await sendKeys({ press: 'Tab' });
    await sendKeys({ press: 'Enter' });
    await until(() => element.shadowRoot.querySelector('.import-preview'));
    await element.updateComplete;
    assert.equal(focused(), 'pass-display > button(Save)');
    await sendKeys({ press: 'Tab' });
    assert.equal(focused(), 'pass-display > button(Cancel)');
    await sendKeys({ press: 'Enter' });
    await until(() => !element.shadowRoot.querySelector('.import-preview'));
    await element.updateComplete;
    assert.equal(focused(), 'pass-display > button(Paste text)');
    await clear(store);
  });
});
