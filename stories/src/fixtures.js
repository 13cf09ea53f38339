// Real passes for the stories, made in the browser by the verifier-core test
// kit (fresh keys on every load, invented people), and a trust bundle of their
// issuers for the elements' `trust` attribute. The verdicts in the stories come
// from the elements actually verifying these passes, not from canned results.
import { createTrustStore } from '@pass-check/verifier-core';
import { createDccSigner, createDivocIssuer, createIdhpIssuer, createShcIssuer, createVdsncCsca, divocQrBytes } from '@pass-check/verifier-core/testing';

const DAY_MS = 24 * 60 * 60 * 1000;
const HOUR_MS = 60 * 60 * 1000;
const daysFromNow = (days) => new Date(Date.now() + days * DAY_MS);
const isoDate = (date) => date.toISOString().slice(0, 10);

async function makeFixtures() {
  const shc = await createShcIssuer({ iss: 'https://storybook-health.pass-check.invalid', name: 'Storybook Health Department (test keys)' });
  const stranger = await createShcIssuer({ iss: 'https://unlisted.pass-check.invalid', name: 'Unlisted Clinic' });
  const dcc = await createDccSigner({ country: 'AT', notBefore: daysFromNow(-400), notAfter: daysFromNow(700) });
  const idhp = await createIdhpIssuer({ name: 'Storybook State Pass (test keys)' });
  const revokedRid = 'storybook-revoked-1';
  const csca = await createVdsncCsca({ country: 'UTO' });
  const sealSigner = await csca.createSigner();
  const divoc = await createDivocIssuer({ name: 'Storybook Ministry of Health (test keys)' });

  const trustBundle = {
    version: 1,
    updated: new Date().toISOString(),
    shc: [shc.trustEntry({ rids: [revokedRid] })],
    dcc: [{ certificate: dcc.certificate, country: dcc.country }],
    idhp: [idhp.trustEntry],
    vdsnc: [csca.bundleEntry([await csca.crl()])],
    divoc: [divoc.bundleEntry()],
  };
  // A bundle the store would not fully trust would make every story misleading: stop here instead.
  const report = await createTrustStore().importBundle(trustBundle);
  if (report.rejected.length) throw new Error(`story fixtures: trust bundle rejected ${JSON.stringify(report.rejected)}`);
  // The elements' own `trust` attribute loads a bundle from a URL; a blob URL
  // keeps it in the page (no server, no network).
  const trustUrl = URL.createObjectURL(new Blob([JSON.stringify(trustBundle)], { type: 'application/json' }));

  const patient = { given: ['Alex'], family: 'Storybook', birthDate: '1985-04-12' };
  const series = [
    { cvx: '208', date: isoDate(daysFromNow(-90)), performer: 'Demo Vaccination Centre', lotNumber: 'SB-1' },
    { cvx: '208', date: isoDate(daysFromNow(-60)), performer: 'Demo Vaccination Centre', lotNumber: 'SB-2' },
  ];
  const card = (options) => shc.issue({ patient, doses: series, nbf: daysFromNow(-59), ...options });
  const recentSample = new Date(Date.now() - 6 * HOUR_MS).toISOString();
  const dccHolder = { givenName: 'Maria', familyName: 'Storybook', birthDate: '1988-08-08' };

  const chunked = await shc.issue({ patient: { given: ['Sam'], family: 'Storybook', birthDate: '1979-11-02' }, doses: series, nbf: daysFromNow(-59) });
  return {
    trustUrl,
    shc: {
      vaccination: (await card({})).numeric,
      testNegative: (await card({ test: { loinc: '94500-6', result: '260385009', collected: recentSample, performer: 'Demo Test Lab' }, nbf: new Date(Date.now() - 5 * HOUR_MS) })).numeric,
      testPositive: (await card({ test: { loinc: '94500-6', result: '10828004', collected: recentSample, performer: 'Demo Test Lab' }, nbf: new Date(Date.now() - 5 * HOUR_MS) })).numeric,
      expired: (await card({ exp: daysFromNow(-1) })).numeric,
      notYetValid: (await card({ nbf: daysFromNow(1) })).numeric,
      revoked: (await card({ rid: revokedRid })).numeric,
      tampered: (await card({ tamper: true })).numeric,
      unknownIssuer: (await stranger.issue({ patient, doses: series, nbf: daysFromNow(-59) })).numeric,
      chunks: chunked.chunks(3),
    },
    dcc: {
      vaccination: await dcc.issue({ kind: 'vaccination', holder: dccHolder, dose: 2, of: 2, date: isoDate(daysFromNow(-50)), issuedAt: daysFromNow(-49) }),
      test: await dcc.issue({ kind: 'test', holder: dccHolder, testType: 'antigen', result: 'negative', sampledAt: new Date(Date.now() - 2 * HOUR_MS), issuedAt: new Date(Date.now() - HOUR_MS) }),
      recovery: await dcc.issue({
        kind: 'recovery', holder: dccHolder, issuedAt: daysFromNow(-20),
        firstPositive: isoDate(daysFromNow(-30)), validFrom: isoDate(daysFromNow(-19)), validUntil: isoDate(daysFromNow(150)),
      }),
    },
    vdsnc: {
      vaccination: await sealSigner.issue({
        name: 'STORYBOOK  KIM', birthDate: '1972-09-30', doses: [{ date: isoDate(daysFromNow(-80)) }, { date: isoDate(daysFromNow(-50)) }],
      }),
      test: await sealSigner.issue({ type: 'icao.test', name: 'STORYBOOK  LEE', birthDate: '1990-01-29', sampledAt: new Date(Date.now() - 5 * HOUR_MS) }),
    },
    divoc: {
      // What a DIVOC QR code holds: a ZIP archive with certificate.json.
      vaccination: await divocQrBytes(await divoc.issue({ name: 'Priya Storybook', birthDate: '1983-02-14', dose: 2, of: 2, date: isoDate(daysFromNow(-40)) })),
    },
    idhp: {
      vaccination: JSON.stringify(await idhp.issueVaccination({
        givenName: 'Jo', familyName: 'Storybook', birthDate: '1964-03-21', dateOfVaccination: isoDate(daysFromNow(-45)),
        medicinalProductCode: '207', doseNumber: 2, dosesPerCycle: 2,
        issuanceDate: daysFromNow(-44).toISOString(), expirationDate: daysFromNow(300).toISOString(),
      })),
      test: JSON.stringify(await idhp.issueTest({
        givenName: 'Jo', familyName: 'Storybook', birthDate: '1964-03-21', testResult: 'Negative',
        dateOfSample: new Date(Date.now() - 10 * HOUR_MS).toISOString(),
        issuanceDate: new Date(Date.now() - 9 * HOUR_MS).toISOString(), expirationDate: daysFromNow(3).toISOString(),
      })),
    },
  };
}

let fixtures;
/** The fixtures, made once per page load (key generation and signing take a moment). */
export function loadFixtures() {
  fixtures ??= makeFixtures();
  return fixtures;
}

/** Storybook loader: `loaded.fixtures` in every story that lists it. */
export const fixturesLoader = async () => ({ fixtures: await loadFixtures() });
