import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  createTrustStore, createVerifier, ErrorCodes, TrustErrorCodes, evaluatePolicy, MessageKeys, messageFor, PolicyReasonCodes, resolveLanguage,
  resolvePolicy, supportedLanguages,
} from '@pass-check/verifier-core';

const placeholders = (text) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('messages in every language', () => {
  it('has at least the ten required languages', () => {
    for (const lang of ['en', 'es', 'zh-Hant', 'zh-Hans', 'ru', 'ko', 'ht', 'bn', 'it', 'pl']) assert.ok(supportedLanguages.includes(lang), lang);
  });

  it('covers every error code, trust error code and policy reason', () => {
    for (const code of [...ErrorCodes, ...TrustErrorCodes, ...PolicyReasonCodes]) assert.ok(MessageKeys.includes(code), code);
  });

  it('has every message key in every language (none falls back to English) with the same placeholders', () => {
    const missing = [];
    for (const lang of supportedLanguages) {
      for (const key of MessageKeys) {
        const english = messageFor(key, 'en');
        const text = messageFor(key, lang);
        if (typeof text !== 'string' || text.trim().length < 2) missing.push(`${lang} ${key}: empty`);
        else if (lang !== 'en' && text === english) missing.push(`${lang} ${key}: same as English`);
        else if (placeholders(text).join() !== placeholders(english).join()) missing.push(`${lang} ${key}: placeholders differ`);
      }
    }
    assert.deepEqual(missing, []);
  });

  it('fills placeholders as plain text', () => {
    assert.equal(messageFor('TEST_TOO_OLD', 'en', { hours: 72 }), 'The sample was taken more than 72 hours ago.');
    assert.equal(messageFor('AGE_EXEMPT', 'en', { years: '<b>12</b>' }), 'Under <b>12</b>: exempt.');
    assert.equal(messageFor('TEST_TOO_OLD', 'en'), 'The sample was taken more than {hours} hours ago.', 'a missing value stays visible');
  });
});

describe('choosing the language', () => {
  const cases = {
    en: 'en', 'en-GB': 'en', es: 'es', 'es-MX': 'es', 'ES-mx': 'es',
    'zh-TW': 'zh-Hant', 'zh-HK': 'zh-Hant', 'zh-Hant': 'zh-Hant', 'zh-Hant-CN': 'zh-Hant',
    zh: 'zh-Hans', 'zh-CN': 'zh-Hans', 'zh-SG': 'zh-Hans', 'zh-Hans': 'zh-Hans',
    'ru-RU': 'ru', 'ko-KR': 'ko', 'ht-HT': 'ht', 'bn-BD': 'bn', 'it-CH': 'it', 'pl-PL': 'pl', fr: 'fr',
    de: 'en', 'xx-YY': 'en', '': 'en', 'not a locale!': 'en',
  };
  for (const [tag, language] of Object.entries(cases)) {
    it(`${JSON.stringify(tag)} → ${language}`, () => assert.equal(resolveLanguage(tag), language));
  }
  it('gives Traditional and Simplified Chinese their own characters', () => {
    assert.equal(messageFor('EXPIRED', 'zh-TW'), '通行證已過期。');
    assert.equal(messageFor('EXPIRED', 'zh-CN'), '通行证已过期。');
  });
  it('falls back to English for an unknown language', () => {
    assert.equal(messageFor('EXPIRED', 'de-DE'), messageFor('EXPIRED', 'en'));
  });
  it('localizes the error messages of a result', async () => {
    const r = await createVerifier({ trust: createTrustStore(), locale: 'ko' }).verify('hello world');
    assert.equal(r.errors[0].code, 'UNSUPPORTED_FORMAT');
    assert.equal(r.errors[0].message, messageFor('UNSUPPORTED_FORMAT', 'ko'));
    assert.notEqual(r.errors[0].message, messageFor('UNSUPPORTED_FORMAT', 'en'));
  });
});

describe('dates written for the locale (Intl)', () => {
  const pass = {
    format: 'idhp', errors: [], holder: { name: 'A' },
    credential: { kind: 'vaccination', doses: [{ date: '2021-05-01' }], seriesComplete: true, completedOn: '2021-05-01' },
  };
  const reason = (locale) => evaluatePolicy(resolvePolicy('vaccinated'), pass, new Date('2021-05-20T00:00:00Z'), locale, 'full').reasons[0].message;
  it('formats the same day in each language', () => {
    assert.equal(reason('en'), 'Fully vaccinated since May 15, 2021.');
    assert.match(reason('es'), /15 de mayo de 2021/);
    assert.match(reason('it'), /15 maggio 2021/);
    assert.match(reason('pl'), /15 maja 2021/);
    assert.match(reason('ru'), /15 мая 2021 г\.$/, 'one full stop, not two');
    assert.match(reason('zh-TW'), /2021年5月15日/);
    assert.match(reason('ko'), /2021년 5월 15일/);
    assert.match(reason('ht'), /15 mai 2021/, 'Haitian Creole dates in French of Haiti (no ICU data for ht)');
    assert.match(reason('bn'), /২০২১/, 'Bengali digits');
  });
  it('writes a sample time on the venue clock', () => {
    const test = { format: 'dcc', errors: [], holder: { name: 'A' }, credential: { kind: 'test', testType: 'naat', result: 'negative', collectedAt: new Date('2021-05-10T12:00:00Z') } };
    const message = evaluatePolicy(resolvePolicy('ny-2021'), test, new Date('2021-05-10T20:00:00Z'), 'en-US', 'full').reasons[0].message;
    assert.match(message, /May 10, 2021.*8:00\sAM/, message);
  });
});
