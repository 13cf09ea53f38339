// The two-gate demo, in Chromium: two real scanner pages of one venue sharing a
// bucket over WebSocket on a nats-server the demo starts (loopback). A pass let in
// at gate 1 is "Already admitted at gate 1" at gate 2; and the demo still works
// (and says what is missing) without NATS.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { watchPage } from '../../stories/tools/chromium.mjs';
import { startDemoServer } from '../../tools/demo-server.mjs';
import { useDemo } from '../../tools/demo-test-helpers.mjs';

const { demo: demoServer, browser: chromium, origin } = useDemo();

async function openGate(name) {
  const page = await chromium().newPage();
  const problems = watchPage(page, demoServer().url.replace(/\/$/, ''));
  await page.goto(`${demoServer().url}gate?gate=${name}`);
  await page.waitForFunction(() => document.body.dataset.ready === 'true' && document.getElementById('sync-state').dataset.online === 'true', { timeout: 30000 });
  return { page, problems };
}

async function scan(page, sampleId) {
  // Two pages in one browser: the one in the background gets no animation frames, so poll by time.
  await page.bringToFront();
  await page.evaluate(() => document.querySelector('pass-scanner').reset());
  await page.click(`button[data-scan="${sampleId}"]`);
  const handle = await page.waitForFunction(() => {
    const result = document.querySelector('pass-scanner')?.shadowRoot?.querySelector('[part~="result"]');
    return result ? { verdict: result.getAttribute('data-verdict'), duplicate: result.querySelector('[data-duplicate]')?.textContent ?? '' } : undefined;
  }, { timeout: 20000, polling: 100 });
  return handle.jsonValue();
}

describe('two-gate demo (nats-server over WebSocket)', () => {
  it('a pass admitted at gate 1 is turned away at gate 2, and the other way round', async () => {
    assert.ok(demoServer().nats, 'nats-server is installed, so the demo offers the two gates');
    const one = await openGate('1');
    const two = await openGate('2');
    assert.deepEqual(await scan(one.page, 'shc-valid'), { verdict: 'accepted', duplicate: '' });
    const second = await scan(two.page, 'shc-valid');
    assert.equal(second.verdict, 'duplicate');
    assert.match(second.duplicate, /^Already admitted at gate 1, \d\d:\d\d/);
    assert.equal((await scan(two.page, 'dcc-valid')).verdict, 'accepted');
    const back = await scan(one.page, 'dcc-valid');
    assert.equal(back.verdict, 'duplicate');
    assert.match(back.duplicate, /gate 2/);
    assert.deepEqual([...one.problems, ...two.problems], []);
    await one.page.close();
    await two.page.close();
  });

  it('the gates page links both gates', async () => {
    const html = await (await fetch(`${demoServer().url}gates`)).text();
    assert.match(html, /data-gate="1"/);
    assert.match(html, /data-gate="2"/);
  });
});

describe('demo without NATS', () => {
  it('still serves every page, and /gates says what to install', async () => {
    const plain = await startDemoServer({ port: 0, log: () => {}, gates: false });
    try {
      assert.equal(plain.nats, undefined);
      for (const pathname of ['scanner', 'samples', 'box-office']) assert.equal((await fetch(plain.url + pathname)).status, 200, pathname);
      const gates = await (await fetch(`${plain.url}gates`)).text();
      assert.match(gates, /data-no-nats/);
      assert.equal((await fetch(`${plain.url}gate?gate=1`)).status, 404);
      assert.equal((await fetch(`${plain.url}demo-data/venue.json`)).status, 404);
    } finally {
      await plain.close();
    }
  });
});
