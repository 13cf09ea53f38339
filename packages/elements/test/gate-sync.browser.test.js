// <pass-scanner>'s gateSync property, in Chromium: what the door shows when the venue's
// memory says a pass was let in elsewhere, when the gate is offline, and when a late
// duplicate turns up. The venue memory here is an in-page one of GateSync's shape
// (the NATS one is tested against a real nats-server in packages/gate-sync and in the
// two-gate demo test); the scanners, verifiers and passes are real.
import { describe, it, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import '@pass-check/elements/define';
import { DuplicateDetector, LocalGateSync, PassLateDuplicateEvent } from '@pass-check/elements';
import { createTrustStore, createVerifier, supportedLanguages } from '@pass-check/verifier-core';
import { createShcIssuer } from '@pass-check/verifier-core/testing';
import { until } from './helpers/fixtures.js';

/** One venue's memory shared by every gate of this page, with the status and late-duplicate events of GateSync. */
function venueMemory() {
  const held = new Map();
  const claims = [];
  const gate = (name) => Object.assign(new EventTarget(), {
    status: { online: true, pending: 0, dropped: 0 },
    async claim(passId) {
      claims.push([name, passId]);
      const holder = held.get(passId);
      if (holder) return { first: false, gate: holder.gate, at: holder.at };
      held.set(passId, { gate: name, at: new Date() });
      return { first: true };
    },
    async close() {},
  });
  return { gate, claims };
}

const mounted = [];
async function scannerAt(verifier, gateSync) {
  const element = document.createElement('pass-scanner');
  element.setAttribute('camera', 'off');
  element.setAttribute('reset-after', '0');
  document.body.append(element);
  element.verifier = verifier;
  if (gateSync) element.gateSync = gateSync;
  mounted.push(element);
  await element.updateComplete;
  return element;
}
afterEach(() => { for (const element of mounted.splice(0)) element.remove(); });

async function venue() {
  const issuer = await createShcIssuer();
  const passIdKey = crypto.getRandomValues(new Uint8Array(32));
  const verifierFor = async () => {
    const trust = createTrustStore();
    await trust.addShcIssuer(issuer.trustEntry());
    return createVerifier({ trust, passIdKey, policy: 'any-valid' });
  };
  return { issuer, verifierFor };
}

const resultOf = (scanner) => scanner.shadowRoot.querySelector('[part~="result"]');
async function present(scanner, text) {
  scanner.reset();
  const result = await scanner.verifyText(text);
  await scanner.updateComplete;
  return { result, verdict: resultOf(scanner)?.getAttribute('data-verdict'), line: resultOf(scanner)?.querySelector('[data-duplicate]')?.textContent ?? '' };
}

describe('<pass-scanner> gateSync', () => {
  it('a pass let in at gate 3 is "Already admitted at gate 3" at gate 17, whatever its encoding', async () => {
    const { issuer, verifierFor } = await venue();
    const memory = venueMemory();
    const three = await scannerAt(await verifierFor(), memory.gate('3'));
    const seventeen = await scannerAt(await verifierFor(), memory.gate('17'));
    const card = await issuer.issue();
    const events = [];
    seventeen.addEventListener('pass-result', (e) => events.push(e));

    assert.equal((await present(three, card.numeric)).verdict, 'accepted');
    // The holder's friend shows a screenshot at another gate: the same QR text.
    const again = await present(seventeen, card.numeric);
    assert.equal(again.verdict, 'duplicate');
    assert.match(again.line, /^Already admitted at gate 3, \d\d:\d\d/);
    assert.equal(events.at(-1).duplicateGate, '3');
    // Re-encoded: the bare JWS instead of the QR's numeric text, and the card in three chunks.
    assert.equal((await present(seventeen, card.jws)).verdict, 'duplicate');
    seventeen.reset();
    for (const chunk of card.chunks(3)) await seventeen.verifyText(chunk);
    await seventeen.updateComplete;
    assert.equal(resultOf(seventeen).getAttribute('data-verdict'), 'duplicate');
    assert.equal(new Set(memory.claims.map(([, id]) => id)).size, 1, 'one pass, one id at every gate');
  });

  it('claims only passes that are let in: a rejected pass leaves no trace in the venue memory', async () => {
    const { verifierFor } = await venue();
    const stranger = await createShcIssuer();
    const memory = venueMemory();
    const gate = await scannerAt(await verifierFor(), memory.gate('1'));
    assert.equal((await present(gate, (await stranger.issue()).numeric)).verdict, 'rejected');
    assert.equal(memory.claims.length, 0);
  });

  it('a gate sync that fails falls back to this device\'s memory, never to "Accepted" twice', async () => {
    const { issuer, verifierFor } = await venue();
    const broken = { async claim() { throw new Error('closed'); }, async close() {} };
    const gate = await scannerAt(await verifierFor(), broken);
    const card = await issuer.issue();
    assert.equal((await present(gate, card.numeric)).verdict, 'accepted');
    const again = await present(gate, card.numeric);
    assert.equal(again.verdict, 'duplicate');
    assert.match(again.line, /^Already scanned at/);
  });

  it('records every pass on this device too: a gate sync gone quiet (offline, claims queued) still sees a second scan here', async () => {
    const { issuer, verifierFor } = await venue();
    // Offline GateSync: it queues the claim and cannot know better than "first".
    const offline = { async claim() { return { first: true }; }, async close() {} };
    const gate = await scannerAt(await verifierFor(), offline);
    const card = await issuer.issue();
    assert.equal((await present(gate, card.numeric)).verdict, 'accepted');
    const again = await present(gate, card.numeric);
    assert.equal(again.verdict, 'duplicate');
    assert.match(again.line, /^Already scanned at \d\d:\d\d/);
  });

  it('records locally while the sync is up, so it still knows when the sync then fails', async () => {
    const { issuer, verifierFor } = await venue();
    let up = true;
    const flaky = { async claim() { if (!up) throw new Error('unreachable'); return { first: true }; }, async close() {} };
    const gate = await scannerAt(await verifierFor(), flaky);
    const card = await issuer.issue();
    assert.equal((await present(gate, card.numeric)).verdict, 'accepted');
    up = false;
    assert.equal((await present(gate, card.numeric)).verdict, 'duplicate');
  });

  it('an answer {first: false} without a time is still "already admitted", never "Accepted"', async () => {
    const { issuer, verifierFor } = await venue();
    const events = [];
    for (const answer of [{ first: false, gate: '2' }, { first: false, gate: '2', at: 'not a date' }, { first: false }]) {
      const sync = { async claim() { return answer; }, async close() {} };
      const gate = await scannerAt(await verifierFor(), sync);
      gate.addEventListener('pass-result', (e) => events.push(e));
      const shown = await present(gate, (await issuer.issue()).numeric);
      assert.equal(shown.verdict, 'duplicate', JSON.stringify(answer));
      assert.doesNotMatch(shown.line, /Invalid|NaN|undefined/);
      if (answer.gate) assert.match(shown.line, /gate 2/);
      assert.equal(events.at(-1).duplicate, true);
      assert.equal(gate.counts.duplicate, 1);
      assert.equal(gate.counts.accepted, 0);
    }
  });

  it('a gate sync with a verifier built from attributes (no venue key, so no shared passId) is a NO_VENUE_KEY setup error, not a verdict', async () => {
    const { issuer } = await venue();
    const sync = venueMemory().gate('1');
    const element = document.createElement('pass-scanner');
    element.setAttribute('camera', 'off');
    element.setAttribute('policy', 'any-valid');
    element.gateSync = sync;
    const errors = [], results = [];
    element.addEventListener('pass-error', (e) => errors.push(e.detail.code));
    element.addEventListener('pass-result', (e) => results.push(e));
    document.body.append(element);
    mounted.push(element);
    await until(() => errors.includes('NO_VENUE_KEY'));
    assert.equal(await element.verifyText((await issuer.issue()).numeric), undefined);
    await element.updateComplete;
    assert.equal(results.length, 0);
    assert.equal(element.state, 'error');
    assert.equal(element.shadowRoot.querySelector('[part~="error"]').getAttribute('data-code'), 'NO_VENUE_KEY');
    assert.equal(element.shadowRoot.querySelector('[part~="result"]'), null);
  });

  it('shows staff when the gate is offline and how many claims wait, and clears it when back', async () => {
    const { verifierFor } = await venue();
    const sync = venueMemory().gate('5');
    const gate = await scannerAt(await verifierFor(), sync);
    const line = () => gate.shadowRoot.querySelector('[part~="gate-status"]');
    assert.equal(line(), null);
    sync.dispatchEvent(Object.assign(new Event('gate-sync-status'), { detail: { online: false, pending: 3, dropped: 0 } }));
    await until(() => line());
    assert.match(line().textContent, /Offline.*3 waiting/);
    sync.dispatchEvent(Object.assign(new Event('gate-sync-status'), { detail: { online: true, pending: 0, dropped: 0 } }));
    await until(() => !line());
  });

  it('speaks every language of the elements: offline line, late-duplicate notice and "already admitted at gate N"', async () => {
    const { issuer, verifierFor } = await venue();
    const offline = new Map();
    const notices = new Map();
    for (const lang of supportedLanguages) {
      const sync = venueMemory().gate('5');
      const gate = await scannerAt(await verifierFor(), sync);
      gate.setAttribute('lang', lang);
      sync.dispatchEvent(Object.assign(new Event('gate-sync-status'), { detail: { online: false, pending: 7, dropped: 0 } }));
      const at = new Date(2026, 11, 2, 9, 2), admittedHereAt = new Date(2026, 11, 2, 9, 5);
      sync.dispatchEvent(Object.assign(new Event('gate-sync-late-duplicate'), { detail: { passId: 'x', gate: '12', at, admittedHereAt } }));
      await until(() => gate.shadowRoot.querySelector('[part~="gate-status"]') && gate.shadowRoot.querySelector('[data-notice="late-duplicate"]'));
      const line = gate.shadowRoot.querySelector('[part~="gate-status"]').textContent.trim();
      const notice = gate.shadowRoot.querySelector('[data-notice="late-duplicate"]').textContent.trim();
      assert.match(line, /7/, lang);
      assert.match(notice, /12/, lang);
      offline.set(lang, line);
      notices.set(lang, notice);
    }
    assert.equal(new Set(offline.values()).size, supportedLanguages.length, 'no language falls back to another\'s offline line');
    assert.equal(new Set(notices.values()).size, supportedLanguages.length, 'no language falls back to another\'s notice');

    const memory = venueMemory();
    const three = await scannerAt(await verifierFor(), memory.gate('3'));
    const seventeen = await scannerAt(await verifierFor(), memory.gate('17'));
    const card = await issuer.issue();
    assert.equal((await present(three, card.numeric)).verdict, 'accepted');
    seventeen.setAttribute('lang', 'it');
    assert.match((await present(seventeen, card.numeric)).line, /^Già ammesso al varco 3, \d\d[:.]\d\d/);
    seventeen.setAttribute('lang', 'zh-Hant');
    assert.match((await present(seventeen, card.numeric)).line, /^已在 3 號閘口入場/);
  });

  it('a late duplicate becomes a staff notice and a pass-late-duplicate event with no pass data', async () => {
    const { verifierFor } = await venue();
    const sync = venueMemory().gate('5');
    const gate = await scannerAt(await verifierFor(), sync);
    const seen = [];
    gate.addEventListener(PassLateDuplicateEvent.eventName, (e) => seen.push(e));
    const at = new Date(2026, 11, 2, 9, 2), admittedHereAt = new Date(2026, 11, 2, 9, 5);
    sync.dispatchEvent(Object.assign(new Event('gate-sync-late-duplicate'), { detail: { passId: 'secret-id', gate: '12', at, admittedHereAt } }));
    await until(() => gate.shadowRoot.querySelector('[data-notice="late-duplicate"]'));
    const notice = gate.shadowRoot.querySelector('[data-notice="late-duplicate"]');
    assert.equal(notice.getAttribute('role'), 'alert');
    assert.match(notice.textContent, /Admitted twice.*09:05.*gate 12, 09:02/);
    assert.equal(seen.length, 1);
    assert.deepEqual(Object.keys(seen[0].detail).sort(), ['admittedHereAt', 'at', 'gate']);
    assert.ok(seen[0].bubbles && seen[0].composed);
    notice.querySelector('button').click();
    await until(() => !gate.shadowRoot.querySelector('[data-notice]'));
  });

  it('writes every time through one safe locale: a malformed lang neither throws nor hides the notice or the duplicate time', async () => {
    const { issuer, verifierFor } = await venue();
    const memory = venueMemory();
    const first = await scannerAt(await verifierFor(), memory.gate('1'));
    const sync = memory.gate('9');
    const gate = await scannerAt(await verifierFor(), sync);
    gate.setAttribute('lang', 'en_US');
    const card = await issuer.issue();
    await present(first, card.numeric);
    assert.match((await present(gate, card.numeric)).line, /^Already admitted at gate 1, \d\d:\d\d/);
    sync.dispatchEvent(Object.assign(new Event('gate-sync-late-duplicate'), { detail: { gate: '12', at: new Date(2026, 11, 2, 9, 2), admittedHereAt: new Date(2026, 11, 2, 9, 5) } }));
    await until(() => gate.shadowRoot.querySelector('[data-notice="late-duplicate"]'));
    assert.match(gate.shadowRoot.querySelector('[data-notice="late-duplicate"]').textContent, /09:05.*gate 12, 09:02/);
  });

  it('a gate name is text, not markup', async () => {
    const { issuer, verifierFor } = await venue();
    const memory = venueMemory();
    const a = await scannerAt(await verifierFor(), memory.gate('<img src=x onerror=alert(1)>'));
    const b = await scannerAt(await verifierFor(), memory.gate('b'));
    const card = await issuer.issue();
    await present(a, card.numeric);
    const again = await present(b, card.numeric);
    assert.match(again.line, /<img src=x/);
    assert.equal(b.shadowRoot.querySelector('img'), null);
  });
});

describe('LocalGateSync', () => {
  it('is the device\'s duplicate detector behind the GateSync shape', async () => {
    let now = 1_700_000_000_000;
    const local = new LocalGateSync(new DuplicateDetector(60_000, undefined, () => now), 'kiosk');
    const id = 'Cu302_sE28lcpOiU2aeoYW8WWHh3yOZu0HCwDdVzXi4'; // a passId's shape: base64url of an HMAC
    assert.deepEqual(await local.claim(id), { first: true });
    now += 1000;
    const again = await local.claim(id);
    assert.equal(again.first, false);
    assert.equal(again.gate, 'kiosk');
    assert.equal(again.at.getTime(), 1_700_000_000_000);
    now += 60_001;
    assert.deepEqual(await local.claim(id), { first: true });
  });
});
