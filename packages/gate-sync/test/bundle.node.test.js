// gate-sync is opt-in: the script tag's bundle must not carry the NATS client.
import { it } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';

it('pass-check.js holds no NATS client', () => {
  const file = new URL('../../elements/dist/pass-check.js', import.meta.url);
  assert.ok(fs.existsSync(file), 'packages/elements/dist/pass-check.js is missing: run `npm run build` first');
  const bundle = fs.readFileSync(file, 'utf8');
  for (const mark of ['$JS.API', '$KV.', 'nats-io', 'JetStream']) assert.ok(!bundle.includes(mark), `pass-check.js contains ${mark}`);
  // …while the browser build of gate-sync does, so the check above can fail.
  const browser = fs.readFileSync(new URL('../dist/browser.js', import.meta.url), 'utf8');
  assert.ok(browser.includes('$JS.API') && browser.includes('$KV.'));
});
