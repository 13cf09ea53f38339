// The CLI's fetcher: retries with backoff, the concurrency limit, the size cap,
// https-only redirects; and the progress bar on a terminal.
import { describe, it, after, before } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import fs from 'node:fs/promises';
import { Writable } from 'node:stream';
import { createFetcher, allowedUrl } from '../src/fetch.mjs';
import { startServer, faults, run, tempDir } from './helpers.mjs';
import { createShcIssuer } from '@pass-check/verifier-core/testing';

describe('fetcher', () => {
  let server;
  before(async () => { server = await startServer(); });
  after(() => server.close());

  it('retries a 503 with growing waits, then succeeds', async () => {
    let calls = 0;
    const times = [];
    server.routes.set('/flaky', (req, res) => {
      times.push(performance.now());
      if (++calls < 3) res.writeHead(503).end();
      else res.writeHead(200).end('{"ok":true}');
    });
    const fetcher = createFetcher({ retries: 2, backoffMs: 100 });
    assert.deepEqual(await fetcher.getJson(`${server.url}/flaky`), { ok: true });
    assert.equal(calls, 3);
    assert.ok(times[1] - times[0] >= 90 && times[2] - times[1] >= 190, `waits ${times[1] - times[0]}, ${times[2] - times[1]}`);
  });

  it('does not retry a 404, and gives up after the retries', async () => {
    let calls = 0;
    server.routes.set('/gone', (req, res) => { calls++; res.writeHead(404).end(); });
    await assert.rejects(createFetcher({ retries: 3, backoffMs: 1 }).get(`${server.url}/gone`), (e) => e.code === 'FETCH_HTTP');
    assert.equal(calls, 1);
    let failing = 0;
    server.routes.set('/down', (req, res) => { failing++; res.writeHead(500).end(); });
    await assert.rejects(createFetcher({ retries: 2, backoffMs: 1 }).get(`${server.url}/down`), (e) => e.code === 'FETCH_HTTP');
    assert.equal(failing, 3);
  });

  it('times out a server that sends headers at once and then trickles the body', async () => {
    server.routes.set('/trickle', faults.trickle());
    const started = performance.now();
    await assert.rejects(createFetcher({ timeoutMs: 500, retries: 0 }).get(`${server.url}/trickle`), (e) => e.code === 'FETCH_TIMEOUT');
    assert.ok(performance.now() - started < 5000);
  });

  it('keeps at most `concurrency` requests in flight', async () => {
    let inFlight = 0, most = 0;
    for (let i = 0; i < 12; i++) {
      server.routes.set(`/c${i}`, (req, res) => {
        inFlight++; most = Math.max(most, inFlight);
        setTimeout(() => { inFlight--; res.writeHead(200).end('1'); }, 40);
      });
    }
    const fetcher = createFetcher({ concurrency: 3 });
    await Promise.all(Array.from({ length: 12 }, (_, i) => fetcher.get(`${server.url}/c${i}`)));
    assert.equal(most, 3);
  });

  it('caps the size by the declared length and by the bytes that arrive', async () => {
    server.routes.set('/declared', (req, res) => res.writeHead(200, { 'content-length': '5000' }).end('x'.repeat(5000)));
    server.routes.set('/streamed', faults.huge(256 * 1024));
    const fetcher = createFetcher({ maxBytes: 4096 });
    await assert.rejects(fetcher.get(`${server.url}/declared`), (e) => e.code === 'FETCH_TOO_LARGE');
    await assert.rejects(fetcher.get(`${server.url}/streamed`), (e) => e.code === 'FETCH_TOO_LARGE');
  });

  it('follows redirects only to https (or loopback http), never to plain http elsewhere', async () => {
    assert.ok(allowedUrl('https://example.org/x'));
    assert.ok(allowedUrl('http://127.0.0.1:8080/x'));
    assert.equal(allowedUrl('http://example.org/x'), undefined);
    assert.equal(allowedUrl('file:///etc/passwd'), undefined);
    assert.equal(allowedUrl('https://user:pw@example.org/'), undefined);
    server.routes.set('/to-http', faults.redirect('http://example.org/keys'));
    server.routes.set('/to-file', faults.redirect('file:///etc/passwd'));
    server.routes.set('/loop', faults.redirect('/loop'));
    const fetcher = createFetcher({ retries: 0 });
    await assert.rejects(fetcher.get(`${server.url}/to-http`), (e) => e.code === 'FETCH_REDIRECT');
    await assert.rejects(fetcher.get(`${server.url}/to-file`), (e) => e.code === 'FETCH_REDIRECT');
    await assert.rejects(fetcher.get(`${server.url}/loop`), (e) => e.code === 'FETCH_REDIRECT');
  });
});

describe('trust build on a terminal', () => {
  it('draws a progress bar on stderr when it is a TTY', async () => {
    const server = await startServer();
    const dir = await tempDir();
    try {
      const issuer = await createShcIssuer({ iss: 'https://tty.pass-check.test' });
      server.routes.set('/tty/.well-known/jwks.json', issuer.jwks);
      server.routes.set(`/tty/.well-known/crl/${issuer.kid}.json`, issuer.crl([]));
      server.routes.set('/list.json', { participating_issuers: [{ iss: issuer.iss }] });
      let text = '';
      const stderr = Object.assign(new Writable({ write(chunk, enc, cb) { text += chunk; cb(); } }), { isTTY: true });
      const routed = (url, init) => fetch(url.replace('https://tty.pass-check.test', `${server.url}/tty`), init);
      const r = await run(['trust', 'build', '--out', path.join(dir, 'b.json'), '--vci', `${server.url}/list.json`], { stderr, fetch: routed });
      assert.equal(r.code, 0, r.stdout);
      assert.match(text, /\[#+\] 2\/2 fetched/);
      assert.match(r.stdout, /SMART Health Card issuers\s+1/);
    } finally {
      await server.close();
      await fs.rm(dir, { recursive: true, force: true });
    }
  });
});
