// Runs the browser-driven suites again and again while another process keeps
// the CPU busy, and reports every failure: a suite that fails now and then
// under load will fail on somebody's busy laptop or CI runner.
//
//   npm run test:flake                       # 10 runs of browser, camera, demo, stories, examples
//   npm run test:flake -- --runs 3 --suites camera,demo
//   FLAKE_RUNS=3 npm run test:flake
//
// Options: --runs N (default 10, or FLAKE_RUNS), --suites a,b (default
// browser,camera,demo,stories,examples), --load K (busy processes, default 1),
// --no-build (use the existing dist/ and storybook-static/).
// Exit status 1 when any run of any suite failed. Each failure's output is kept
// in .cache/flake/ and its failing lines are printed in the summary.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const suites = {
  browser: ['npm', ['run', '--silent', 'test:browser']],
  camera: ['npm', ['run', '--silent', 'test:camera']],
  demo: ['npm', ['run', '--silent', 'test:demo']],
  stories: ['npm', ['run', '--silent', 'test:stories']],
  examples: ['npm', ['run', '--silent', 'test:examples']],
};

function option(name, fallback) {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] !== undefined ? process.argv[i + 1] : fallback;
}
const runs = Number(option('runs', process.env.FLAKE_RUNS ?? 10));
const loadCount = Number(option('load', 1));
const chosen = option('suites', Object.keys(suites).join(',')).split(',').filter(Boolean);
const build = !process.argv.includes('--no-build');
if (!Number.isInteger(runs) || runs < 1 || runs > 1000) throw new Error('--runs must be a whole number from 1 to 1000');
if (!Number.isInteger(loadCount) || loadCount < 0 || loadCount > 16) throw new Error('--load must be 0 to 16');
for (const name of chosen) if (!suites[name]) throw new Error(`unknown suite ${name}; known: ${Object.keys(suites).join(', ')}`);

const outDir = path.resolve('.cache/flake');
fs.mkdirSync(outDir, { recursive: true });

function run(command, args, logFile) {
  return new Promise((resolve) => {
    const started = Date.now();
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, FORCE_COLOR: '0', NO_COLOR: '1' } });
    const chunks = [];
    child.stdout.on('data', (d) => chunks.push(d));
    child.stderr.on('data', (d) => chunks.push(d));
    child.on('close', (code, signal) => {
      const output = Buffer.concat(chunks).toString('utf8');
      if (logFile) fs.writeFileSync(logFile, output);
      resolve({ ok: code === 0, code, signal, output, seconds: (Date.now() - started) / 1000 });
    });
  });
}

/**
 * A process that spins on one core until killed: the "busy machine". No signal
 * handler (its loop would never let one run): SIGKILL ends it at once.
 */
function startLoad() {
  const spin = 'for (;;) { for (let i = 0; i < 1e7; i++); }';
  return spawn(process.execPath, ['-e', spin], { stdio: 'ignore' });
}

/** The lines of a failed run that say what failed (web-test-runner, node:test and npm). */
function failingLines(output) {
  const keep = output.split('\n').filter((line) => /✖|❌|not ok|AssertionError|Error:|failed|timed out|FAIL/i.test(line) && !/^\s*#|0 failed/.test(line));
  return [...new Set(keep.map((l) => l.trim()))].slice(0, 12);
}

if (build) {
  for (const [what, args] of [['build', ['run', '--silent', 'build']], ['build-storybook', ['run', '--silent', 'build-storybook']]]) {
    if (what === 'build-storybook' && !chosen.includes('stories')) continue;
    process.stdout.write(`== ${what}\n`);
    const result = await run('npm', args);
    if (!result.ok) { process.stdout.write(result.output); process.exit(1); }
  }
}

const load = Array.from({ length: loadCount }, startLoad);
const stopLoad = () => load.forEach((child) => child.kill('SIGKILL'));
process.on('exit', stopLoad);
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, () => { stopLoad(); process.exit(130); });

const failures = [];
const started = Date.now();
console.log(`== ${runs} run(s) of ${chosen.join(', ')} with ${loadCount} busy process(es)`);
for (let i = 1; i <= runs; i++) {
  for (const name of chosen) {
    const [command, args] = suites[name];
    const logFile = path.join(outDir, `run${i}-${name}.log`);
    const result = await run(command, args, logFile);
    console.log(`run ${i}/${runs} ${name}: ${result.ok ? 'pass' : `FAIL (exit ${result.code ?? result.signal})`} in ${result.seconds.toFixed(0)} s`);
    if (result.ok) fs.rmSync(logFile, { force: true });
    else failures.push({ run: i, name, logFile, lines: failingLines(result.output) });
  }
}
stopLoad();

console.log(`\n== ${failures.length} failure(s) in ${runs} run(s) of ${chosen.length} suite(s), ${((Date.now() - started) / 60000).toFixed(1)} min`);
for (const failure of failures) {
  console.log(`- run ${failure.run} ${failure.name} (full output: ${path.relative(process.cwd(), failure.logFile)})`);
  for (const line of failure.lines) console.log(`    ${line}`);
}
process.exit(failures.length ? 1 : 0);
