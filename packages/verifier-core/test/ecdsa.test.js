import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { derToRawEcdsa, rawToDerEcdsa } from '@pass-check/verifier-core/testing';

const hex = (s) => Uint8Array.from(s.match(/../g).map((b) => parseInt(b, 16)));
const filled = (n, v) => new Uint8Array(n).fill(v);

async function signBoth() {
  const key = await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, false, ['sign', 'verify']);
  const data = new TextEncoder().encode('pass-check');
  const raw = new Uint8Array(await crypto.subtle.sign({ name: 'ECDSA', hash: 'SHA-256' }, key.privateKey, data));
  return { key, data, raw };
}

describe('ECDSA signature encodings', () => {
  it('round-trips a real P-256 signature, and the raw form still verifies', async () => {
    const { key, data, raw } = await signBoth();
    const der = rawToDerEcdsa(raw);
    assert.equal(der[0], 0x30);
    const back = derToRawEcdsa(der);
    assert.deepEqual(back, raw);
    assert.ok(await crypto.subtle.verify({ name: 'ECDSA', hash: 'SHA-256' }, key.publicKey, back, data));
  });

  it('pads short scalars and strips sign bytes', () => {
    // r = 0x01 (one byte), s = 0x80…(32 bytes, needs a 0x00 sign byte in DER)
    const s = filled(32, 0x80);
    const der = new Uint8Array([0x30, 3 + 35, 0x02, 1, 0x01, 0x02, 33, 0x00, ...s]);
    const raw = derToRawEcdsa(der);
    assert.equal(raw.length, 64);
    assert.deepEqual(raw.subarray(0, 32), new Uint8Array([...filled(31, 0), 1]));
    assert.deepEqual(raw.subarray(32), s);
    assert.deepEqual(rawToDerEcdsa(raw), der);
  });

  it('uses the long-form sequence length for P-521 sized signatures', () => {
    const raw = filled(132, 0xff);
    const der = rawToDerEcdsa(raw);
    assert.deepEqual(Array.from(der.subarray(0, 3)), [0x30, 0x81, 2 * 69]);
    assert.deepEqual(derToRawEcdsa(der, 66), raw);
    assert.equal(derToRawEcdsa(der, 32), undefined, 'scalars larger than the curve size');
  });

  it('rejects anything that is not strict DER', () => {
    const good = rawToDerEcdsa(new Uint8Array([...filled(32, 0x11), ...filled(32, 0x22)]));
    assert.ok(derToRawEcdsa(good));
    const cases = {
      empty: new Uint8Array(0),
      trailing: new Uint8Array([...good, 0]),
      truncated: good.subarray(0, good.length - 1),
      'wrong outer tag': new Uint8Array([0x31, ...good.subarray(1)]),
      'wrong integer tag': (() => { const b = good.slice(); b[2] = 0x03; return b; })(),
      'sequence length too long': (() => { const b = good.slice(); b[1] += 1; return b; })(),
      'non-minimal long length': new Uint8Array([0x30, 0x81, good[1], ...good.subarray(2)]),
      'negative r': hex('3006020180020101'),
      'zero r': hex('3006020100020101'),
      'needless leading zero': hex('300702020001020101'),
      'empty integer': hex('30050200020101'),
      'three integers': hex('3009020101020101020101'),
      'r of 33 bytes': new Uint8Array([0x30, 38, 0x02, 33, ...filled(33, 0x11), 0x02, 1, 1]),
    };
    for (const [name, der] of Object.entries(cases)) assert.equal(derToRawEcdsa(der), undefined, name);
  });

  it('rejects an unusable curve size and treats an odd raw length as a caller mistake', () => {
    assert.equal(derToRawEcdsa(hex('3006020101020101'), 0), undefined);
    assert.equal(derToRawEcdsa(hex('3006020101020101'), 67), undefined);
    assert.deepEqual(derToRawEcdsa(hex('3006020101020101'), 1), new Uint8Array([1, 1]));
    assert.throws(() => rawToDerEcdsa(new Uint8Array(63)), TypeError);
    assert.throws(() => rawToDerEcdsa(new Uint8Array(0)), TypeError);
  });
});
