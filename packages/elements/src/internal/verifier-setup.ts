// Builds a verifier from the `trust`, `trust-key`, `policy` and `lang` attributes.
// The trust bundle is fetched (or read from IndexedDB) here, before any scan:
// verifying never touches the network. See trust-source.ts for refreshes.
import { createTrustStore, createVerifier, type Disclosure, type Verifier } from '@pass-check/verifier-core';
import { trustSourceFor, type TrustSource } from './trust-source.js';

export { trustBundleUrl } from './trust-url.js';

export interface VerifierSettings {
  trust: string | undefined;
  /** The venue's public key (`trust-key`): the bundle must be a JWS signed by it. */
  trustKey?: JsonWebKey | undefined;
  policy: string | undefined;
  locale: string;
  disclose?: Disclosure;
  /** The page's opt-in to a trust bundle from another origin (`trust-cross-origin`). */
  trustCrossOrigin?: boolean;
  /** Key of result.passId (the scanner passes its duplicate store's non-extractable key). */
  passIdKey?: CryptoKey;
}

/** A verifier and, when built from a `trust` URL, the source that keeps its trust fresh. */
export async function verifierAndSource(settings: VerifierSettings): Promise<{ verifier: Verifier; source?: TrustSource }> {
  const source = settings.trust ? await trustSourceFor(settings.trust, settings.trustKey, settings.trustCrossOrigin === true) : undefined;
  const verifier = createVerifier({
    trust: source?.store ?? createTrustStore(),
    locale: settings.locale,
    disclose: settings.disclose ?? 'minimal',
    ...(settings.policy ? { policy: settings.policy } : {}),
    ...(settings.passIdKey ? { passIdKey: settings.passIdKey } : {}),
  });
  return source ? { verifier, source } : { verifier };
}

export async function verifierFromSettings(settings: VerifierSettings): Promise<Verifier> {
  return (await verifierAndSource(settings)).verifier;
}
