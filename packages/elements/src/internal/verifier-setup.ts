// Builds a verifier from the `trust`, `policy` and `lang` attributes. The trust
// bundle is fetched here, once, before any scan: verifying never touches the network.
import { createTrustStore, createVerifier, type Disclosure, type TrustBundle, type Verifier } from '@pass-check/verifier-core';

export interface VerifierSettings {
  trust: string | undefined;
  policy: string | undefined;
  locale: string;
  disclose?: Disclosure;
}

const bundles = new Map<string, Promise<TrustBundle>>();

/** One download per bundle URL per page, however many elements use it. */
function loadBundle(url: string): Promise<TrustBundle> {
  const absolute = new URL(url, document.baseURI).href;
  let bundle = bundles.get(absolute);
  if (!bundle) {
    bundle = fetch(absolute, { credentials: 'same-origin' }).then(async (response) => {
      if (!response.ok) throw new Error(`trust bundle: HTTP ${response.status}`);
      return (await response.json()) as TrustBundle;
    });
    bundle.catch(() => bundles.delete(absolute));
    bundles.set(absolute, bundle);
  }
  return bundle;
}

export async function verifierFromSettings(settings: VerifierSettings): Promise<Verifier> {
  const trust = createTrustStore();
  if (settings.trust) await trust.importBundle(await loadBundle(settings.trust));
  return createVerifier({
    trust,
    locale: settings.locale,
    disclose: settings.disclose ?? 'minimal',
    ...(settings.policy ? { policy: settings.policy } : {}),
  });
}
