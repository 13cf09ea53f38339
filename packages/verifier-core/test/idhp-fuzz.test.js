// Property-based robustness for IBM Digital Health Pass credentials: any change
// to the structure or the text gives a result with stable codes (never an
// exception), and any change to the signed part is refused.
import { describe, it, before } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { createTrustStore, createVerifier } from '@pass-check/verifier-core';
import { createIdhpIssuer, idhpQrText, idhpSignedText } from '@pass-check/verifier-core/testing';
import { isResult, pathsOf, setAt } from './fuzz-helpers.js';

const RUNS = 300;
const NOW = new Date('2021-06-01T12:00:00Z');

describe('IBM Digital Health Pass fuzzing (fast-check)', () => {
  let verifier, credential, paths, signedText;
  before(async () => {
    const issuer = await createIdhpIssuer({ id: 'did:hpass:fuzz' });
    const trust = createTrustStore();
    await trust.addIdhpIssuer(issuer.trustEntry);
    verifier = createVerifier({ trust, clock: () => NOW, policy: 'ny-2021', disclose: 'full' });
    credential = await issuer.issueVaccination({ issuanceDate: '2021-05-01T00:00:00Z', obfuscate: ['recipient.familyName', 'recipient.birthDate'] });
    paths = pathsOf(credential);
    signedText = idhpSignedText(credential);
    assert.equal((await verifier.verify(idhpQrText(credential))).status, 'valid');
  });

  it('answers any structural change with a result, and refuses any change to what is signed', async () => {
    await fc.assert(fc.asyncProperty(
      fc.nat(), fc.jsonValue({ maxDepth: 3 }), fc.constantFrom('json', 'base64'),
      async (pick, replacement, form) => {
        const path = paths[pick % paths.length];
        const changed = setAt(credential, path, replacement);
        const r = await verifier.verify(idhpQrText(changed ?? null, form));
        assert.ok(isResult(r), JSON.stringify(r));
        const inSigned = path[0] !== 'obfuscation' && !(path[0] === 'proof' && path[1] === 'signatureValue');
        let stillSigned = false;
        try { stillSigned = idhpSignedText(changed) === signedText; } catch { /* not an object any more */ }
        if (inSigned && !stillSigned) assert.equal(r.status, 'invalid', `changed ${path.join('.')}`);
        // Dropping or breaking a disclosure (outside the signature) only hides that field: the family name may then be missing.
        if (r.status === 'valid') {
          const names = path[0] === 'obfuscation' ? ['Jane Sarah Doe', 'Jane Sarah'] : ['Jane Sarah Doe'];
          assert.ok(names.includes(r.holder.name), `changed ${path.join('.')}: holder ${r.holder.name}`);
        }
      },
    ), { numRuns: RUNS });
  });

  it('answers any edit of the QR text with a result', async () => {
    const text = idhpQrText(credential);
    const alphabet = [...new Set(text)].concat(['\\', '\u0000', '\u00e9', '[', ']']);
    await fc.assert(fc.asyncProperty(
      fc.array(fc.record({ at: fc.nat(), ch: fc.constantFrom(...alphabet), del: fc.boolean() }), { minLength: 1, maxLength: 4 }),
      async (edits) => {
        let s = text;
        for (const e of edits) {
          const at = e.at % s.length;
          s = e.del ? s.slice(0, at) + s.slice(at + 1) : s.slice(0, at) + e.ch + s.slice(at + 1);
        }
        const r = await verifier.verify(s);
        assert.ok(isResult(r), JSON.stringify(r));
        if (r.status === 'valid') assert.equal(r.holder.name, 'Jane Sarah Doe');
      },
    ), { numRuns: RUNS });
  });
});
