// Test helpers for the CLI: a loopback HTTP server with injectable faults, an
// in-process runner for `main`, and key/fixture makers. Everything is generated here.
import http from 'node:http';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { createHash, generateKeyPairSync, sign as nodeSign } from 'node:crypto';
import { main } from '../src/main.mjs';

/**
 * A server on 127.0.0.1, port 0. `routes` maps a path to a handler (req, res) or a
 * JSON-able value; anything else is 404. Returns { url, routes, requests, close }.
 */
export async function startServer(routes = new Map()) {
  const requests = [];
  const sockets = new Set();
  const server = http.createServer(async (req, res) => {
    requests.push(req.url);
    const route = routes.get(req.url.split('?')[0]);
    try {
      if (route === undefined) { res.writeHead(404).end('not found'); return; }
      if (typeof route === 'function') { await route(req, res); return; }
      const body = typeof route === 'string' || route instanceof Uint8Array ? route : JSON.stringify(route);
      res.writeHead(200, { 'content-type': 'application/json' }).end(body);
    } catch {
      res.destroy();
    }
  });
  server.on('connection', (s) => { sockets.add(s); s.on('close', () => sockets.delete(s)); });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${server.address().port}`;
  return {
    url, routes, requests,
    async close() {
      for (const s of sockets) s.destroy();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

/** Handlers for faults. */
export const faults = {
  status: (code) => (req, res) => res.writeHead(code).end('oops'),
  /** Answers after `ms` (past the client's timeout in the tests); the timer is dropped if the client goes. */
  slow: (ms, body) => (req, res) => {
    const t = setTimeout(() => res.writeHead(200).end(JSON.stringify(body)), ms);
    res.on('close', () => clearTimeout(t));
  },
  /** Headers at once, then the body trickles and never ends in time. */
  trickle: () => (req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.write('{"keys":[');
    const t = setInterval(() => res.write(' '), 100);
    res.on('close', () => clearInterval(t));
  },
  redirect: (location) => (req, res) => res.writeHead(302, { location }).end(),
  raw: (text) => (req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end(text),
  /** A body of `bytes` bytes sent at once, with no content-length (chunked), so only the running count can stop it. */
  huge: (bytes) => (req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.on('error', () => {});
    res.end(Buffer.alloc(bytes, 0x20));
  },
};

class Collect extends Writable {
  text = '';
  _write(chunk, _enc, cb) { this.text += chunk; cb(); }
}

/** Runs the CLI in-process: { code, stdout, stderr }. */
export async function run(args, io = {}) {
  const stdout = new Collect();
  const stderr = new Collect();
  const code = await main(args, { stdout, stderr, backoffMs: 20, ...io });
  return { code, stdout: stdout.text, stderr: stderr.text };
}

export async function tempDir() {
  return fs.mkdtemp(path.join(os.tmpdir(), 'pass-check-cli-'));
}

/** A P-256 key pair as JWKs (venue key) and as node KeyObjects (list anchors). */
export function p256() {
  const { publicKey, privateKey } = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
  return {
    publicKey, privateKey,
    publicJwk: publicKey.export({ format: 'jwk' }),
    privateJwk: privateKey.export({ format: 'jwk' }),
    publicPem: publicKey.export({ format: 'pem', type: 'spki' }),
  };
}

/** A signed national DSC list: base64 DER ECDSA signature line, then the JSON it signs. */
export function signedDscList(certificates, privateKey, { encoding = 'der' } = {}) {
  const body = Buffer.from(JSON.stringify({ certificates }));
  const signature = nodeSign('sha256', body, { key: privateKey, dsaEncoding: encoding });
  return Buffer.concat([Buffer.from(signature.toString('base64') + '\n'), body]);
}

/** A DSC trust list JWS (ES256) with an unencoded (RFC 7797) or base64url payload. */
export function dscTrustListJws(payload, privateKey, { unencoded = true } = {}) {
  const header = Buffer.from(JSON.stringify(unencoded ? { typ: 'JOSE', alg: 'ES256', b64: false } : { typ: 'JOSE', alg: 'ES256' })).toString('base64url');
  const body = unencoded ? JSON.stringify(payload) : Buffer.from(JSON.stringify(payload)).toString('base64url');
  const signature = nodeSign('sha256', Buffer.from(`${header}.${body}`), { key: privateKey, dsaEncoding: 'ieee-p1363' });
  return `${header}.${body}.${signature.toString('base64url')}`;
}

export const dscListEntry = (signer) => ({
  certificateType: 'DSC', country: signer.country, kid: signer.kid, rawData: signer.certificate,
  signature: 'unused', thumbprint: createHash('sha256').update(signer.certificateDer).digest('hex'), timestamp: '2026-01-01T00:00:00Z',
});
