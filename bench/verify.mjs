// `npm run bench`: for each format, our full verify() per pass against the bare
// signature check on the same signed bytes, in one run on the same passes.
// Each `bench/verify-<format>.mjs` exports `default async () => row[]` with
// rows { name, passes, oursMs, bareMs } (milliseconds per pass, medians), and from
// timing.mjs the warm-up rounds and the process's page faults per timed call.
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const dir = path.dirname(new URL(import.meta.url).pathname);
const rows = [];
for (const f of fs.readdirSync(dir).filter((f) => /^verify-.+\.mjs$/.test(f)).sort()) {
  rows.push(...await (await import(pathToFileURL(path.join(dir, f)).href)).default());
}
console.log(`node ${process.version}, ${new Date().toISOString()}`);
console.log('format/case'.padEnd(46), 'passes'.padStart(6), 'verify() ms'.padStart(12), 'bare sig ms'.padStart(12), 'ratio'.padStart(7), 'warm-up'.padStart(8), 'faults/call'.padStart(12));
for (const r of rows) {
  console.log(r.name.padEnd(46), String(r.passes).padStart(6), r.oursMs.toFixed(4).padStart(12), r.bareMs.toFixed(4).padStart(12), (r.oursMs / r.bareMs).toFixed(2).padStart(7),
    String(r.warmupRounds).padStart(8), r.faultsPerCall.toFixed(2).padStart(12));
}
