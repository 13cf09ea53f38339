// Byte mode without an ECI: the character set is guessed (UTF-8 when valid,
// else Shift JIS when the bytes are valid Shift JIS holding kana, kanji or
// full-width punctuation led by 0x81–0x9F,
// else ISO-8859-1); `bytes` always carries the raw payload. Expected texts
// come from the platform's WHATWG Shift_JIS decoder, not from our table.
import { describe, it, before } from 'node:test';
import assert from 'node:assert/strict';
import { createQrDecoder, createQrEncoder } from '@pass-check/wasm-qr';
import { seededRandom } from './codec-helpers.js';

const sjisDecoder = new TextDecoder('shift_jis');

/** Shift JIS bytes of `text` (JIS X 0208 characters, ASCII, half-width katakana), by inverting the platform decoder. */
function shiftJis(text) {
  if (!shiftJis.table) {
    shiftJis.table = new Map();
    const leads = [];
    for (let b = 0x81; b <= 0x9f; b++) leads.push(b);
    for (let b = 0xe0; b <= 0xef; b++) leads.push(b);
    for (const lead of leads) {
      for (let trail = 0x40; trail <= 0xfc; trail++) {
        if (trail === 0x7f) continue;
        const ch = sjisDecoder.decode(new Uint8Array([lead, trail]));
        if (ch.length === 1 && ch !== '\ufffd' && !shiftJis.table.has(ch)) shiftJis.table.set(ch, [lead, trail]);
      }
    }
    for (let b = 0xa1; b <= 0xdf; b++) shiftJis.table.set(String.fromCodePoint(0xff61 + b - 0xa1), [b]);
  }
  const out = [];
  for (const ch of text) {
    const cp = ch.codePointAt(0);
    if (cp < 0x80) out.push(cp);
    else if (shiftJis.table.has(ch)) out.push(...shiftJis.table.get(ch));
    else throw new Error(`no Shift JIS for ${ch}`);
  }
  return new Uint8Array(out);
}

describe('charset guess for byte mode without ECI', () => {
  let encoder;
  let decoder;
  before(async () => {
    encoder = await createQrEncoder();
    decoder = await createQrDecoder();
  });
  const roundTrip = (input, options) => decoder.decodeModules(encoder.encode(input, options));

  it('Shift JIS Japanese text (kanji, kana, ASCII, half-width katakana) becomes the right Unicode text', () => {
    for (const text of ['日本語のテキスト', 'http://example.jp/ 東京都千代田区', '予約番号: 12345 ｱｲｳ', 'ｶﾀｶﾅとﾃｷｽﾄ', '「ＱＲコード」～①']) {
      let bytes;
      try { bytes = shiftJis(text); } catch { continue; } // a character outside JIS X 0208 on this platform
      assert.equal(sjisDecoder.decode(bytes), text);
      const code = roundTrip(bytes); // a Uint8Array is one byte-mode segment, no ECI
      assert.equal(code.text, text, text);
      assert.deepEqual(code.bytes, bytes);
    }
  });

  it('UTF-8 stays UTF-8 (also Japanese UTF-8, which is never valid Shift JIS)', () => {
    for (const text of ['日本語のテキスト', 'Grüße', 'HC1:6BF+70790T9WJWG.FKY*4GO0.O1CV2', 'shc:/5676290952432060346029']) {
      const bytes = new TextEncoder().encode(text);
      assert.equal(roundTrip(bytes).text, text);
    }
  });

  it('ISO-8859-1 text stays ISO-8859-1, also where a letter or two would be half-width katakana', () => {
    const latin1 = (s) => new Uint8Array([...s].map((c) => c.charCodeAt(0)));
    for (const text of ['café', 'Müller', 'ÀÁ ok', 'Ölçü', 'año ÑÓ', 'Ü', '±½¾', 'ÀÉÎÕÜ ãéíõü']) {
      const bytes = latin1(text);
      const code = roundTrip(bytes);
      assert.equal(code.text, text, text);
      assert.deepEqual(code.bytes, bytes);
    }
  });

  it('an ECI still wins over the guess', () => {
    const bytes = shiftJis('日本');
    assert.equal(roundTrip([{ mode: 'eci', assignment: 3 }, { mode: 'byte', data: bytes }]).text, [...bytes].map((b) => String.fromCharCode(b)).join(''));
    assert.equal(roundTrip([{ mode: 'eci', assignment: 20 }, { mode: 'byte', data: bytes }]).text, '日本');
  });

  it('random bytes: never a throw, bytes always raw, text one of the three readings', () => {
    const random = seededRandom(15);
    const latin1Text = (b) => [...b].map((x) => String.fromCharCode(x)).join('');
    for (let n = 0; n < 300; n++) {
      const bytes = new Uint8Array(1 + Math.floor(random() * 40));
      for (let i = 0; i < bytes.length; i++) bytes[i] = Math.floor(random() * 256);
      const code = roundTrip(bytes);
      assert.deepEqual(code.bytes, bytes);
      let utf8 = null;
      try { utf8 = new TextDecoder('utf-8', { fatal: true }).decode(bytes); } catch { /* not UTF-8 */ }
      if (utf8 !== null) assert.equal(code.text, utf8);
      else assert.ok(code.text === latin1Text(bytes) || code.text === sjisDecoder.decode(bytes), `bytes ${[...bytes]}`);
    }
  });
});
