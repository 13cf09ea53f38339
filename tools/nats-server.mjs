// Starts a throwaway nats-server for tests, the gate benchmark and the demo:
// loopback only, JetStream on (a temporary store unless told otherwise), WebSocket
// on when asked, optionally one node of a loopback cluster. Nothing here is for
// production: the venue's own configuration is gate-sync/nats-venue.conf.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

const READY_TIMEOUT_MS = 20_000;
const STOP_TIMEOUT_MS = 5_000;

/** The nats-server binary: $NATS_SERVER, Debian's /usr/sbin or /usr/bin, or PATH. */
export function natsServerPath() {
  if (process.env.NATS_SERVER) return process.env.NATS_SERVER;
  for (const candidate of ['/usr/sbin/nats-server', '/usr/bin/nats-server', '/usr/local/bin/nats-server']) {
    if (fs.existsSync(candidate)) return candidate;
  }
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    const candidate = path.join(dir, 'nats-server');
    if (dir && fs.existsSync(candidate)) return candidate;
  }
  return undefined;
}

/** A port free on 127.0.0.1 right now (the OS picks it). */
export function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/**
 * Starts nats-server. Options: `port`, `wsPort` (0: free ports), `websocket`,
 * `storeDir` (default: a new temporary folder, removed by stop()), `cluster`
 * ({ name, port, routes: [ports] }), `serverName`, `users` ([{ user, password,
 * permissions }]) and `extraConfig` (text appended). Resolves to a handle with
 * `url`, `wsUrl`, `kill()` (SIGKILL, as a crash), `restart()` (same ports and
 * store) and `stop()` (ends it and removes a temporary store).
 */
export async function startNatsServer(options = {}) {
  const binary = natsServerPath();
  if (!binary) throw new Error('nats-server is not installed (apt install nats-server, or set NATS_SERVER)');
  const ownsStore = !options.storeDir;
  const storeDir = options.storeDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'pass-check-nats-'));
  const port = options.port || await freePort();
  const wsPort = options.websocket ? (options.wsPort || await freePort()) : undefined;
  const configFile = path.join(storeDir, `nats-${port}.conf`);
  fs.writeFileSync(configFile, configText({ ...options, port, wsPort, storeDir }));

  const handle = {
    port, wsPort, storeDir, configFile,
    url: `nats://127.0.0.1:${port}`,
    wsUrl: wsPort ? `ws://127.0.0.1:${wsPort}` : undefined,
    process: undefined,
    async restart() {
      if (handle.process) await handle.kill();
      handle.process = await launch(binary, configFile);
    },
    async kill() {
      await end(handle.process, 'SIGKILL');
      handle.process = undefined;
    },
    async stop() {
      await end(handle.process, 'SIGTERM');
      handle.process = undefined;
      if (ownsStore) fs.rmSync(storeDir, { recursive: true, force: true });
    },
  };
  handle.process = await launch(binary, configFile);
  return handle;
}

function configText({ port, wsPort, storeDir, cluster, serverName, users, extraConfig, jetstream = true }) {
  const lines = [`host: 127.0.0.1`, `port: ${port}`];
  if (serverName) lines.push(`server_name: ${JSON.stringify(serverName)}`);
  if (jetstream) lines.push(`jetstream { store_dir: ${JSON.stringify(storeDir)}, max_memory_store: 64MB, max_file_store: 256MB }`);
  if (wsPort) lines.push(`websocket { host: 127.0.0.1, port: ${wsPort}, no_tls: true }`);
  if (cluster) {
    lines.push(`cluster { name: ${JSON.stringify(cluster.name)}, host: 127.0.0.1, port: ${cluster.port}, routes: [${cluster.routes.map((p) => JSON.stringify(`nats-route://127.0.0.1:${p}`)).join(', ')}] }`);
  }
  if (users) lines.push(`authorization { users: ${JSON.stringify(users)} }`);
  if (extraConfig) lines.push(extraConfig);
  return `${lines.join('\n')}\n`;
}

/** Runs the server until its log says it is ready (bounded), or fails with the log's tail. */
function launch(binary, configFile) {
  return new Promise((resolve, reject) => {
    const child = spawn(binary, ['-c', configFile], { stdio: ['ignore', 'ignore', 'pipe'] });
    let log = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`nats-server not ready after ${READY_TIMEOUT_MS} ms:\n${log.slice(-2000)}`));
    }, READY_TIMEOUT_MS);
    const onData = (chunk) => {
      log = (log + chunk).slice(-20_000);
      if (log.includes('Server is ready')) {
        clearTimeout(timer);
        child.stderr.off('data', onData);
        child.stderr.resume();
        resolve(child);
      }
    };
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', onData);
    child.on('error', (e) => { clearTimeout(timer); reject(e); });
    child.on('exit', (code) => { clearTimeout(timer); reject(new Error(`nats-server exited (${code}):\n${log.slice(-2000)}`)); });
  });
}

function end(child, signal) {
  if (!child || child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => { child.kill('SIGKILL'); }, STOP_TIMEOUT_MS);
    child.once('exit', () => { clearTimeout(timer); resolve(); });
    child.kill(signal);
  });
}
