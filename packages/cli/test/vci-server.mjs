// Serves a VCI directory (issuer list + each issuer's keys and CRLs, taken from a
// snapshot) on a loopback server, with a fetch that routes the issuers' real https
// URLs to it. Used by the real-VCI tests and by `npm run bench:trust`.
import { startServer } from './helpers.mjs';

/**
 * Serves the snapshot's keys and CRLs as each issuer would (`/i/N/.well-known/…`), and a
 * fetch that sends `ISS/.well-known/…` there: issuers keep their real https ids.
 */
export async function serveVciDirectory(issuerList, snapshot) {
  const server = await startServer();
  const index = new Map();
  // Requests carry the URL as WHATWG URL writes it (lower-case host, no trailing slash after the CLI's join).
  const normal = (iss) => new URL(iss).href.replace(/\/+$/, '');
  const byUrl = new Map();
  const info = new Map(snapshot.issuerInfo.map((i) => [i.issuer.iss, i]));
  issuerList.participating_issuers.forEach((p, n) => {
    if (index.has(p.iss)) return;
    index.set(p.iss, n);
    byUrl.set(normal(p.iss), n);
    const data = info.get(p.iss);
    if (!data) return; // not in the snapshot: 404, as a dead issuer site would
    server.routes.set(`/i/${n}/.well-known/jwks.json`, { keys: data.keys ?? [] });
    for (const crl of data.crls ?? []) server.routes.set(`/i/${n}/.well-known/crl/${crl.kid}.json`, crl);
  });
  server.routes.set('/directory/vci-issuers.json', issuerList);
  const fetchImpl = (url, init) => {
    if (url === 'https://directory.example/vci-issuers.json') return fetch(`${server.url}/directory/vci-issuers.json`, init);
    const m = /^(.*)\/\.well-known\/(jwks\.json|crl\/[^/]+)$/.exec(url);
    const n = m ? byUrl.get(normal(m[1])) : undefined;
    return fetch(n === undefined ? `${server.url}/unknown` : `${server.url}/i/${n}/.well-known/${m[2]}`, init);
  };
  return { server, index, fetch: fetchImpl };
}

