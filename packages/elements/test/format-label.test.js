// The wallet's import preview names each pass by verifier-core's own format
// detection: VDS-NC seals and DIVOC certificates are JSON too, and are not IBM passes.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { formatLabel } from '@pass-check/elements';
import { detectFormat } from '@pass-check/verifier-core';
import { createDccSigner, createDivocIssuer, createIdhpIssuer, createShcIssuer, createVdsncCsca } from '@pass-check/verifier-core/testing';

describe('formatLabel (wallet import preview)', () => {
  it('names every format as verify reads it', async () => {
    const shc = await (await createShcIssuer()).issue();
    const dcc = await (await createDccSigner()).issue({ kind: 'vaccination', dose: 2, of: 2 });
    const idhp = await (await createIdhpIssuer()).issueVaccination();
    const seal = await (await (await createVdsncCsca()).createSigner()).issue();
    const divoc = JSON.stringify(await (await createDivocIssuer()).issue());
    const cases = [
      [shc.numeric, 'shc', 'SMART Health Card'],
      [typeof dcc === 'string' ? dcc : dcc.text, 'dcc', 'EU DCC'],
      [typeof idhp === 'string' ? idhp : JSON.stringify(idhp), 'idhp', 'IBM Digital Health Pass'],
      [seal, 'vdsnc', 'ICAO VDS-NC'],
      [divoc, 'divoc', 'DIVOC'],
    ];
    for (const [text, format, label] of cases) {
      assert.equal(detectFormat(text), format, `${label}: ${String(text).slice(0, 40)}`);
      assert.equal(formatLabel(text), label);
    }
  });

  it('anything else is a plain "QR", and bad JSON is not a pass', () => {
    for (const text of ['https://example.com/', '{not json', '[]', '', 'x'.repeat(70_000)]) {
      assert.equal(detectFormat(text), undefined);
      assert.equal(formatLabel(text), 'QR');
    }
  });
});
