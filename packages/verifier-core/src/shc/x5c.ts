import { bytesEqual, decodeBase64 } from '../internal/bytes.js';
import { derToRawEcdsa } from '../internal/ecdsa.js';
import { Oids, parseCertificate, verifyCertificateSignature, type Certificate } from '../internal/x509.js';

const MAX_CHAIN = 10;
const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

async function leafHoldsKey(leaf: Certificate, key: { x: string; y: string }): Promise<boolean> {
  if (leaf.publicKey.kty !== 'EC' || leaf.publicKey.crv !== 'P-256') return false;
  try {
    const imported = await crypto.subtle.importKey('spki', leaf.subjectPublicKeyInfo as Uint8Array<ArrayBuffer>, { name: 'ECDSA', namedCurve: 'P-256' }, true, ['verify']);
    const jwk = await crypto.subtle.exportKey('jwk', imported);
    return jwk.x === key.x && jwk.y === key.y;
  } catch {
    return false;
  }
}

const ECDSA_HASH: Record<string, string> = { [Oids.ecdsaWithSha256]: 'SHA-256', [Oids.ecdsaWithSha384]: 'SHA-384', [Oids.ecdsaWithSha512]: 'SHA-512' };
const EC_COORDINATE_BYTES: Record<string, number> = { 'P-256': 32, 'P-384': 48, 'P-521': 66 };

/**
 * Whether `issuer` signed `cert`. ECDSA is checked here because any hash may go
 * with any curve (the spec's example chain signs SHA-256 with P-384 and P-521
 * keys); other schemes go to the shared X.509 check.
 */
async function signedBy(cert: Certificate, issuer: Certificate): Promise<boolean> {
  const hash = ECDSA_HASH[cert.signatureAlgorithm];
  if (!hash || issuer.publicKey.kty !== 'EC') return verifyCertificateSignature(cert, issuer);
  if (!bytesEqual(cert.issuerName, issuer.subjectName)) return false;
  const curve = issuer.publicKey.crv;
  const signature = derToRawEcdsa(cert.signature, EC_COORDINATE_BYTES[curve]);
  if (!signature) return false;
  try {
    const key = await crypto.subtle.importKey('spki', issuer.subjectPublicKeyInfo as Uint8Array<ArrayBuffer>, { name: 'ECDSA', namedCurve: curve }, false, ['verify']);
    return await crypto.subtle.verify({ name: 'ECDSA', hash }, key, signature as Uint8Array<ArrayBuffer>, cert.tbs as Uint8Array<ArrayBuffer>);
  } catch {
    return false;
  }
}

/**
 * Why a key's `x5c` chain is refused, or undefined when it is consistent: every
 * certificate readable, each signed by the next (a self-signed last one by
 * itself), the leaf holding the JWK's own key and naming `iss` as a SAN URI.
 * Validity dates are not judged here: the store has no clock, and a card stays
 * verifiable with its key after the certificate that vouched for it has lapsed.
 */
export async function checkX5c(x5c: unknown, key: { x: string; y: string }, iss: string): Promise<string | undefined> {
  if (!Array.isArray(x5c) || x5c.length === 0 || x5c.length > MAX_CHAIN) return `x5c must be a chain of 1 to ${MAX_CHAIN} certificates`;
  const chain: Certificate[] = [];
  for (const [i, text] of x5c.entries()) {
    const der = typeof text === 'string' && BASE64.test(text) ? decodeBase64(text) : undefined;
    const cert = der && parseCertificate(der);
    if (!cert) return `x5c[${i}] is not a base64 DER certificate`;
    chain.push(cert);
  }
  const leaf = chain[0]!;
  const last = chain[chain.length - 1]!;
  // The WebCrypto checks run side by side (each is a round trip to another thread, slow on a
  // busy machine), then are judged in the order below, so the first failure is the one reported.
  const [holdsKey, selfSigned, ...links] = await Promise.all([
    leafHoldsKey(leaf, key),
    bytesEqual(last.issuerName, last.subjectName) ? signedBy(last, last) : true,
    ...chain.slice(0, -1).map((cert, i) => signedBy(cert, chain[i + 1]!)),
  ]);
  if (!holdsKey) return 'the x5c leaf certificate holds a different key';
  if (!leaf.subjectAltNameUris.includes(iss)) return `the x5c leaf certificate does not name ${iss} as a SAN URI`;
  const broken = links.indexOf(false);
  if (broken >= 0) return `x5c[${broken}] is not signed by x5c[${broken + 1}]`;
  if (!selfSigned) return 'the x5c root certificate is not validly self-signed';
  return undefined;
}
