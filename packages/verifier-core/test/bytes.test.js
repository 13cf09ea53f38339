// Base64 helpers: the short-input encoder and the platform decoder used for long
// base64url inputs (a signed trust bundle's payload) must give exactly what the
// plain loop gives, and refuse what it refuses.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { decodeBase64, decodeBase64Url, ecJwkThumbprint, encodeBase64, encodeBase64Url } from '@pass-check/verifier-core/testing';

const bytesArb = (max) => fc.uint8Array({ minLength: 0, maxLength: max });
// References from the platform's btoa (the file runs in Node and in Chromium).
const b64 = (bytes) => btoa(String.fromCharCode(...bytes));
const b64url = (bytes) => b64(bytes).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');

describe('base64 helpers', () => {
  it('encode as RFC 4648 says, short and long inputs (checked against btoa)', () => {
    fc.assert(fc.property(fc.oneof(bytesArb(40), bytesArb(3000)), (bytes) => {
      assert.equal(encodeBase64(bytes), b64(bytes));
      assert.equal(encodeBase64Url(bytes), b64url(bytes));
    }), { numRuns: 300 });
    assert.equal(encodeBase64(new Uint8Array([0xfb, 0xff])), '+/8=');
    assert.equal(encodeBase64Url(new Uint8Array([0xfb, 0xff])), '-_8');
  });

  it('decode long base64url (the platform decoder) to the same bytes as the loop, for every length', () => {
    fc.assert(fc.property(fc.integer({ min: 4096, max: 9000 }).chain((n) => fc.uint8Array({ minLength: n, maxLength: n })), (bytes) => {
      const text = b64url(bytes);
      assert.ok(text.length >= 4096);
      assert.deepEqual(decodeBase64Url(text), decodeBase64(text));
      assert.deepEqual(decodeBase64Url(text), new Uint8Array(bytes));
    }), { numRuns: 60 });
  });

  it('refuse in long inputs what the loop refuses, and ignore unused trailing bits as it does', () => {
    const text = b64url(new Uint8Array(6000).fill(7)); // 8000 characters
    assert.equal(decodeBase64Url(`${text}A`), undefined, 'a length of 4n + 1 is no base64');
    assert.equal(decodeBase64Url(`${text.slice(0, 5000)}+${text.slice(5001)}`), undefined, '+ is not base64url');
    assert.equal(decodeBase64Url(`${text.slice(0, 5000)}=${text.slice(5001)}`), undefined);
    assert.equal(decodeBase64Url(`${text}==`), undefined, 'no padding in base64url');
    assert.equal(decodeBase64Url(`${text.slice(0, 5000)}é${text.slice(5001)}`), undefined);
    // "AB" and "AP" both decode to 0x00: the loop ignores the 4 unused bits, so must the platform decoder.
    for (const tail of ['AB', 'AP', 'AAB', 'AAD']) {
      const long = `${text}${tail}`;
      assert.deepEqual(decodeBase64Url(long), decodeBase64(long), tail);
    }
  });

  it('RFC 7638 thumbprints (ASCII written directly, anything else through UTF-8) agree with WebCrypto', async () => {
    const jwks = [
      { crv: 'P-256', x: 'f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU', y: 'x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0' },
      { crv: 'P-256', x: 'A'.repeat(43), y: 'B'.repeat(43) },
      { crv: 'P-2é6', x: 'abc', y: 'déf' },
    ];
    for (const jwk of jwks) {
      const canonical = `{"crv":${JSON.stringify(jwk.crv)},"kty":"EC","x":${JSON.stringify(jwk.x)},"y":${JSON.stringify(jwk.y)}}`;
      const expected = b64url(new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(canonical))));
      assert.equal(ecJwkThumbprint(jwk), expected, canonical);
    }
  });
});
