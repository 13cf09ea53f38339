// <pass-scanner> trust in production, in Chromium: a bundle signed by the venue key
// (`trust-key`; unsigned, foreign-signed and older bundles refused), the last good
// bundle kept in IndexedDB (offline start, no rollback after a restart),
// background refreshes with conditional requests and never mid-scan, the staff
// banner past `trust-warn-age`, and TRUST_STALE (no verdict) past `trust-max-age`.
//
// The trust URL is answered by a stand-in for window.fetch that records each request,
// so a test controls what the "server" holds; everything else is the real element.
import { describe, it, beforeEach, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { createStore, set as idbSet } from 'idb-keyval';
import '@pass-check/elements/define';
import { signBundle } from '@pass-check/verifier-core';
import { createShcIssuer } from '@pass-check/verifier-core/testing';
import { nextEvent, until } from './helpers/fixtures.js';

const DAY = 86_400_000;
const shadowText = (el) => el.shadowRoot.textContent.replace(/\s+/g, ' ');
let run = 0;
let element;
let server;
const realFetch = window.fetch;

/** What the trust URL serves: a body, an ETag, or a network failure; every request is recorded. */
function fakeServer() {
  const state = { body: undefined, etag: undefined, down: false, requests: [] };
  window.fetch = async (input, init = {}) => {
    const url = typeof input === 'string' ? input : input.url;
    if (!url.includes('/trust/')) return realFetch(input, init);
    const headers = new Headers(init.headers);
    state.requests.push({ url, ifNoneMatch: headers.get('if-none-match') });
    if (state.down) throw new TypeError('Failed to fetch');
    if (state.etag && headers.get('if-none-match') === state.etag) return new Response(null, { status: 304 });
    if (state.body === undefined) return new Response('not found', { status: 404 });
    return new Response(state.body, { status: 200, headers: state.etag ? { etag: state.etag } : {} });
  };
  return state;
}

async function venueKey() {
  const pair = await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, true, ['sign', 'verify']);
  const privateJwk = await crypto.subtle.exportKey('jwk', pair.privateKey);
  return { privateJwk, publicJwk: { kty: 'EC', crv: 'P-256', x: privateJwk.x, y: privateJwk.y } };
}

const bundleFor = (issuers, updated) => ({ version: 1, updated: new Date(updated).toISOString(), shc: issuers.map((i) => i.trustEntry()) });

async function mount(attributes) {
  element = document.createElement('pass-scanner');
  element.setAttribute('camera', 'off');
  element.setAttribute('reset-after', '0');
  element.setAttribute('policy', 'any-valid'); // required: without one the scanner refuses to decide (NO_POLICY)
  for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, value);
  const events = { results: [], errors: [] };
  element.addEventListener('pass-result', (e) => events.results.push(e.detail));
  element.addEventListener('pass-error', (e) => events.errors.push(e.detail.code));
  document.body.append(element);
  await element.updateComplete;
  return events;
}

/** A fresh URL per test: sources are shared per page by URL. */
const trustUrl = () => `/trust/bundle-${Date.now()}-${run++}.jws`;

beforeEach(() => { server = fakeServer(); });
afterEach(() => {
  element?.remove();
  element = undefined;
  window.fetch = realFetch;
});

describe('<pass-scanner trust-key>: signed bundles only', () => {
  it('verifies with a bundle signed by the venue key', async () => {
    const [key, issuer] = await Promise.all([venueKey(), createShcIssuer()]);
    server.body = await signBundle(bundleFor([issuer], Date.now()), key.privateJwk);
    const events = await mount({ trust: trustUrl(), 'trust-key': JSON.stringify(key.publicJwk) });
    const result = await element.verifyText((await issuer.issue()).numeric);
    assert.equal(result?.status, 'valid');
    assert.deepEqual(events.errors, []);
  });

  for (const [name, make] of [
    ['an unsigned bundle', async (key, issuer) => JSON.stringify(bundleFor([issuer], Date.now()))],
    ['a bundle signed by another key', async (key, issuer) => signBundle(bundleFor([issuer], Date.now()), (await venueKey()).privateJwk)],
    ['a signed bundle with its payload swapped', async (key, issuer) => {
      const [h, , s] = (await signBundle(bundleFor([], Date.now()), key.privateJwk)).split('.');
      const payload = btoa(JSON.stringify(bundleFor([issuer], Date.now()))).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
      return `${h}.${payload}.${s}`;
    }],
  ]) {
    it(`refuses ${name}: TRUST_UNAVAILABLE, and no pass from it is accepted`, async () => {
      const [key, issuer] = await Promise.all([venueKey(), createShcIssuer()]);
      server.body = await make(key, issuer);
      const events = await mount({ trust: trustUrl(), 'trust-key': JSON.stringify(key.publicJwk) });
      await until(() => events.errors.length > 0);
      assert.deepEqual(events.errors, ['TRUST_UNAVAILABLE']);
      assert.equal(await element.verifyText((await issuer.issue()).numeric), undefined);
      assert.equal(events.results.length, 0);
    });
  }
});

describe('<pass-scanner>: the last good bundle in IndexedDB', () => {
  const keep = (url, body) => idbSet(`${new URL(url, document.baseURI).href}#${body.key}`, { body: body.text }, createStore('pass-check-trust', 'bundles'));

  it('starts offline from the bundle kept in IndexedDB', async () => {
    const [key, issuer] = await Promise.all([venueKey(), createShcIssuer()]);
    const url = trustUrl();
    await keep(url, { key: `${key.publicJwk.x}.${key.publicJwk.y}`, text: await signBundle(bundleFor([issuer], Date.now() - 3600_000), key.privateJwk) });
    server.down = true;
    const events = await mount({ trust: url, 'trust-key': JSON.stringify(key.publicJwk) });
    const result = await element.verifyText((await issuer.issue()).numeric);
    assert.equal(result?.status, 'valid');
    assert.deepEqual(events.errors, []);
  });

  it('after a restart, refuses an older bundle than the one kept (no rollback)', async () => {
    const [key, kept, revokedLater] = await Promise.all([venueKey(), createShcIssuer(), createShcIssuer()]);
    const url = trustUrl();
    // Kept: built an hour ago, without `revokedLater` (withdrawn). Served: an older bundle that still trusts it.
    await keep(url, { key: `${key.publicJwk.x}.${key.publicJwk.y}`, text: await signBundle(bundleFor([kept], Date.now() - 3600_000), key.privateJwk) });
    server.body = await signBundle(bundleFor([kept, revokedLater], Date.now() - 5 * 3600_000), key.privateJwk);
    const events = await mount({ trust: url, 'trust-key': JSON.stringify(key.publicJwk) });
    // The background refresh that fetched the older bundle has ended (and refused it).
    await until(() => server.requests.length > 0);
    assert.equal(await element.trustSettled(), 'failed');
    const replayed = await element.verifyText((await revokedLater.issue()).numeric);
    assert.equal(replayed?.status, 'invalid');
    assert.equal((await element.verifyText((await kept.issue()).numeric))?.status, undefined, 'result screen still up');
    element.reset();
    assert.equal((await element.verifyText((await kept.issue()).numeric))?.status, 'valid');
    assert.deepEqual(events.errors, []);
  });
});

describe('<pass-scanner>: background refresh', () => {
  it('refreshes with conditional requests, and never while a result is on screen', async () => {
    const [first, second] = await Promise.all([createShcIssuer(), createShcIssuer()]);
    server.body = JSON.stringify(bundleFor([first], Date.now()));
    server.etag = '"v1"';
    await mount({ trust: trustUrl(), 'trust-refresh': '1' });
    assert.equal(await element.trustSettled(), 'updated');
    assert.equal((await element.verifyText((await first.issue()).numeric))?.status, 'valid');
    // The result screen stays up (reset-after 0): the refresh that comes due meanwhile waits.
    const during = server.requests.length;
    assert.equal((await nextEvent(element, 'pass-trust-refresh')).detail.outcome, 'deferred');
    assert.equal(server.requests.length, during, 'no request while the result is shown');
    const done = nextEvent(element, 'pass-trust-refresh');
    element.reset();
    assert.equal((await done).detail.outcome, 'unchanged');
    assert.equal(server.requests.length, during + 1);
    assert.equal(server.requests.at(-1).ifNoneMatch, '"v1"');
    // The server publishes a new bundle: the next refresh takes it.
    server.body = JSON.stringify(bundleFor([second], Date.now()));
    server.etag = '"v2"';
    let refreshed;
    do refreshed = await nextEvent(element, 'pass-trust-refresh'); while (refreshed.detail.outcome !== 'updated');
    assert.equal((await element.verifyText((await second.issue()).numeric))?.status, 'valid');
  });
});

describe('<pass-scanner>: a server without validators (no ETag, no Last-Modified)', () => {
  it('does not check and import the same bundle again at each refresh, and takes a changed one', async () => {
    const [key, first, second] = await Promise.all([venueKey(), createShcIssuer(), createShcIssuer()]);
    server.body = await signBundle(bundleFor([first], Date.now() - 60_000), key.privateJwk);
    await mount({ trust: trustUrl(), 'trust-key': JSON.stringify(key.publicJwk), 'trust-refresh': '1' });
    assert.equal((await element.verifyText((await first.issue()).numeric))?.status, 'valid');
    element.reset();
    // Every bundle import checks the venue signature with crypto.subtle.verify: count those.
    const subtle = crypto.subtle;
    const verify = subtle.verify;
    let checks = 0;
    subtle.verify = function (...args) { checks++; return verify.apply(this, args); };
    try {
      const before = server.requests.length;
      await until(() => server.requests.length >= before + 2, 10_000);
      await new Promise((r) => setTimeout(r, 200));
      assert.equal(checks, 0, 'the same body again: no signature check, no import');
      server.body = await signBundle(bundleFor([second], Date.now()), key.privateJwk);
      await until(() => checks > 0, 10_000);
    } finally {
      delete subtle.verify;
    }
    await new Promise((r) => setTimeout(r, 200));
    assert.equal((await element.verifyText((await second.issue()).numeric))?.status, 'valid');
  });
});

describe('<pass-scanner>: freshness at the door', () => {
  it('shows staff a banner past trust-warn-age, and still gives verdicts', async () => {
    const issuer = await createShcIssuer();
    server.body = JSON.stringify(bundleFor([issuer], Date.now() - 3 * DAY));
    await mount({ trust: trustUrl(), 'trust-warn-age': String(2 * 86400), 'trust-max-age': String(10 * 86400) });
    await until(() => element.shadowRoot.querySelector('[part=trust-banner]'));
    assert.match(element.shadowRoot.querySelector('[part=trust-banner]').textContent, /3 days old/);
    assert.equal((await element.verifyText((await issuer.issue()).numeric))?.status, 'valid');
  });

  it('says the banner and the stale screen in every language the elements speak, naming the retry button as it is labelled', async () => {
    const issuer = await createShcIssuer();
    const expected = {
      en: /3 days old/, fr: /3 jours/, es: /3 días/, it: /3 giorni/, pl: /3 dni/, ru: /3 дня/,
      ht: /3 jou/, bn: /3 দিন/, ko: /3일/, 'zh-Hans': /3 天/, 'zh-Hant': /3 天/,
    };
    const seen = new Set();
    for (const [lang, pattern] of Object.entries(expected)) {
      element?.remove();
      server.body = JSON.stringify(bundleFor([issuer], Date.now() - 3 * DAY - 3_600_000));
      await mount({ lang, trust: trustUrl(), 'trust-warn-age': String(2 * 86400), 'trust-max-age': String(10 * 86400) });
      await until(() => element.shadowRoot.querySelector('[part=trust-banner]'));
      const text = element.shadowRoot.querySelector('[part=trust-banner]').textContent.trim();
      assert.match(text, pattern, lang);
      seen.add(text);
    }
    assert.equal(seen.size, Object.keys(expected).length, 'each language has its own banner');
    for (const lang of Object.keys(expected)) {
      element?.remove();
      server.body = JSON.stringify(bundleFor([issuer], Date.now() - 8 * DAY));
      await mount({ lang, trust: trustUrl(), 'trust-warn-age': String(2 * 86400), 'trust-max-age': String(7 * 86400) });
      await until(() => element.getAttribute('state') === 'error');
      const retry = [...element.shadowRoot.querySelectorAll('button')].map((b) => b.textContent.trim()).filter(Boolean);
      const screen = shadowText(element);
      assert.ok(retry.some((label) => screen.includes(label) && screen.split(label).length > 2), `${lang}: the stale screen names its own button (${retry.join(', ')})`);
    }
  });

  for (const [name, updated] of [['older than trust-max-age', Date.now() - 8 * DAY], ['that does not say when it was built', undefined]]) {
    it(`gives no verdict on a bundle ${name}: TRUST_STALE, a screen that does not blame the visitor`, async () => {
      const issuer = await createShcIssuer();
      const bundle = bundleFor([issuer], updated ?? 0);
      if (updated === undefined) delete bundle.updated;
      server.body = JSON.stringify(bundle);
      const events = await mount({ trust: trustUrl(), 'trust-max-age': String(7 * 86400) });
      await until(() => events.errors.includes('TRUST_STALE'));
      assert.equal(element.getAttribute('state'), 'error');
      const screen = element.shadowRoot.querySelector('[part=error]');
      assert.equal(screen.dataset.code, 'TRUST_STALE');
      assert.match(screen.textContent, /not a problem with the visitor's pass/);
      assert.doesNotMatch(shadowText(element), /Rejected/);
      assert.equal(await element.verifyText((await issuer.issue()).numeric), undefined);
      assert.equal(events.results.length, 0, 'no verdict, not even "rejected"');
    });
  }

  for (const bad of ['abc', '7d', '', '-1', 'NaN', 'Infinity']) {
    it(`keeps the default trust-max-age (7 days) and trust-warn-age (2 days) for ${JSON.stringify(bad)}, never NaN (fail open)`, async () => {
      const issuer = await createShcIssuer();
      server.body = JSON.stringify(bundleFor([issuer], Date.now() - 8 * DAY));
      const events = await mount({ trust: trustUrl(), 'trust-refresh': '0', 'trust-max-age': bad, 'trust-warn-age': bad });
      assert.equal(element.trustMaxAge, 7 * 86400);
      assert.equal(element.trustWarnAge, 2 * 86400);
      await until(() => events.errors.includes('TRUST_STALE'));
      assert.equal(await element.verifyText((await issuer.issue()).numeric), undefined);
      assert.equal(events.results.length, 0);
    });
  }

  it('a NaN set from script is the default too: a 3-day-old bundle still shows the banner, an 8-day-old one no verdict', async () => {
    const issuer = await createShcIssuer();
    server.body = JSON.stringify(bundleFor([issuer], Date.now() - 8 * DAY));
    const events = await mount({ trust: trustUrl(), 'trust-refresh': '0' });
    element.trustMaxAge = NaN;
    element.trustWarnAge = Number('x');
    await until(() => events.errors.includes('TRUST_STALE'));
    assert.equal(await element.verifyText((await issuer.issue()).numeric), undefined);
    assert.equal(events.results.length, 0);
  });

  it('gives verdicts again once a fresh bundle is fetched (staff taps Try again)', async () => {
    const issuer = await createShcIssuer();
    server.body = JSON.stringify(bundleFor([issuer], Date.now() - 8 * DAY));
    const events = await mount({ trust: trustUrl(), 'trust-refresh': '0' });
    await until(() => events.errors.includes('TRUST_STALE'));
    server.body = JSON.stringify(bundleFor([issuer], Date.now()));
    element.shadowRoot.querySelector('[part=error] button').click();
    await until(() => element.getAttribute('state') !== 'error' && !element.shadowRoot.querySelector('[part=trust-banner]'));
    assert.equal((await element.verifyText((await issuer.issue()).numeric))?.status, 'valid');
  });
});
