// Runs the three quick starts in examples/ as a user would, on fresh example
// data (test keys, invented people): the Node check prints the expected
// verdict for every pass; the box-office page (script tag, strict CSP) and the
// Vite app (built with `vite build`) show it in Chromium, with no request
// leaving the page's origin.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import fs from 'node:fs';
import path from 'node:path';
import { makeExampleData } from '../make-data.mjs';
import { startBoxOffice } from '../box-office/serve.mjs';
import { launchChromium, watchPage } from '../../stories/tools/chromium.mjs';
import { serveDirectory } from '../../stories/tools/static-server.mjs';

const run = promisify(execFile);
const examples = path.resolve(import.meta.dirname, '..');
for (const built of ['packages/verifier-core/dist/index.js', 'packages/elements/dist/pass-check.js', 'packages/elements/dist/define.js']) {
  if (!fs.existsSync(path.resolve(examples, '..', built))) throw new Error(`${built} is missing: run \`npm run build\` first`);
}

let expected;
let browser;
before(async () => {
  ({ expected } = await makeExampleData());
  browser = await launchChromium();
});
after(() => browser?.close());

/** Presses the button of each example pass and reads the verdict the scanner shows. */
async function verdictsOn(page) {
  await page.waitForSelector('button[data-pass]', { timeout: 30000 });
  const shown = {};
  for (const name of Object.keys(expected)) {
    await page.click(`button[data-pass="${name}"]`);
    const handle = await page.waitForFunction(() => {
      const result = document.querySelector('pass-scanner')?.shadowRoot?.querySelector('[part~="result"]');
      return result?.getAttribute('data-verdict');
    }, { timeout: 20000 });
    shown[name] = await handle.jsonValue();
    await page.evaluate(() => document.querySelector('pass-scanner').reset());
  }
  return shown;
}

describe('examples', () => {
  it('the example data says what it is: test keys, and nothing trusted but them', () => {
    const bundle = JSON.parse(fs.readFileSync(path.join(examples, 'data', 'trust-bundle.json'), 'utf8'));
    assert.match(bundle.note, /TEST KEYS/);
    for (const entry of bundle.shc) {
      assert.match(entry.name, /TEST KEYS/);
      assert.match(entry.iss, /\.invalid$/);
    }
    assert.ok(Object.values(expected).includes('accepted') && Object.values(expected).includes('rejected'));
  });

  it('node-check: one line per pass with the expected verdict, and no names', async () => {
    const { stdout } = await run(process.execPath, [path.join(examples, 'node-check', 'check.mjs')], { timeout: 60000 });
    const lines = Object.fromEntries(stdout.trim().split('\n').map((line) => {
      const [file, rest] = line.split(': ');
      return [file.replace(/\.txt$/, ''), rest.split(' ')[0]];
    }));
    assert.deepEqual(lines, expected);
    assert.doesNotMatch(stdout, /Jordan|Casey|Noa|Example,|19\d\d-/);
  });

  it('box-office: the script-tag page under a strict CSP shows every verdict', async () => {
    const server = await startBoxOffice({ port: 0 });
    const page = await browser.newPage();
    const origin = server.url.replace(/\/$/, '');
    const problems = watchPage(page, origin);
    try {
      const response = await page.goto(server.url, { waitUntil: 'load' });
      assert.match(response.headers()['content-security-policy'], /default-src 'none'/);
      assert.deepEqual(await verdictsOn(page), expected);
      const log = await page.$eval('#log', (list) => list.textContent);
      assert.doesNotMatch(log, /Jordan|Casey|Noa|19\d\d-/);
      assert.deepEqual(problems, []);
    } finally {
      await page.close();
      await server.close();
    }
  });

  it('vite-app: `vite build` output shows every verdict, decoder and all from its own origin', async () => {
    const { build } = await import('vite');
    const outDir = path.resolve(examples, '..', '.cache', 'examples', 'vite-dist');
    await build({ configFile: path.join(examples, 'vite-app', 'vite.config.mjs'), build: { outDir, emptyOutDir: true }, logLevel: 'error' });
    const server = await serveDirectory(outDir);
    const page = await browser.newPage();
    const problems = watchPage(page, server.origin);
    try {
      await page.goto(`${server.origin}/index.html`, { waitUntil: 'load' });
      assert.deepEqual(await verdictsOn(page), expected);
      const admitted = await page.$eval('#admitted', (output) => output.textContent);
      assert.equal(admitted, String(Object.values(expected).filter((v) => v === 'accepted').length));
      // The decoder starts from the bundle's own files: the worker and the .wasm came from this origin.
      await page.waitForFunction(() => document.querySelector('pass-scanner').engine, { timeout: 30000 });
      assert.deepEqual(problems, []);
    } finally {
      await page.close();
      await server.close();
    }
  });
});
