import { it } from 'node:test';
import assert from 'node:assert/strict';
import * as elements from '@pass-check/elements';

it('imports without registering anything', () => {
  assert.ok(elements);
});
