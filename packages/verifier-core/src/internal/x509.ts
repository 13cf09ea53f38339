// X.509 certificates (RFC 5280), read strictly and only as far as a verifier
// needs: the public key, the validity window, extended key usage, SAN URIs,
// basic constraints, and what it takes to check the certificate's own signature.
//
// API (shared with the SHC x5c chain check):
//   parseCertificate(der)                 → Certificate | undefined (never throws)
//   importCertificateKey(cert, alg)       → CryptoKey | undefined, for 'ES256' | 'ES384' | 'ES512' | 'PS256' | 'RS256'
//   verifyCertificateSignature(cert, issuer) → boolean: `cert` signed by `issuer`'s key

import {
  DerTags, contextTag, decodeBitStringBytes, decodeOid, decodeTime, encodeBitString, encodeOid, encodeSequence, readChildren,
  readWholeDer, type DerElement,
} from './asn1.js';
import { derToRawEcdsa } from './ecdsa.js';
import { bytesEqual, toHex } from './bytes.js';

export const Oids = {
  ecPublicKey: '1.2.840.10045.2.1',
  p256: '1.2.840.10045.3.1.7',
  p384: '1.3.132.0.34',
  p521: '1.3.132.0.35',
  rsaEncryption: '1.2.840.113549.1.1.1',
  rsassaPss: '1.2.840.113549.1.1.10',
  sha256WithRsa: '1.2.840.113549.1.1.11',
  sha384WithRsa: '1.2.840.113549.1.1.12',
  sha512WithRsa: '1.2.840.113549.1.1.13',
  ecdsaWithSha256: '1.2.840.10045.4.3.2',
  ecdsaWithSha384: '1.2.840.10045.4.3.3',
  ecdsaWithSha512: '1.2.840.10045.4.3.4',
  sha256: '2.16.840.1.101.3.4.2.1',
  sha384: '2.16.840.1.101.3.4.2.2',
  sha512: '2.16.840.1.101.3.4.2.3',
  countryName: '2.5.4.6',
  extKeyUsage: '2.5.29.37',
  subjectAltName: '2.5.29.17',
  basicConstraints: '2.5.29.19',
  keyUsage: '2.5.29.15',
} as const;

export type CertificatePublicKey =
  | { kty: 'EC'; crv: 'P-256' | 'P-384' | 'P-521' }
  | { kty: 'RSA'; modulusBits: number; /** the key is restricted to RSASSA-PSS by its algorithm OID */ pssOnly: boolean }
  | { kty: 'other'; algorithm: string };

export interface Certificate {
  der: Uint8Array;
  /** The signed part (TBSCertificate, DER). */
  tbs: Uint8Array;
  serialNumber: Uint8Array;
  /** Issuer and subject Names as DER, for chain matching by byte equality. */
  issuerName: Uint8Array;
  subjectName: Uint8Array;
  /** SubjectPublicKeyInfo, DER, as WebCrypto's 'spki' import takes it. */
  subjectPublicKeyInfo: Uint8Array;
  publicKey: CertificatePublicKey;
  notBefore: Date;
  notAfter: Date;
  /** Extended key usage OIDs (empty when the extension is absent). */
  extKeyUsage: string[];
  subjectAltNameUris: string[];
  /** The subject's countryName (C=) attribute, when it has one. */
  subjectCountry?: string;
  /** basicConstraints cA; false when absent. */
  isCa: boolean;
  /** keyUsage digitalSignature (bit 0) and keyCertSign (bit 5); undefined when the extension is absent. */
  keyUsage?: { digitalSignature: boolean; keyCertSign: boolean };
  /** OID of the algorithm the issuer signed this certificate with. */
  signatureAlgorithm: string;
  /** The signature bits as written (DER for ECDSA). */
  signature: Uint8Array;
  /** DER of the signature AlgorithmIdentifier parameters, if any (RSASSA-PSS). */
  signatureParameters?: Uint8Array;
}

const CURVES: Record<string, 'P-256' | 'P-384' | 'P-521'> = { [Oids.p256]: 'P-256', [Oids.p384]: 'P-384', [Oids.p521]: 'P-521' };
const CURVE_OIDS = { 'P-256': Oids.p256, 'P-384': Oids.p384, 'P-521': Oids.p521 } as const;

/**
 * The domain parameters of the NIST curves (SEC 2 / FIPS 186-4), hex: prime p,
 * coefficients a and b, uncompressed generator G, order n. Passport CAs (ICAO
 * 9303) often write their curve out as explicit ECParameters instead of naming
 * it; WebCrypto takes only named curves, so explicit parameters equal to one of
 * these are read as that curve, and any other explicit curve is refused.
 */
const EXPLICIT_CURVES: Record<'P-256' | 'P-384' | 'P-521', [p: string, a: string, b: string, g: string, n: string]> = {
  'P-256': [
    'ffffffff00000001000000000000000000000000ffffffffffffffffffffffff',
    'ffffffff00000001000000000000000000000000fffffffffffffffffffffffc',
    '5ac635d8aa3a93e7b3ebbd55769886bc651d06b0cc53b0f63bce3c3e27d2604b',
    '046b17d1f2e12c4247f8bce6e563a440f277037d812deb33a0f4a13945d898c2964fe342e2fe1a7f9b8ee7eb4a7c0f9e162bce33576b315ececbb6406837bf51f5',
    'ffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551',
  ],
  'P-384': [
    'fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffeffffffff0000000000000000ffffffff',
    'fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffeffffffff0000000000000000fffffffc',
    'b3312fa7e23ee7e4988e056be3f82d19181d9c6efe8141120314088f5013875ac656398d8a2ed19d2a85c8edd3ec2aef',
    '04aa87ca22be8b05378eb1c71ef320ad746e1d3b628ba79b9859f741e082542a385502f25dbf55296c3a545e3872760ab7'
      + '3617de4a96262c6f5d9e98bf9292dc29f8f41dbd289a147ce9da3113b5f0b8c00a60b1ce1d7e819d7a431d7c90ea0e5f',
    'ffffffffffffffffffffffffffffffffffffffffffffffffc7634d81f4372ddf581a0db248b0a77aecec196accc52973',
  ],
  'P-521': [
    '01ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff',
    '01fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffc',
    '0051953eb9618e1c9a1f929a21a0b68540eea2da725b99b315f3b8b489918ef109e156193951ec7e937b1652c0bd3bb1bf073573df883d2c34f1ef451fd46b503f00',
    '0400c6858e06b70404e9cd9e3ecb662395b4429c648139053fb521f828af606b4d3dbaa14b5e77efe75928fe1dc127a2ffa8de3348b3c1856a429bf97e7e31c2e5bd66'
      + '011839296a789a3bc0045c8a5fb42c7d1bd998f54449579b446817afbd17273e662c97ee72995ef42640c550b9013fad0761353c7086a272c24088be94769fd16650',
    '01fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffa51868783bf2f966b7fcc0148f709a5d03bb5c9b8899c47aebb6fb71e91386409',
  ],
};
const PRIME_FIELD = '1.2.840.10045.1.1';

/** Hex of an unsigned big-endian number without leading zeros (INTEGER or field-element OCTET STRING contents). */
const numberHex = (bytes: Uint8Array): string => toHex(bytes).replace(/^(00)+/, '');

/** The named curve explicit ECParameters (RFC 3279 §2.3.5) spell out, if they equal one. */
function explicitCurve(parameters: DerElement): 'P-256' | 'P-384' | 'P-521' | undefined {
  const fields = parameters.tag === DerTags.sequence ? readChildren(parameters) : undefined;
  if (!fields || fields.length < 5 || fields.length > 6 || fields[0]!.tag !== DerTags.integer) return undefined;
  const [fieldId, curve, base, order] = [fields[1]!, fields[2]!, fields[3]!, fields[4]!];
  const field = fieldId.tag === DerTags.sequence ? readChildren(fieldId) : undefined;
  const coefficients = curve.tag === DerTags.sequence ? readChildren(curve) : undefined;
  if (!field || field.length !== 2 || field[0]!.tag !== DerTags.oid || decodeOid(field[0]!.contents) !== PRIME_FIELD) return undefined;
  if (!coefficients || coefficients.length < 2 || base.tag !== DerTags.octetString || order.tag !== DerTags.integer) return undefined;
  const found = [numberHex(field[1]!.contents), numberHex(coefficients[0]!.contents), numberHex(coefficients[1]!.contents), toHex(base.contents), numberHex(order.contents)];
  for (const [crv, known] of Object.entries(EXPLICIT_CURVES) as [keyof typeof EXPLICIT_CURVES, string[]][]) {
    if (known.every((hex, i) => (i === 3 ? hex : hex.replace(/^(00)+/, '')) === found[i])) return crv;
  }
  return undefined;
}

/** Largest certificate we read: real DSCs are 0.5–2 KB. */
export const MAX_CERTIFICATE_BYTES = 16 * 1024;

/** An AlgorithmIdentifier (RFC 5280 §4.1.1.2): its OID and parameters, if any (NULL included, as written). */
export function readAlgorithm(element: DerElement | undefined): { oid: string; parameters?: DerElement } | undefined {
  if (!element || element.tag !== DerTags.sequence) return undefined;
  const parts = readChildren(element);
  if (!parts || parts.length < 1 || parts.length > 2 || parts[0]!.tag !== DerTags.oid) return undefined;
  const oid = decodeOid(parts[0]!.contents);
  if (!oid) return undefined;
  return parts[1] ? { oid, parameters: parts[1] } : { oid };
}

function readPublicKey(spki: DerElement): CertificatePublicKey | undefined {
  const parts = readChildren(spki);
  if (!parts || parts.length !== 2) return undefined;
  const algorithm = readAlgorithm(parts[0]);
  const key = decodeBitStringBytes(parts[1]!);
  if (!algorithm || !key) return undefined;
  if (algorithm.oid === Oids.ecPublicKey) {
    const curveOid = algorithm.parameters?.tag === DerTags.oid ? decodeOid(algorithm.parameters.contents) : undefined;
    const crv = curveOid ? CURVES[curveOid] : algorithm.parameters ? explicitCurve(algorithm.parameters) : undefined;
    return crv ? { kty: 'EC', crv } : { kty: 'other', algorithm: `${algorithm.oid}/${curveOid ?? '?'}` };
  }
  if (algorithm.oid === Oids.rsaEncryption || algorithm.oid === Oids.rsassaPss) {
    const rsa = readWholeDer(key);
    const numbers = rsa && rsa.tag === DerTags.sequence ? readChildren(rsa) : undefined;
    if (!numbers || numbers.length !== 2 || numbers.some((n) => n.tag !== DerTags.integer)) return undefined;
    const modulus = numbers[0]!.contents;
    let start = 0;
    while (start < modulus.length && modulus[start] === 0) start++;
    if (start === modulus.length) return undefined;
    const modulusBits = (modulus.length - start) * 8 - Math.clz32(modulus[start]!) + 24;
    return { kty: 'RSA', modulusBits, pssOnly: algorithm.oid === Oids.rsassaPss };
  }
  return { kty: 'other', algorithm: algorithm.oid };
}

/** DER BIT STRING. */
const BIT_STRING_TAG = 0x03;

interface Extensions { extKeyUsage: string[]; subjectAltNameUris: string[]; isCa: boolean; keyUsage?: { digitalSignature: boolean; keyCertSign: boolean } }

function readExtensions(wrapper: DerElement | undefined): Extensions | undefined {
  const out: Extensions = { extKeyUsage: [], subjectAltNameUris: [], isCa: false };
  if (!wrapper) return out;
  const [list] = readChildren(wrapper) ?? [];
  const extensions = list && list.tag === DerTags.sequence ? readChildren(list) : undefined;
  if (!extensions) return undefined;
  const seen = new Set<string>();
  for (const extension of extensions) {
    const parts = extension.tag === DerTags.sequence ? readChildren(extension) : undefined;
    if (!parts || parts.length < 2 || parts.length > 3 || parts[0]!.tag !== DerTags.oid) return undefined;
    const oid = decodeOid(parts[0]!.contents);
    const value = parts[parts.length - 1]!;
    if (!oid || value.tag !== DerTags.octetString || seen.has(oid)) return undefined; // RFC 5280: each extension at most once
    seen.add(oid);
    const inner = readWholeDer(value.contents);
    if (oid === Oids.extKeyUsage) {
      const usages = inner && inner.tag === DerTags.sequence ? readChildren(inner) : undefined;
      if (!usages) return undefined;
      for (const u of usages) {
        const usage = u.tag === DerTags.oid ? decodeOid(u.contents) : undefined;
        if (!usage) return undefined;
        out.extKeyUsage.push(usage);
      }
    } else if (oid === Oids.subjectAltName) {
      const names = inner && inner.tag === DerTags.sequence ? readChildren(inner) : undefined;
      if (!names) return undefined;
      for (const name of names) {
        if (name.tag === contextTag(6, false)) out.subjectAltNameUris.push(String.fromCharCode(...name.contents));
      }
    } else if (oid === Oids.basicConstraints) {
      const fields = inner && inner.tag === DerTags.sequence ? readChildren(inner) : undefined;
      if (!fields) return undefined;
      const ca = fields[0];
      out.isCa = !!ca && ca.tag === DerTags.boolean && ca.contents.length === 1 && ca.contents[0] !== 0;
    } else if (oid === Oids.keyUsage) {
      // BIT STRING: unused-bit count, then the bits, most significant first (digitalSignature is bit 0).
      if (!inner || inner.tag !== BIT_STRING_TAG || inner.contents.length < 1 || inner.contents[0]! > 7) return undefined;
      const first = inner.contents[1] ?? 0;
      out.keyUsage = { digitalSignature: (first & 0x80) !== 0, keyCertSign: (first & 0x04) !== 0 };
    }
  }
  return out;
}

/** The countryName attribute of a Name (SEQUENCE OF SET OF {type, value}). */
function readCountry(name: DerElement): string | undefined {
  for (const rdn of readChildren(name) ?? []) {
    for (const attribute of readChildren(rdn) ?? []) {
      const [type, value] = readChildren(attribute) ?? [];
      if (type?.tag === DerTags.oid && value && decodeOid(type.contents) === Oids.countryName) {
        return String.fromCharCode(...value.contents.subarray(0, 8));
      }
    }
  }
  return undefined;
}

/** For an EC key given with explicit parameters: the same key with its named curve, as WebCrypto imports it. */
function namedCurveSpki(spki: DerElement, key: CertificatePublicKey): Uint8Array | undefined {
  if (key.kty !== 'EC') return undefined;
  const parts = readChildren(spki);
  const algorithm = parts && readAlgorithm(parts[0]);
  if (!parts || !algorithm?.parameters || algorithm.parameters.tag === DerTags.oid) return undefined;
  const point = decodeBitStringBytes(parts[1]!);
  if (!point) return undefined;
  return encodeSequence(encodeSequence(encodeOid(Oids.ecPublicKey), encodeOid(CURVE_OIDS[key.crv])), encodeBitString(point));
}

/** Parses a DER certificate. Undefined for anything that is not one (never throws). */
export function parseCertificate(der: Uint8Array): Certificate | undefined {
  if (!(der instanceof Uint8Array) || der.length > MAX_CERTIFICATE_BYTES) return undefined;
  const certificate = readWholeDer(der);
  if (!certificate || certificate.tag !== DerTags.sequence) return undefined;
  const top = readChildren(certificate);
  if (!top || top.length !== 3 || top[0]!.tag !== DerTags.sequence) return undefined;
  const signatureAlgorithm = readAlgorithm(top[1]);
  const signature = decodeBitStringBytes(top[2]!);
  const fields = readChildren(top[0]!);
  if (!signatureAlgorithm || !signature || !fields) return undefined;

  let i = 0;
  if (fields[i]?.tag === contextTag(0)) i++; // version
  const serial = fields[i++];
  const innerSignature = readAlgorithm(fields[i++]);
  const issuer = fields[i++];
  const validity = fields[i++];
  const subject = fields[i++];
  const spki = fields[i++];
  if (!serial || serial.tag !== DerTags.integer || !innerSignature || innerSignature.oid !== signatureAlgorithm.oid) return undefined;
  if (!issuer || issuer.tag !== DerTags.sequence || !subject || subject.tag !== DerTags.sequence) return undefined;
  if (!validity || validity.tag !== DerTags.sequence || !spki || spki.tag !== DerTags.sequence) return undefined;
  const times = readChildren(validity);
  const notBefore = times?.length === 2 ? decodeTime(times[0]!) : undefined;
  const notAfter = times?.length === 2 ? decodeTime(times[1]!) : undefined;
  if (!notBefore || !notAfter) return undefined;
  const publicKey = readPublicKey(spki);
  if (!publicKey) return undefined;
  while (fields[i] && (fields[i]!.tag === contextTag(1, false) || fields[i]!.tag === contextTag(2, false))) i++; // unique ids
  const extensionsWrapper = fields[i]?.tag === contextTag(3) ? fields[i++] : undefined;
  if (i !== fields.length) return undefined;
  const extensions = readExtensions(extensionsWrapper);
  if (!extensions) return undefined;

  const cert: Certificate = {
    der,
    tbs: top[0]!.raw,
    serialNumber: serial.contents,
    issuerName: issuer.raw,
    subjectName: subject.raw,
    subjectPublicKeyInfo: namedCurveSpki(spki, publicKey) ?? spki.raw,
    publicKey,
    notBefore,
    notAfter,
    ...extensions,
    signatureAlgorithm: signatureAlgorithm.oid,
    signature,
  };
  const subjectCountry = readCountry(subject);
  if (subjectCountry) cert.subjectCountry = subjectCountry;
  if (signatureAlgorithm.parameters && signatureAlgorithm.parameters.tag !== DerTags.null) cert.signatureParameters = signatureAlgorithm.parameters.raw;
  return cert;
}

export type KeyAlgorithmName = 'ES256' | 'ES384' | 'ES512' | 'PS256' | 'RS256' | 'RS384' | 'RS512';

const EC_CURVE_OF: Record<string, string> = { ES256: 'P-256', ES384: 'P-384', ES512: 'P-521' };
const HASH_OF: Record<string, string> = { ES256: 'SHA-256', ES384: 'SHA-384', ES512: 'SHA-512', PS256: 'SHA-256', RS256: 'SHA-256', RS384: 'SHA-384', RS512: 'SHA-512' };

/**
 * An RSASSA-PSS-only key (id-RSASSA-PSS in its SPKI) rewritten with the plain
 * rsaEncryption OID: WebCrypto implementations do not all import the former,
 * and the key is then used for PSS anyway.
 */
function rsaEncryptionSpki(spki: Uint8Array): Uint8Array | undefined {
  const element = readWholeDer(spki);
  const parts = element ? readChildren(element) : undefined;
  if (!parts || parts.length !== 2) return undefined;
  const key = decodeBitStringBytes(parts[1]!);
  if (!key) return undefined;
  return encodeSequence(encodeSequence(encodeOid(Oids.rsaEncryption), Uint8Array.of(DerTags.null, 0)), encodeBitString(key));
}

/** Imports the certificate's key for verifying with `alg`; undefined when the key cannot do that. */
export async function importCertificateKey(cert: Certificate, alg: KeyAlgorithmName): Promise<CryptoKey | undefined> {
  const key = cert.publicKey;
  let spki = cert.subjectPublicKeyInfo;
  let algorithm: EcKeyImportParams | RsaHashedImportParams;
  if (alg.startsWith('ES')) {
    if (key.kty !== 'EC' || key.crv !== EC_CURVE_OF[alg]) return undefined;
    algorithm = { name: 'ECDSA', namedCurve: key.crv };
  } else {
    if (key.kty !== 'RSA' || key.modulusBits < 2048) return undefined;
    if (key.pssOnly && !alg.startsWith('PS')) return undefined;
    if (key.pssOnly) {
      const rewritten = rsaEncryptionSpki(spki);
      if (!rewritten) return undefined;
      spki = rewritten;
    }
    algorithm = { name: alg.startsWith('PS') ? 'RSA-PSS' : 'RSASSA-PKCS1-v1_5', hash: HASH_OF[alg]! };
  }
  try {
    return await crypto.subtle.importKey('spki', spki as Uint8Array<ArrayBuffer>, algorithm, false, ['verify']);
  } catch {
    return undefined;
  }
}

const EC_SIZE: Record<string, number> = { 'P-256': 32, 'P-384': 48, 'P-521': 66 };

/** What an issuer signs in X.509: a certificate, or a CRL (same fields by the same names). */
export type SignedByIssuer = Pick<Certificate, 'tbs' | 'issuerName' | 'signatureAlgorithm' | 'signature' | 'signatureParameters'>;

function signatureSchemeOf(cert: SignedByIssuer): { alg: KeyAlgorithmName; saltLength?: number } | undefined {
  switch (cert.signatureAlgorithm) {
    case Oids.ecdsaWithSha256: return { alg: 'ES256' };
    case Oids.ecdsaWithSha384: return { alg: 'ES384' };
    case Oids.ecdsaWithSha512: return { alg: 'ES512' };
    case Oids.sha256WithRsa: return { alg: 'RS256' };
    case Oids.sha384WithRsa: return { alg: 'RS384' };
    case Oids.sha512WithRsa: return { alg: 'RS512' };
    case Oids.rsassaPss: return pssParameters(cert.signatureParameters);
    default: return undefined;
  }
}

/** RSASSA-PSS-params: only SHA-256 with MGF1-SHA-256 is supported here; the salt length is read. */
function pssParameters(parameters: Uint8Array | undefined): { alg: KeyAlgorithmName; saltLength: number } | undefined {
  const element = parameters && readWholeDer(parameters);
  const fields = element && element.tag === DerTags.sequence ? readChildren(element) : undefined;
  if (!fields) return undefined;
  let hash = 'sha1'; // RFC 4055 defaults: SHA-1, salt 20
  let saltLength = 20;
  for (const field of fields) {
    const [inner] = readChildren(field) ?? [];
    if (!inner) return undefined;
    if (field.tag === contextTag(0)) hash = readAlgorithm(inner)?.oid ?? '';
    else if (field.tag === contextTag(2) && inner.tag === DerTags.integer && inner.contents.length <= 2) {
      saltLength = inner.contents.reduce((n, b) => n * 256 + b, 0);
    }
  }
  return hash === Oids.sha256 ? { alg: 'PS256', saltLength } : undefined;
}

/** Whether `cert` (or a CRL) carries a valid signature by `issuer`'s public key (and names `issuer` as its issuer). */
export async function verifyCertificateSignature(cert: SignedByIssuer, issuer: Certificate): Promise<boolean> {
  if (!bytesEqual(cert.issuerName, issuer.subjectName)) return false;
  const scheme = signatureSchemeOf(cert);
  if (!scheme) return false;
  const key = await importCertificateKey(issuer, scheme.alg);
  if (!key) return false;
  let signature = cert.signature;
  let algorithm: AlgorithmIdentifier | EcdsaParams | RsaPssParams;
  if (scheme.alg.startsWith('ES')) {
    const raw = derToRawEcdsa(signature, EC_SIZE[(issuer.publicKey as { crv: string }).crv]);
    if (!raw) return false;
    signature = raw;
    algorithm = { name: 'ECDSA', hash: HASH_OF[scheme.alg]! };
  } else if (scheme.alg.startsWith('PS')) {
    algorithm = { name: 'RSA-PSS', saltLength: scheme.saltLength ?? 32 };
  } else {
    algorithm = { name: 'RSASSA-PKCS1-v1_5' };
  }
  try {
    return await crypto.subtle.verify(algorithm, key, signature as Uint8Array<ArrayBuffer>, cert.tbs as Uint8Array<ArrayBuffer>);
  } catch {
    return false;
  }
}
