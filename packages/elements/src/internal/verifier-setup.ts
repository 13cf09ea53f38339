// Builds a verifier from the `trust`, `trust-key`, `policy` and `lang` attributes.
// The trust bundle is fetched (or read from IndexedDB) here, before any scan:
// verifying never touches the network. See trust-source.ts for refreshes.
import { createTrustStore, createVerifier, type Disclosure, type Verifier } from '@pass-check/verifier-core';
import { startTrustSource, type TrustSource } from './trust-source.js';

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
  /** Key of result.passId (the scanner passes its duplicate store's non-extractable key, as it loads). */
  passIdKey?: CryptoKey | Promise<CryptoKey>;
}

/** A verifier and, when built from a `trust` URL, the source that keeps its trust fresh. */
export async function verifierAndSource(settings: VerifierSettings): Promise<{ verifier: Verifier; source?: TrustSource }> {
  // The bundle (IndexedDB read, signature check, import) starts first; the pass-id key and the
  // verifier (its policy compiled) are made while it loads: a verifier reads its store only when it verifies.
  const pendingKey = Promise.resolve(settings.passIdKey);
  pendingKey.catch(() => {}); // reported below, unless a bad trust URL is reported first
  const started = settings.trust ? startTrustSource(settings.trust, settings.trustKey, settings.trustCrossOrigin === true) : undefined;
  const passIdKey = await pendingKey;
  let verifier: Verifier | undefined;
  let setupError: unknown;
  try {
    verifier = createVerifier({
      trust: started?.source.store ?? createTrustStore(),
      locale: settings.locale,
      disclose: settings.disclose ?? 'minimal',
      ...(settings.policy ? { policy: settings.policy } : {}),
      ...(passIdKey ? { passIdKey } : {}),
    });
  } catch (e) {
    setupError = e;
  }
  // A bundle that cannot be had is reported before a bad setting, as when the verifier was made after it.
  const source = started ? await started.loaded : undefined;
  if (!verifier) throw setupError;
  return source ? { verifier, source } : { verifier };
}

export async function verifierFromSettings(settings: VerifierSettings): Promise<Verifier> {
  return (await verifierAndSource(settings)).verifier;
}
