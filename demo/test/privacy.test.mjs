// The privacy promises, checked on every kind of demo pass in Node: verifying
// opens no network connection and sends nothing anywhere, writes nothing
// about the holder to the console, and by default returns only what a door
// check needs. (The browser side is in demo.test.mjs: no request leaves the
// page's origin, and the page log holds verdicts and codes only.)
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import net from 'node:net';
import dns from 'node:dns';

const networkAttempts = [];
const consoleLines = [];
const restore = [];

function tripwire(target, name, describeCall) {
  const original = target[name];
  target[name] = function (...args) {
    networkAttempts.push(describeCall(args));
    return original.apply(this, args);
  };
  restore.push(() => { target[name] = original; });
}

let data;
let verifier;
let results;

before(async () => {
  // Tripwires first, then the library is loaded: a module that kept its own
  // reference to fetch at load time would otherwise slip past them.
  tripwire(net.Socket.prototype, 'connect', (args) => `net connect ${JSON.stringify(args[0])}`);
  tripwire(net, 'connect', (args) => `net.connect ${JSON.stringify(args[0])}`);
  tripwire(net, 'createConnection', (args) => `net.createConnection ${JSON.stringify(args[0])}`);
  tripwire(dns, 'lookup', (args) => `dns lookup ${args[0]}`);
  tripwire(globalThis, 'fetch', (args) => `fetch ${String(args[0])}`);
  for (const level of ['log', 'info', 'warn', 'error', 'debug', 'trace']) {
    const original = console[level];
    console[level] = (...args) => {
      consoleLines.push(`console.${level}: ${args.map(String).join(' ')}`);
      return original(...args);
    };
    restore.push(() => { console[level] = original; });
  }
  const { createTrustStore, createVerifier } = await import('@pass-check/verifier-core');
  const { makeDemoData, demoPolicy } = await import('../samples.mjs');

  data = await makeDemoData();
  const trust = createTrustStore();
  await trust.importBundle(data.trustBundle);
  verifier = createVerifier({ trust, policy: demoPolicy });
  results = [];
  for (const sample of data.samples) {
    results.push({ sample, result: await verifier.verify(sample.qr.length > 1 ? sample.qr : sample.qr[0]) });
  }
});

after(() => {
  for (const undo of restore.reverse()) undo();
});

describe('verifying every demo pass', () => {
  it('covers every kind the demo offers', () => {
    const formats = new Set(data.samples.map((sample) => sample.format));
    for (const format of ['shc', 'dcc', 'idhp']) assert.ok(formats.has(format), `no ${format} sample`);
    assert.ok(data.samples.length >= 12);
  });

  it('opens no connection, looks up no name and fetches nothing', () => {
    assert.deepEqual(networkAttempts, []);
  });

  it('writes nothing to the console', () => {
    assert.deepEqual(consoleLines, []);
  });

  it('gives each pass the verdict the demo promises', () => {
    for (const { sample, result } of results) {
      const accepted = result.status === 'valid' && result.policy?.decision === 'accept';
      assert.equal(accepted ? 'accepted' : 'rejected', sample.expect.verdict, `${sample.id}: ${JSON.stringify(result.errors)}`);
      if (sample.expect.reason && sample.expect.reason !== 'policy') {
        assert.ok(result.errors.some((error) => error.code === sample.expect.reason), `${sample.id}: ${JSON.stringify(result.errors)}`);
      }
    }
  });

  it('discloses only name, birth date and the kind of credential by default', () => {
    for (const { sample, result } of results) {
      if (result.credential) assert.deepEqual(Object.keys(result.credential), ['kind'], sample.id);
      if (result.holder) assert.deepEqual(Object.keys(result.holder).filter((key) => key !== 'birthDate'), ['name'], sample.id);
    }
  });
});
