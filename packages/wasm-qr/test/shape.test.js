import { it } from 'node:test';
import assert from 'node:assert/strict';
import * as qr from '@pass-check/wasm-qr';

it('exports createQrDecoder', () => {
  assert.equal(typeof qr.createQrDecoder, 'function');
});
