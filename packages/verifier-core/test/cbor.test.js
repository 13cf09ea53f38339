import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { decodeCbor, encodeCbor, CborTag, DEFAULT_CBOR_LIMITS, decoderWork } from '@pass-check/verifier-core/testing';

const hex = (s) => Uint8Array.from(s.replace(/\s+/g, '').match(/../g) ?? [], (b) => parseInt(b, 16));
const value = (h, limits) => { const r = decodeCbor(hex(h), limits); assert.equal(r.error, undefined, r.error); return r.value; };
const error = (h, limits) => { const r = decodeCbor(hex(h), limits); assert.equal(r.value, undefined); assert.equal(typeof r.error, 'string'); return r.error; };

describe('CBOR decoder (RFC 8949 Appendix A examples)', () => {
  it('reads integers of every width', () => {
    assert.equal(value('00'), 0);
    assert.equal(value('17'), 23);
    assert.equal(value('1818'), 24);
    assert.equal(value('1903e8'), 1000);
    assert.equal(value('1a000f4240'), 1000000);
    assert.equal(value('1b000000e8d4a51000'), 1000000000000);
    assert.equal(value('20'), -1);
    assert.equal(value('3903e7'), -1000);
  });
  it('refuses integers beyond 2^53 instead of losing precision', () => {
    error('1bffffffffffffffff');
  });
  it('reads floats, simple values, strings, arrays, maps and tags', () => {
    assert.equal(value('f93c00'), 1);
    assert.equal(value('f97bff'), 65504);
    assert.equal(value('fa47c35000'), 100000);
    assert.equal(value('fb3ff199999999999a'), 1.1);
    assert.equal(value('f4'), false);
    assert.equal(value('f5'), true);
    assert.equal(value('f6'), null);
    assert.deepEqual(value('4401020304'), Uint8Array.of(1, 2, 3, 4));
    assert.equal(value('62c3bc'), 'ü');
    assert.deepEqual(value('83010203'), [1, 2, 3]);
    assert.deepEqual(value('a201020304'), new Map([[1, 2], [3, 4]]));
    const tagged = value('d818456449455446');
    assert.ok(tagged instanceof CborTag);
    assert.equal(tagged.tag, 24);
  });
  it('reads text of every length, ASCII or not, and refuses bad UTF-8 at any length', () => {
    const textItem = (s) => [...encodeCbor(s)].map((x) => x.toString(16).padStart(2, '0')).join('');
    for (const s of ['', 'a', 'tg', 'ver', 'dose', '1998-02-26', 'EU/1/20/1528', 'URN:UVCI:01:AT:10807843F94AEE0EE5093FBC254BD813#B', 'é', 'éa', 'aé', 'Gößinger', 'ü'.repeat(40)]) {
      assert.equal(value(textItem(s)), s);
    }
    for (const bad of ['61ff', '6280ff', '6361ffff', '6a' + '61'.repeat(9) + 'ff', '6d' + '61'.repeat(12) + 'c3']) error(bad);
  });
  it('reads indefinite-length items when allowed, and refuses them when not', () => {
    assert.deepEqual(value('9f018202039f0405ffff'), [1, [2, 3], [4, 5]]);
    assert.deepEqual(value('bf61610161629f0203ffff'), new Map([['a', 1], ['b', [2, 3]]]));
    assert.equal(value('7f657374726561646d696e67ff'), 'streaming');
    error('9f01ff', { maxDepth: 8, maxItems: 100, allowIndefinite: false });
  });
  it('refuses malformed input', () => {
    error('');                 // nothing
    error('0000');             // trailing data
    error('1c');               // reserved additional information
    error('62c3');             // text shorter than its length
    error('62c328');           // invalid UTF-8
    error('a20102 0103');      // duplicate key
    error('a1400102');         // byte-string key (and trailing byte)
    error('a1f601');           // null key
    error('ff');               // lone break
    error('8201ff');           // break inside a definite array
    error('7f4100ff');         // byte chunk inside a text string
    error('7f7f6161ffff');     // nested indefinite string
    error('f8ff');             // simple value with a one-byte argument
    error('1f');               // indefinite integer
  });
  // Bounded work, not wall time: a bomb stops after as many items and bytes as the limits allow.
  /** decodeCbor's error, with the items and input bytes it read before stopping. */
  const work = (bytes) => {
    const items = decoderWork.cborItems, read = decoderWork.cborBytes;
    const { error: why } = decodeCbor(bytes);
    return { why, items: decoderWork.cborItems - items, bytes: decoderWork.cborBytes - read };
  };
  it('refuses a nesting bomb after maxDepth items', () => {
    const { maxDepth } = DEFAULT_CBOR_LIMITS;
    for (const head of [0x81, 0xc6]) { // [[[[… and tag(6) tag(6) …
      const r = work(new Uint8Array(100_000).fill(head));
      assert.match(r.why, /deep/);
      assert.ok(r.items <= maxDepth + 1, `${r.items} items read`);
      assert.ok(r.bytes <= maxDepth + 1, `${r.bytes} bytes read`);
    }
  });
  it('refuses length bombs at their head, before reading or allocating anything more', () => {
    for (const [bomb, why] of [
      ['9b00000000ffffffff', /array longer/],        // a 4-billion-item array in 9 bytes
      ['bb001fffffffffffff', /map longer/],
      ['5b001fffffffffffff00', /beyond the end/],     // a byte string as long
      ['7a7fffffff', /beyond the end/],
    ]) {
      const bytes = hex(bomb);
      const r = work(bytes);
      assert.match(r.why, why);
      assert.equal(r.items, 1, bomb);
      assert.ok(r.bytes <= 9, `${bomb}: ${r.bytes} bytes read`);
    }
  });
  it('caps the number of items', () => {
    const many = new Uint8Array(1 + 2 + 20_000);
    many.set([0x99, 0x4e, 0x20]); // array of 20,000 zeros
    assert.match(decodeCbor(many).error, /too many items/);
    assert.ok(Array.isArray(decodeCbor(many, { maxDepth: 4, maxItems: 30_000, allowIndefinite: false }).value));
  });
  it('encodes what it decodes', () => {
    const data = new Map([[1, 'AT'], [4, 1700000000], [-260, new Map([[1, { ver: '1.3.0', v: [{ dn: 1, x: -1000, b: Uint8Array.of(1, 2) }] }]])]]);
    const round = decodeCbor(encodeCbor(data)).value;
    assert.equal(round.get(1), 'AT');
    assert.equal(round.get(4), 1700000000);
    const dcc = round.get(-260).get(1);
    assert.equal(dcc.get('ver'), '1.3.0');
    assert.equal(dcc.get('v')[0].get('x'), -1000);
    assert.deepEqual(dcc.get('v')[0].get('b'), Uint8Array.of(1, 2));
    assert.deepEqual(encodeCbor(['Signature1', new Uint8Array(0)]), hex('826a5369676e61747572653140'));
  });
});
