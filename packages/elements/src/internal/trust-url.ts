// Where a trust bundle may come from. The bundle decides which signatures count,
// so by default only the page's own origin may supply it; another origin needs
// the page's explicit opt-in (`trust-cross-origin`). `data:` (a bundle written
// into the attribute itself), and `http:` except on loopback, are refused
// whatever the opt-in.

/** Hosts an `http:` bundle may come from (a developer's own machine); everything else must be https. */
const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);

/** The absolute URL of an allowed trust bundle; throws with the reason when it is not allowed. */
export function trustBundleUrl(url: string, crossOrigin = false): URL {
  let target: URL;
  try {
    target = new URL(url, document.baseURI);
  } catch {
    throw new Error('trust bundle: not a URL');
  }
  const page = new URL(document.baseURI);
  if (target.protocol === 'data:') throw new Error('trust bundle: data: URLs are refused');
  if (target.protocol === 'blob:') {
    // A blob made by this page (Storybook, tests); its origin is the page's that made it.
    if (target.origin !== page.origin) throw new Error('trust bundle: a blob: URL of another origin');
    return target;
  }
  if (target.protocol !== 'https:' && target.protocol !== 'http:') throw new Error(`trust bundle: ${target.protocol} URLs are refused`);
  if (target.protocol === 'http:' && !LOOPBACK.has(target.hostname)) throw new Error('trust bundle: http: is refused (except localhost)');
  if (target.origin !== page.origin && !crossOrigin) throw new Error('trust bundle: another origin needs the trust-cross-origin attribute');
  return target;
}
