import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { inflateRaw, inflateZlib } from '@pass-check/verifier-core/testing';

// Runs in Node and in Chromium: compressed with the platform's own CompressionStream.
async function compress(format, bytes) {
  const stream = new Blob([bytes]).stream().pipeThrough(new CompressionStream(format));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}
const text = (n) => new TextEncoder().encode(Array.from({ length: n }, (_, i) => `word${i % 97} `).join(''));
const isBadCompression = (e) => e?.name === 'VerifierError' && e.code === 'BAD_COMPRESSION';

describe('inflate', () => {
  it('round-trips what CompressionStream deflates (raw and zlib)', async () => {
    for (const n of [0, 1, 50, 3000]) {
      const plain = text(n);
      assert.deepEqual(inflateRaw(await compress('deflate-raw', plain), 1 << 20), plain);
      assert.deepEqual(inflateZlib(await compress('deflate', plain), 1 << 20), plain);
    }
  });
  it('decodes stored and fixed-Huffman blocks written by hand', () => {
    // stored block, final, "abc"
    assert.deepEqual(inflateRaw(Uint8Array.of(0x01, 0x03, 0x00, 0xfc, 0xff, 0x61, 0x62, 0x63), 10), new TextEncoder().encode('abc'));
    // fixed Huffman, final: "a" then a length-3 copy at distance 1 -> "aaaa"
    assert.deepEqual(inflateRaw(Uint8Array.of(0x4b, 0x04, 0x02, 0x00), 10), new TextEncoder().encode('aaaa'));
  });
  it('stops at the output cap', async () => {
    const bomb = await compress('deflate-raw', new Uint8Array(1_000_000));
    assert.ok(bomb.length < 2000);
    assert.throws(() => inflateRaw(bomb, 100_000), isBadCompression);
    assert.equal(inflateRaw(bomb, 1_000_000).length, 1_000_000);
    assert.throws(() => inflateRaw(bomb, 999_999), isBadCompression);
  });
  it('refuses truncated streams, trailing bytes, bad checksums and bad headers', async () => {
    const plain = text(200);
    const raw = await compress('deflate-raw', plain);
    for (let cut = 0; cut < raw.length; cut++) assert.throws(() => inflateRaw(raw.subarray(0, cut), 1 << 20), isBadCompression);
    assert.throws(() => inflateRaw(Uint8Array.of(...raw, 0), 1 << 20), isBadCompression);
    const zlib = await compress('deflate', plain);
    const badSum = zlib.slice(); badSum[badSum.length - 1] ^= 1;
    assert.throws(() => inflateZlib(badSum, 1 << 20), isBadCompression);
    const badHeader = zlib.slice(); badHeader[1] ^= 1;
    assert.throws(() => inflateZlib(badHeader, 1 << 20), isBadCompression);
    assert.throws(() => inflateZlib(Uint8Array.of(...zlib, 0), 1 << 20), isBadCompression);
    assert.throws(() => inflateRaw(Uint8Array.of(0x07), 10), isBadCompression); // reserved block type 3
    assert.throws(() => inflateRaw(Uint8Array.of(0x01, 0x03, 0x00, 0xfc, 0xfe, 0x61, 0x62, 0x63), 10), isBadCompression);
  });
  it('treats a bad cap as a caller mistake', () => {
    assert.throws(() => inflateRaw(new Uint8Array(1), -1), TypeError);
    assert.throws(() => inflateRaw(new Uint8Array(1), 1.5), TypeError);
  });
});
