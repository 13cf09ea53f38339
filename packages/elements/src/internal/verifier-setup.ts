// Builds a verifier from the `trust`, `policy` and `lang` attributes. The trust
// bundle is fetched here, once, before any scan: verifying never touches the network.
import { createTrustStore, createVerifier, type Disclosure, type TrustBundle, type Verifier } from '@pass-check/verifier-core';

export interface VerifierSettings {
  trust: string | undefined;
  policy: string | undefined;
  locale: string;
  disclose?: Disclosure;
  /** The page's opt-in to a trust bundle from another origin (`trust-cross-origin`). */
  trustCrossOrigin?: boolean;
  /** Key of result.passId (the scanner passes its duplicate store's non-extractable key). */
  passIdKey?: CryptoKey;
}

const bundles = new Map<string, Promise<TrustBundle>>();

/** Hosts an `http:` bundle may come from (a developer's own machine); everything else must be https. */
const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * Where a trust bundle may be fetched from. The bundle decides which signatures count, so by default
 * only the page's own origin may supply it; another origin needs the page's explicit opt-in
 * (`trust-cross-origin`). `data:` (a bundle written into the attribute itself), and `http:` except on
 * loopback, are refused whatever the opt-in. Throws with the reason.
 */
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

/** One download per bundle URL per page, however many elements use it. */
function loadBundle(url: string, crossOrigin: boolean): Promise<TrustBundle> {
  let absolute: URL;
  try {
    absolute = trustBundleUrl(url, crossOrigin);
  } catch (e) {
    return Promise.reject(e);
  }
  const cacheKey = `${crossOrigin ? 'x' : 's'} ${absolute.href}`;
  let bundle = bundles.get(cacheKey);
  if (!bundle) {
    bundle = fetch(absolute.href, { credentials: 'same-origin', ...(crossOrigin ? {} : { mode: 'same-origin' as RequestMode }) }).then(async (response) => {
      if (!response.ok) throw new Error(`trust bundle: HTTP ${response.status}`);
      // A redirect may not carry the bundle to where the URL check would not have let it come from.
      if (response.redirected) trustBundleUrl(response.url, crossOrigin);
      return (await response.json()) as TrustBundle;
    });
    bundle.catch(() => bundles.delete(cacheKey));
    bundles.set(cacheKey, bundle);
  }
  return bundle;
}

export async function verifierFromSettings(settings: VerifierSettings): Promise<Verifier> {
  const trust = createTrustStore();
  if (settings.trust) await trust.importBundle(await loadBundle(settings.trust, settings.trustCrossOrigin === true));
  return createVerifier({
    trust,
    locale: settings.locale,
    disclose: settings.disclose ?? 'minimal',
    ...(settings.policy ? { policy: settings.policy } : {}),
    ...(settings.passIdKey ? { passIdKey: settings.passIdKey } : {}),
  });
}
