// result.passId: one id per signed pass whatever its encoding (the holder's re-encodings of
// an already-scanned pass must all map to it), different for different passes, keyed per venue.
import { describe, it, before } from 'node:test';
import assert from 'node:assert/strict';
import { createTrustStore, createVerifier } from '@pass-check/verifier-core';
import {
  createShcIssuer, createDccSigner, createIdhpIssuer, idhpQrText, shcFile, jwsToNumeric,
  createVdsncCsca, createDivocIssuer, divocQrBytes,
  decodeBase45, encodeBase45, inflateZlib, parseCoseSign1, encodeCbor, CborTag, derToRawEcdsa, rawToDerEcdsa,
} from '@pass-check/verifier-core/testing';

/** Order of P-256: (r, s) and (r, n − s) are both valid signatures of the same message. */
const P256_N = 0xffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551n;
const B64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

const toBig = (bytes) => bytes.reduce((acc, b) => (acc << 8n) | BigInt(b), 0n);
function fromBig(n, size) {
  const out = new Uint8Array(size);
  for (let i = size - 1; i >= 0; i--) { out[i] = Number(n & 0xffn); n >>= 8n; }
  return out;
}
/** The other valid ECDSA signature over the same content: raw r‖s → r‖(n − s). */
function twin(raw) {
  const half = raw.length / 2;
  const out = raw.slice();
  out.set(fromBig(P256_N - toBig(raw.subarray(half)), half), half);
  return out;
}
function b64encode(bytes, alphabet, pad) {
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const n = (bytes[i] << 16) | ((bytes[i + 1] ?? 0) << 8) | (bytes[i + 2] ?? 0);
    const chars = i + 1 >= bytes.length ? 2 : i + 2 >= bytes.length ? 3 : 4;
    for (let c = 0; c < chars; c++) out += alphabet[(n >> (18 - 6 * c)) & 63];
  }
  return pad ? out.padEnd(Math.ceil(out.length / 4) * 4, '=') : out;
}
function b64decode(text, alphabet) {
  const clean = text.replace(/=+$/, '');
  const out = [];
  let acc = 0; let bits = 0;
  for (const ch of clean) { acc = (acc << 6) | alphabet.indexOf(ch); bits += 6; if (bits >= 8) { bits -= 8; out.push((acc >> bits) & 0xff); } }
  return Uint8Array.from(out);
}
/** Every encoding verifies, and all give one passId. */
async function assertOneId(verifier, encodings) {
  const ids = new Set();
  for (const [name, input] of Object.entries(encodings)) {
    const r = await verifier.verify(input);
    assert.equal(r.status, 'valid', `${name}: ${JSON.stringify(r.errors)}`);
    assert.match(r.passId, /^[A-Za-z0-9_-]{43}$/, name);
    ids.add(r.passId);
  }
  assert.equal(ids.size, 1);
}
/** The same JSON value with the keys of every object in reverse order. */
const reorder = (v) => (Array.isArray(v) ? v.map(reorder) : v && typeof v === 'object'
  ? Object.fromEntries(Object.keys(v).reverse().map((k) => [k, reorder(v[k])])) : v);
/** zlib with stored (uncompressed) blocks: the same COSE as a different "compression level". */
function zlibStored(data) {
  const blocks = [];
  for (let i = 0; i < data.length || i === 0; i += 65535) {
    const chunk = data.subarray(i, i + 65535);
    const last = i + 65535 >= data.length ? 1 : 0;
    blocks.push(Uint8Array.of(last, chunk.length & 0xff, chunk.length >> 8, ~chunk.length & 0xff, (~chunk.length >> 8) & 0xff), chunk);
    if (data.length === 0) break;
  }
  let a = 1; let b = 0;
  for (const x of data) { a = (a + x) % 65521; b = (b + a) % 65521; }
  const size = 2 + blocks.reduce((s, x) => s + x.length, 0) + 4;
  const out = new Uint8Array(size);
  out.set([0x78, 0x01]);
  let o = 2;
  for (const x of blocks) { out.set(x, o); o += x.length; }
  out.set([b >> 8, b & 0xff, a >> 8, a & 0xff], o);
  return out;
}

describe('passId: SMART Health Cards', () => {
  let issuer; let verifier; let card;
  before(async () => {
    issuer = await createShcIssuer();
    const trust = createTrustStore();
    await trust.addShcIssuer(issuer.trustEntry());
    verifier = createVerifier({ trust, passIdKey: 'venue-one-secret' });
    card = await issuer.issue();
  });

  it('is a 43-character base64url string on a verified pass', async () => {
    const r = await verifier.verify(card.numeric);
    assert.equal(r.status, 'valid', JSON.stringify(r.errors));
    assert.match(r.passId, /^[A-Za-z0-9_-]{43}$/);
  });
  it('is the same for every encoding of one signed card', async () => {
    const [head, body, sig] = card.jws.split('.');
    const raw = b64decode(sig, B64URL);
    const twinJws = `${head}.${body}.${b64encode(twin(raw), B64URL, false)}`;
    // 64 bytes in 86 characters leave 4 unused low bits in the last one.
    const last = sig[sig.length - 1];
    const lowBits = `${head}.${body}.${sig.slice(0, -1)}${B64URL[B64URL.indexOf(last) ^ 1]}`;
    const encodings = {
      numeric: card.numeric, bare: card.jws, chunks: card.chunks(3), reversedChunks: card.chunks(2).reverse(), file: card.file,
      twin: `shc:/${jwsToNumeric(twinJws)}`, lowBits: `shc:/${jwsToNumeric(lowBits)}`, twinFile: shcFile(twinJws), fileNewline: card.file + '\n',
    };
    const ids = new Set();
    for (const [name, input] of Object.entries(encodings)) {
      const r = await verifier.verify(input);
      assert.equal(r.status, 'valid', `${name}: ${JSON.stringify(r.errors)}`);
      ids.add(r.passId);
    }
    assert.equal(ids.size, 1, 'one id for all encodings');
  });
  it('differs between two cards of one person (issued a minute apart)', async () => {
    const a = await verifier.verify(card.numeric);
    const b = await verifier.verify((await issuer.issue({ nbf: card.payload.nbf - 60 })).numeric);
    assert.notEqual(a.passId, b.passId);
  });
  it('is absent when the signature does not hold', async () => {
    const r = await verifier.verify((await issuer.issue({ tamper: true })).numeric);
    assert.equal(r.status, 'invalid');
    assert.equal(r.passId, undefined);
  });
  it('is still given for an authentic but expired card (a re-scan is still a re-scan)', async () => {
    const r = await verifier.verify((await issuer.issue({ nbf: new Date(Date.now() - 10 * 86_400_000), exp: new Date(Date.now() - 86_400_000) })).numeric);
    assert.equal(r.status, 'invalid');
    assert.match(r.passId, /^[A-Za-z0-9_-]{43}$/);
  });
});

describe('passId: keys', () => {
  let trust; let card;
  before(async () => {
    const issuer = await createShcIssuer();
    trust = createTrustStore();
    await trust.addShcIssuer(issuer.trustEntry());
    card = await issuer.issue();
  });
  it('two gates of one venue (one key, as string or bytes) agree', async () => {
    const a = await createVerifier({ trust, passIdKey: 'gate-key' }).verify(card.numeric);
    const b = await createVerifier({ trust, passIdKey: new TextEncoder().encode('gate-key') }).verify(card.numeric);
    assert.equal(a.passId, b.passId);
  });
  it('a non-extractable HMAC CryptoKey of the same bytes gives the same ids (and is checked)', async () => {
    const bytes = new TextEncoder().encode('gate-key');
    const key = await crypto.subtle.importKey('raw', bytes, { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
    const a = await createVerifier({ trust, passIdKey: key }).verify(card.numeric);
    const b = await createVerifier({ trust, passIdKey: 'gate-key' }).verify(card.numeric);
    assert.equal(a.passId, b.passId);
    const aes = await crypto.subtle.generateKey({ name: 'AES-GCM', length: 128 }, false, ['encrypt']);
    assert.throws(() => createVerifier({ trust, passIdKey: aes }), TypeError);
  });
  it('key bytes are MACed without a WebCrypto call, to the same ids as a CryptoKey of those bytes', async () => {
    const subtle = crypto.subtle;
    const sign = subtle.sign;
    const own = Object.hasOwn(subtle, 'sign');
    let hmacCalls = 0;
    subtle.sign = function (algorithm, ...rest) {
      if ((algorithm?.name ?? algorithm) === 'HMAC') hmacCalls++;
      return sign.call(this, algorithm, ...rest);
    };
    try {
      // Keys shorter than, as long as and longer than a SHA-256 block (a longer key is hashed first).
      for (const length of [1, 32, 63, 64, 65, 200]) {
        const bytes = Uint8Array.from({ length }, (_, i) => (i * 37 + length) & 0xff);
        hmacCalls = 0;
        const fromBytes = await createVerifier({ trust, passIdKey: bytes }).verify(card.numeric);
        assert.equal(hmacCalls, 0, `a ${length}-byte key is MACed in JavaScript`);
        const key = await subtle.importKey('raw', bytes, { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
        const fromCryptoKey = await createVerifier({ trust, passIdKey: key }).verify(card.numeric);
        assert.equal(hmacCalls, 1, 'a CryptoKey is used through WebCrypto');
        assert.match(fromBytes.passId, /^[A-Za-z0-9_-]{43}$/);
        assert.equal(fromBytes.passId, fromCryptoKey.passId, `${length}-byte key`);
      }
    } finally {
      if (own) subtle.sign = sign;
      else delete subtle.sign;
    }
  });
  it('two venues (two keys) get unlinkable ids', async () => {
    const a = await createVerifier({ trust, passIdKey: 'venue-a' }).verify(card.numeric);
    const b = await createVerifier({ trust, passIdKey: 'venue-b' }).verify(card.numeric);
    assert.notEqual(a.passId, b.passId);
  });
  it('without a key, each verifier has its own random key', async () => {
    const v = createVerifier({ trust });
    const a = await v.verify(card.numeric);
    const again = await v.verify(card.numeric);
    const other = await createVerifier({ trust }).verify(card.numeric);
    assert.equal(a.passId, again.passId);
    assert.notEqual(a.passId, other.passId);
  });
  it('refuses a key of the wrong type or an empty one (caller mistake)', () => {
    assert.throws(() => createVerifier({ trust, passIdKey: 42 }), TypeError);
    assert.throws(() => createVerifier({ trust, passIdKey: '' }), TypeError);
    assert.throws(() => createVerifier({ trust, passIdKey: new Uint8Array(0) }), TypeError);
  });
  it('the key cannot be changed afterwards through the caller\'s array', async () => {
    const key = new TextEncoder().encode('gate-key');
    const v = createVerifier({ trust, passIdKey: key });
    key.fill(0);
    const a = await v.verify(card.numeric);
    const b = await createVerifier({ trust, passIdKey: 'gate-key' }).verify(card.numeric);
    assert.equal(a.passId, b.passId);
  });
});

describe('passId: EU DCC', () => {
  let signer; let verifier; let text;
  before(async () => {
    signer = await createDccSigner({ country: 'AT' });
    const trust = createTrustStore();
    await trust.addDccSigner({ certificate: signer.certificate });
    verifier = createVerifier({ trust, passIdKey: 'venue' });
    text = await signer.issue({ kind: 'vaccination' });
  });

  it('is the same for another zlib level, the (r, n−s) signature and other COSE tags', async () => {
    const cose = inflateZlib(decodeBase45(text.slice(4)), 65536);
    const { cose: parsed } = parseCoseSign1(cose);
    const rebuild = (signature, wrap) => {
      let message = [parsed.protectedBytes, parsed.unprotectedHeader, parsed.payload, signature];
      if (wrap !== 'untagged') message = new CborTag(18, message);
      if (wrap === 'cwt') message = new CborTag(61, message);
      return encodeCbor(message);
    };
    const encodings = {
      original: text,
      stored: 'HC1:' + encodeBase45(zlibStored(cose)),
      twin: 'HC1:' + encodeBase45(zlibStored(rebuild(twin(parsed.signature), 'tag18'))),
      untagged: 'HC1:' + encodeBase45(zlibStored(rebuild(parsed.signature, 'untagged'))),
      cwt: 'HC1:' + encodeBase45(zlibStored(rebuild(parsed.signature, 'cwt'))),
    };
    await assertOneId(verifier, encodings);
  });
  it('differs for another pass of the same person', async () => {
    const a = await verifier.verify(text);
    const b = await verifier.verify(await signer.issue({ kind: 'vaccination' }));
    assert.notEqual(a.passId, b.passId);
  });
  it('is absent on a bad signature', async () => {
    const r = await verifier.verify(await signer.issue({ kind: 'vaccination', corruptSignature: true }));
    assert.equal(r.passId, undefined);
  });
});

describe('passId: IBM Digital Health Pass', () => {
  let issuer; let verifier; let cred;
  before(async () => {
    issuer = await createIdhpIssuer();
    const trust = createTrustStore();
    await trust.addIdhpIssuer(issuer.trustEntry);
    verifier = createVerifier({ trust, passIdKey: 'venue' });
    cred = await issuer.issueVaccination();
  });

  it('is the same pretty-printed, as base64, with keys reordered, and with the other signature forms', async () => {
    const der = b64decode(cred.proof.signatureValue, B64URL);
    const raw = derToRawEcdsa(der, 32);
    const encodings = {
      compact: idhpQrText(cred),
      pretty: JSON.stringify(cred, null, 2),
      base64: idhpQrText(cred, 'base64'),
      reordered: JSON.stringify(reorder(cred)),
      rawSignature: JSON.stringify({ ...cred, proof: { ...cred.proof, signatureValue: b64encode(raw, B64, true) } }),
      twinSignature: JSON.stringify({ ...cred, proof: { ...cred.proof, signatureValue: b64encode(rawToDerEcdsa(twin(raw)), B64URL, false) } }),
    };
    await assertOneId(verifier, encodings);
  });
  it('differs between two credentials', async () => {
    const a = await verifier.verify(idhpQrText(cred));
    const b = await verifier.verify(idhpQrText(await issuer.issueVaccination()));
    assert.notEqual(a.passId, b.passId);
  });
});

describe('passId: formats never collide', () => {
  it('frames every field, so content cannot slide between fields', async () => {
    // Different formats are domain-separated: a DCC and an SHC of one person never share an id.
    const shc = await createShcIssuer();
    const dcc = await createDccSigner();
    const trust = createTrustStore();
    await trust.addShcIssuer(shc.trustEntry());
    await trust.addDccSigner({ certificate: dcc.certificate });
    const v = createVerifier({ trust, passIdKey: 'k' });
    const a = await v.verify((await shc.issue()).numeric);
    const b = await v.verify(await dcc.issue({ kind: 'vaccination' }));
    assert.ok(a.passId && b.passId && a.passId !== b.passId);
  });
});

describe('passId: ICAO VDS-NC and DIVOC', () => {
  it('VDS-NC: one id for any whitespace or key order of the seal, another for another seal', async () => {
    const csca = await createVdsncCsca();
    const signer = await csca.createSigner();
    const trust = createTrustStore();
    await trust.addVdsncCsca(csca.bundleEntry([await csca.crl()]));
    const v = createVerifier({ trust, passIdKey: 'venue' });
    const text = await signer.issue({ name: 'SEAL  HOLDER', birthDate: '1970-01-02' });
    const seal = JSON.parse(text);
    // The same seal, pretty-printed with its keys in reverse order at every level.
    const a = await v.verify(text);
    const b = await v.verify(JSON.stringify(reorder(seal), null, 2));
    assert.equal(a.status, 'valid', JSON.stringify(a.errors));
    assert.equal(b.status, 'valid', JSON.stringify(b.errors));
    assert.ok(a.passId);
    assert.equal(a.passId, b.passId);
    const other = await v.verify(await signer.issue({ name: 'OTHER  HOLDER', birthDate: '1970-01-02' }));
    assert.ok(other.passId && other.passId !== a.passId);
  });

  it('DIVOC: one id for the QR\'s ZIP archive and the bare certificate.json, another for another certificate', async () => {
    const issuer = await createDivocIssuer();
    const trust = createTrustStore();
    await trust.addDivocIssuer(issuer.bundleEntry());
    const v = createVerifier({ trust, passIdKey: 'venue' });
    const certificate = await issuer.issue({ name: 'Divoc Holder' });
    const a = await v.verify(await divocQrBytes(certificate));
    const b = await v.verify(JSON.stringify(certificate, null, 1));
    assert.equal(a.status, 'valid', JSON.stringify(a.errors));
    assert.equal(b.status, 'valid', JSON.stringify(b.errors));
    assert.ok(a.passId);
    assert.equal(a.passId, b.passId);
    const other = await v.verify(await divocQrBytes(await issuer.issue({ name: 'Another Holder' })));
    assert.ok(other.passId && other.passId !== a.passId);
  });
});
