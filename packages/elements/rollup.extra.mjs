// The elements package's extra outputs:
// - dist/qr-worker.js: the module worker the ES build starts (wasm-qr inside, nothing external);
// - dist/pass-check.js: the script tag, a minified IIFE with lit, verifier-core and wasm-qr;
// - dist/pass-check-worker.js: its classic worker, and dist/wasm-qr.wasm and
//   dist/wasm-qr-simd.wasm copied beside both.
// The build prints pass-check.js's gzipped size (the budget is 100 KB, .wasm not counted).
import fs from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import esbuild from 'rollup-plugin-esbuild';
import { nodeResolve } from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';

const BUDGET_GZIP_BYTES = 100 * 1024;

function copyWasm(root) {
  // what the page loses without each file
  const files = { 'wasm-qr.wasm': 'pass-check.js will use its fallback decoders', 'wasm-qr-simd.wasm': 'decoding will use wasm-qr.wasm everywhere' };
  return {
    name: 'copy-wasm-qr',
    generateBundle() {
      for (const [file, without] of Object.entries(files)) {
        const source = path.join(root, 'packages', 'wasm-qr', 'dist', file);
        if (!fs.existsSync(source)) {
          this.warn(`packages/wasm-qr/dist/${file} is missing: build wasm-qr first (${without})`);
          continue;
        }
        this.emitFile({ type: 'asset', fileName: file, source: fs.readFileSync(source) });
      }
    },
  };
}

/**
 * Squeezes the elements' stylesheets (the css`…` templates of *.styles.ts) for the
 * script tag: comments out, whitespace runs to one space, none around { } ; , > or
 * after a colon. Spaces that carry meaning (descendant selectors, calc( a + b ),
 * "screen and (…)") stay. A template with an interpolation is left as written.
 * About 1.5 KB less of pass-check.js, which has no room to spare under its budget.
 */
function squeezeStyles() {
  const squeeze = (css) => css.replace(/\/\*[\s\S]*?\*\//g, '').replace(/\s+/g, ' ').replace(/\s*([{};,>])\s*/g, '$1').replace(/:\s+/g, ':').trim();
  return {
    name: 'squeeze-styles',
    transform(code, id) {
      if (!/[\\/]packages[\\/]elements[\\/]src[\\/].*\.styles\.ts$/.test(id)) return null;
      return { code: code.replace(/css`([^`]*)`/g, (whole, css) => (css.includes('${') ? whole : `css\`${squeeze(css)}\``)), map: null };
    },
  };
}

/**
 * DIVOC's JSON-LD machinery stays out of the script tag: verifier-core loads it
 * with import('@pass-check/verifier-core/divoc-canon'), which here becomes an
 * import() of pass-check-divoc.js beside pass-check.js (a copy of verifier-core's
 * dist/divoc-canon.js), fetched only when a DIVOC pass is verified.
 */
function divocCanonBesideScript(root) {
  const SPECIFIER = '@pass-check/verifier-core/divoc-canon';
  const VIRTUAL = '\0divoc-canon-beside-script';
  const source = path.join(root, 'packages', 'verifier-core', 'dist', 'divoc-canon.js');
  return {
    name: 'divoc-canon-beside-script',
    resolveId: (id) => (id === SPECIFIER ? VIRTUAL : null),
    load(id) {
      if (id !== VIRTUAL) return null;
      return [
        // Captured while the script runs: document.currentScript exists only then.
        "const scriptUrl = document.currentScript?.src || new URL('pass-check.js', document.baseURI).href;",
        "const url = new URL('pass-check-divoc.js', scriptUrl).href;",
        'export const canonizeAsDivocSigned = (document) => import(url).then((m) => m.canonizeAsDivocSigned(document));',
      ].join('\n');
    },
    generateBundle() {
      if (!fs.existsSync(source)) {
        this.warn('packages/verifier-core/dist/divoc-canon.js is missing: build verifier-core first (DIVOC passes will not verify from pass-check.js)');
        return;
      }
      this.emitFile({ type: 'asset', fileName: 'pass-check-divoc.js', source: fs.readFileSync(source) });
    },
  };
}

function reportSize(budget) {
  return {
    name: 'report-gzip-size',
    writeBundle(options, bundle) {
      for (const [fileName, output] of Object.entries(bundle)) {
        if (output.type !== 'chunk') continue;
        const bytes = Buffer.byteLength(output.code);
        const gzipped = gzipSync(output.code, { level: 9 }).length;
        const verdict = budget && gzipped > budget ? `  OVER the ${budget / 1024} KB budget` : '';
        console.log(`elements: ${fileName} ${(bytes / 1024).toFixed(1)} KB, ${(gzipped / 1024).toFixed(1)} KB gzipped${verdict}`);
      }
    },
  };
}

/**
 * The script tag leaves ZXing out (it would triple the size): the modules that
 * load it lazily are swapped for ones that say so, and the scanner moves on to
 * its next decoder (or draws no QR) instead.
 */
function withoutZxing(dir) {
  const swapped = new Set([path.join(dir, 'src/decoders/zxing-engine.ts'), path.join(dir, 'src/internal/qr-encode-zxing.ts')]);
  const VIRTUAL = '\0zxing-not-bundled';
  return {
    name: 'without-zxing',
    async resolveId(source, importer, options) {
      if (source === VIRTUAL) return VIRTUAL;
      if (!importer || !source.startsWith('.')) return null;
      const resolved = await this.resolve(source, importer, { ...options, skipSelf: true });
      return resolved && swapped.has(resolved.id) ? VIRTUAL : null;
    },
    load(id) {
      if (id !== VIRTUAL) return null;
      return [
        "const missing = () => Promise.reject(new Error('ZXing is not part of pass-check.js'));",
        'export const startZxingEngine = missing;',
        'export const encodeWithZxing = missing;',
      ].join('\n');
    },
  };
}

export default function elementsBuild({ root }) {
  const dir = path.join(root, 'packages', 'elements');
  const dist = path.join(dir, 'dist');
  const tsconfig = path.join(root, 'tsconfig.json');
  const bundled = (extra = []) => [
    nodeResolve({ browser: true, exportConditions: ['browser', 'module', 'import', 'default'] }),
    esbuild({ target: 'es2022', tsconfig }),
    ...extra,
  ];
  const minify = terser({ ecma: 2020, module: false, compress: { passes: 2 }, format: { comments: false } });
  return [
    {
      input: path.join(dir, 'src/decoders/qr-worker.ts'),
      plugins: bundled(),
      output: { file: path.join(dist, 'qr-worker.js'), format: 'es', sourcemap: true },
    },
    {
      input: path.join(dir, 'src/script-tag.ts'),
      plugins: [divocCanonBesideScript(root), withoutZxing(dir), squeezeStyles(), ...bundled([minify, copyWasm(root), reportSize(BUDGET_GZIP_BYTES)])],
      output: { file: path.join(dist, 'pass-check.js'), format: 'iife', name: 'PassCheckBundle', inlineDynamicImports: true, sourcemap: true },
    },
    {
      input: path.join(dir, 'src/decoders/qr-worker.ts'),
      plugins: bundled([minify, reportSize()]),
      output: { file: path.join(dist, 'pass-check-worker.js'), format: 'iife', inlineDynamicImports: true, sourcemap: true },
    },
  ];
}
