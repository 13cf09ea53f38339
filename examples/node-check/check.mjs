// Quick start 3, runnable: verify passes in Node with the example trust bundle.
//
//   npm run example:node                          # every example pass
//   node examples/node-check/check.mjs FILE...    # your own pass files (QR text)
//
// Prints one line per pass: the verdict and codes, never the holder's name.
import fs from 'node:fs/promises';
import path from 'node:path';
import { createTrustStore, createVerifier } from '@pass-check/verifier-core';

const dataDir = path.join(import.meta.dirname, '..', 'data');
const bundleFile = process.env.TRUST_BUNDLE ?? path.join(dataDir, 'trust-bundle.json');

const trust = createTrustStore();
const report = await trust.importBundle(JSON.parse(await fs.readFile(bundleFile, 'utf8')));
for (const bad of report.rejected) console.warn('not trusted:', bad.kid, bad.code);

const verifier = createVerifier({ trust, policy: 'ny-2021' });

let files = process.argv.slice(2);
if (!files.length) {
  const passDir = path.join(dataDir, 'passes');
  files = (await fs.readdir(passDir)).filter((f) => f.endsWith('.txt')).sort().map((f) => path.join(passDir, f));
}
for (const file of files) {
  const text = (await fs.readFile(file, 'utf8')).trim();
  const result = await verifier.verify(text);
  const admitted = result.status === 'valid' && result.policy?.decision === 'accept';
  const codes = [...new Set([...result.errors.map((e) => e.code), ...(admitted ? [] : result.policy?.reasons ?? []).map((r) => r.code)])];
  console.log(`${path.basename(file)}: ${admitted ? 'accepted' : 'rejected'}${codes.length ? ` ${codes.join(', ')}` : ''}`);
}
