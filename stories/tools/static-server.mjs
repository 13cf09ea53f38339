// A tiny static file server for the built Storybook: the smoke test needs the
// real files over HTTP (ES modules do not load from file://), on loopback only.
import http from 'node:http';
import path from 'node:path';
import { contentTypeOf, readIfInside } from '../../tools/static-files.mjs';

/** Serves `rootDir` on 127.0.0.1 at a free port; resolves to { origin, close() }. */
export async function serveDirectory(rootDir) {
  const root = path.resolve(rootDir);
  const server = http.createServer(async (req, res) => {
    const { pathname } = new URL(req.url ?? '/', 'http://localhost');
    // Chromium asks for one on every page; Storybook ships an svg instead.
    if (pathname === '/favicon.ico') {
      res.writeHead(204).end();
      return;
    }
    const found = await readIfInside(root, decodeURIComponent(pathname).replace(/^\/+/, '') || 'index.html');
    if (!found) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    res.writeHead(200, { 'content-type': contentTypeOf(found.file) });
    res.end(found.body);
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = /** @type {import('node:net').AddressInfo} */ (server.address());
  return {
    origin: `http://127.0.0.1:${port}`,
    close: () => new Promise((resolve) => { server.closeAllConnections(); server.close(resolve); }),
  };
}
