import { TrustError } from '../errors.js';
import { decodeBase64Url, isObject } from '../internal/bytes.js';
import type { IdhpIssuerInput, TrustReport } from '../types.js';
import type { TrustSection } from './section.js';

/** An issuer we trust, with its usable verification keys by full key id ("<did>#key-1"). */
export interface IdhpIssuer {
  id: string;
  name?: string;
  keys: Map<string, CryptoKey>;
  /** What was accepted, kept as given so exportBundle can write it back. */
  accepted: Map<string, { id: string; publicKeyJwk: object }>;
}

/** Bounds on what a caller may hand us: an issuer document is small. */
const MAX_KEYS_PER_ISSUER = 64;
const MAX_ID_CHARS = 512;
const P256_COORDINATE_BYTES = 32;

/**
 * IBM Digital Health Pass issuers (formats.md §3): a DID and its P-256 public
 * keys. Key ids may be given in full ("<did>#key-1") or relative to the issuer
 * ("#key-1"); credentials name the full id in `proof.creator`.
 */
export class IdhpTrust implements TrustSection<IdhpIssuerInput> {
  private readonly issuers = new Map<string, IdhpIssuer>();

  async add(input: IdhpIssuerInput): Promise<TrustReport> {
    if (!isObject(input)) throw new TrustError('INVALID_KEY', 'an IBM Digital Health Pass issuer must be an object');
    const { id, name, publicKeys } = input as Partial<IdhpIssuerInput>;
    if (typeof id !== 'string' || !/^did:[a-z0-9]+:\S+$/.test(id) || id.length > MAX_ID_CHARS || id.includes('#')) {
      throw new TrustError('INVALID_KEY', 'issuer id must be a DID such as did:hpass:…');
    }
    if (!Array.isArray(publicKeys) || publicKeys.length === 0) throw new TrustError('INVALID_KEY', 'issuer has no publicKeys');
    if (publicKeys.length > MAX_KEYS_PER_ISSUER) throw new TrustError('INVALID_KEY', `issuer lists more than ${MAX_KEYS_PER_ISSUER} keys`);

    const rejected: TrustReport['rejected'] = [];
    const keys = new Map<string, CryptoKey>();
    const accepted = new Map<string, { id: string; publicKeyJwk: object }>();
    for (const entry of publicKeys as unknown[]) {
      const keyId = isObject(entry) && typeof entry.id === 'string' ? fullKeyId(id, entry.id) : undefined;
      if (!keyId) {
        rejected.push({ code: 'INVALID_KEY', message: 'key entry without a usable id' });
        continue;
      }
      const jwk = isObject(entry) ? entry.publicKeyJwk : undefined;
      const problem = jwkProblem(jwk);
      if (problem) {
        rejected.push({ kid: keyId, code: 'INVALID_KEY', message: problem });
        continue;
      }
      const key = await importP256(jwk as Record<string, unknown>);
      if (!key) {
        rejected.push({ kid: keyId, code: 'INVALID_KEY', message: 'not a point on P-256' });
        continue;
      }
      keys.set(keyId, key);
      accepted.set(keyId, { id: keyId, publicKeyJwk: publicPart(jwk as Record<string, unknown>) });
    }
    if (keys.size === 0) {
      throw new TrustError('INVALID_KEY', `no usable key for ${id}: ${rejected.map((r) => r.message).join('; ')}`);
    }

    // Adding an issuer again adds or replaces keys: a key set is published in pieces over time.
    const existing = this.issuers.get(id);
    if (existing) {
      for (const [k, v] of keys) existing.keys.set(k, v);
      for (const [k, v] of accepted) existing.accepted.set(k, v);
      if (typeof name === 'string') existing.name = name;
    } else {
      const issuer: IdhpIssuer = { id, keys, accepted };
      if (typeof name === 'string') issuer.name = name;
      this.issuers.set(id, issuer);
    }
    return { rejected };
  }

  /** Forgets an issuer and its keys; false when it was not trusted. */
  remove(id: string): boolean {
    return this.issuers.delete(id);
  }

  /** The trusted issuer with this DID, if any. */
  issuer(id: string): IdhpIssuer | undefined {
    return this.issuers.get(id);
  }

  entries(): IdhpIssuerInput[] {
    return [...this.issuers.values()].map((i) => {
      const entry: IdhpIssuerInput = { id: i.id, publicKeys: [...i.accepted.values()] };
      if (i.name !== undefined) entry.name = i.name;
      return entry;
    });
  }
}

/** "<did>#key-1" from a full or relative key id; undefined when it names another DID. */
function fullKeyId(issuerId: string, keyId: string): string | undefined {
  if (keyId.length === 0 || keyId.length > MAX_ID_CHARS * 2) return undefined;
  if (keyId.startsWith('#')) return issuerId + keyId;
  if (keyId.startsWith(issuerId + '#') && keyId.length > issuerId.length + 1) return keyId;
  if (!keyId.includes(':') && !keyId.includes('#')) return `${issuerId}#${keyId}`;
  return undefined;
}

/** Why a JWK is not a usable P-256 verification key, or undefined when it is. */
function jwkProblem(jwk: unknown): string | undefined {
  if (!isObject(jwk)) return 'publicKeyJwk is missing';
  if (jwk.kty !== 'EC' || jwk.crv !== 'P-256') return 'not an EC P-256 key';
  if ('d' in jwk) return 'a private key: only public keys belong in a trust store';
  if (jwk.use !== undefined && jwk.use !== 'sig') return 'key is not for signatures';
  if (jwk.alg !== undefined && jwk.alg !== 'ES256') return 'key is not for ES256';
  for (const coordinate of ['x', 'y'] as const) {
    const value = jwk[coordinate];
    const bytes = typeof value === 'string' ? decodeBase64Url(value) : undefined;
    if (!bytes || bytes.length !== P256_COORDINATE_BYTES) return `bad ${coordinate} coordinate`;
  }
  return undefined;
}

function publicPart(jwk: Record<string, unknown>): object {
  return { kty: 'EC', crv: 'P-256', x: jwk.x, y: jwk.y };
}

async function importP256(jwk: Record<string, unknown>): Promise<CryptoKey | undefined> {
  try {
    return await crypto.subtle.importKey('jwk', { kty: 'EC', crv: 'P-256', x: jwk.x as string, y: jwk.y as string, ext: true },
      { name: 'ECDSA', namedCurve: 'P-256' }, false, ['verify']);
  } catch {
    return undefined;
  }
}
