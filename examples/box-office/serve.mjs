// Serves the box-office example on http://127.0.0.1:8081/ (PORT, HOST to change):
// its page, the files of @pass-check/elements it needs (pass-check.js,
// pass-check-worker.js, wasm-qr.wasm, wasm-qr-simd.wasm, pass-check-divoc.js:
// on your site, copy them into one folder),
// and the example trust bundle and passes (made by `npm run examples:data`).
//
//   npm run example:box-office
import http from 'node:http';
import fs from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = import.meta.dirname;
const dataDir = path.join(here, '..', 'data');
// The package's built files, found the way Node finds the package (the workspace here, node_modules on your site).
const elementsDir = path.dirname(fileURLToPath(import.meta.resolve('@pass-check/elements/pass-check.js')));

// Exactly the strict policy the README promises the script tag works under.
const csp = "default-src 'none'; script-src 'self' 'wasm-unsafe-eval'; worker-src 'self' blob:; connect-src 'self'; "
  + "img-src 'self' data: blob:; style-src 'self'; media-src 'self' blob: mediastream:";
const types = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8', '.json': 'application/json', '.txt': 'text/plain; charset=utf-8', '.wasm': 'application/wasm' };
const routes = new Map([
  ['/', path.join(here, 'index.html')],
  ['/door.js', path.join(here, 'door.js')],
  ['/box-office.css', path.join(here, 'box-office.css')],
  ['/trust-bundle.json', path.join(dataDir, 'trust-bundle.json')],
  ...['pass-check.js', 'pass-check-worker.js', 'wasm-qr.wasm', 'wasm-qr-simd.wasm', 'pass-check-divoc.js'].map((f) => [`/pass-check/${f}`, path.join(elementsDir, f)]),
]);

/** Starts the server; resolves to { url, close }. */
export function startBoxOffice({ port = Number(process.env.PORT ?? 8081), host = process.env.HOST ?? '127.0.0.1' } = {}) {
  const server = http.createServer(async (request, response) => {
    const { pathname } = new URL(request.url, 'http://localhost');
    if (pathname === '/favicon.ico') return void response.writeHead(204).end();
    let file = routes.get(pathname);
    // Example passes: a plain name only, nothing outside examples/data/passes.
    if (!file && /^\/passes\/[a-z0-9-]+\.(txt|json)$/.test(pathname)) file = path.join(dataDir, pathname);
    try {
      if (!file) throw new Error('not found');
      const body = await fs.readFile(file);
      response.writeHead(200, { 'content-type': types[path.extname(file)] ?? 'application/octet-stream', 'content-security-policy': csp, 'cache-control': 'no-store' });
      response.end(body);
    } catch {
      response.writeHead(404, { 'content-type': 'text/plain' });
      response.end('not found');
    }
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      const { port: actual } = server.address();
      resolve({ url: `http://${host}:${actual}/`, close: () => new Promise((done) => server.close(done)) });
    });
  });
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { url } = await startBoxOffice();
  console.log(`box-office example on ${url} (Ctrl+C to stop)`);
}
