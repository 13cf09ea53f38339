import { importJWK } from 'jose';
import { TrustError, type TrustErrorCode } from '../errors.js';
import { decodeBase64Url, encodeBase64Url, isObject } from '../internal/bytes.js';
import { isIssuerUrl } from '../shc/claims.js';
import { ecJwkThumbprint } from '../shc/thumbprint.js';
import { checkX5c } from '../shc/x5c.js';
import type { ShcIssuerInput, TrustReport } from '../types.js';
import type { TrustSection } from './section.js';
import { isP256Point } from '../internal/p256.js';

/** The WebCrypto key of a trusted key, imported on first use: a bundle of a thousand keys loads without a thousand imports. */
export async function cryptoKeyOf(trusted: ShcTrustedKey): Promise<CryptoKey> {
  trusted.key ??= (await importJWK({ kty: 'EC', crv: 'P-256', x: trusted.x, y: trusted.y }, 'ES256')) as CryptoKey;
  return trusted.key;
}

/** One trusted signing key: checked when added, imported into WebCrypto on first use (then kept). */
export interface ShcTrustedKey {
  kid: string;
  /** The P-256 coordinates (32 bytes each, base64url). */
  x: string;
  y: string;
  /** The imported key, once a pass has needed it. */
  key?: CryptoKey;
  /** Revoked rids: to a cut-off in seconds (revokes cards with nbf before it), or null (revokes all). Absent: no CRL held. */
  revoked?: Map<string, number | null>;
}

export interface ShcTrustedIssuer {
  iss: string;
  /** Whether `iss` is an issuer URL as the spec wants it (judged once here, not per scan). */
  wellFormedIss: boolean;
  name?: string;
  keys: Map<string, ShcTrustedKey>;
  /** The accepted input, as exportBundle writes it. */
  jwks: Map<string, object>;
  crls: Map<string, object[]>;
}

type Rejection = TrustReport['rejected'][number];

const RID = /^[A-Za-z0-9_-]{1,24}$/;
const TIMESTAMP = /^\d{1,12}$/;
const MAX_KEYS = 1000;
const MAX_RIDS = 1_000_000;

/** `crlVersion`/`ctr` as a number; real key sets write it as a number or a digit string ("1"). */
function counter(value: unknown): number | undefined {
  if (typeof value === 'number' && Number.isSafeInteger(value) && value >= 0) return value;
  if (typeof value === 'string' && /^\d{1,15}$/.test(value)) return Number(value);
  return undefined;
}

/**
 * A P-256 coordinate as the 32 bytes WebCrypto takes. Some issuers (seen in the
 * VCI snapshot) drop a leading zero byte, publishing 31; that is restored here,
 * since the key is the same point (an impossible one still fails to import).
 */
function coordinate(value: unknown): string | undefined {
  const bytes = typeof value === 'string' ? decodeBase64Url(value) : undefined;
  if (!bytes || bytes.length === 0 || bytes.length > 32) return undefined;
  if (bytes.length === 32) return value as string;
  const padded = new Uint8Array(32);
  padded.set(bytes, 32 - bytes.length);
  return encodeBase64Url(padded);
}

/** Why an issuer key may not be trusted, or undefined when it is fine. */
async function keyProblem(jwk: Record<string, unknown>, iss: string): Promise<{ code: TrustErrorCode; message: string } | undefined> {
  const bad = (message: string) => ({ code: 'INVALID_KEY' as const, message });
  if (jwk.kty !== 'EC') return bad('kty must be EC');
  if (jwk.crv !== 'P-256') return bad('crv must be P-256');
  if ('d' in jwk) return bad('a private key: publish only the public key');
  if (jwk.use !== 'sig') return bad('use must be sig');
  if (jwk.alg !== 'ES256') return bad('alg must be ES256');
  const x = coordinate(jwk.x), y = coordinate(jwk.y);
  if (x === undefined || y === undefined) return bad('x and y must be base64url P-256 coordinates');
  if (typeof jwk.kid !== 'string' || jwk.kid !== ecJwkThumbprint({ crv: jwk.crv, x: jwk.x as string, y: jwk.y as string })) {
    return bad('kid must be the RFC 7638 thumbprint of the key');
  }
  if ('crlVersion' in jwk && counter(jwk.crlVersion) === undefined) return bad('crlVersion must be a whole number');
  if ('x5c' in jwk) {
    const problem = await checkX5c(jwk.x5c, { x, y }, iss);
    if (problem) return { code: 'INVALID_X5C', message: problem };
  }
  return undefined;
}

/** The revoked rids of a CRL for `crlVersion`, or why the CRL is refused. */
function parseCrl(crl: Record<string, unknown>, crlVersion: number | undefined): Map<string, number | null> | string {
  if (crl.method !== 'rid') return 'method must be rid';
  if (crlVersion === undefined) return 'the key has no crlVersion';
  if (counter(crl.ctr) !== crlVersion) return `ctr must equal the key's crlVersion (${crlVersion})`;
  if (!Array.isArray(crl.rids) || crl.rids.length > MAX_RIDS) return 'rids must be an array';
  const revoked = new Map<string, number | null>();
  for (const entry of crl.rids) {
    if (typeof entry !== 'string') return 'every rid must be a string';
    const [rid, time, extra] = entry.split('.');
    if (!RID.test(rid!) || extra !== undefined || (time !== undefined && !TIMESTAMP.test(time))) {
      return `malformed rid (base64url, at most 24 characters, optional .timestamp): ${entry.slice(0, 40)}`;
    }
    if (revoked.has(rid!)) return `rid listed twice: ${rid}`;
    revoked.set(rid!, time === undefined ? null : Number(time));
  }
  return revoked;
}

/** The SMART Health Card part of a trust store: issuers by `iss`, their keys by kid. */
export class ShcTrust implements TrustSection<ShcIssuerInput> {
  readonly issuers = new Map<string, ShcTrustedIssuer>();
  /** Every key by kid (a thumbprint, so in practice unique), to start the signature check before the payload names its issuer. */
  readonly keysByKid = new Map<string, { issuer: ShcTrustedIssuer; key: ShcTrustedKey }>();

  /**
   * @param previous what the store held before a replacing import: an issuer
   * re-added without a CRL for a key keeps the CRL held for it there, so a
   * source that failed to serve its CRL never un-revokes passes.
   */
  constructor(private previous?: ShcTrust) {}

  /** Drops the link to the replaced state once an import has loaded (so that state can be collected). */
  forgetPrevious(): void {
    this.previous = undefined;
  }

  /** Forgets an issuer and its keys; false when it was not trusted. */
  remove(iss: string): boolean {
    const issuer = this.issuers.get(iss);
    if (!issuer) return false;
    for (const kid of issuer.keys.keys()) if (this.keysByKid.get(kid)?.issuer === issuer) this.keysByKid.delete(kid);
    this.issuers.delete(iss);
    return true;
  }

  async add(input: ShcIssuerInput): Promise<TrustReport> {
    if (!isObject(input)) throw new TypeError('addShcIssuer: expected { iss, jwks, crls? }');
    const { iss, name, jwks, crls = [] } = input;
    if (typeof iss !== 'string' || !iss) throw new TypeError('addShcIssuer: iss must be the issuer URL');
    if (name !== undefined && typeof name !== 'string') throw new TypeError('addShcIssuer: name must be a string');
    if (!isObject(jwks) || !Array.isArray(jwks.keys) || jwks.keys.length > MAX_KEYS) throw new TrustError('INVALID_KEY', `${iss}: jwks is not a key set ({ keys: [...] })`);
    if (!Array.isArray(crls)) throw new TrustError('INVALID_CRL', `${iss}: crls must be an array`);

    const rejected: Rejection[] = [];
    const accepted = new Map<string, { jwk: Record<string, unknown>; trusted: ShcTrustedKey; crlVersion?: number }>();
    for (const jwk of jwks.keys) {
      const kid = isObject(jwk) && typeof jwk.kid === 'string' ? jwk.kid : undefined;
      const problem = isObject(jwk) ? await keyProblem(jwk, iss) : { code: 'INVALID_KEY' as const, message: 'not a JWK object' };
      if (problem) { rejected.push({ ...(kid ? { kid } : {}), ...problem }); continue; }
      const x = coordinate((jwk as Record<string, unknown>).x)!, y = coordinate((jwk as Record<string, unknown>).y)!;
      if (!isP256Point(decodeBase64Url(x)!, decodeBase64Url(y)!)) {
        rejected.push({ kid, code: 'INVALID_KEY', message: 'not a point on P-256' });
        continue;
      }
      const crlVersion = counter((jwk as Record<string, unknown>).crlVersion);
      accepted.set(kid!, { jwk: jwk as Record<string, unknown>, trusted: { kid: kid!, x, y }, ...(crlVersion === undefined ? {} : { crlVersion }) });
    }

    // Revocation is never dropped silently: a key given without a CRL keeps the CRL held
    // for it (by this store, or before a replacing import). A held CRL that no longer fits
    // the key's crlVersion is refused below, and the key with it (fail closed).
    const givenCrlKids = new Set(crls.map((c) => (isObject(c) && typeof c.kid === 'string' ? c.kid : undefined)));
    const heldIssuer = this.issuers.get(iss) ?? this.previous?.issuers.get(iss);
    const carried: object[] = [];
    if (heldIssuer) for (const kid of accepted.keys()) if (!givenCrlKids.has(kid)) carried.push(...(heldIssuer.crls.get(kid) ?? []));

    const acceptedCrls = new Map<string, object[]>();
    const refusedCrlKids = new Set<string>();
    for (const crl of [...crls, ...carried]) {
      const kid = isObject(crl) && typeof crl.kid === 'string' ? crl.kid : undefined;
      const target = kid ? accepted.get(kid) : undefined;
      const parsed = !isObject(crl) ? 'not a CRL object' : !target ? 'no accepted key with this kid' : parseCrl(crl, target.crlVersion);
      if (typeof parsed === 'string') {
        rejected.push({ ...(kid ? { kid } : {}), code: 'INVALID_CRL', message: parsed });
        if (kid) refusedCrlKids.add(kid);
        continue;
      }
      const held = target!.trusted.revoked;
      target!.trusted.revoked = held ? new Map([...held, ...parsed]) : parsed;
      acceptedCrls.set(kid!, [...(acceptedCrls.get(kid!) ?? []), crl]);
    }
    // Revocation cannot be checked against a refused CRL: fail closed and drop the key.
    const known = this.issuers.get(iss);
    let forgotAny = false;
    for (const kid of refusedCrlKids) {
      const dropped = accepted.delete(kid);
      // Also a key trusted by an earlier add: its issuer now publishes a CRL we cannot use.
      const forgotten = known?.keys.delete(kid) ?? false;
      if (forgotten) { known!.jwks.delete(kid); known!.crls.delete(kid); this.keysByKid.delete(kid); forgotAny = true; }
      acceptedCrls.delete(kid);
      if (dropped || forgotten) rejected.push({ kid, code: 'INVALID_CRL', message: 'key not trusted: its revocation list was refused' });
    }

    if (known && known.keys.size === 0) this.issuers.delete(iss);
    // Having dropped keys trusted before is a change to keep (and persist), not a failed call.
    if (accepted.size === 0 && !forgotAny) {
      const first = rejected[0];
      const error = new TrustError(first?.code ?? 'INVALID_KEY', `${iss}: no usable key${rejected.length ? ': ' + rejected.map((r) => `${r.kid ?? '?'} ${r.message}`).join('; ') : ''}`);
      // Bundle imports report each refused key, not only the issuer.
      throw Object.assign(error, { rejected });
    }
    if (accepted.size === 0) return { rejected };
    const issuer: ShcTrustedIssuer = this.issuers.get(iss) ?? { iss, wellFormedIss: isIssuerUrl(iss), keys: new Map(), jwks: new Map(), crls: new Map() };
    if (name !== undefined) issuer.name = name;
    for (const [kid, a] of accepted) {
      issuer.keys.set(kid, a.trusted);
      this.keysByKid.set(kid, { issuer, key: a.trusted });
      issuer.jwks.set(kid, a.jwk);
      if (acceptedCrls.has(kid)) issuer.crls.set(kid, acceptedCrls.get(kid)!);
      else issuer.crls.delete(kid);
    }
    this.issuers.set(iss, issuer);
    return { rejected };
  }

  entries(): ShcIssuerInput[] {
    return [...this.issuers.values()].map((i) => ({
      iss: i.iss,
      ...(i.name !== undefined ? { name: i.name } : {}),
      jwks: { keys: structuredClone([...i.jwks.values()]) },
      crls: structuredClone([...i.crls.values()].flat()),
    }));
  }
}
