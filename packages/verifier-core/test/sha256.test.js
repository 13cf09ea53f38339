import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { hmacSha256Sync, sha256Sync } from '@pass-check/verifier-core/testing';

const hex = (b) => [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
const fromHex = (h) => Uint8Array.from(h.match(/../g) ?? [], (x) => parseInt(x, 16));
const utf8 = (s) => new TextEncoder().encode(s);

describe('SHA-256 and HMAC-SHA-256 (synchronous)', () => {
  it('gives the FIPS 180-4 example digests', () => {
    assert.equal(hex(sha256Sync(utf8('abc'))), 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    assert.equal(hex(sha256Sync(new Uint8Array(0))), 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    assert.equal(hex(sha256Sync(utf8('abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq'))),
      '248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1');
    assert.equal(hex(sha256Sync(new Uint8Array(1_000_000).fill(0x61))), 'cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0');
  });
  it('gives the RFC 4231 HMAC-SHA-256 results', () => {
    const cases = [
      [new Uint8Array(20).fill(0x0b), utf8('Hi There'), 'b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7'],
      [utf8('Jefe'), utf8('what do ya want for nothing?'), '5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843'],
      [new Uint8Array(20).fill(0xaa), new Uint8Array(50).fill(0xdd), '773ea91e36800e46854db8ebd09181a72959098b3ef8c122d9635514ced565fe'],
      [fromHex('0102030405060708090a0b0c0d0e0f10111213141516171819'), new Uint8Array(50).fill(0xcd), '82558a389a443c0ea4cc819899f2083a85f0faa3e578f8077a2e3ff46729665b'],
      [new Uint8Array(131).fill(0xaa), utf8('Test Using Larger Than Block-Size Key - Hash Key First'), '60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54'],
    ];
    for (const [key, message, expected] of cases) assert.equal(hex(hmacSha256Sync(key, message)), expected);
  });
  it('agrees with WebCrypto on random keys and messages of every length around the block edges', async () => {
    // Up to 3 blocks are padded in a reused buffer, longer messages in their own: runs mix both, in random order.
    await fc.assert(fc.asyncProperty(fc.uint8Array({ maxLength: 300 }), fc.uint8Array({ minLength: 1, maxLength: 150 }), async (message, key) => {
      assert.equal(hex(sha256Sync(message)), hex(new Uint8Array(await crypto.subtle.digest('SHA-256', message))));
      const hmacKey = await crypto.subtle.importKey('raw', key, { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
      assert.equal(hex(hmacSha256Sync(key, message)), hex(new Uint8Array(await crypto.subtle.sign('HMAC', hmacKey, message))));
    }), { numRuns: 500 });
  });
});
