// Test helpers for gate-sync: a TCP proxy that can cut a gate off, bounded waits,
// and a reader of the bucket that checks what the venue remembers.
import net from 'node:net';
import { connect } from '@nats-io/transport-node';
import { Kvm } from '@nats-io/kv';

/** Polls `condition` every 20 ms; fails after `ms`. */
export async function until(condition, ms = 10_000, what = 'condition') {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (await condition()) return;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error(`timed out waiting for ${what}`);
}

/**
 * A loopback TCP proxy to `targetPort`; cut() drops every connection and refuses new ones until restore().
 * deafen() holds back everything the server sends (requests still arrive, answers do not) until hear().
 */
export async function startProxy(targetPort) {
  const sockets = new Set();
  let open = true;
  let deaf = false;
  const held = [];
  const server = net.createServer((client) => {
    if (!open) { client.destroy(); return; }
    const upstream = net.connect(targetPort, '127.0.0.1');
    sockets.add(client); sockets.add(upstream);
    client.pipe(upstream);
    upstream.on('data', (chunk) => { if (deaf) held.push([client, chunk]); else client.write(chunk); });
    const end = () => { client.destroy(); upstream.destroy(); sockets.delete(client); sockets.delete(upstream); };
    client.on('error', end); upstream.on('error', end); client.on('close', end); upstream.on('close', end);
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  // A test that fails before close() must not keep the process alive with this listener.
  server.unref();
  return {
    url: `nats://127.0.0.1:${server.address().port}`,
    cut() { open = false; for (const s of sockets) s.destroy(); sockets.clear(); },
    restore() { open = true; },
    deafen() { deaf = true; },
    hear() {
      deaf = false;
      for (const [client, chunk] of held.splice(0)) if (!client.destroyed) client.write(chunk);
    },
    close() { this.cut(); return new Promise((resolve) => server.close(resolve)); },
  };
}

/** Reads the bucket directly: which gate holds each id. */
export async function bucketReader(url, bucket = 'pass-check-seen') {
  const nc = await connect({ servers: url });
  const kv = await new Kvm(nc).open(bucket);
  return {
    async holder(passId) {
      const entry = await kv.get(passId);
      return entry && entry.operation === 'PUT' ? JSON.parse(entry.string()).g : undefined;
    },
    close: () => nc.close(),
  };
}

/** A fresh opaque pass id (what a keyed HMAC looks like: base64url). */
let counter = 0;
export function passId(label = 'p') {
  counter += 1;
  return `${label}_${counter}_${Math.random().toString(36).slice(2, 10)}`;
}

/**
 * Resolves when `sync.status` satisfies `condition`: checked now and at every
 * `gate-sync-status` event (every change of online, pending or dropped fires one),
 * so no polling interval decides the outcome. `ms` only bounds a hang.
 */
export function whenStatus(sync, condition, ms = 20_000, what = 'status') {
  return new Promise((resolve, reject) => {
    const check = () => {
      if (!condition(sync.status)) return;
      cleanup();
      resolve(sync.status);
    };
    const timer = setTimeout(() => { cleanup(); reject(new Error(`timed out waiting for ${what}: ${JSON.stringify(sync.status)}`)); }, ms);
    const cleanup = () => { clearTimeout(timer); sync.removeEventListener('gate-sync-status', check); };
    sync.addEventListener('gate-sync-status', check);
    check();
  });
}

/** A clock that stands still until moved: two claims "in the same millisecond" on demand. */
export function frozenClock(start = Date.now()) {
  let t = start;
  const now = () => t;
  now.advance = (ms) => { t += ms; };
  return now;
}
