// pass-check verify: photos and screenshots (PNG, JPEG) read with wasm-qr,
// .smart-health-card files, text files and stdin; exit codes; the real binary once.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import path from 'node:path';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { Readable } from 'node:stream';
import { PNG } from 'pngjs';
import jpeg from 'jpeg-js';
import { encodeQr } from '@pass-check/wasm-qr';
import { signBundle } from '@pass-check/verifier-core';
import { createShcIssuer, createDccSigner } from '@pass-check/verifier-core/testing';
import { run, tempDir, p256 } from './helpers.mjs';

const BIN = fileURLToPath(new URL('../bin/pass-check.mjs', import.meta.url));

/** RGBA pixels of a QR code: `scale` pixels a module, a 4-module quiet zone, on a grey page. */
async function qrImage(text, scale = 4) {
  const m = await encodeQr(text, { ecLevel: 'L' });
  const side = (m.size + 8) * scale + 40;
  const data = new Uint8Array(side * side * 4).fill(255);
  for (let y = 0; y < side; y++) {
    for (let x = 0; x < side; x++) {
      const mx = Math.floor((x - 20) / scale) - 4, my = Math.floor((y - 20) / scale) - 4;
      const dark = mx >= 0 && my >= 0 && mx < m.size && my < m.size && m.modules[my * m.size + mx] === 1;
      const o = (y * side + x) * 4;
      const v = dark ? 20 : x < 20 || y < 20 ? 200 : 250;
      data[o] = data[o + 1] = data[o + 2] = v;
    }
  }
  return { data, width: side, height: side };
}

function png(image) {
  const p = new PNG({ width: image.width, height: image.height });
  p.data = Buffer.from(image.data);
  return PNG.sync.write(p);
}

describe('pass-check verify', () => {
  let dir, issuer, dcc, trustFile, venue;
  before(async () => {
    dir = await tempDir();
    issuer = await createShcIssuer({ iss: 'https://cli-verify.example.org', name: 'CLI Issuer' });
    dcc = await createDccSigner({ country: 'AT' });
    venue = p256();
    const bundle = { version: 1, updated: new Date().toISOString(), shc: [issuer.trustEntry({ rids: ['gone'] })], dcc: [{ certificate: dcc.certificate }] };
    trustFile = path.join(dir, 'trust.json');
    await fs.writeFile(trustFile, JSON.stringify(bundle));
    await fs.writeFile(path.join(dir, 'trust.jws'), await signBundle(bundle, venue.privateJwk));
    await fs.writeFile(path.join(dir, 'venue.pub.jwk'), JSON.stringify(venue.publicJwk));
  });
  after(() => fs.rm(dir, { recursive: true, force: true }));

  it('reads a QR code from a PNG screenshot and a JPEG photo', async () => {
    const card = await issuer.issue();
    const pngFile = path.join(dir, 'card.png');
    const jpgFile = path.join(dir, 'card.jpg');
    const image = await qrImage(card.numeric);
    await fs.writeFile(pngFile, png(image));
    await fs.writeFile(jpgFile, jpeg.encode(image, 85).data);
    const r = await run(['verify', '--trust', trustFile, '--json', pngFile, jpgFile]);
    assert.equal(r.code, 0, r.stdout + r.stderr);
    const results = JSON.parse(r.stdout);
    assert.deepEqual(results.map((x) => [x.status, x.format]), [['valid', 'shc'], ['valid', 'shc']]);
  });

  it('reads .smart-health-card files and text files, and says which passes fail', async () => {
    const file = path.join(dir, 'card.smart-health-card');
    await fs.writeFile(file, (await issuer.issue()).file);
    const revoked = path.join(dir, 'revoked.txt');
    await fs.writeFile(revoked, (await issuer.issue({ rid: 'gone' })).numeric + '\n');
    const hc1 = path.join(dir, 'dcc.txt');
    await fs.writeFile(hc1, await dcc.issue({ kind: 'test' }));
    const r = await run(['verify', '--trust', trustFile, file, revoked, hc1]);
    assert.equal(r.code, 1);
    const lines = r.stdout.trim().split('\n');
    assert.match(lines[0], /ACCEPTED \(shc\) issuer CLI Issuer/);
    assert.match(lines[1], /INVALID \(shc\).*\[REVOKED\]/);
    assert.match(lines[2], /ACCEPTED \(dcc\)/);
    // The human output names no holder.
    assert.ok(!/John|Jane|Doe|Anyperson/.test(r.stdout), r.stdout);
  });

  it('a picture without a QR code, a broken image and a missing file are results, not crashes', async () => {
    const blank = path.join(dir, 'blank.png');
    await fs.writeFile(blank, png({ data: new Uint8Array(64 * 64 * 4).fill(255), width: 64, height: 64 }));
    const broken = path.join(dir, 'broken.jpg');
    await fs.writeFile(broken, Buffer.from([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3]));
    const r = await run(['verify', '--json', blank, broken, path.join(dir, 'nope.png')]);
    assert.equal(r.code, 1);
    assert.deepEqual(JSON.parse(r.stdout).map((x) => x.errors[0].code), ['NO_QR', 'BAD_IMAGE', 'READ_FILE']);
  });

  it('with --key takes only a bundle signed by that key', async () => {
    const card = (await issuer.issue()).numeric;
    const input = path.join(dir, 'k.txt');
    await fs.writeFile(input, card);
    const key = path.join(dir, 'venue.pub.jwk');
    assert.equal((await run(['verify', '--trust', path.join(dir, 'trust.jws'), '--key', key, input])).code, 0);
    assert.equal((await run(['verify', '--trust', trustFile, '--key', key, input])).code, 2);
    assert.equal((await run(['verify', '--policy', 'no-such-policy', input])).code, 2);
  });

  it('the installed binary reads stdin and applies a policy', async () => {
    const card = (await issuer.issue()).numeric;
    const child = spawn(process.execPath, [BIN, 'verify', '--trust', trustFile, '--policy', 'any-valid', '--json', '-'], { stdio: ['pipe', 'pipe', 'pipe'] });
    Readable.from([card]).pipe(child.stdin);
    let out = '';
    child.stdout.on('data', (d) => { out += d; });
    const code = await new Promise((resolve) => child.on('close', resolve));
    assert.equal(code, 0, out);
    const result = JSON.parse(out);
    assert.equal(result.status, 'valid');
    assert.equal(result.policy.decision, 'accept');
  });
});
