// The venue configuration shipped in the repository (nats-venue.conf), started for
// real (on free ports and a temporary store instead of its fixed ones): per-gate
// users reach the bucket and nothing else.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawn } from 'node:child_process';
import { createNatsGateSync } from '@pass-check/gate-sync';
import { connect } from '@nats-io/transport-node';
import { freePort, natsServerPath } from '../../../tools/nats-server.mjs';

const shipped = fs.readFileSync(new URL('../nats-venue.conf', import.meta.url), 'utf8');

describe('nats-venue.conf', () => {
  let child, dir, port;
  const passwords = { GATE_1_PASSWORD: `pw1-${Math.random()}`, GATE_2_PASSWORD: `pw2-${Math.random()}` };
  const open = [];
  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pass-check-venue-'));
    port = await freePort();
    const config = shipped
      .replace(/^port: 4222$/m, `port: ${port}`)
      .replace(/^  port: 9222$/m, `  port: ${await freePort()}`)
      .replace('"./nats-venue-data"', JSON.stringify(dir));
    assert.notEqual(config, shipped);
    fs.writeFileSync(path.join(dir, 'venue.conf'), config);
    child = spawn(natsServerPath(), ['-c', path.join(dir, 'venue.conf')], { stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, ...passwords } });
    let log = '';
    await new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`not ready:\n${log}`)), 20_000);
      child.stderr.on('data', (chunk) => { log += chunk; if (log.includes('Server is ready')) { clearTimeout(timer); resolve(); } });
      child.on('exit', (code) => { clearTimeout(timer); reject(new Error(`exited ${code}:\n${log}`)); });
    });
  });
  after(async () => {
    await Promise.all(open.map((g) => g.close()));
    if (child && child.exitCode === null) await new Promise((resolve) => { child.once('exit', resolve); child.kill('SIGTERM'); });
    fs.rmSync(dir, { recursive: true, force: true });
  });
  const gate = async (n, extra = {}) => {
    const sync = await createNatsGateSync({ servers: `nats://127.0.0.1:${port}`, gate: String(n), user: `gate-${n}`, pass: passwords[`GATE_${n}_PASSWORD`], inboxPrefix: `_INBOX_gate-${n}`, window: 3600, connectTimeout: 3000, ...extra });
    open.push(sync);
    return sync;
  };

  it('lets each gate claim in the venue bucket', async () => {
    const one = await gate(1);
    const two = await gate(2);
    assert.ok(one.online && two.online);
    assert.deepEqual(await one.claim('venue-pass-1'), { first: true });
    const again = await two.claim('venue-pass-1');
    assert.equal(again.first, false);
    assert.equal(again.gate, '1');
  });

  it('refuses a gate any other bucket', async () => {
    await assert.rejects(gate(1, { bucket: 'somebody-else' }));
  });

  it('refuses a wrong password', async () => {
    await assert.rejects(createNatsGateSync({ servers: `nats://127.0.0.1:${port}`, gate: 'x', user: 'gate-1', pass: 'wrong', connectTimeout: 3000 }));
  });

  it('does not let gate 1 read gate 2\'s replies, or anything outside the bucket', async () => {
    const nc = await connect({ servers: `nats://127.0.0.1:${port}`, user: 'gate-1', pass: passwords.GATE_1_PASSWORD, inboxPrefix: '_INBOX_gate-1' });
    const errors = [];
    // Both refusals arrive as -ERR from the server: wait for the two (an event each), not for a fixed time.
    const refusedInbox = (e) => /permission/i.test(e) && /_INBOX_gate-2/.test(e);
    const refusedDelete = (e) => /permission/i.test(e) && /STREAM\.DELETE/.test(e);
    let heard;
    const both = new Promise((resolve) => { heard = resolve; });
    (async () => {
      for await (const s of nc.status()) {
        if (s.type !== 'error') continue;
        errors.push(String(s.error?.message ?? s.error));
        if (errors.some(refusedInbox) && errors.some(refusedDelete)) heard();
      }
    })();
    nc.subscribe('_INBOX_gate-2.>');
    nc.publish('$JS.API.STREAM.DELETE.KV_pass-check-seen');
    nc.publish('elsewhere');
    await nc.flush();
    let timer;
    await Promise.race([both, new Promise((resolve) => { timer = setTimeout(resolve, 10_000); })]).finally(() => clearTimeout(timer));
    assert.ok(errors.some(refusedInbox), errors.join('\n'));
    assert.ok(errors.some(refusedDelete), errors.join('\n'));
    await nc.close();
  });
});
