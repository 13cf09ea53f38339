// wasm-qr's extra build: compiles assembly/ with the project's own asc twice,
// into dist/wasm-qr.wasm (runs on every WebAssembly engine) and
// dist/wasm-qr-simd.wasm (--enable simd: the pixel loops 16 bytes a step; the
// loader picks it where WebAssembly.validate accepts SIMD), bakes both SHA-256s
// into the wrapper (src/wasm-sha256.ts is a placeholder that this build
// replaces), and builds the worker entry. The wasm is compiled while the
// config loads, before any bundle is written, so the wrapper without the hashes
// (the shared build's) is replaced within seconds.
import { createHash } from 'node:crypto';
import path from 'node:path';
import asc from 'assemblyscript/asc';

const WASM_FILE = 'wasm-qr.wasm';
const SIMD_WASM_FILE = 'wasm-qr-simd.wasm';
const packageDir = path.dirname(new URL(import.meta.url).pathname);

async function compileAssembly(extraFlags = []) {
  const outputs = {};
  const errors = [];
  const { error } = await asc.main(
    [path.join(packageDir, 'assembly', 'index.ts'), '--config', path.join(packageDir, 'asconfig.json'), '--outFile', WASM_FILE, ...extraFlags],
    {
      writeFile: (name, contents) => { outputs[path.basename(name)] = contents; },
      stdout: { write: () => true },
      stderr: { write: (text) => { errors.push(String(text)); return true; } },
    },
  );
  if (error) throw new Error(`wasm-qr: asc failed: ${error.message}\n${errors.join('')}`);
  if (!outputs[WASM_FILE]) throw new Error('wasm-qr: asc produced no wasm');
  return outputs[WASM_FILE];
}

const wasm = await compileAssembly();
const simdWasm = await compileAssembly(['--enable', 'simd']);
const sha256 = (bytes) => createHash('sha256').update(bytes).digest('hex');

function wasmAssetPlugin() {
  const hashModule = path.join(packageDir, 'src', 'wasm-sha256.ts');
  return {
    name: 'wasm-qr-assemblyscript',
    load(id) {
      if (id !== hashModule) return null;
      return [
        `export const WASM_SHA256: string = ${JSON.stringify(sha256(wasm))};`,
        `export const WASM_SIMD_SHA256: string = ${JSON.stringify(sha256(simdWasm))};`,
        '',
      ].join('\n');
    },
    generateBundle() {
      this.emitFile({ type: 'asset', fileName: WASM_FILE, source: wasm });
      this.emitFile({ type: 'asset', fileName: SIMD_WASM_FILE, source: simdWasm });
    },
  };
}

export default function wasmQrBuild({ packageBuild }) {
  // Two builds, so that neither entry shares a chunk: each file's
  // import.meta.url must be dist/ itself for './wasm-qr.wasm' to resolve.
  const [index, indexDeclarations] = packageBuild('wasm-qr', { index: 'src/index.ts' });
  const [worker] = packageBuild('wasm-qr', { worker: 'src/worker.ts' });
  index.plugins.unshift(wasmAssetPlugin());
  return [index, indexDeclarations, worker];
}
