// `npm start`: the box-office demo on http://localhost:8080/ (PORT to change).
// Plain node:http, loopback only, fully offline: the pages load the built
// packages and their dependencies from this server (an import map over
// node_modules, or the pass-check.js script tag), and the demo issuers, passes
// and trust bundle are made by the test kit at start-up, with fresh keys.
import http from 'node:http';
import fs from 'node:fs/promises';
import { createHash } from 'node:crypto';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { buildImportMap } from '../demo/import-map.mjs';
import { demoPolicy, makeDemoData } from '../demo/samples.mjs';
import { contentTypeOf, readIfInside } from './static-files.mjs';
import { natsServerPath, startNatsServer } from './nats-server.mjs';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const pagesDir = path.join(repoRoot, 'demo', 'pages');
const elementsDist = path.join(repoRoot, 'packages', 'elements', 'dist');

const pages = {
  '/': 'index.html',
  '/scanner': 'scanner.html',
  '/samples': 'samples.html',
  '/box-office': 'box-office.html',
};

/**
 * The Content-Security-Policy of every page: scripts only from this origin
 * (plus the one inline import map, by hash), WebAssembly allowed, no inline
 * script or style, nothing fetched from anywhere else. A verifier that needs
 * more than this to work would be sending data somewhere.
 */
function contentSecurityPolicy(inlineScriptHashes = [], connectSources = []) {
  return [
    "default-src 'none'",
    `script-src 'self' 'wasm-unsafe-eval'${inlineScriptHashes.map((hash) => ` '${hash}'`).join('')}`,
    "worker-src 'self' blob:",
    `connect-src 'self'${connectSources.map((source) => ` ${source}`).join('')}`,
    "img-src 'self' data: blob:",
    "style-src 'self'",
    "media-src 'self' blob: mediastream:",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}

const securityHeaders = {
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  // The scanner may use the camera of this page only; nothing else is needed.
  'permissions-policy': 'camera=(self), microphone=(), geolocation=()',
  'cache-control': 'no-store',
};

/** `relative` + ".js" or + "/index.js", when that file exists in the package. */
async function completeModulePath(packageRoot, relative) {
  for (const candidate of [`${relative}.js`, `${relative}/index.js`]) {
    if (await readIfInside(packageRoot, candidate)) return candidate;
  }
  return undefined;
}

/**
 * Starts the demo. Resolves to { url, server, data, close() }; `port: 0` picks
 * a free port (the browser test does).
 */
export async function startDemoServer({ port = 8080, host = '127.0.0.1', log = console.log, gates = true } = {}) {
  const data = await makeDemoData();
  const { imports, packageDirs } = buildImportMap(repoRoot, ['@pass-check/elements', '@pass-check/verifier-core', '@pass-check/gate-sync']);
  // Many gates: when nats-server is installed, a loopback one with JetStream and WebSocket for the two-gate demo.
  const nats = gates && natsServerPath()
    ? await startNatsServer({ websocket: true }).catch((error) => { log(`demo: no two-gate demo, nats-server did not start: ${error.message.split('\n')[0]}`); return undefined; })
    : undefined;
  const gatePages = nats ? { '/gate': 'gate.html' } : {};
  const importMapScript = JSON.stringify({ imports }, null, 2);
  const importMapHash = `sha256-${createHash('sha256').update(importMapScript).digest('base64')}`;
  const demoJson = {
    '/demo-data/trust-bundle.json': JSON.stringify(data.trustBundle, null, 2),
    '/demo-data/samples.json': JSON.stringify({ policy: demoPolicy, missing: data.missing, samples: data.samples }, null, 2),
  };
  if (nats) {
    // A demo shortcut: a real venue provisions its passIdKey and gate credentials to its devices, not over a page.
    demoJson['/demo-data/venue.json'] = JSON.stringify({
      servers: nats.wsUrl, bucket: 'pass-check-demo', window: 600,
      passIdKey: Buffer.from(crypto.getRandomValues(new Uint8Array(32))).toString('base64url'),
    });
  }
  const gatesText = nats
    ? '<p>Open the two gates side by side. Both verify with the same venue key and share one memory of admitted passes (NATS JetStream over WebSocket, on this computer).</p>'
      + '<p><a href="/gate?gate=1" data-gate="1">Gate 1</a> · <a href="/gate?gate=2" data-gate="2">Gate 2</a></p>'
    : '<p data-no-nats>The two-gate demo needs <code>nats-server</code> (Debian: <code>apt install nats-server</code>). Install it and run <code>npm start</code> again.</p>';

  async function respond(req, res) {
    const { pathname } = new URL(req.url ?? '/', 'http://localhost');
    const send = (status, type, body, extra = {}) => {
      res.writeHead(status, { 'content-type': type, ...securityHeaders, ...extra });
      res.end(req.method === 'HEAD' ? undefined : body);
    };
    if (req.method !== 'GET' && req.method !== 'HEAD') return send(405, 'text/plain', 'method not allowed');

    if (pathname in pages || pathname in gatePages || pathname === '/gates') {
      const file = pages[pathname] ?? gatePages[pathname] ?? 'gates.html';
      const html = await fs.readFile(path.join(pagesDir, file), 'utf8');
      const usesImportMap = html.includes('<!-- import-map -->');
      const body = html.replace('<!-- import-map -->', `<script type="importmap">${importMapScript}</script>`).replace('<!-- gates -->', gatesText);
      return send(200, contentTypeOf(file), body, {
        'content-security-policy': contentSecurityPolicy(usesImportMap ? [importMapHash] : [], pathname === '/gate' ? [nats.wsUrl] : []),
      });
    }
    if (pathname in demoJson) return send(200, contentTypeOf(pathname), demoJson[pathname]);
    if (pathname === '/favicon.ico') return send(204, 'image/x-icon', '');

    let found;
    if (pathname.startsWith('/demo/')) {
      found = await readIfInside(pagesDir, decodeURIComponent(pathname.slice('/demo/'.length)));
    } else if (pathname.startsWith('/pass-check/')) {
      // The script-tag build and the files it loads beside itself (.wasm, worker).
      found = await readIfInside(elementsDist, decodeURIComponent(pathname.slice('/pass-check/'.length)));
    } else if (pathname.startsWith('/node_modules/')) {
      // Only the packages the import map names, not the whole tree.
      const rest = decodeURIComponent(pathname.slice('/node_modules/'.length));
      const name = rest.startsWith('@') ? rest.split('/').slice(0, 2).join('/') : rest.split('/')[0];
      const dir = packageDirs.get(name);
      if (dir) {
        const packageRoot = await fs.realpath(dir);
        const relative = rest.slice(name.length + 1);
        found = await readIfInside(packageRoot, relative);
        // Some packages' ES builds import without extensions ("./browser"), as
        // bundlers allow; redirect to the file so relative imports inside it
        // resolve against its real URL.
        const completed = found ? undefined : await completeModulePath(packageRoot, relative);
        if (completed) {
          res.writeHead(302, { location: `/node_modules/${name}/${completed}`, ...securityHeaders });
          return res.end();
        }
      }
    }
    if (!found) return send(404, 'text/plain; charset=utf-8', 'not found');
    return send(200, contentTypeOf(found.file), found.body);
  }

  const server = http.createServer((req, res) => {
    respond(req, res).catch((error) => {
      log(`demo: ${req.url}: ${error.message}`);
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' });
      res.end('internal error');
    });
  });
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, resolve);
  });
  const address = server.address();
  const url = `http://${host}:${address.port}/`;
  return {
    url,
    server,
    data,
    nats,
    close: async () => {
      await new Promise((resolve) => { server.closeAllConnections(); server.close(resolve); });
      await nats?.stop();
    },
  };
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  // Loopback by default. HOST=0.0.0.0 lets a phone on the same network open
  // /samples and hold a pass up to this computer's camera (the scanner itself
  // needs localhost or HTTPS for the camera).
  const host = process.env.HOST ?? '127.0.0.1';
  const demo = await startDemoServer({ port: Number(process.env.PORT ?? 8080), host });
  const base = `http://localhost:${demo.server.address().port}/`;
  console.log(`pass-check demo on ${base}`);
  console.log(`  scanner:       ${base}scanner`);
  console.log(`  sample passes: ${base}samples`);
  console.log(`  box office:    ${base}box-office  (pass-check.js script tag only, strict CSP)`);
  console.log(`  many gates:    ${base}gates  ${demo.nats ? `(two gates sharing ${demo.nats.wsUrl})` : '(needs nats-server installed)'}`);
  process.once('SIGINT', () => { void demo.close().then(() => process.exit(0)); });
  if (host !== '127.0.0.1' && host !== 'localhost') console.log(`  listening on ${host}: phones on this network can open /samples at this computer's address`);
  for (const missing of demo.data.missing) console.log(`  note: no ${missing} in this build, so its samples are left out`);
  console.log('Press Ctrl+C to stop.');
}
