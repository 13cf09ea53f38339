// DIVOC part of a trust store: issuers' proof keys by verification method
// (e.g. "did:india"), as SPKI PEM. RSA keys verify RsaSignature2018 (PS256),
// Ed25519 keys verify Ed25519Signature2018 (EdDSA); nothing else is taken.
import { TrustError } from '../errors.js';
import { DerTags, decodeOid, readChildren, readWholeDer } from '../internal/asn1.js';
import { decodeBase64, isObject } from '../internal/bytes.js';
import type { DivocIssuerInput, TrustReport } from '../types.js';
import type { TrustSection } from './section.js';

const MAX_KEYS_PER_ISSUER = 16;
const MAX_ID_CHARS = 512;
const MAX_PEM_CHARS = 8192;
const MIN_RSA_BITS = 2048;
const OID_RSA = '1.2.840.113549.1.1.1';
const OID_ED25519 = '1.3.101.112';

export type DivocKeyType = 'rsa' | 'ed25519';

export interface DivocKey {
  type: DivocKeyType;
  key: CryptoKey;
  /** The credential issuer this key may sign for (undefined: the entry named none). */
  issuer?: string;
  issuerName?: string;
}

function spkiAlgorithm(der: Uint8Array): string | undefined {
  const spki = readWholeDer(der);
  const parts = spki && spki.tag === DerTags.sequence ? readChildren(spki) : undefined;
  const algorithm = parts?.length === 2 && parts[0]!.tag === DerTags.sequence ? readChildren(parts[0]!) : undefined;
  return algorithm?.[0]?.tag === DerTags.oid ? decodeOid(algorithm[0].contents) : undefined;
}

async function importKey(pem: unknown): Promise<{ type: DivocKeyType; key: CryptoKey } | string> {
  if (typeof pem !== 'string' || pem.length > MAX_PEM_CHARS) return 'publicKeyPem is missing or too long';
  const match = pem.match(/^\s*-----BEGIN PUBLIC KEY-----([A-Za-z0-9+/=\s]+)-----END PUBLIC KEY-----\s*$/);
  const der = match ? decodeBase64(match[1]!.replace(/\s+/g, '')) : undefined;
  if (!der) return 'not a PEM public key (SPKI)';
  const oid = spkiAlgorithm(der);
  try {
    if (oid === OID_RSA) {
      const key = await crypto.subtle.importKey('spki', der as Uint8Array<ArrayBuffer>, { name: 'RSA-PSS', hash: 'SHA-256' }, true, ['verify']);
      if ((key.algorithm as RsaHashedKeyAlgorithm).modulusLength < MIN_RSA_BITS) return `RSA key shorter than ${MIN_RSA_BITS} bits`;
      return { type: 'rsa', key };
    }
    if (oid === OID_ED25519) {
      return { type: 'ed25519', key: await crypto.subtle.importKey('spki', der as Uint8Array<ArrayBuffer>, { name: 'Ed25519' }, true, ['verify']) };
    }
  } catch {
    return 'key does not import';
  }
  return 'neither an RSA nor an Ed25519 key';
}

export class DivocTrust implements TrustSection<DivocIssuerInput> {
  private readonly keys = new Map<string, DivocKey[]>();
  /** By issuer id: an issuer added again (another add, a merged bundle) is held once. */
  private readonly accepted = new Map<string, DivocIssuerInput>();

  async add(input: DivocIssuerInput): Promise<TrustReport> {
    if (!isObject(input)) throw new TrustError('INVALID_KEY', 'a DIVOC issuer must be an object');
    const { id, issuer, name, publicKeys } = input as Partial<DivocIssuerInput>;
    if (typeof id !== 'string' || !id || id.length > MAX_ID_CHARS) throw new TrustError('INVALID_KEY', 'issuer id (verification method) is missing');
    if (issuer !== undefined && (typeof issuer !== 'string' || issuer.length > MAX_ID_CHARS)) throw new TrustError('INVALID_KEY', 'issuer must be a string');
    if (!Array.isArray(publicKeys) || publicKeys.length === 0) throw new TrustError('INVALID_KEY', 'issuer has no publicKeys');
    if (publicKeys.length > MAX_KEYS_PER_ISSUER) throw new TrustError('INVALID_KEY', `issuer lists more than ${MAX_KEYS_PER_ISSUER} keys`);
    const rejected: TrustReport['rejected'] = [];
    const good: { id: string; publicKeyPem: string; key: DivocKey }[] = [];
    const held = this.accepted.get(id);
    const isHeld = (keyId: string, pem: string) => held?.publicKeys.some((k) => k.id === keyId && k.publicKeyPem.trim() === pem.trim()) ?? false;
    for (const entry of publicKeys as unknown[]) {
      const keyId = isObject(entry) && typeof entry.id === 'string' && entry.id && entry.id.length <= MAX_ID_CHARS ? entry.id : undefined;
      if (!keyId) { rejected.push({ code: 'INVALID_KEY', message: 'key entry without an id' }); continue; }
      const pem = isObject(entry) ? entry.publicKeyPem : undefined;
      const imported = await importKey(pem);
      if (typeof imported === 'string') { rejected.push({ kid: keyId, code: 'INVALID_KEY', message: imported }); continue; }
      if (isHeld(keyId, pem as string) || good.some((g) => g.id === keyId && g.publicKeyPem.trim() === (pem as string).trim())) continue;
      const key: DivocKey = { ...imported };
      if (issuer !== undefined) key.issuer = issuer;
      if (typeof name === 'string') key.issuerName = name;
      good.push({ id: keyId, publicKeyPem: (entry as { publicKeyPem: string }).publicKeyPem, key });
    }
    if (good.length === 0 && !held) throw new TrustError('INVALID_KEY', `no usable key for ${id}: ${rejected.map((r) => r.message).join('; ')}`);
    for (const g of good) {
      const list = this.keys.get(g.id) ?? [];
      list.push(g.key);
      this.keys.set(g.id, list);
    }
    const entry: DivocIssuerInput = { id, publicKeys: [...(held?.publicKeys ?? []), ...good.map((g) => ({ id: g.id, publicKeyPem: g.publicKeyPem }))] };
    if (issuer !== undefined) entry.issuer = issuer;
    else if (held?.issuer !== undefined) entry.issuer = held.issuer;
    if (typeof name === 'string') entry.name = name;
    else if (held?.name !== undefined) entry.name = held.name;
    this.accepted.set(id, entry);
    return { rejected };
  }

  /** Every trusted key published under this verification method. */
  keysFor(verificationMethod: string): DivocKey[] {
    return this.keys.get(verificationMethod) ?? [];
  }

  /** Whether any trusted key may sign for this credential issuer. */
  knowsIssuer(issuer: string): boolean {
    for (const list of this.keys.values()) if (list.some((k) => k.issuer === issuer)) return true;
    return false;
  }

  entries(): DivocIssuerInput[] {
    return [...this.accepted.values()].map((e) => ({ ...e, publicKeys: e.publicKeys.map((k) => ({ ...k })) }));
  }
}
