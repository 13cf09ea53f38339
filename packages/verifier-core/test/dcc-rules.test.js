import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createTrustStore, createVerifier, evaluateDccRules, evaluatePolicy, resolvePolicy, selectDccRules } from '@pass-check/verifier-core';
import { createDccSigner } from '@pass-check/verifier-core/testing';

const DAY = 86_400_000;
const iso = (ms) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
const atSigner = createDccSigner({ country: 'AT' });
const deSigner = createDccSigner({ country: 'DE' });

/** A rule as the DCC gateway distributes it, in force from yesterday for a year unless told otherwise. */
function rule(identifier, logic, extra = {}) {
  return {
    Identifier: identifier, Type: 'Acceptance', Country: 'AT', Version: '1.0.0', SchemaVersion: '1.0.0',
    Engine: 'CERTLOGIC', EngineVersion: '0.7.5', CertificateType: 'General',
    Description: [{ lang: 'en', desc: `English text of ${identifier}` }, { lang: 'fr', desc: `Texte français de ${identifier}` }],
    ValidFrom: iso(Date.now() - DAY), ValidTo: iso(Date.now() + 365 * DAY), AffectedFields: [], Logic: logic, ...extra,
  };
}
// Series complete (dn >= sd), vaccinated at least 14 days before the validation clock.
const completeSeries = rule('VR-AT-0001', { if: [{ var: 'payload.v.0' }, { '>=': [{ var: 'payload.v.0.dn' }, { var: 'payload.v.0.sd' }] }, true] }, { CertificateType: 'Vaccination' });
const fourteenDays = rule('VR-AT-0002', {
  if: [{ var: 'payload.v.0' }, { 'not-before': [{ plusTime: [{ var: 'external.validationClock' }, 0, 'day'] }, { plusTime: [{ var: 'payload.v.0.dt' }, 14, 'day'] }] }, true],
}, { CertificateType: 'Vaccination' });
// The product must be in the value set the rule reads from `external.valueSets`.
const listedProduct = rule('VR-AT-0003', { in: [{ var: 'payload.v.0.mp' }, { var: 'external.valueSets.vaccines-covid-19-names' }] }, { CertificateType: 'Vaccination' });
// Tests: sample at most 48 hours before the validation clock.
const recentTest = rule('TR-AT-0001', {
  'not-after': [{ plusTime: [{ var: 'external.validationClock' }, 0, 'day'] }, { plusTime: [{ var: 'payload.t.0.sc' }, 48, 'hour'] }],
}, { CertificateType: 'Test' });
const AT_RULES = [completeSeries, fourteenDays, listedProduct, recentTest];

async function setup({ rules = AT_RULES, signer = atSigner, policy = 'eu-dcc:AT', locale } = {}) {
  const s = await signer;
  const trust = createTrustStore();
  const report = await trust.importBundle({ version: 1, dcc: [{ certificate: s.certificate }], dccRules: rules });
  return { signer: s, trust, report, verifier: createVerifier({ trust, policy, ...(locale ? { locale } : {}) }) };
}
const dateDaysAgo = (days) => new Date(Date.now() - days * DAY).toISOString().slice(0, 10);

describe('evaluateDccRules: CertLogic through certlogic-js', () => {
  it('passes only on exactly true, in order, with the value', async () => {
    const payload = { v: [{ dn: 2, sd: 2 }] };
    const { results } = await evaluateDccRules([
      { Identifier: 'A', Logic: { '===': [{ var: 'payload.v.0.dn' }, 2] } },
      { Identifier: 'B', Logic: { var: 'payload.v.0.dn' } },
      { Identifier: 'C', Logic: { in: [{ var: 'external.countryCode' }, ['AT', 'DE']] } },
    ], { payload, validationClock: new Date().toISOString(), countryCode: 'DE' });
    assert.deepEqual(results, [
      { identifier: 'A', passed: true, value: true },
      { identifier: 'B', passed: false, value: 2 },
      { identifier: 'C', passed: true, value: true },
    ]);
  });
  it('a rule that is no CertLogic fails with CertLogic\'s findings; odd rules fail, never throw', async () => {
    let deep = true;
    for (let i = 0; i < 20_000; i++) deep = { '!': [deep] };
    const { results } = await evaluateDccRules([
      { Identifier: 'bad-op', Logic: { bogus: [1] } },
      { Identifier: 'two-keys', Logic: { and: [true], or: [true] } },
      { Identifier: 'no-logic' },
      'not a rule',
      { Identifier: 'deep', Logic: deep },
      { Identifier: 'type-error', Logic: { '+': [{ var: 'payload.x' }, 1] } },
    ], { payload: { x: 'text' } });
    assert.deepEqual(results.map((r) => [r.identifier, r.passed]), [['bad-op', false], ['two-keys', false], ['no-logic', false], ['#3', false], ['deep', false], ['type-error', false]]);
    assert.ok(results[0].issues.length >= 1);
    for (const r of results) assert.equal(typeof r.error, 'string', r.identifier);
  });
  it('throws a TypeError only for caller mistakes', async () => {
    await assert.rejects(evaluateDccRules('rules', { payload: {} }), TypeError);
    await assert.rejects(evaluateDccRules([], {}), TypeError);
  });
});

describe('selectDccRules: which rules apply, as the EU verifier apps choose', () => {
  const now = new Date();
  it('the country\'s acceptance rules and the issuer\'s invalidation rules, of the pass\'s type or General, newest version in force', () => {
    const rules = [
      rule('GR-AT-0001', true),
      rule('GR-AT-0001', false, { Version: '1.1.0' }),
      rule('GR-AT-0001', false, { Version: '2.0.0', ValidFrom: iso(Date.now() + DAY) }), // not yet in force
      rule('GR-AT-0002', true, { ValidTo: iso(Date.now() - 1000) }), // expired
      rule('TR-AT-0001', true, { CertificateType: 'Test' }),
      rule('GR-DE-0001', true, { Country: 'DE' }),
      rule('IR-DE-0001', true, { Country: 'DE', Type: 'Invalidation' }),
      rule('IR-FR-0001', true, { Country: 'FR', Type: 'Invalidation' }),
    ];
    const { apply, acceptance } = selectDccRules(rules, { country: 'AT', issuingCountry: 'DE', kind: 'vaccination', at: now });
    assert.deepEqual(apply.map((r) => `${r.Identifier}@${r.Version}`), ['GR-AT-0001@1.1.0', 'IR-DE-0001@1.0.0']);
    assert.equal(acceptance, 2);
  });
});

describe('policy eu-dcc:CC: a country\'s business rules decide at the door', () => {
  it('admits a pass that meets every rule', async () => {
    const { signer, verifier, report } = await setup();
    assert.deepEqual(report.rejected, []);
    const r = await verifier.verify(await signer.issue({ kind: 'vaccination', date: dateDaysAgo(20) }));
    assert.equal(r.status, 'valid');
    assert.equal(r.policy.decision, 'accept');
    assert.equal(r.policy.rule, 'eu-dcc:AT');
    assert.deepEqual(r.policy.reasons.map((x) => x.code), ['DCC_RULES_MET']);
  });
  it('names each failed rule, in the caller\'s language where the rule carries it', async () => {
    const text = await (await atSigner).issue({ kind: 'vaccination', dose: 1, of: 2, date: dateDaysAgo(3) });
    const en = await (await setup()).verifier.verify(text);
    assert.equal(en.status, 'valid');
    assert.equal(en.policy.decision, 'reject');
    assert.deepEqual(en.policy.reasons.map((x) => [x.code, x.dccRule]), [['DCC_RULE_FAILED', 'VR-AT-0001'], ['DCC_RULE_FAILED', 'VR-AT-0002']]);
    assert.equal(en.policy.reasons[0].message, 'Entry rule VR-AT-0001 is not met: English text of VR-AT-0001');
    const fr = await (await setup({ locale: 'fr-CH' })).verifier.verify(text);
    assert.equal(fr.policy.reasons[0].message, "La règle d'entrée VR-AT-0001 n'est pas respectée : Texte français de VR-AT-0001");
    // A language the rule does not carry: the library's language, the rule's English text.
    const ko = await (await setup({ locale: 'ko' })).verifier.verify(text);
    assert.match(ko.policy.reasons[0].message, /English text of VR-AT-0001/);
  });
  it('a free-text product passes the schema but not a rule that checks the value set', async () => {
    const { signer, verifier } = await setup();
    const r = await verifier.verify(await signer.issue({ kind: 'vaccination', date: dateDaysAgo(20), mutate: (d) => { d.v[0].mp = 'COVID-19 Vaccine Moderna'; } }));
    assert.equal(r.status, 'valid');
    assert.deepEqual(r.policy.reasons.map((x) => x.dccRule), ['VR-AT-0003']);
  });
  it('applies only the rules of the pass\'s type: an old test fails the test rule, not the vaccination rules', async () => {
    const { signer, verifier } = await setup();
    const old = await verifier.verify(await signer.issue({ kind: 'test', sampledAt: new Date(Date.now() - 50 * 3_600_000), issuedAt: new Date(Date.now() - 49 * 3_600_000) }));
    assert.deepEqual(old.policy.reasons.map((x) => x.dccRule), ['TR-AT-0001']);
    const fresh = await verifier.verify(await signer.issue({ kind: 'test', sampledAt: new Date(Date.now() - 3 * 3_600_000) }));
    assert.equal(fresh.policy.decision, 'accept');
  });
  it('refuses when the country has no rules in force: no rules is no yes', async () => {
    const { signer, verifier } = await setup({ policy: 'eu-dcc:it' });
    const r = await verifier.verify(await signer.issue({ kind: 'vaccination', date: dateDaysAgo(20) }));
    assert.equal(r.policy.decision, 'reject');
    assert.deepEqual(r.policy.reasons.map((x) => x.code), ['DCC_RULES_MISSING']);
    assert.match(r.policy.reasons[0].message, /IT/);
    const expired = await setup({ rules: [rule('GR-AT-0001', true, { ValidTo: iso(Date.now() - 1000) })] });
    const e = await expired.verifier.verify(await expired.signer.issue({ kind: 'vaccination' }));
    assert.deepEqual(e.policy.reasons.map((x) => x.code), ['DCC_RULES_MISSING']);
  });
  it('the issuing country\'s invalidation rules apply as well', async () => {
    const invalidation = rule('IR-DE-0001', { '!': [{ in: [{ var: 'payload.v.0.ci' }, ['URN:UVCI:01:DE:REVOKEDBYRULE']] }] }, { Country: 'DE', Type: 'Invalidation' });
    const { signer, verifier } = await setup({ rules: [...AT_RULES, invalidation], signer: deSigner });
    const ok = await verifier.verify(await signer.issue({ kind: 'vaccination', date: dateDaysAgo(20) }));
    assert.equal(ok.policy.decision, 'accept', JSON.stringify(ok.policy));
    const listed = await verifier.verify(await signer.issue({ kind: 'vaccination', date: dateDaysAgo(20), uvci: 'URN:UVCI:01:DE:REVOKEDBYRULE' }));
    assert.deepEqual(listed.policy.reasons.map((x) => x.dccRule), ['IR-DE-0001']);
  });
  it('rules from the caller replace the bundle\'s', async () => {
    const { signer, trust } = await setup();
    const policy = { rules: [{ id: 'at-strict', type: 'eu-dcc', country: 'AT', rules: [rule('GR-AT-9999', false)] }] };
    const r = await createVerifier({ trust, policy }).verify(await signer.issue({ kind: 'vaccination', date: dateDaysAgo(20) }));
    assert.deepEqual(r.policy.reasons.map((x) => [x.rule, x.dccRule]), [['at-strict', 'GR-AT-9999']]);
  });
  it('refuses an invalid pass without running rules; a pass of another format is not a DCC', async () => {
    const { signer, verifier } = await setup();
    const expired = await verifier.verify(await signer.issue({ kind: 'vaccination', issuedAt: new Date(Date.now() - 400 * DAY), expiresAt: new Date(Date.now() - DAY) }));
    assert.deepEqual(expired.policy.reasons.map((x) => x.code), ['PASS_NOT_VALID']);
    const outcome = { format: 'idhp', errors: [], credential: { kind: 'vaccination', doses: [], seriesComplete: true } };
    assert.deepEqual(evaluatePolicy(resolvePolicy('eu-dcc:AT'), outcome, new Date(), 'en').reasons.map((x) => x.code), ['FORMAT_NOT_ACCEPTED']);
    // evaluatePolicy alone cannot run the (asynchronous) rules: it refuses rather than guess.
    const dcc = { format: 'dcc', errors: [], credential: { kind: 'vaccination', doses: [], seriesComplete: true } };
    assert.deepEqual(evaluatePolicy(resolvePolicy('eu-dcc:AT'), dcc, new Date(), 'en').reasons.map((x) => x.code), ['DCC_RULES_NOT_RUN']);
  });
  it('bundle rules that are not rules are reported (INVALID_RULE), the rest load; policies are checked', async () => {
    const { report, trust } = await setup({ rules: [...AT_RULES, { Identifier: 'X' }, rule('Y', true, { Engine: 'OTHER' }), rule('Z', true, { Country: 'Austria' }), 7] });
    assert.deepEqual(report.rejected.map((r) => r.code), ['INVALID_RULE', 'INVALID_RULE', 'INVALID_RULE', 'INVALID_RULE']);
    assert.equal((await trust.exportBundle()).dccRules.length, AT_RULES.length);
    assert.throws(() => resolvePolicy('eu-dcc:AUT'), TypeError);
    assert.throws(() => resolvePolicy({ rules: [{ id: 'x', type: 'eu-dcc', country: 'Austria' }] }), TypeError);
    assert.throws(() => resolvePolicy({ rules: [{ id: 'x', type: 'eu-dcc', country: 'AT', rules: 'all' }] }), TypeError);
    assert.deepEqual(resolvePolicy('eu-dcc:at').rules, [{ id: 'eu-dcc:AT', type: 'eu-dcc', country: 'AT', formats: ['dcc'] }]);
  });
  it('a rule nested deeper than any stack is reported, not thrown; stored rules run as often as asked', async () => {
    let deep = true;
    for (let i = 0; i < 200_000; i++) deep = { '!': [deep] };
    const { report, signer, verifier } = await setup({ rules: [...AT_RULES, rule('GR-AT-DEEP', deep)] });
    assert.deepEqual(report.rejected.map((r) => r.code), ['INVALID_RULE']);
    const text = await signer.issue({ kind: 'vaccination', date: dateDaysAgo(20) });
    for (let i = 0; i < 3; i++) assert.equal((await verifier.verify(text)).policy.decision, 'accept');
  });
});
