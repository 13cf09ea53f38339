// One build for every package: each entry becomes an ES module in the package's
// dist/ (transpiled by esbuild, dependencies left external) plus a bundled .d.ts.
// Packages may add extra outputs (the .wasm, the pass-check.js script tag) with
// a `rollup.extra.mjs` of their own; the shared function stays the one place
// that says how a package is built.
import fs from 'node:fs';
import path from 'node:path';
import esbuild from 'rollup-plugin-esbuild';
import { dts } from 'rollup-plugin-dts';
import commonjs from '@rollup/plugin-commonjs';
import { nodeResolve } from '@rollup/plugin-node-resolve';

const root = path.dirname(new URL(import.meta.url).pathname);

/** Every dependency (and node builtin) stays an import: packages are consumed by bundlers and Node alike. */
const external = (id) => !id.startsWith('.') && !path.isAbsolute(id) && !id.startsWith('\0');
/**
 * Dependencies published only as CommonJS, which a browser cannot import: bundled into the
 * package's dist/ as ES chunks instead (certlogic-js: a lazily imported chunk of verifier-core).
 */
const BUNDLED = ['certlogic-js'];
const isBundled = (id) => BUNDLED.some((name) => id === name || id.startsWith(`${name}/`));
const externalUnlessBundled = (id) => external(id) && !isBundled(id);

/**
 * The build of one package: `entries` maps output names to source files,
 * e.g. { index: 'src/index.ts', testing: 'src/testing/index.ts' }.
 */
export function packageBuild(dir, entries) {
  const abs = path.join(root, 'packages', dir);
  // Chunk names carry a content hash: without this, every change would leave the old chunks in dist/ (and in the npm package).
  fs.rmSync(path.join(abs, 'dist', 'chunks'), { recursive: true, force: true });
  const input = Object.fromEntries(Object.entries(entries).map(([k, v]) => [k, path.join(abs, v)]));
  return [
    {
      input,
      external: externalUnlessBundled,
      plugins: [
        nodeResolve({ resolveOnly: BUNDLED }),
        commonjs({ include: /node_modules[\\/]certlogic-js[\\/]/ }),
        esbuild({ target: 'es2022', tsconfig: path.join(root, 'tsconfig.json') }),
      ],
      output: { dir: path.join(abs, 'dist'), format: 'es', sourcemap: true, entryFileNames: '[name].js', chunkFileNames: 'chunks/[name]-[hash].js' },
    },
    {
      input,
      external,
      plugins: [dts({ tsconfig: path.join(root, 'tsconfig.json'), compilerOptions: { paths: {} } })],
      output: { dir: path.join(abs, 'dist'), format: 'es', entryFileNames: '[name].d.ts', chunkFileNames: 'chunks/[name]-[hash].d.ts' },
    },
  ];
}

const packages = {
  'verifier-core': { index: 'src/index.ts', testing: 'src/testing/index.ts' },
  'wasm-qr': { index: 'src/index.ts' },
  elements: { index: 'src/index.ts', define: 'src/define.ts' },
  'gate-sync': { index: 'src/index.ts' },
};

// `rollup -c --environment PKG:verifier-core` builds one package only.
const only = process.env.PKG ? process.env.PKG.split(',') : Object.keys(packages);
const configs = [];
for (const name of only) {
  configs.push(...packageBuild(name, packages[name]));
  const extra = path.join(root, 'packages', name, 'rollup.extra.mjs');
  if (fs.existsSync(extra)) configs.push(...(await import(extra)).default({ root, packageBuild }));
}
export default configs;
