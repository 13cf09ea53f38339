// The demo's passes and trust bundle, made fresh at every start by the
// verifier-core test kit: generated keys, invented people, never the shared
// corpus or anyone's real pass. Dates are relative to now, so "valid" stays
// valid and "expired" stays expired whenever the demo is run.
import * as kit from '@pass-check/verifier-core/testing';

const DAY_MS = 24 * 60 * 60 * 1000;
const HOUR_MS = 60 * 60 * 1000;

const isoDate = (date) => date.toISOString().slice(0, 10);
const daysFromNow = (days) => new Date(Date.now() + days * DAY_MS);

/** The door rules the demo scanner applies (a preset of verifier-core). */
export const demoPolicy = 'ny-2021';

/**
 * One sample: `qr` holds one QR text, or several for a chunked card (each
 * chunk is its own QR code). `expect` is what a correct scanner shows, for
 * the people trying the demo and for the browser test that walks it.
 * `qrBytes` (base64), when present, is what the QR code really holds (a DIVOC
 * code holds a ZIP archive); `qr` then holds the same pass as text.
 * @typedef {{ id: string, label: string, format: 'shc'|'dcc'|'idhp'|'vdsnc'|'divoc', kind: string,
 *   qr: string[], qrBytes?: string, expect: { verdict: 'accepted'|'rejected', reason?: string } }} DemoSample
 */

async function shcSamples() {
  const issuer = await kit.createShcIssuer({ iss: 'https://demo-health.pass-check.invalid', name: 'Demo Health Department (test keys)' });
  const stranger = await kit.createShcIssuer({ iss: 'https://unlisted-clinic.pass-check.invalid', name: 'Unlisted Clinic' });
  const revokedRid = 'demo-revoked-0001';
  const visitor = { given: ['Alex'], family: 'Demo', birthDate: '1985-04-12' };
  const completeSeries = [
    { cvx: '208', date: isoDate(daysFromNow(-90)), performer: 'Demo Vaccination Centre', lotNumber: 'DEMO-1' },
    { cvx: '208', date: isoDate(daysFromNow(-60)), performer: 'Demo Vaccination Centre', lotNumber: 'DEMO-2' },
  ];
  const valid = await issuer.issue({ patient: visitor, doses: completeSeries, nbf: daysFromNow(-59) });
  const longCard = await issuer.issue({
    patient: { given: ['Sam', 'Chunked'], family: 'Demo', birthDate: '1979-11-02' },
    doses: completeSeries,
    nbf: daysFromNow(-59),
  });
  const samples = [
    { id: 'shc-valid', label: 'SMART Health Card, fully vaccinated', format: 'shc', kind: 'vaccination', card: valid, expect: { verdict: 'accepted' } },
    {
      id: 'shc-test-negative', label: 'SMART Health Card, negative PCR test (6 hours old)', format: 'shc', kind: 'test',
      card: await issuer.issue({
        patient: { given: ['Robin'], family: 'Demo', birthDate: '1992-07-30' },
        test: { loinc: '94500-6', result: '260385009', collected: new Date(Date.now() - 6 * HOUR_MS).toISOString(), performer: 'Demo Test Lab' },
        nbf: new Date(Date.now() - 5 * HOUR_MS),
      }),
      expect: { verdict: 'accepted' },
    },
    {
      id: 'shc-test-positive', label: 'SMART Health Card, positive PCR test', format: 'shc', kind: 'test',
      card: await issuer.issue({
        patient: { given: ['Kim'], family: 'Demo', birthDate: '1970-02-14' },
        test: { loinc: '94500-6', result: '10828004', collected: new Date(Date.now() - 6 * HOUR_MS).toISOString(), performer: 'Demo Test Lab' },
        nbf: new Date(Date.now() - 5 * HOUR_MS),
      }),
      expect: { verdict: 'rejected', reason: 'policy' },
    },
    {
      id: 'shc-one-dose', label: 'SMART Health Card, one dose of two', format: 'shc', kind: 'vaccination',
      card: await issuer.issue({ patient: { given: ['Lee'], family: 'Demo', birthDate: '2001-09-09' }, doses: completeSeries.slice(0, 1), nbf: daysFromNow(-89) }),
      expect: { verdict: 'rejected', reason: 'policy' },
    },
    {
      id: 'shc-expired', label: 'SMART Health Card, expired yesterday', format: 'shc', kind: 'vaccination',
      card: await issuer.issue({ patient: visitor, doses: completeSeries, nbf: daysFromNow(-59), exp: daysFromNow(-1) }),
      expect: { verdict: 'rejected', reason: 'EXPIRED' },
    },
    {
      id: 'shc-not-yet-valid', label: 'SMART Health Card, valid from tomorrow', format: 'shc', kind: 'vaccination',
      card: await issuer.issue({ patient: visitor, doses: completeSeries, nbf: daysFromNow(1) }),
      expect: { verdict: 'rejected', reason: 'NOT_YET_VALID' },
    },
    {
      id: 'shc-revoked', label: 'SMART Health Card, revoked by its issuer', format: 'shc', kind: 'vaccination',
      card: await issuer.issue({ patient: visitor, doses: completeSeries, nbf: daysFromNow(-59), rid: revokedRid }),
      expect: { verdict: 'rejected', reason: 'REVOKED' },
    },
    {
      id: 'shc-tampered', label: 'SMART Health Card, changed after signing', format: 'shc', kind: 'vaccination',
      card: await issuer.issue({ patient: visitor, doses: completeSeries, nbf: daysFromNow(-59), tamper: true }),
      expect: { verdict: 'rejected', reason: 'BAD_SIGNATURE' },
    },
    {
      id: 'shc-unknown-issuer', label: 'SMART Health Card from an issuer not in the trust bundle', format: 'shc', kind: 'vaccination',
      card: await stranger.issue({ patient: visitor, doses: completeSeries, nbf: daysFromNow(-59) }),
      expect: { verdict: 'rejected', reason: 'UNKNOWN_ISSUER' },
    },
    {
      // Pass fields are data, never markup: this one must show its name as text and run nothing.
      id: 'shc-markup-name', label: 'SMART Health Card whose name holds HTML (shown as text)', format: 'shc', kind: 'vaccination',
      card: await issuer.issue({
        patient: { given: ['<img src=x onerror="window.passCheckDemoInjected=true">'], family: 'Demo', birthDate: '1990-01-01' },
        doses: completeSeries, nbf: daysFromNow(-59),
      }),
      expect: { verdict: 'accepted' },
    },
  ].map(({ card, ...sample }) => ({ ...sample, qr: [card.numeric] }));
  samples.push({
    id: 'shc-chunked', label: 'SMART Health Card in 3 chunks (legacy), fully vaccinated', format: 'shc', kind: 'vaccination',
    qr: longCard.chunks(3), expect: { verdict: 'accepted' },
  });
  return { samples, trust: { shc: [issuer.trustEntry({ rids: [revokedRid] })] } };
}

async function idhpSamples() {
  if (typeof kit.createIdhpIssuer !== 'function') return { samples: [], trust: {}, missing: 'IDHP test kit' };
  const issuer = await kit.createIdhpIssuer({ name: 'Demo State Pass (test keys)' });
  const credential = await issuer.issueVaccination({
    givenName: 'Jo', familyName: 'Demo', birthDate: '1964-03-21',
    dateOfVaccination: isoDate(daysFromNow(-45)), medicinalProductCode: '207', doseNumber: 2, dosesPerCycle: 2,
    issuanceDate: daysFromNow(-44).toISOString(), expirationDate: daysFromNow(300).toISOString(),
  });
  return {
    samples: [{
      id: 'idhp-valid', label: 'IBM Digital Health Pass, fully vaccinated', format: 'idhp', kind: 'vaccination',
      qr: [JSON.stringify(credential)], expect: { verdict: 'accepted' },
    }],
    trust: { idhp: [issuer.trustEntry] },
  };
}

async function vdsncSamples() {
  if (typeof kit.createVdsncCsca !== 'function') return { samples: [], trust: {}, missing: 'VDS-NC test kit' };
  const csca = await kit.createVdsncCsca({ country: 'UTO' });
  const signer = await csca.createSigner();
  const revokedSigner = await csca.createSigner();
  const vaccinated = await signer.issue({
    name: 'DEMO  KIM', birthDate: '1972-09-30', vaccine: 'Comirnaty',
    doses: [{ date: isoDate(daysFromNow(-80)) }, { date: isoDate(daysFromNow(-50)) }],
  });
  const tested = await signer.issue({ type: 'icao.test', name: 'DEMO  LEE', birthDate: '1990-01-29', sampledAt: new Date(Date.now() - 5 * HOUR_MS) });
  const revoked = await revokedSigner.issue({ name: 'DEMO  REVOKED', birthDate: '1966-06-06', doses: [{ date: isoDate(daysFromNow(-90)) }, { date: isoDate(daysFromNow(-60)) }] });
  return {
    samples: [
      { id: 'vdsnc-valid', label: 'ICAO VDS-NC seal, fully vaccinated', format: 'vdsnc', kind: 'vaccination', qr: [vaccinated], expect: { verdict: 'accepted' } },
      { id: 'vdsnc-test-negative', label: 'ICAO VDS-NC seal, negative PCR test', format: 'vdsnc', kind: 'test', qr: [tested], expect: { verdict: 'accepted' } },
      { id: 'vdsnc-revoked', label: 'ICAO VDS-NC seal from a revoked signer', format: 'vdsnc', kind: 'vaccination', qr: [revoked], expect: { verdict: 'rejected', reason: 'REVOKED' } },
    ],
    trust: { vdsnc: [csca.bundleEntry([await csca.crl({ revoked: [revokedSigner] })])] },
  };
}

async function divocSamples() {
  if (typeof kit.createDivocIssuer !== 'function') return { samples: [], trust: {}, missing: 'DIVOC test kit' };
  const issuer = await kit.createDivocIssuer({ name: 'Demo Ministry of Health (test keys)' });
  const complete = await issuer.issue({ name: 'Priya Demo', birthDate: '1983-02-14', dose: 2, of: 2, date: isoDate(daysFromNow(-40)), subjectId: 'did:Demo Card:1234' });
  const partial = await issuer.issue({ name: 'Ravi Demo', birthDate: '1991-07-01', dose: 1, of: 2, date: isoDate(daysFromNow(-20)) });
  const sample = async (id, label, certificate, expect) => ({
    id, label, format: 'divoc', kind: 'vaccination', qr: [JSON.stringify(certificate)],
    qrBytes: Buffer.from(await kit.divocQrBytes(certificate)).toString('base64'), expect,
  });
  return {
    samples: [
      await sample('divoc-valid', 'DIVOC certificate (CoWIN style), fully vaccinated', complete, { verdict: 'accepted' }),
      await sample('divoc-partial', 'DIVOC certificate, dose 1 of 2', partial, { verdict: 'rejected', reason: 'policy' }),
    ],
    trust: { divoc: [issuer.bundleEntry()] },
  };
}

async function dccSamples() {
  if (typeof kit.createDccSigner !== 'function') return { samples: [], trust: {}, missing: 'DCC test kit' };
  // The document signer's certificate must already be valid when a pass was signed.
  const signer = await kit.createDccSigner({ country: 'AT', notBefore: daysFromNow(-400), notAfter: daysFromNow(700) });
  const holder = { givenName: 'Maria', familyName: 'Demo', birthDate: '1988-08-08' };
  const vaccination = await signer.issue({
    kind: 'vaccination', holder, dose: 2, of: 2, date: isoDate(daysFromNow(-50)), issuedAt: daysFromNow(-49),
  });
  const negativeTest = await signer.issue({
    kind: 'test', holder: { givenName: 'Jan', familyName: 'Demo', birthDate: '1995-12-01' },
    testType: 'naat', result: 'negative', sampledAt: new Date(Date.now() - 3 * HOUR_MS), issuedAt: new Date(Date.now() - 2 * HOUR_MS),
  });
  return {
    samples: [
      { id: 'dcc-valid', label: 'EU Digital COVID Certificate, fully vaccinated', format: 'dcc', kind: 'vaccination', qr: [vaccination], expect: { verdict: 'accepted' } },
      { id: 'dcc-test-negative', label: 'EU Digital COVID Certificate, negative PCR test', format: 'dcc', kind: 'test', qr: [negativeTest], expect: { verdict: 'accepted' } },
    ],
    trust: { dcc: [{ certificate: signer.certificate, country: signer.country }] },
  };
}

/**
 * Makes every demo sample and the trust bundle that trusts the demo issuers
 * (and deliberately not the "unlisted" one). `missing` names any format
 * whose test kit is not in this build, so the demo says so instead of faking it.
 * @returns {Promise<{ samples: DemoSample[], trustBundle: object, missing: string[] }>}
 */
export async function makeDemoData() {
  const parts = await Promise.all([shcSamples(), dccSamples(), idhpSamples(), vdsncSamples(), divocSamples()]);
  const trustBundle = { version: 1, updated: new Date().toISOString(), shc: [], dcc: [], idhp: [], vdsnc: [], divoc: [] };
  for (const part of parts) {
    for (const key of ['shc', 'dcc', 'idhp', 'vdsnc', 'divoc']) trustBundle[key].push(...(part.trust[key] ?? []));
  }
  return {
    samples: parts.flatMap((part) => part.samples),
    trustBundle,
    missing: parts.map((part) => part.missing).filter(Boolean),
  };
}
