// An ICAO VDS-NC seal (JSON text) on the fake camera, end to end:
// the real decoder in its worker, the trust bundle's vdsnc section, the verdict, no network while verifying.
import { it, afterEach } from 'node:test';
import { assertAcceptedSilently, expected, scanWatched } from './helpers.js';

let scanner;
afterEach(() => scanner?.remove());

it('the vdsnc pass on the camera is accepted, with its holder, and nothing leaves the page while verifying', async () => {
  const want = (await expected()).vdsnc;
  const scan = await scanWatched();
  scanner = scan.scanner;
  assertAcceptedSilently(scan, 'vdsnc', want);
});
