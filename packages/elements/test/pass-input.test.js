import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { passTextsFrom, jwsToShcText, verdictOf, isAccepted } from '@pass-check/elements';
import { createShcIssuer, shcFile } from '@pass-check/verifier-core/testing';

describe('passTextsFrom', () => {
  it('turns a compact JWS into the same QR text the issuer prints', async () => {
    const card = await (await createShcIssuer()).issue();
    assert.equal(jwsToShcText(card.jws), card.numeric);
    assert.deepEqual(passTextsFrom(`  ${card.jws}\n`), [card.numeric]);
  });

  it('reads every credential of a .smart-health-card file', async () => {
    const issuer = await createShcIssuer();
    const [a, b] = [await issuer.issue(), await issuer.issue({ patient: { given: ['Ann'], family: 'Other' } })];
    assert.deepEqual(passTextsFrom(shcFile(a.jws, b.jws)), [a.numeric, b.numeric]);
  });

  it('passes QR texts through and ignores blank input', () => {
    assert.deepEqual(passTextsFrom('HC1:6BF+70790T9WJWG.FKY*4GO0'), ['HC1:6BF+70790T9WJWG.FKY*4GO0']);
    assert.deepEqual(passTextsFrom('   '), []);
    assert.deepEqual(passTextsFrom('{"verifiableCredential": 3}'), ['{"verifiableCredential": 3}']);
  });
});

describe('verdictOf', () => {
  const valid = { status: 'valid', errors: [] };
  it('never accepts without a policy: authentic is not admissible (fail closed)', () => {
    assert.equal(isAccepted(valid), false);
    assert.equal(verdictOf(valid), 'rejected');
    assert.equal(verdictOf(valid, new Date()), 'rejected');
  });
  it('marks an admitted repeat as duplicate', () => {
    const admitted = { ...valid, policy: { decision: 'accept', rule: 'vaccinated', reasons: [] } };
    assert.equal(verdictOf(admitted, new Date()), 'duplicate');
  });
  it('follows the policy decision when there is one', () => {
    assert.equal(isAccepted({ ...valid, policy: { decision: 'reject', reasons: [] } }), false);
    assert.equal(verdictOf({ ...valid, policy: { decision: 'accept', rule: 'vaccinated', reasons: [] } }), 'accepted');
  });
  it('rejects anything not valid, duplicate or not', () => {
    assert.equal(verdictOf({ status: 'invalid', errors: [{ code: 'BAD_SIGNATURE', message: 'x' }] }, new Date()), 'rejected');
    assert.equal(verdictOf({ status: 'incomplete', errors: [] }), 'rejected');
  });
});
