// EU DCC test kit: signer certificates made on the spot (our own small X.509
// writer), and signed `HC1:` passes of all three kinds, including expired,
// wrongly-signed and revocable ones. For tests and demos only.
//
//   const signer = await createDccSigner({ country: 'AT', alg: 'ES256', keyUsage: ['vaccination'] });
//   await trust.addDccSigner({ certificate: signer.certificate });
//   const text = await signer.issue({ kind: 'vaccination', dose: 2, of: 2 });   // 'HC1:…'
//   await trust.addDccRevocations(await dccRevocationList(text, 'UVCI'));        // now REVOKED
import {
  DerTags, contextTag, encodeBitString, encodeDer, encodeOid, encodePrintableString, encodeSequence, encodeTime,
  encodeUnsignedInteger, encodeUtf8String,
} from '../internal/asn1.js';
import { encodeBase45 } from '../internal/base45.js';
import { encodeBase64, toHex } from '../internal/bytes.js';
import { CborTag, encodeCbor, type CborEncodable } from '../internal/cbor.js';
import { COSE_SIGN1_TAG, CoseAlgorithm, CoseHeader, sigStructure } from '../internal/cose.js';
import { rawToDerEcdsa } from '../internal/ecdsa.js';
import { Oids } from '../internal/x509.js';
import { decodeDcc } from '../dcc/decode.js';
import type { DccRevocationList } from '../types.js';

// Internals re-exported for the project's own tests (not part of the main entry).
export { decodeBase45, encodeBase45 } from '../internal/base45.js';
export { decodeCbor, encodeCbor, CborTag, DEFAULT_CBOR_LIMITS } from '../internal/cbor.js';
export { decoderWork, type DecoderWork } from '../internal/work.js';
export { parseCoseSign1, sigStructure } from '../internal/cose.js';
export { parseCertificate, importCertificateKey, verifyCertificateSignature } from '../internal/x509.js';
export { decodeDcc, MAX_DCC_COSE_BYTES } from '../dcc/decode.js';
export { sha256Sync, hmacSha256Sync, hmacSha256Keyed } from '../internal/sha256.js';
export { parseIsoDate, parseIsoDateTime } from '../internal/dates.js';

export type DccKind = 'vaccination' | 'test' | 'recovery';

/** EKU OIDs of the DCC signer profile; 'long' is the `1.3.6.1.4.1.0.1847…` spelling many states use. */
const USAGE_OID_SUFFIX: Record<DccKind, string> = { test: '1', vaccination: '2', recovery: '3' };
export function dccKeyUsageOid(kind: DccKind, spelling: 'short' | 'long' = 'short'): string {
  return `1.3.6.1.4.1.${spelling === 'long' ? '0.' : ''}1847.2021.1.${USAGE_OID_SUFFIX[kind]}`;
}

// ------------------------------------------------------------ certificates

export interface TestCertificateOptions {
  /** The key the certificate is for (its public half goes in). */
  publicKey: CryptoKey;
  /** The SubjectPublicKeyInfo to write instead of `publicKey`'s own export (for odd-key tests). */
  subjectPublicKeyInfo?: Uint8Array;
  /** Who signs it: the same key pair for a self-signed certificate. */
  signingKey: CryptoKey;
  subject?: { country?: string; commonName?: string };
  /** Issuer name; default: the subject (self-signed). */
  issuer?: { country?: string; commonName?: string };
  notBefore?: Date;
  notAfter?: Date;
  /** Extended key usage OIDs; none: no EKU extension. */
  extKeyUsage?: string[];
  subjectAltNameUris?: string[];
  isCa?: boolean;
  serialNumber?: number;
}

function encodeName(name: { country?: string; commonName?: string }): Uint8Array {
  const rdns: Uint8Array[] = [];
  if (name.country) rdns.push(encodeDer(DerTags.set, encodeSequence(encodeOid(Oids.countryName), encodePrintableString(name.country))));
  rdns.push(encodeDer(DerTags.set, encodeSequence(encodeOid('2.5.4.3'), encodeUtf8String(name.commonName ?? 'pass-check test signer'))));
  return encodeSequence(...rdns);
}

function extension(oid: string, value: Uint8Array): Uint8Array {
  return encodeSequence(encodeOid(oid), encodeDer(DerTags.octetString, value));
}

const sha256AlgorithmId = (): Uint8Array => encodeSequence(encodeOid(Oids.sha256), Uint8Array.of(DerTags.null, 0));

/** AlgorithmIdentifier and WebCrypto parameters for signing with `key`. */
function signatureScheme(key: CryptoKey): { algorithmId: Uint8Array; params: AlgorithmIdentifier | EcdsaParams | RsaPssParams; ecdsa: boolean } {
  if (key.algorithm.name === 'ECDSA') {
    return { algorithmId: encodeSequence(encodeOid(Oids.ecdsaWithSha256)), params: { name: 'ECDSA', hash: 'SHA-256' }, ecdsa: true };
  }
  if (key.algorithm.name === 'RSA-PSS') {
    const pssParams = encodeSequence(
      encodeDer(contextTag(0), sha256AlgorithmId()),
      encodeDer(contextTag(1), encodeSequence(encodeOid('1.2.840.113549.1.1.8'), sha256AlgorithmId())),
      encodeDer(contextTag(2), encodeUnsignedInteger(Uint8Array.of(32))),
    );
    return { algorithmId: encodeSequence(encodeOid(Oids.rsassaPss), pssParams), params: { name: 'RSA-PSS', saltLength: 32 }, ecdsa: false };
  }
  if (key.algorithm.name === 'RSASSA-PKCS1-v1_5') {
    return { algorithmId: encodeSequence(encodeOid(Oids.sha256WithRsa), Uint8Array.of(DerTags.null, 0)), params: { name: 'RSASSA-PKCS1-v1_5' }, ecdsa: false };
  }
  throw new TypeError(`createTestCertificate: cannot sign with ${key.algorithm.name}`);
}

/** A DER X.509 v3 certificate for `publicKey`, signed by `signingKey` (SHA-256). */
export async function createTestCertificate(options: TestCertificateOptions): Promise<Uint8Array> {
  const now = Date.now();
  const subject = options.subject ?? {};
  const scheme = signatureScheme(options.signingKey);
  const spki = options.subjectPublicKeyInfo ?? new Uint8Array(await crypto.subtle.exportKey('spki', options.publicKey));
  const extensions: Uint8Array[] = [];
  if (options.isCa) extensions.push(extension(Oids.basicConstraints, encodeSequence(Uint8Array.of(DerTags.boolean, 1, 0xff))));
  if (options.extKeyUsage?.length) extensions.push(extension(Oids.extKeyUsage, encodeSequence(...options.extKeyUsage.map(encodeOid))));
  if (options.subjectAltNameUris?.length) {
    const names = options.subjectAltNameUris.map((uri) => encodeDer(contextTag(6, false), new TextEncoder().encode(uri)));
    extensions.push(extension(Oids.subjectAltName, encodeSequence(...names)));
  }
  const serial = new Uint8Array(8);
  if (options.serialNumber !== undefined) new DataView(serial.buffer).setUint32(4, options.serialNumber);
  else crypto.getRandomValues(serial);
  serial[0]! &= 0x7f;
  const tbs = encodeSequence(
    encodeDer(contextTag(0), encodeUnsignedInteger(Uint8Array.of(2))),
    encodeUnsignedInteger(serial),
    scheme.algorithmId,
    encodeName(options.issuer ?? subject),
    encodeSequence(encodeTime(options.notBefore ?? new Date(now - 86_400_000)), encodeTime(options.notAfter ?? new Date(now + 2 * 365 * 86_400_000))),
    encodeName(subject),
    spki,
    ...(extensions.length ? [encodeDer(contextTag(3), encodeSequence(...extensions))] : []),
  );
  let signature = new Uint8Array(await crypto.subtle.sign(scheme.params, options.signingKey, tbs as Uint8Array<ArrayBuffer>));
  if (scheme.ecdsa) signature = rawToDerEcdsa(signature) as Uint8Array<ArrayBuffer>;
  return encodeSequence(tbs, scheme.algorithmId, encodeBitString(signature));
}

// ------------------------------------------------------------ passes

export interface DccTestHolder {
  givenName?: string;
  familyName?: string;
  /** ICAO-transliterated forms; default: derived from the names. */
  givenNameTransliterated?: string;
  familyNameTransliterated?: string;
  birthDate?: string;
}

export interface DccIssueOptions {
  kind: DccKind;
  holder?: DccTestHolder;
  /** Default: now. */
  issuedAt?: Date;
  /** Default: issuedAt + 365 days. Pass a date in the past for an expired pass. */
  expiresAt?: Date;
  /** UVCI (`ci`); default: a fresh random one. */
  uvci?: string;
  /** Country of the event (`co`); default: the signer's country. */
  country?: string;
  /** Vaccination: dose `dose` of `of` (default 2 of 2), product (default Comirnaty), date. */
  dose?: number;
  of?: number;
  product?: string;
  date?: string;
  /** Test: 'naat' (default) or 'antigen'; result (default 'negative'); sample time (default: issuedAt − 2 h). */
  testType?: 'naat' | 'antigen';
  result?: 'negative' | 'positive';
  sampledAt?: Date;
  /** Recovery: first positive, valid from, valid until (ISO dates). */
  firstPositive?: string;
  validFrom?: string;
  validUntil?: string;
  /** Changes the DCC object before it is signed (e.g. to break the schema). */
  mutate?: (dcc: Record<string, unknown>) => void;
  /** Changes the CWT claims map (1 iss, 4 exp, 6 iat, -260 hcert) before it is signed. */
  mutateClaims?: (claims: Map<number, unknown>) => void;
  /** Where the kid goes (default 'protected'); 'none' leaves it out. */
  kidIn?: 'protected' | 'unprotected' | 'none';
  /** COSE alg id in the header; default the signer's (ES256 -7, PS256 -37). */
  coseAlg?: number;
  /** Flip a bit of the signature after signing. */
  corruptSignature?: boolean;
  /** Wrap in tag 18 (default true) and in CWT tag 61 (default false). */
  coseTag?: boolean;
  cwtTag?: boolean;
}

export interface DccTestSigner {
  /** base64 DER: what `addDccSigner({ certificate })` takes. */
  certificate: string;
  certificateDer: Uint8Array;
  /** base64 of the first 8 bytes of SHA-256 over the DER. */
  kid: string;
  country: string;
  alg: 'ES256' | 'PS256';
  /** Signs an `HC1:` pass. */
  issue(options: DccIssueOptions): Promise<string>;
  /** The pass's COSE_Sign1 bytes before compression (for benchmarks and low-level tests). */
  issueCose(options: DccIssueOptions): Promise<Uint8Array>;
  /** The entry an EU-gateway trust list would have for this signer. */
  trustListEntry(): { kid: string; country: string; certificateType: 'DSC'; rawData: string };
  publicKey: CryptoKey;
}

export interface DccSignerOptions {
  /** ISO 3166 alpha-2, default 'AT'. */
  country?: string;
  alg?: 'ES256' | 'PS256';
  /** Which kinds the certificate's EKU allows; default none (then: any kind). */
  keyUsage?: DccKind[];
  /** Which spelling of the EKU OIDs to write (both are in use). */
  keyUsageSpelling?: 'short' | 'long';
  /** Certificate validity; default two years before and after now. */
  notBefore?: Date;
  notAfter?: Date;
  /** Mark the certificate as a CA (basicConstraints cA): a CSCA, which must not be trusted as a signer. */
  isCa?: boolean;
}

/** CompressionStream('deflate') writes zlib (RFC 1950) in browsers and Node alike. */
async function zlib(bytes: Uint8Array): Promise<Uint8Array> {
  const stream = new Blob([bytes as Uint8Array<ArrayBuffer>]).stream().pipeThrough(new CompressionStream('deflate'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

/** `HC1:` text of COSE bytes: zlib, base45, prefix. */
export async function dccTextFromCose(cose: Uint8Array): Promise<string> {
  return 'HC1:' + encodeBase45(await zlib(cose));
}

const isoDate = (d: Date): string => d.toISOString().slice(0, 10);
const transliterate = (name: string): string => name.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toUpperCase().replace(/[^A-Z]+/g, '<');

function dccObject(o: DccIssueOptions, country: string, issuedAt: Date): Record<string, unknown> {
  const holder = o.holder ?? {};
  const gn = holder.givenName ?? 'Erika';
  const fn = holder.familyName ?? 'Mustermann';
  const common = {
    tg: '840539006', co: o.country ?? country, is: 'pass-check test issuer',
    ci: o.uvci ?? `URN:UVCI:01:${country}:${toHex(crypto.getRandomValues(new Uint8Array(12))).toUpperCase()}`,
  };
  const dcc: Record<string, unknown> = {
    ver: '1.3.0',
    nam: { fn, fnt: holder.familyNameTransliterated ?? transliterate(fn), gn, gnt: holder.givenNameTransliterated ?? transliterate(gn) },
    dob: holder.birthDate ?? '1964-08-12',
  };
  if (o.kind === 'vaccination') {
    dcc.v = [{
      ...common, vp: 'J07BX03', mp: o.product ?? 'EU/1/20/1528', ma: 'ORG-100030215', dn: o.dose ?? 2, sd: o.of ?? 2,
      dt: o.date ?? isoDate(new Date(issuedAt.getTime() - 20 * 86_400_000)),
    }];
  } else if (o.kind === 'test') {
    const sampledAt = o.sampledAt ?? new Date(issuedAt.getTime() - 2 * 3_600_000);
    dcc.t = [{
      ...common, tt: o.testType === 'antigen' ? 'LP217198-3' : 'LP6464-4', nm: 'pass-check test assay',
      sc: sampledAt.toISOString().replace(/\.\d{3}Z$/, 'Z'), tr: o.result === 'positive' ? '260373001' : '260415000', tc: 'Test centre',
    }];
  } else {
    dcc.r = [{
      ...common,
      fr: o.firstPositive ?? isoDate(new Date(issuedAt.getTime() - 30 * 86_400_000)),
      df: o.validFrom ?? isoDate(new Date(issuedAt.getTime() - 19 * 86_400_000)),
      du: o.validUntil ?? isoDate(new Date(issuedAt.getTime() + 150 * 86_400_000)),
    }];
  }
  o.mutate?.(dcc);
  return dcc;
}

/** A Document Signer Certificate (self-signed) and its key, issuing passes. */
export async function createDccSigner(options: DccSignerOptions = {}): Promise<DccTestSigner> {
  const country = options.country ?? 'AT';
  const alg = options.alg ?? 'ES256';
  const keyPair = alg === 'ES256'
    ? await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, true, ['sign', 'verify'])
    : await crypto.subtle.generateKey({ name: 'RSA-PSS', modulusLength: 2048, publicExponent: Uint8Array.of(1, 0, 1), hash: 'SHA-256' }, true, ['sign', 'verify']);
  const certificateOptions: TestCertificateOptions = {
    publicKey: keyPair.publicKey,
    signingKey: keyPair.privateKey,
    subject: { country, commonName: `DSC ${country} pass-check test` },
    extKeyUsage: (options.keyUsage ?? []).map((k) => dccKeyUsageOid(k, options.keyUsageSpelling)),
    ...(options.isCa ? { isCa: true } : {}),
  };
  // Two years either side by default, so passes back-dated with issuedAt still fall inside the signer's validity.
  certificateOptions.notBefore = options.notBefore ?? new Date(Date.now() - 2 * 365 * 86_400_000);
  certificateOptions.notAfter = options.notAfter ?? new Date(Date.now() + 2 * 365 * 86_400_000);
  const certificateDer = await createTestCertificate(certificateOptions);
  const kidBytes = (await webCryptoSha256(certificateDer)).subarray(0, 8);
  const coseAlg = alg === 'ES256' ? CoseAlgorithm.ES256 : CoseAlgorithm.PS256;

  async function issueCose(o: DccIssueOptions): Promise<Uint8Array> {
    const issuedAt = o.issuedAt ?? new Date();
    const expiresAt = o.expiresAt ?? new Date(issuedAt.getTime() + 365 * 86_400_000);
    const claims = new Map<number, CborEncodable>([
      [1, country],
      [4, Math.floor(expiresAt.getTime() / 1000)],
      [6, Math.floor(issuedAt.getTime() / 1000)],
      [-260, new Map([[1, dccObject(o, country, issuedAt) as CborEncodable]])],
    ]);
    o.mutateClaims?.(claims as Map<number, unknown>);
    const kidIn = o.kidIn ?? 'protected';
    const protectedHeader = new Map<number, CborEncodable>([[CoseHeader.alg, o.coseAlg ?? coseAlg]]);
    if (kidIn === 'protected') protectedHeader.set(CoseHeader.kid, kidBytes);
    const unprotected = new Map<number, CborEncodable>(kidIn === 'unprotected' ? [[CoseHeader.kid, kidBytes]] : []);
    const parts = { protectedBytes: encodeCbor(protectedHeader), payload: encodeCbor(claims) };
    const params = alg === 'ES256' ? { name: 'ECDSA', hash: 'SHA-256' } : { name: 'RSA-PSS', saltLength: 32 };
    const signature = new Uint8Array(await crypto.subtle.sign(params, keyPair.privateKey, sigStructure(parts) as Uint8Array<ArrayBuffer>));
    if (o.corruptSignature) signature[signature.length >> 1]! ^= 0x01;
    let message: CborEncodable = [parts.protectedBytes, unprotected, parts.payload, signature];
    if (o.coseTag ?? true) message = new CborTag(COSE_SIGN1_TAG, message as CborTag['value']);
    if (o.cwtTag) message = new CborTag(61, message as CborTag['value']);
    return encodeCbor(message);
  }

  return {
    certificate: encodeBase64(certificateDer),
    certificateDer,
    kid: encodeBase64(kidBytes),
    country,
    alg,
    publicKey: keyPair.publicKey,
    issueCose,
    issue: async (o) => dccTextFromCose(await issueCose(o)),
    trustListEntry: () => ({ kid: encodeBase64(kidBytes), country, certificateType: 'DSC', rawData: encodeBase64(certificateDer) }),
  };
}

/**
 * A revocation list naming this pass, by the hash type asked for (see
 * src/dcc/revocation.ts for what each hash covers). With `kid`, the list is bound to the pass's signer.
 */
export async function dccRevocationList(text: string, hashType: DccRevocationList['hashType'], options: { bindKid?: boolean } = {}): Promise<DccRevocationList> {
  const { cose, claims } = decodeDcc(text);
  const hcert = (claims.get(-260) as Map<number, Map<string, unknown>>).get(1)!;
  const entry = ((hcert.get('v') ?? hcert.get('t') ?? hcert.get('r')) as Map<string, string>[])[0]!;
  const uvci = entry.get('ci')!;
  const input = hashType === 'UVCI' ? new TextEncoder().encode(uvci)
    : hashType === 'COUNTRYCODEUVCI' ? new TextEncoder().encode(entry.get('co')! + uvci)
      : cose.alg === CoseAlgorithm.ES256 ? cose.signature.subarray(0, cose.signature.length / 2) : cose.signature;
  const list: DccRevocationList = { hashType, hashes: [toHex(await webCryptoSha256(input))] };
  if (options.bindKid && cose.kid) list.kid = encodeBase64(cose.kid);
  return list;
}

/**
 * SHA-256 through WebCrypto: the kit computes kids and revocation hashes independently
 * of the verifier's own SHA-256, so the tests check one against the other.
 */
async function webCryptoSha256(data: Uint8Array): Promise<Uint8Array> {
  return new Uint8Array(await crypto.subtle.digest('SHA-256', data as Uint8Array<ArrayBuffer>));
}
