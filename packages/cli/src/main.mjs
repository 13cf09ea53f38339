// pass-check command line. `main(argv, io)` returns the exit code, so tests run it
// in-process; bin/pass-check.mjs wires it to the real process.
//
// Exit codes: 0 all good; 1 done with problems (a source failed, a pass is invalid);
// 2 nothing usable, or bad arguments.
import fs from 'node:fs/promises';
import { createTrustStore, createVerifier, signBundle, openSignedBundle, TrustError } from '@pass-check/verifier-core';
import { createFetcher, FETCH_DEFAULTS } from './fetch.mjs';
import { loadAnchor } from './sources.mjs';
import { buildTrust } from './build.mjs';
import { passFromBytes, readInput, InputError } from './verify.mjs';

export const USAGE = `pass-check: build, sign and check trust bundles; verify passes.

pass-check trust build --out FILE [sources…] [--previous FILE] [--sign JWK_FILE] [--json]
  --vci URL|FILE          VCI issuer list (each issuer's jwks.json and CRLs fetched) or
                          the directory's snapshot file. Repeatable.
  --shc-issuer ISS        one SMART Health Card issuer. Repeatable.
  --dcc-eu-json URL|FILE  EU-gateway-style array [{kid,country,certificateType,rawData}]
  --dcc-list URL|FILE     a signed national DSC list (signature line + JSON); with --dcc-anchor
  --dcc-jws URL|FILE      a DSC trust list published as a JWS; with --dcc-anchor
  --dcc-anchor FILE       PEM or JWK of the key that signs --dcc-list / --dcc-jws
  --idhp URL|FILE         IBM Digital Health Pass issuer list
  --dcc-value-sets URL|FILE  EU DCC value sets ({valueSetId, valueSetValues}, or a list). Repeatable.
  --dcc-rules URL|FILE    EU DCC business rules (CertLogic rule JSON, or a list). Repeatable.
  --vdsnc [AUS=]URL|FILE  ICAO VDS-NC country signing CA certificate(s), PEM or DER (or the
                          bundle's JSON); AUS= names the alpha-3 state it signs for. Repeatable.
  --vdsnc-crl URL|FILE    a CRL of one of those CAs, PEM or DER. Repeatable.
  --divoc URL|FILE        DIVOC issuers as the bundle's JSON, or did:ID=URL|FILE for a bare PEM key
  --previous FILE         the last good bundle, a file on this machine: entries of sources that
                          fail now are kept, and sections no source feeds tonight (VDS-NC, DIVOC,
                          DCC rules and value sets). With --sign it must be signed by the venue
                          key (or --previous-key) and not be from the future.
  --previous-key JWK_FILE the public key --previous was signed with (after a key change)
  --sign JWK_FILE         the venue's private JWK (P-256): write a compact JWS (ES256)
  --concurrency N --timeout MS --retries N --max-bytes N   fetching limits
pass-check trust verify FILE [--key JWK_FILE] [--json]
pass-check verify [--trust FILE] [--key JWK_FILE] [--policy NAME] [--json] INPUT…
  INPUT: a PNG/JPEG image, a .smart-health-card file, a text file, or - for stdin

exit codes: 0 all good; 1 done with problems (some source failed, some pass invalid);
            2 nothing usable, or bad arguments
`;

class UsageError extends Error {}

const REPEATABLE_SOURCES = {
  '--vci': 'vci', '--shc-issuer': 'shc-issuer', '--dcc-eu-json': 'dcc-eu-json', '--dcc-list': 'dcc-list', '--dcc-jws': 'dcc-jws', '--idhp': 'idhp',
  '--dcc-value-sets': 'dcc-value-sets', '--dcc-rules': 'dcc-rules', '--vdsnc': 'vdsnc', '--vdsnc-crl': 'vdsnc-crl', '--divoc': 'divoc',
};
const VALUE_OPTIONS = new Set(['--out', '--previous', '--previous-key', '--sign', '--dcc-anchor', '--key', '--trust', '--policy', '--concurrency', '--timeout', '--retries', '--max-bytes']);
const FLAGS = new Set(['--json', '--help', '-h']);

function parseArgs(args) {
  const opts = { sources: [], positional: [] };
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '-' || !a.startsWith('-')) { opts.positional.push(a); continue; }
    const [name, inline] = a.includes('=') ? [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)] : [a, undefined];
    if (FLAGS.has(name)) { opts[name.replace(/^-+/, '')] = true; continue; }
    if (!(name in REPEATABLE_SOURCES) && !VALUE_OPTIONS.has(name)) throw new UsageError(`unknown option ${name}`);
    const value = inline ?? args[++i];
    if (value === undefined) throw new UsageError(`${name} needs a value`);
    if (name in REPEATABLE_SOURCES) opts.sources.push({ type: REPEATABLE_SOURCES[name], spec: value });
    else opts[name.slice(2)] = value;
  }
  return opts;
}

function number(value, name, min, max) {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min || n > max) throw new UsageError(`${name} must be a whole number from ${min} to ${max}`);
  return n;
}

async function readJsonFile(file, what) {
  let text;
  try { text = await fs.readFile(file, 'utf8'); } catch (e) { throw new UsageError(`cannot read ${what} ${file}: ${e.code ?? e.message}`); }
  try { return JSON.parse(text); } catch { throw new UsageError(`${what} ${file} is not JSON`); }
}

const publicPart = (jwk) => ({ kty: jwk.kty, crv: jwk.crv, x: jwk.x, y: jwk.y });

/**
 * A bundle file: plain JSON, or a signed JWS. With `key`, only a JWS signed by that key
 * (checked once here: callers import the returned bundle as it is); plain JSON is then
 * refused with BUNDLE_UNSIGNED.
 */
async function readBundleFile(file, key) {
  let text;
  try { text = (await fs.readFile(file, 'utf8')).trim(); } catch (e) { throw new UsageError(`cannot read bundle ${file}: ${e.code ?? e.message}`); }
  if (key && text.startsWith('{')) throw new TrustError('BUNDLE_UNSIGNED', 'the bundle is not signed, and a key was given to check it with');
  if (text.startsWith('{')) {
    let bundle;
    try { bundle = JSON.parse(text); } catch { throw new UsageError(`bundle ${file} is not JSON`); }
    return { bundle, signed: false, text };
  }
  if (!key) {
    // Without a key the payload is read but nothing vouches for it.
    const payload = text.split('.')[1] ?? '';
    try { return { bundle: JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')), signed: 'unchecked', text }; } catch {
      throw new UsageError(`bundle ${file} is neither JSON nor a compact JWS`);
    }
  }
  return { bundle: await openSignedBundle(text, key), signed: true, text };
}

// ---------------------------------------------------------------- output helpers

function table(rows, columns) {
  const widths = columns.map((c) => Math.max(c.length, ...rows.map((r) => String(r[c] ?? '').length)));
  const line = (cells) => cells.map((v, i) => String(v ?? '').padEnd(widths[i])).join('  ').trimEnd();
  return [line(columns), line(widths.map((w) => '-'.repeat(w))), ...rows.map((r) => line(columns.map((c) => r[c])))].join('\n');
}

/** A progress bar on a terminal (stderr); silent otherwise. */
function progressBar(stream) {
  if (!stream.isTTY) return undefined;
  let total = 0, done = 0, last = 0;
  const draw = () => {
    const now = Date.now();
    if (now - last < 80 && done < total) return;
    last = now;
    const width = 30;
    const filled = total ? Math.round((done / total) * width) : 0;
    stream.write(`\r[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total} fetched`);
  };
  return {
    add(n) { total += n; draw(); },
    tick() { done++; draw(); },
    end() { if (total) stream.write('\n'); },
  };
}

const ageOf = (iso, now) => {
  const ms = now - Date.parse(iso);
  if (!Number.isFinite(ms)) return '?';
  const h = ms / 3_600_000;
  return h < 48 ? `${Math.max(0, h).toFixed(1)} h` : `${(h / 24).toFixed(1)} days`;
};

function summarizeBundle(bundle) {
  const arr = (v) => (Array.isArray(v) ? v : []);
  return {
    updated: bundle.updated,
    shcIssuers: arr(bundle.shc).length,
    shcKeys: arr(bundle.shc).reduce((n, i) => n + arr(i?.jwks?.keys).length, 0),
    shcCrls: arr(bundle.shc).reduce((n, i) => n + arr(i?.crls).length, 0),
    dccSigners: arr(bundle.dcc).length,
    dccRevocationLists: arr(bundle.dccRevocations).length,
    dccValueSets: Object.keys(bundle.dccValueSets ?? {}).length,
    dccRules: arr(bundle.dccRules).length,
    idhpIssuers: arr(bundle.idhp).length,
    vdsncCscas: arr(bundle.vdsnc).length,
    vdsncCrls: arr(bundle.vdsnc).reduce((n, c) => n + arr(c?.crls).length, 0),
    divocIssuers: arr(bundle.divoc).length,
    otherSections: Object.keys(bundle).filter((k) => !['version', 'updated', 'shc', 'dcc', 'dccRevocations', 'dccValueSets', 'dccRules', 'idhp', 'vdsnc', 'divoc'].includes(k)).sort(),
  };
}

// ---------------------------------------------------------------- commands

async function trustBuild(opts, io) {
  if (!opts.out) throw new UsageError('trust build needs --out FILE');
  if (!opts.sources.length) throw new UsageError(`trust build needs at least one source (${Object.keys(REPEATABLE_SOURCES).join(', ')})`);
  const fetcher = createFetcher({
    concurrency: number(opts.concurrency, '--concurrency', 1, 64),
    timeoutMs: number(opts.timeout, '--timeout', 100, 600_000),
    retries: number(opts.retries, '--retries', 0, 10),
    maxBytes: number(opts['max-bytes'], '--max-bytes', 1024, 512 * 1024 * 1024),
    ...(io.fetch ? { fetch: io.fetch } : {}),
    ...(io.backoffMs !== undefined ? { backoffMs: io.backoffMs } : {}),
  });
  const signKey = opts.sign ? await readJsonFile(opts.sign, 'signing key') : undefined;
  if (signKey && (signKey.kty !== 'EC' || signKey.crv !== 'P-256' || typeof signKey.d !== 'string')) throw new UsageError('--sign needs a private EC P-256 JWK (with d)');
  const anchor = opts['dcc-anchor'] ? await loadAnchor(opts['dcc-anchor']).catch((e) => { throw new UsageError(e.message); }) : undefined;
  if (opts['previous-key'] && !opts.previous) throw new UsageError('--previous-key goes with --previous');
  const now = io.now?.() ?? new Date();
  let previous;
  const previousExists = opts.previous ? await fs.access(opts.previous).then(() => true, () => false) : false;
  if (opts.previous && !previousExists) io.stderr.write(`pass-check: no previous bundle at ${opts.previous} yet (first run): building without one\n`);
  if (opts.previous && previousExists) {
    // What --previous holds goes into the next bundle: for a signed build it must itself be
    // signed by the venue key (or the key named), or whoever can change that file injects trust.
    const previousKey = opts['previous-key'] ? publicPart(await readJsonFile(opts['previous-key'], '--previous-key')) : signKey ? publicPart(signKey) : undefined;
    try {
      previous = (await readBundleFile(opts.previous, previousKey)).bundle;
    } catch (e) {
      if (e instanceof UsageError) throw e;
      throw new UsageError(`--previous ${opts.previous} refused (${e.code ?? 'BUNDLE_INVALID'}): ${e.message}${previousKey
        ? `; a signed build takes only a previous bundle signed by ${opts['previous-key'] ? 'the --previous-key key' : 'the --sign key (after a key change: --previous-key)'}` : ''}`);
    }
    const built = typeof previous?.updated === 'string' ? Date.parse(previous.updated) : NaN;
    if (previousKey && Number.isNaN(built)) throw new UsageError(`--previous ${opts.previous} refused: it does not say when it was built`);
    if (built > now.getTime()) throw new UsageError(`--previous ${opts.previous} refused: built ${previous.updated}, after now (${now.toISOString()}): a bundle from the future`);
  }
  const progress = progressBar(io.stderr);
  const { bundle, report } = await buildTrust({ sources: opts.sources, previous, fetcher, anchor, progress, now });
  progress?.end();
  if (report.exitCode !== 2) {
    const body = signKey ? await signBundle(bundle, signKey) : JSON.stringify(bundle, null, 1) + '\n';
    await fs.writeFile(opts.out, body);
  }
  report.out = report.exitCode === 2 ? null : opts.out;
  report.signed = !!signKey;
  if (opts.json) {
    io.stdout.write(JSON.stringify(report, null, 2) + '\n');
  } else {
    const t = report.totals;
    io.stdout.write(`${table(report.sources.map((r) => ({ ...r, code: r.code ?? '' })), ['type', 'source', 'status', 'entries', 'failed', 'kept', 'code'])}\n\n`);
    io.stdout.write(table([
      { what: 'SMART Health Card issuers', count: t.shcIssuers }, { what: '  keys', count: t.shcKeys }, { what: '  CRLs', count: t.shcCrls },
      { what: 'EU DCC signers', count: t.dccSigners }, { what: '  revocation lists', count: t.dccRevocationLists },
      { what: '  value sets', count: t.dccValueSets }, { what: '  business rules', count: t.dccRules },
      { what: 'IBM Digital Health Pass issuers', count: t.idhpIssuers },
      { what: 'ICAO VDS-NC CSCAs', count: t.vdsncCscas }, { what: '  CRLs', count: t.vdsncCrls },
      { what: 'DIVOC issuers', count: t.divocIssuers },
      { what: 'kept from --previous', count: t.keptFromPrevious },
      { what: 'rejected keys/certificates/CRLs', count: report.rejected.length },
      { what: 'source or issuer problems', count: report.problems.length },
    ], ['what', 'count']) + '\n\n');
    const codes = {};
    for (const r of [...report.rejected, ...report.problems]) codes[r.code] = (codes[r.code] ?? 0) + 1;
    if (Object.keys(codes).length) io.stdout.write(table(Object.entries(codes).sort().map(([code, count]) => ({ code, count })), ['code', 'count']) + '\n\n');
    io.stdout.write(`built ${report.updated}; oldest data ${report.oldestData}; ${report.out ? `written to ${report.out}${report.signed ? ' (signed)' : ''}` : 'nothing usable: no bundle written'}\n`);
  }
  return report.exitCode;
}

async function trustVerify(opts, io) {
  const [file, ...extra] = opts.positional;
  if (!file || extra.length) throw new UsageError('trust verify takes one FILE');
  const key = opts.key ? publicPart(await readJsonFile(opts.key, 'key')) : undefined;
  const now = io.now?.() ?? new Date();
  let read;
  try {
    read = await readBundleFile(file, key);
  } catch (e) {
    if (e instanceof TrustError || e instanceof TypeError) {
      const out = { valid: false, code: e.code ?? 'BUNDLE_INVALID', message: e.message };
      io.stdout.write(opts.json ? JSON.stringify(out, null, 2) + '\n' : `INVALID ${out.code}: ${out.message}\n`);
      return 2;
    }
    throw e;
  }
  const summary = { valid: true, signed: read.signed, ...summarizeBundle(read.bundle) };
  let code = 0;
  if (key && read.signed !== true) { summary.valid = false; summary.code = 'BUNDLE_UNSIGNED'; code = 2; }
  const store = createTrustStore();
  try {
    // The signature was checked by readBundleFile: the bundle it returned is imported as it is (opened once).
    const report = await store.importBundle(read.bundle);
    summary.rejected = report.rejected;
    if (report.rejected.length && code === 0) code = 1;
  } catch (e) {
    summary.valid = false; summary.code = e.code ?? 'BUNDLE_INVALID'; summary.message = e.message; code = 2;
  }
  summary.age = summary.updated ? ageOf(summary.updated, now) : '?';
  if (opts.json) io.stdout.write(JSON.stringify(summary, null, 2) + '\n');
  else {
    io.stdout.write(`${summary.valid ? 'VALID' : `INVALID ${summary.code}`}  signed: ${summary.signed === true ? 'yes (by the key given)' : summary.signed === 'unchecked' ? 'JWS, not checked (no --key)' : 'no'}\n`);
    io.stdout.write(table([
      { what: 'built', value: `${summary.updated ?? '?'} (${summary.age} ago)` },
      { what: 'SMART Health Card issuers / keys / CRLs', value: `${summary.shcIssuers} / ${summary.shcKeys} / ${summary.shcCrls}` },
      { what: 'EU DCC signers / revocation lists', value: `${summary.dccSigners} / ${summary.dccRevocationLists}` },
      { what: 'EU DCC value sets / business rules', value: `${summary.dccValueSets} / ${summary.dccRules}` },
      { what: 'IBM Digital Health Pass issuers', value: summary.idhpIssuers },
      { what: 'ICAO VDS-NC CSCAs / CRLs', value: `${summary.vdsncCscas} / ${summary.vdsncCrls}` },
      { what: 'DIVOC issuers', value: summary.divocIssuers },
      { what: 'other sections', value: summary.otherSections.join(', ') || '-' },
      { what: 'rejected on import', value: summary.rejected?.length ?? '-' },
    ], ['what', 'value']) + '\n');
  }
  return code;
}

async function verifyPasses(opts, io) {
  if (!opts.positional.length) throw new UsageError('verify needs at least one INPUT (a file, or - for stdin)');
  const key = opts.key ? publicPart(await readJsonFile(opts.key, 'key')) : undefined;
  const trust = createTrustStore();
  if (opts.trust) {
    let read;
    try { read = await readBundleFile(opts.trust, key); } catch (e) {
      if (e instanceof UsageError) throw e;
      throw new UsageError(`--trust ${opts.trust}: ${e.code ?? ''} ${e.message}`);
    }
    if (key && read.signed !== true) throw new UsageError(`--trust ${opts.trust}: not signed, and --key asks for a signed bundle`);
    if (read.signed === 'unchecked') io.stderr.write(`pass-check: --trust ${opts.trust} is signed, but without --key its signature is not checked\n`);
    await trust.importBundle(read.bundle);
  }
  let verifier;
  try {
    verifier = createVerifier({ trust, ...(opts.policy ? { policy: opts.policy } : {}), ...(io.now ? { clock: io.now } : {}) });
  } catch (e) {
    throw new UsageError(e.message);
  }
  const results = [];
  let code = 0;
  for (const input of opts.positional) {
    let result;
    try {
      const pass = await passFromBytes(await readInput(input, io.stdin));
      result = await verifier.verify(pass);
    } catch (e) {
      if (!(e instanceof InputError) && !(e instanceof TypeError)) throw e;
      result = { status: 'invalid', errors: [{ code: e.code ?? 'MALFORMED', message: e.message }] };
    }
    const ok = result.status === 'valid' && (!result.policy || result.policy.decision === 'accept');
    if (!ok) code = 1;
    results.push(result);
    if (!opts.json) {
      const verdict = ok ? 'ACCEPTED' : result.status === 'valid' ? 'REJECTED by policy' : result.status.toUpperCase();
      const errors = result.errors.map((e) => e.code).join(', ');
      const rule = result.policy?.rule ? ` rule ${result.policy.rule}` : '';
      io.stdout.write(`${input}: ${verdict}${result.format ? ` (${result.format})` : ''}${result.issuer ? ` issuer ${result.issuer.name ?? result.issuer.id}` : ''}${rule}${errors ? ` [${errors}]` : ''}\n`);
    }
  }
  if (opts.json) io.stdout.write(JSON.stringify(results.length === 1 ? results[0] : results, null, 2) + '\n');
  return code;
}

/**
 * @param {string[]} argv arguments after the program name
 * @param {{ stdout: NodeJS.WritableStream, stderr: NodeJS.WritableStream & { isTTY?: boolean }, stdin?: AsyncIterable<Buffer>,
 *   now?: () => Date, fetch?: typeof fetch, backoffMs?: number }} io
 */
export async function main(argv, io) {
  try {
    const [command, sub, ...rest] = argv;
    if (!command || command === '--help' || command === '-h' || command === 'help') { io.stdout.write(USAGE); return command ? 0 : 2; }
    if (command === 'trust' && sub === 'build') return await trustBuild(parseArgs(rest), io);
    if (command === 'trust' && sub === 'verify') return await trustVerify(parseArgs(rest), io);
    if (command === 'verify') return await verifyPasses(parseArgs(sub === undefined ? [] : [sub, ...rest]), io);
    throw new UsageError(`unknown command: ${argv.slice(0, 2).join(' ')}`);
  } catch (e) {
    if (e instanceof UsageError) {
      io.stderr.write(`pass-check: ${e.message}\n(pass-check --help for usage)\n`);
      return 2;
    }
    io.stderr.write(`pass-check: ${e?.stack ?? e}\n`);
    return 2;
  }
}

export { FETCH_DEFAULTS };
