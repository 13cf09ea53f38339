import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { decodeBase45, encodeBase45 } from '@pass-check/verifier-core/testing';

const bytes = (s) => new TextEncoder().encode(s);
const text = (b) => new TextDecoder().decode(b);

describe('base45 (RFC 9285)', () => {
  it('decodes the RFC examples', () => {
    assert.equal(text(decodeBase45('BB8')), 'AB');
    assert.equal(text(decodeBase45('%69 VD92EX0')), 'Hello!!');
    assert.equal(text(decodeBase45('UJCLQE7W581')), 'base-45');
    assert.equal(text(decodeBase45('QED8WEX0')), 'ietf!');
  });
  it('encodes to the RFC examples and round-trips every byte', () => {
    assert.equal(encodeBase45(bytes('Hello!!')), '%69 VD92EX0');
    const all = Uint8Array.from({ length: 256 }, (_, i) => i);
    assert.deepEqual(decodeBase45(encodeBase45(all)), all);
    assert.deepEqual(decodeBase45(encodeBase45(all.subarray(1))), all.subarray(1));
  });
  it('refuses characters outside the alphabet, lower case and a dangling character', () => {
    assert.equal(decodeBase45('bb8'), undefined);
    assert.equal(decodeBase45('BB8#'), undefined);
    assert.equal(decodeBase45('BB8A'), undefined); // length 3k+1
    assert.equal(decodeBase45('BBé'), undefined);
  });
  it('refuses groups whose value does not fit their bytes', () => {
    assert.equal(decodeBase45(':::'), undefined); // 44 + 44*45 + 44*2025 = 91124 > 65535
    assert.equal(decodeBase45('GGW'), undefined); // 16 + 16*45 + 32*2025 = 65536
    assert.deepEqual(decodeBase45('FGW'), Uint8Array.of(0xff, 0xff)); // 65535 is the largest
    assert.equal(decodeBase45('::'), undefined); // 44 + 44*45 = 2024 > 255
    assert.deepEqual(decodeBase45('U5'), Uint8Array.of(255));
    assert.equal(decodeBase45('V5'), undefined);
  });
  it('decodes the empty text to no bytes', () => {
    assert.deepEqual(decodeBase45(''), new Uint8Array(0));
  });
  it('decodes from an offset, as after the HC1: prefix', () => {
    assert.equal(text(decodeBase45('HC1:%69 VD92EX0', 4)), 'Hello!!');
    assert.deepEqual(decodeBase45('HC1:', 4), new Uint8Array(0));
    assert.equal(decodeBase45('HC1:BB8A', 4), undefined);
    assert.equal(decodeBase45('AB', 3), undefined);
  });
  it('refuses any character outside ASCII wherever it is, whatever its UTF-8 size', () => {
    // Multi-byte characters could make the byte count come out even: each is refused all the same.
    for (const bad of ['€AB', 'A€B', 'AB€', '€BB8', 'BB8€A', '😀B', 'B😀', 'ÿÿÿ', '\u0000AB', 'A\u007fB']) {
      assert.equal(decodeBase45(bad), undefined, JSON.stringify(bad));
      assert.equal(decodeBase45('HC1:' + bad, 4), undefined, JSON.stringify(bad));
    }
  });
  it('decodes into a buffer it is given when the bytes fit, else into one of its own', () => {
    const into = new Uint8Array(16).fill(0xee);
    const out = decodeBase45('HC1:%69 VD92EX0', 4, into);
    assert.equal(text(out), 'Hello!!');
    assert.equal(out.buffer, into.buffer);
    assert.equal(into[7], 0xee, 'nothing written past the bytes');
    const small = new Uint8Array(6);
    const own = decodeBase45('%69 VD92EX0', 0, small);
    assert.equal(text(own), 'Hello!!');
    assert.notEqual(own.buffer, small.buffer);
    assert.equal(decodeBase45('BB8#', 0, into), undefined);
  });
  it('decodes texts longer than its scratch buffer', () => {
    const long = Uint8Array.from({ length: 12000 }, (_, i) => (i * 7) & 0xff);
    assert.deepEqual(decodeBase45(encodeBase45(long)), long);
    assert.equal(decodeBase45(encodeBase45(long) + '€'), undefined);
  });
});
