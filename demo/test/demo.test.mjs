// Walks the demo as a person would: starts the server, opens the pages in
// Debian's Chromium (no camera), presses "Scan this" and reads the verdict the
// scanner shows. Also checks what the server promises: strict CSP, nothing
// served outside the demo's files, no request leaving the page's origin.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { watchPage } from '../../stories/tools/chromium.mjs';
import { useDemo } from '../../tools/demo-test-helpers.mjs';

// The pages load the built packages: say so plainly instead of timing out in the chromium().
for (const built of ['packages/elements/dist/define.js', 'packages/elements/dist/pass-check.js', 'packages/verifier-core/dist/testing.js']) {
  if (!fs.existsSync(new URL(`../../${built}`, import.meta.url))) throw new Error(`${built} is missing: run \`npm run build\` first`);
}

const { demo: demoServer, browser: chromium, origin } = useDemo();

/** The scanner's result screen, once it shows one: verdict and reason text. */
async function waitForVerdict(page) {
  const handle = await page.waitForFunction(() => {
    const scanner = document.querySelector('pass-scanner');
    const result = scanner?.shadowRoot?.querySelector('[part~="result"]');
    if (!result) return undefined;
    return {
      verdict: result.getAttribute('data-verdict'),
      text: result.textContent.replace(/\s+/g, ' ').trim(),
      reason: result.querySelector('[data-reason]')?.textContent.trim() ?? '',
    };
  }, { timeout: 20000 });
  return handle.jsonValue();
}

async function scanSample(page, sampleId) {
  await page.waitForSelector(`button[data-scan="${sampleId}"]`, { timeout: 20000 });
  // The result screen of the previous scan must be gone before the next verdict is read.
  await page.evaluate(() => document.querySelector('pass-scanner').reset());
  await page.click(`button[data-scan="${sampleId}"]`);
  return waitForVerdict(page);
}

describe('demo server', () => {
  it('serves every page with a strict Content-Security-Policy', async () => {
    for (const pathname of ['/', '/scanner', '/samples', '/box-office']) {
      const response = await fetch(origin() + pathname);
      assert.equal(response.status, 200, pathname);
      const csp = response.headers.get('content-security-policy') ?? '';
      assert.match(csp, /default-src 'none'/, pathname);
      assert.doesNotMatch(csp, /'unsafe-inline'|'unsafe-eval'|\*/, pathname);
    }
  });

  it('serves only the demo files and the packages in the import map', async () => {
    for (const pathname of ['/package.json', '/node_modules/typescript/package.json', '/demo/..%2F..%2Fpackage.json', '/node_modules/lit/..%2F..%2Fpackage.json']) {
      const response = await fetch(origin() + pathname);
      assert.equal(response.status, 404, pathname);
    }
    assert.equal((await fetch(`${origin()}/node_modules/lit/index.js`)).status, 200);
  });

  it('trusts the demo issuers and not the unlisted one', async () => {
    const bundle = await (await fetch(`${origin()}/demo-data/trust-bundle.json`)).json();
    const issuers = bundle.shc.map((entry) => entry.iss);
    assert.ok(issuers.includes('https://demo-health.pass-check.invalid'));
    assert.ok(!issuers.includes('https://unlisted-clinic.pass-check.invalid'));
    assert.equal(bundle.shc[0].crls.length, 1, 'the demo issuer publishes a CRL');
  });
});

describe('scanner page', () => {
  let page;
  let problems;
  before(async () => {
    page = await chromium().newPage();
    problems = watchPage(page, origin());
    await page.goto(`${origin()}/scanner?camera=off`, { waitUntil: 'load' });
  });
  after(() => page?.close());

  it('"Scan this" on a valid sample gives an accepted verdict with the holder', async () => {
    const shown = await scanSample(page, 'shc-valid');
    assert.equal(shown.verdict, 'accepted', shown.text);
    assert.match(shown.text, /Alex Demo/);
  });

  it('"Scan this" on a revoked sample gives a rejected verdict with the reason', async () => {
    const shown = await scanSample(page, 'shc-revoked');
    assert.equal(shown.verdict, 'rejected', shown.text);
    assert.notEqual(shown.reason, '', 'a reason is shown');
    assert.match(shown.reason, /revoked/i);
    const logged = await page.$eval('#log li', (line) => line.textContent);
    assert.match(logged, /rejected REVOKED/);
  });

  it('says "already scanned" when the same pass comes back', async () => {
    const shown = await scanSample(page, 'shc-valid');
    assert.equal(shown.verdict, 'duplicate', shown.text);
  });

  it('shows pass fields as text: markup in a name stays text and runs nothing', async () => {
    const shown = await scanSample(page, 'shc-markup-name');
    assert.equal(shown.verdict, 'accepted', shown.text);
    assert.match(shown.text, /<img src=x onerror=/);
    const injected = await page.evaluate(() => ({
      images: document.querySelector('pass-scanner').shadowRoot.querySelectorAll('img').length,
      ran: window.passCheckDemoInjected === true,
    }));
    assert.deepEqual(injected, { images: 0, ran: false });
  });

  it('"Show to camera" reads the QR pictures with the real decoder, chunks included', async () => {
    for (const [sampleId, verdict] of [['shc-chunked', 'accepted'], ['dcc-valid', 'accepted'], ['shc-expired', 'rejected'], ['vdsnc-valid', 'accepted'], ['divoc-valid', 'accepted']]) {
      await page.evaluate(() => document.querySelector('pass-scanner').reset());
      await page.click(`button[data-show="${sampleId}"]`);
      const shown = await waitForVerdict(page);
      assert.equal(shown.verdict, verdict, `${sampleId}: ${shown.text}`);
      const engine = await page.$eval('pass-scanner', (scanner) => scanner.engine);
      assert.ok(engine, 'a decoder engine is running');
    }
  });

  it('keeps no holder data in the page log and makes no request elsewhere', async () => {
    const log = await page.$eval('#log', (list) => list.textContent);
    assert.doesNotMatch(log, /Demo|19\d\d-/);
    assert.deepEqual(problems, []);
  });
});

describe('every sample', () => {
  it('gets the verdict it promises', async () => {
    const page = await chromium().newPage();
    const problems = watchPage(page, origin());
    try {
      await page.goto(`${origin()}/scanner?camera=off`, { waitUntil: 'load' });
      const { samples } = await (await fetch(`${origin()}/demo-data/samples.json`)).json();
      const errorCodeReasons = new Set(['EXPIRED', 'NOT_YET_VALID', 'REVOKED', 'BAD_SIGNATURE', 'UNKNOWN_ISSUER']);
      for (const sample of samples) {
        const shown = await scanSample(page, sample.id);
        assert.equal(shown.verdict, sample.expect.verdict, `${sample.id}: ${shown.text}`);
        // Each code once in the log ("NOT_TEST, NOT_TEST" was shown for two test rules failing alike),
        // and reasons as sentences ("complete.; This" was shown).
        const line = await page.$eval('#log li', (item) => item.textContent);
        const codes = line.match(/\b[A-Z][A-Z_]{3,}\b/g) ?? [];
        assert.equal(new Set(codes).size, codes.length, `${sample.id}: ${line}`);
        assert.doesNotMatch(shown.reason, /\.;|\.\./, `${sample.id}: ${shown.reason}`);
        if (errorCodeReasons.has(sample.expect.reason)) {
          const logged = await page.$eval('#log li', (line) => line.textContent);
          assert.match(logged, new RegExp(`rejected ${sample.expect.reason}`), `${sample.id}: ${logged}`);
        }
      }
      assert.ok(samples.some((sample) => sample.qr.length > 1), 'a chunked card is among the samples');
      assert.deepEqual(problems, []);
    } finally {
      await page.close();
    }
  });
});

describe('sample-pass page', () => {
  it('shows every pass as a <pass-display> with its QR code, and "Scan this" reaches a scanner tab', async () => {
    const scannerPage = await chromium().newPage();
    const samplesPage = await chromium().newPage();
    const problems = [...watchPage(scannerPage, origin()), ...watchPage(samplesPage, origin())];
    try {
      await scannerPage.goto(`${origin()}/scanner?camera=off`, { waitUntil: 'load' });
      await scannerPage.waitForSelector('button[data-scan]');
      await samplesPage.goto(`${origin()}/samples`, { waitUntil: 'load' });
      const { samples } = await (await fetch(`${origin()}/demo-data/samples.json`)).json();
      const expectedDisplays = samples.reduce((sum, sample) => sum + sample.qr.length, 0);
      await samplesPage.waitForFunction((count) => {
        const displays = [...document.querySelectorAll('pass-display')];
        return displays.length === count && displays.every((display) => display.shadowRoot?.querySelector('[part~="qr"] svg'));
      }, { timeout: 30000 }, expectedDisplays);
      const revokedBadge = await samplesPage.$eval('[data-sample="shc-revoked"] pass-display', (display) =>
        display.shadowRoot.querySelector('[part~="badge"]')?.getAttribute('data-verdict'));
      assert.equal(revokedBadge, 'rejected');

      await samplesPage.click('[data-sample="shc-revoked"] button');
      const shown = await waitForVerdict(scannerPage);
      assert.equal(shown.verdict, 'rejected', shown.text);
      assert.match(shown.reason, /revoked/i);
      assert.deepEqual(problems, []);
    } finally {
      await samplesPage.close();
      await scannerPage.close();
    }
  });
});

describe('box-office page (pass-check.js script tag only)', () => {
  it('"Scan this" on a valid sample gives an accepted verdict, on a revoked one a rejection', async () => {
    const page = await chromium().newPage();
    const problems = watchPage(page, origin());
    try {
      await page.goto(`${origin()}/box-office`, { waitUntil: 'load' });
      const valid = await scanSample(page, 'shc-valid');
      assert.equal(valid.verdict, 'accepted', valid.text);
      const revoked = await scanSample(page, 'shc-revoked');
      assert.equal(revoked.verdict, 'rejected', revoked.text);
      assert.match(revoked.reason, /revoked/i);
      assert.deepEqual(problems, []);
    } finally {
      await page.close();
    }
  });
});
