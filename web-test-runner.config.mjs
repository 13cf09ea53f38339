// Browser tests: the same test files as Node (written against node:test and
// node:assert/strict), run in Debian's Chromium. The two node: modules are
// served by small shims over mocha, which web-test-runner already provides.
import { chromeLauncher } from '@web/test-runner-chrome';

const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const chromiumArgs = [
  '--no-sandbox', '--headless=new', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];

const shims = {
  'node:test': '/tools/test/browser-node-test.js',
  'node:assert/strict': '/tools/test/browser-assert.js',
  'node:assert': '/tools/test/browser-assert.js',
};

export default {
  rootDir: '.',
  nodeResolve: true,
  files: [
    'packages/*/test/**/*.test.js',
    '!packages/*/test/**/*.node.test.js',
  ],
  concurrency: 1,
  testFramework: { config: { timeout: 60000 } },
  browsers: [chromeLauncher({ launchOptions: { executablePath: chromium, args: chromiumArgs } })],
  plugins: [{
    name: 'node-test-shims',
    resolveImport({ source }) { return shims[source]; },
  }],
};
