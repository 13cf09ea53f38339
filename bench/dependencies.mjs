// What verifier-core writes by hand, against the well-kept library for the same job, on the same
// inputs: inflate (fflate, the platform's DecompressionStream), CBOR (cborg), X.509 (@peculiar/asn1-x509)
// and SHA-256 (@noble/hashes). For each: time per DCC pass, bytes gzipped (each alone, bundled and
// minified by esbuild), and strictness: the same mutated inputs the fuzz suites use, and probes of the
// attacks each stage exists to stop. Results feed docs/notes/dependencies.md.
//
// usage: npm run build && node bench/dependencies.mjs [--json FILE]
// Reads ../shared/corpus/conformance/dcc (when present) for more real passes; copies nothing.
import fs from 'node:fs';
import path from 'node:path';
import { gzipSync, deflateSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import * as esbuild from 'esbuild';
import { unzlibSync } from 'fflate';
import { decode as cborgDecode } from 'cborg';
import { AsnConvert } from '@peculiar/asn1-schema';
import { Certificate as PeculiarCertificate } from '@peculiar/asn1-x509';
import { sha256 as nobleSha256 } from '@noble/hashes/sha2.js';
import { createDccSigner, decodeBase45, decodeCbor, inflateZlib, parseCertificate, sha256Sync, createTestCertificate } from '@pass-check/verifier-core/testing';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const MAX_OUTPUT = 32 * 1024; // verifier-core's cap on an inflated DCC (MAX_DCC_COSE_BYTES, dcc/decode.ts)
const MUTANTS = 20_000;

// ------------------------------------------------------------ inputs
const signers = [await createDccSigner({ country: 'AT' }), await createDccSigner({ country: 'DE', alg: 'PS256' })];
const texts = [];
for (const s of signers) for (const kind of ['vaccination', 'test', 'recovery']) for (let i = 0; i < 5; i++) texts.push(await s.issue({ kind }));
const certificates = signers.map((s) => s.certificateDer);
const shared = path.join(root, '../shared/corpus/conformance/dcc');
if (fs.existsSync(path.join(shared, 'index.json'))) {
  for (const meta of JSON.parse(fs.readFileSync(path.join(shared, 'index.json'), 'utf8')).vectors) {
    const v = JSON.parse(fs.readFileSync(path.join(shared, '..', meta.file), 'utf8'));
    const e = v.EXPECTEDRESULTS ?? {};
    if (v.PREFIX?.startsWith('HC1:') && e.EXPECTEDB45DECODE !== false && e.EXPECTEDCOMPRESSION !== false && e.EXPECTEDDECODE !== false) texts.push(v.PREFIX);
    if (v.TESTCTX?.CERTIFICATE) certificates.push(Uint8Array.from(Buffer.from(v.TESTCTX.CERTIFICATE, 'base64')));
  }
}
const zlibs = texts.map((t) => decodeBase45(t.slice(4))).filter(Boolean);
const coses = zlibs.map((z) => { try { return inflateZlib(z, MAX_OUTPUT); } catch { return unzlibOrNothing(z); } }).filter(Boolean);
function unzlibOrNothing(z) { try { return unzlibSync(z); } catch { return undefined; } }

// A deterministic PRNG, so every run judges the same mutants.
let seed = 0x9e3779b9;
const random = () => { seed ^= seed << 13; seed ^= seed >>> 17; seed ^= seed << 5; return (seed >>> 0) / 2 ** 32; };
const pick = (n) => Math.floor(random() * n);
/** The fuzz suites' mutations: bit flip, byte set, insertion, deletion, truncation, 1 to 6 of them. */
function mutate(bytes) {
  let out = Array.from(bytes);
  for (let k = 1 + pick(6); k > 0; k--) {
    const i = out.length ? pick(out.length) : 0;
    switch (pick(5)) {
      case 0: if (out.length) out[i] ^= 1 << pick(8); break;
      case 1: if (out.length) out[i] = pick(256); break;
      case 2: out.splice(i, 0, pick(256)); break;
      case 3: out.splice(i, 1); break;
      default: out = out.slice(0, i);
    }
  }
  return Uint8Array.from(out);
}

const same = (a, b) => a.length === b.length && a.every((x, i) => x === b[i]);
/** Runs `decode`; 'reject' for a thrown error or a returned failure. */
const attempt = (decode, input) => { try { return decode(input); } catch { return 'reject'; } };

/** Ours against a library on the same mutants: who accepts what the other refuses. */
function compare(seeds, ours, lib, equal) {
  const t = { bothAccept: 0, bothReject: 0, onlyOursAccepts: 0, onlyLibAccepts: 0, outputsDiffer: 0, libRefusalsOursAccepted: {} };
  for (let i = 0; i < MUTANTS; i++) {
    const input = mutate(seeds[i % seeds.length]);
    const a = attempt(ours, input), b = attempt(lib, input);
    if (a === 'reject' && b === 'reject') t.bothReject++;
    else if (a === 'reject') t.onlyLibAccepts++;
    else if (b === 'reject') {
      t.onlyOursAccepts++;
      let why = 'refused';
      try { lib(input); } catch (e) { why = String(e?.message ?? e).replace(/\d+/g, 'N').slice(0, 80); }
      t.libRefusalsOursAccepted[why] = (t.libRefusalsOursAccepted[why] ?? 0) + 1;
    }
    else if (equal(a, b)) t.bothAccept++;
    else t.outputsDiffer++;
  }
  return t;
}

/** Median µs per call over 7 rounds of every input. */
async function time(inputs, run) {
  for (const x of inputs) await run(x);
  const rounds = [];
  for (let r = 0; r < 7; r++) {
    const t0 = performance.now();
    for (let k = 0; k < 20; k++) for (const x of inputs) await run(x);
    rounds.push(((performance.now() - t0) * 1000) / (20 * inputs.length));
  }
  return Number(rounds.sort((a, b) => a - b)[3].toFixed(2));
}

/** Gzipped bytes of `code` (an ES module naming what it uses) bundled and minified, as a browser build would ship it. */
async function gzippedBytes(code) {
  const out = await esbuild.build({
    stdin: { contents: code, resolveDir: root, loader: 'ts' }, bundle: true, minify: true, format: 'esm', write: false,
    platform: 'browser', target: 'es2022', logLevel: 'silent',
  });
  return gzipSync(out.outputFiles[0].contents, { level: 9 }).length;
}
const src = (file) => JSON.stringify(path.join(root, 'packages/verifier-core/src/internal', file));

const report = {};

// ------------------------------------------------------------ inflate
{
  const ours = (z) => inflateZlib(z, MAX_OUTPUT);
  const fflate = (z) => unzlibSync(z);
  const stream = async (z) => new Uint8Array(await new Response(new Blob([z]).stream().pipeThrough(new DecompressionStream('deflate'))).arrayBuffer());
  const bomb = deflateSync(new Uint8Array(8 << 20), { level: 9 }); // 8 MB of zeros in ~8 KB: past the 64 KB cap
  const trailing = Uint8Array.from([...zlibs[0], 0, 0, 0]);
  const badAdler = zlibs[0].slice(); badAdler[badAdler.length - 1] ^= 1;
  const probe = async (f, input) => { try { const out = await f(input); return `accepts (${out.length} bytes)`; } catch { return 'refuses'; } };
  const read = zlibs.filter((z) => attempt(ours, z) !== 'reject' && attempt(fflate, z) !== 'reject');
  report.inflate = {
    seedsRead: { of: zlibs.length, ours: zlibs.filter((z) => attempt(ours, z) !== 'reject').length, fflate: zlibs.filter((z) => attempt(fflate, z) !== 'reject').length },
    microsPerPass: { ours: await time(read, ours), fflate: await time(read, fflate), DecompressionStream: await time(read, stream) },
    gzippedBytes: {
      ours: await gzippedBytes(`export { inflateZlib } from ${src('inflate.ts')};`),
      fflate: await gzippedBytes(`export { unzlibSync } from 'fflate';`),
      DecompressionStream: 0,
    },
    mutants: { fflate: compare(zlibs, ours, fflate, same) },
    probes: {
      'bomb: 8 MB from 8 KB': { ours: await probe(ours, bomb), fflate: await probe(fflate, bomb), DecompressionStream: await probe(stream, bomb) },
      'bytes after the stream': { ours: await probe(ours, trailing), fflate: await probe(fflate, trailing), DecompressionStream: await probe(stream, trailing) },
      'wrong Adler-32': { ours: await probe(ours, badAdler), fflate: await probe(fflate, badAdler), DecompressionStream: await probe(stream, badAdler) },
    },
  };
}

// ------------------------------------------------------------ CBOR
{
  const ours = (b) => { const r = decodeCbor(b); if (r.error) throw new Error(r.error); return r.value; };
  // cborg as a verifier would configure it: maps kept as Maps (COSE has integer keys), duplicate keys
  // refused, the tags a DCC uses (COSE_Sign1 18, CWT 61, dates 0 and 1) passed through.
  // (cborg 6: a tag decoder is handed the decoder of the tagged item and must call it.)
  const tags = []; for (const n of [0, 1, 18, 61]) tags[n] = (decode) => ({ tag: n, v: decode() });
  const cborgOptions = { useMaps: true, rejectDuplicateMapKeys: true, tags };
  const cborg = (b) => cborgDecode(b, cborgOptions);
  // Timed on the passes both read; how many each reads of all is a strictness figure of its own.
  const payloads = coses.filter((b) => attempt(ours, b) !== 'reject' && attempt(cborg, b) !== 'reject');
  const seedsRead = { of: coses.length, ours: coses.filter((b) => attempt(ours, b) !== 'reject').length, cborg: coses.filter((b) => attempt(cborg, b) !== 'reject').length };
  const enc = (...xs) => Uint8Array.from(xs.flat());
  const deep = enc(Array(5000).fill(0x81), 0x00); // 5000 nested one-element arrays
  const manyItems = enc(0x9a, [0x00, 0x0f, 0x42, 0x40], Array(1_000_000).fill(0x00)); // an array of 1 000 000 items
  const duplicate = enc(0xa2, 0x01, 0x01, 0x01, 0x02);
  const trailing = enc(0x01, 0x02);
  const badUtf8 = enc(0x62, 0xc3, 0x28);
  const floatKey = enc(0xa1, 0xf9, 0x3c, 0x00, 0x01);
  const probe = (f, input) => { try { f(input); return 'accepts'; } catch (e) { return e instanceof RangeError ? 'crashes (RangeError)' : 'refuses'; } };
  report.cbor = {
    seedsRead,
    microsPerPass: { ours: await time(payloads, ours), cborg: await time(payloads, cborg) },
    gzippedBytes: {
      ours: await gzippedBytes(`export { decodeCbor } from ${src('cbor.ts')};`),
      cborg: await gzippedBytes(`export { decode } from 'cborg';`),
    },
    mutants: { cborg: compare(payloads, ours, cborg, () => true) },
    probes: Object.fromEntries(Object.entries({
      '5000-deep nesting': deep, '1 000 000 items': manyItems, 'duplicate map key': duplicate, 'bytes after the item': trailing,
      'invalid UTF-8 text': badUtf8, 'float map key': floatKey,
    }).map(([k, v]) => [k, { ours: probe(ours, v), cborg: probe(cborg, v) }])),
  };
}

// ------------------------------------------------------------ X.509
{
  const ours = (der) => { const c = parseCertificate(der); if (!c) throw new Error('not a certificate'); return c; };
  const peculiar = (der) => AsnConvert.parse(der, PeculiarCertificate);
  const keyPair = await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, true, ['sign', 'verify']);
  const cert = await createTestCertificate({ publicKey: keyPair.publicKey, signingKey: keyPair.privateKey });
  const trailing = Uint8Array.from([...cert, 0]);
  // The outer SEQUENCE's length in a longer form than needed (BER, not DER).
  const longForm = (() => { const len = cert[1] === 0x82 ? (cert[2] << 8) | cert[3] : -1; return len < 0 ? cert : Uint8Array.from([0x30, 0x83, 0, cert[2], cert[3], ...cert.slice(4)]); })();
  const probe = (f, input) => { try { f(input); return 'accepts'; } catch { return 'refuses'; } };
  const both = certificates.filter((c) => attempt(ours, c) !== 'reject' && attempt(peculiar, c) !== 'reject');
  report.x509 = {
    seedsRead: { of: certificates.length, ours: certificates.filter((c) => attempt(ours, c) !== 'reject').length, '@peculiar/asn1-x509': certificates.filter((c) => attempt(peculiar, c) !== 'reject').length },
    microsPerCertificate: { ours: await time(both, ours), '@peculiar/asn1-x509': await time(both, peculiar) },
    gzippedBytes: {
      ours: await gzippedBytes(`export { parseCertificate } from ${src('x509.ts')};`),
      '@peculiar/asn1-x509': await gzippedBytes(`import { AsnConvert } from '@peculiar/asn1-schema'; import { Certificate } from '@peculiar/asn1-x509'; export const parse = (d) => AsnConvert.parse(d, Certificate);`),
    },
    mutants: { '@peculiar/asn1-x509': compare(certificates, ours, peculiar, () => true) },
    probes: {
      'a byte after the certificate': { ours: probe(ours, trailing), '@peculiar/asn1-x509': probe(peculiar, trailing) },
      'BER long-form length': { ours: probe(ours, longForm), '@peculiar/asn1-x509': probe(peculiar, longForm) },
    },
  };
}

// ------------------------------------------------------------ SHA-256
{
  const inputs = [32, 300, 2048].map((n) => crypto.getRandomValues(new Uint8Array(n)));
  let mismatches = 0;
  for (let i = 0; i < 2000; i++) {
    const data = crypto.getRandomValues(new Uint8Array(pick(3000)));
    if (!same(sha256Sync(data), nobleSha256(data))) mismatches++;
  }
  report.sha256 = {
    microsPerHash: Object.fromEntries(inputs.map((x) => [`${x.length} B`, { ours: 0, noble: 0 }])),
    gzippedBytes: {
      ours: await gzippedBytes(`export { sha256Sync } from ${src('sha256.ts')};`),
      '@noble/hashes': await gzippedBytes(`export { sha256 } from '@noble/hashes/sha2.js';`),
    },
    mismatchesOf2000RandomInputs: mismatches,
  };
  for (const x of inputs) {
    report.sha256.microsPerHash[`${x.length} B`] = { ours: await time([x], sha256Sync), noble: await time([x], nobleSha256) };
  }
}

report.inputs = { passes: zlibs.length, certificates: certificates.length, mutantsPerComparison: MUTANTS, node: process.version, date: new Date().toISOString() };
const json = JSON.stringify(report, null, 1);
console.log(json);
const i = process.argv.indexOf('--json');
if (i > 0) fs.writeFileSync(process.argv[i + 1], json);
