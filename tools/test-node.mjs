// Runs every package's tests in Node (node:test), except the browser-only
// ones (*.browser.test.js). Arguments narrow the run to paths containing them.
import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';

const filters = process.argv.slice(2);
const files = [];
for (const pkg of fs.readdirSync('packages')) {
  const dir = path.join('packages', pkg, 'test');
  if (!fs.existsSync(dir)) continue;
  for (const f of fs.readdirSync(dir, { recursive: true })) {
    const file = path.join(dir, f);
    if (!file.endsWith('.test.js') || file.endsWith('.browser.test.js')) continue;
    if (filters.length && !filters.some((x) => file.includes(x))) continue;
    files.push(file);
  }
}
if (!files.length) { console.error('no test files'); process.exit(1); }
const r = spawnSync(process.execPath, ['--test', '--test-reporter=spec', ...files], { stdio: 'inherit' });
process.exit(r.status ?? 1);
