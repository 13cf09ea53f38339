// Makes the examples' trust bundle and passes: examples/data/trust-bundle.json
// and examples/data/passes/*.txt (each the text a QR code would hold).
//
//   npm run examples:data
//
// TEST KEYS, INVENTED PEOPLE. The issuers are made here with fresh keys by
// @pass-check/verifier-core/testing; their names say "TEST KEYS" and their
// addresses end in .invalid. A trust bundle from this script must never be
// used at a real door: it trusts nothing but these throwaway keys.
import fs from 'node:fs/promises';
import path from 'node:path';
import * as kit from '@pass-check/verifier-core/testing';

const DAY_MS = 24 * 60 * 60 * 1000;
const daysFromNow = (days) => new Date(Date.now() + days * DAY_MS);
const isoDate = (date) => date.toISOString().slice(0, 10);

/** Writes the data under `dir` (default examples/data) and returns what it wrote. */
export async function makeExampleData(dir = path.join(import.meta.dirname, 'data')) {
  const issuer = await kit.createShcIssuer({ iss: 'https://example-issuer.pass-check.invalid', name: 'Example Issuer (TEST KEYS, not for real use)' });
  const stranger = await kit.createShcIssuer({ iss: 'https://not-in-the-bundle.pass-check.invalid', name: 'Issuer missing from the bundle (TEST KEYS)' });
  const signer = await kit.createDccSigner({ country: 'AT', notBefore: daysFromNow(-400), notAfter: daysFromNow(700) });
  const revokedRid = 'example-revoked-1';
  const person = { given: ['Jordan'], family: 'Example', birthDate: '1980-01-01' };
  const doses = [
    { cvx: '208', date: isoDate(daysFromNow(-90)), performer: 'Example Clinic', lotNumber: 'EXAMPLE-1' },
    { cvx: '208', date: isoDate(daysFromNow(-60)), performer: 'Example Clinic', lotNumber: 'EXAMPLE-2' },
  ];
  const passes = {
    'shc-valid': { expect: 'accepted', text: (await issuer.issue({ patient: person, doses, nbf: daysFromNow(-59) })).numeric },
    'shc-one-dose': { expect: 'rejected', text: (await issuer.issue({ patient: { ...person, given: ['Casey'] }, doses: doses.slice(0, 1), nbf: daysFromNow(-89) })).numeric },
    'shc-expired': { expect: 'rejected', text: (await issuer.issue({ patient: person, doses, nbf: daysFromNow(-59), exp: daysFromNow(-1) })).numeric },
    'shc-revoked': { expect: 'rejected', text: (await issuer.issue({ patient: person, doses, nbf: daysFromNow(-59), rid: revokedRid })).numeric },
    'shc-tampered': { expect: 'rejected', text: (await issuer.issue({ patient: person, doses, nbf: daysFromNow(-59), tamper: true })).numeric },
    'shc-unknown-issuer': { expect: 'rejected', text: (await stranger.issue({ patient: person, doses, nbf: daysFromNow(-59) })).numeric },
    'dcc-valid': {
      expect: 'accepted',
      text: await signer.issue({ kind: 'vaccination', holder: { givenName: 'Noa', familyName: 'Example', birthDate: '1990-02-02' }, dose: 2, of: 2, date: isoDate(daysFromNow(-50)), issuedAt: daysFromNow(-49) }),
    },
  };
  const trustBundle = {
    version: 1,
    updated: new Date().toISOString(),
    note: 'TEST KEYS made by examples/make-data.mjs for the examples. Not for real use.',
    shc: [issuer.trustEntry({ rids: [revokedRid] })],
    dcc: [{ certificate: signer.certificate, country: signer.country }],
    idhp: [],
  };
  await fs.mkdir(path.join(dir, 'passes'), { recursive: true });
  await fs.writeFile(path.join(dir, 'trust-bundle.json'), `${JSON.stringify(trustBundle, null, 2)}\n`);
  for (const [name, pass] of Object.entries(passes)) await fs.writeFile(path.join(dir, 'passes', `${name}.txt`), `${pass.text}\n`);
  const expected = Object.fromEntries(Object.entries(passes).map(([name, pass]) => [name, pass.expect]));
  await fs.writeFile(path.join(dir, 'passes', 'expected.json'), `${JSON.stringify(expected, null, 2)}\n`);
  return { dir, expected };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { dir, expected } = await makeExampleData(process.argv[2] ? path.resolve(process.argv[2]) : undefined);
  console.log(`wrote ${path.relative(process.cwd(), dir) || dir}/trust-bundle.json and ${Object.keys(expected).length} passes (TEST KEYS, invented people)`);
}
