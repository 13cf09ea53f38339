// Re-encodings of one signed pass, as a holder makes them from a screenshot: the signature's
// ECDSA twin (r, n − s), other zlib blocks, other wrappers, other JSON spellings.
import {
  jwsToNumeric, shcFile, decodeBase45, encodeBase45, inflateZlib, parseCoseSign1, encodeCbor, CborTag, derToRawEcdsa, rawToDerEcdsa,
} from '@pass-check/verifier-core/testing';

const P256_N = 0xffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551n;
const B64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

const toBig = (bytes) => bytes.reduce((acc, b) => (acc << 8n) | BigInt(b), 0n);
function fromBig(n, size) {
  const out = new Uint8Array(size);
  for (let i = size - 1; i >= 0; i--) { out[i] = Number(n & 0xffn); n >>= 8n; }
  return out;
}
export function twin(raw) {
  const half = raw.length / 2;
  const out = raw.slice();
  out.set(fromBig(P256_N - toBig(raw.subarray(half)), half), half);
  return out;
}
export function b64url(bytes) {
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const n = (bytes[i] << 16) | ((bytes[i + 1] ?? 0) << 8) | (bytes[i + 2] ?? 0);
    const chars = i + 1 >= bytes.length ? 2 : i + 2 >= bytes.length ? 3 : 4;
    for (let c = 0; c < chars; c++) out += B64URL[(n >> (18 - 6 * c)) & 63];
  }
  return out;
}
export function unb64url(text) {
  const out = [];
  let acc = 0; let bits = 0;
  for (const ch of text) { acc = (acc << 6) | B64URL.indexOf(ch); bits += 6; if (bits >= 8) { bits -= 8; out.push((acc >> bits) & 0xff); } }
  return Uint8Array.from(out);
}
/** zlib with stored blocks: the same bytes, "another compression level". */
export function zlibStored(data) {
  const blocks = [];
  for (let i = 0; i < data.length; i += 65535) {
    const chunk = data.subarray(i, i + 65535);
    const last = i + 65535 >= data.length ? 1 : 0;
    blocks.push(Uint8Array.of(last, chunk.length & 0xff, chunk.length >> 8, ~chunk.length & 0xff, (~chunk.length >> 8) & 0xff), chunk);
  }
  let a = 1; let b = 0;
  for (const x of data) { a = (a + x) % 65521; b = (b + a) % 65521; }
  const out = new Uint8Array(2 + blocks.reduce((s, x) => s + x.length, 0) + 4);
  out.set([0x78, 0x01]);
  let o = 2;
  for (const x of blocks) { out.set(x, o); o += x.length; }
  out.set([b >> 8, b & 0xff, a >> 8, a & 0xff], o);
  return out;
}

/** Other texts of one SHC card (a ShcTestCard). */
export function shcReencodings(card) {
  const [head, body, sig] = card.jws.split('.');
  const twinJws = `${head}.${body}.${b64url(twin(unb64url(sig)))}`;
  const last = sig[sig.length - 1];
  const lowBits = `${head}.${body}.${sig.slice(0, -1)}${B64URL[B64URL.indexOf(last) ^ 1]}`;
  return {
    twin: `shc:/${jwsToNumeric(twinJws)}`, lowBits: `shc:/${jwsToNumeric(lowBits)}`, bare: card.jws, file: shcFile(card.jws), twinFile: shcFile(twinJws),
  };
}

/** Other texts of one DCC. */
export function dccReencodings(text) {
  const cose = inflateZlib(decodeBase45(text.slice(4)), 65536);
  const { cose: c } = parseCoseSign1(cose);
  const rebuilt = encodeCbor(new CborTag(18, [c.protectedBytes, c.unprotectedHeader, c.payload, twin(c.signature)]));
  return { stored: 'HC1:' + encodeBase45(zlibStored(cose)), twin: 'HC1:' + encodeBase45(zlibStored(rebuilt)) };
}

/** Other texts of one IDHP credential (the object). */
export function idhpReencodings(cred) {
  const reorder = (v) => (Array.isArray(v) ? v.map(reorder) : v && typeof v === 'object'
    ? Object.fromEntries(Object.keys(v).reverse().map((k) => [k, reorder(v[k])])) : v);
  const raw = derToRawEcdsa(unb64url(cred.proof.signatureValue), 32);
  const pretty = JSON.stringify(cred, null, 2);
  return {
    pretty, base64: btoa(unescape(encodeURIComponent(JSON.stringify(cred)))), reordered: JSON.stringify(reorder(cred)),
    twin: JSON.stringify({ ...cred, proof: { ...cred.proof, signatureValue: b64url(rawToDerEcdsa(twin(raw))) } }),
  };
}
