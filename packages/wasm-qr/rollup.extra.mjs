// wasm-qr's extra build: compiles assembly/ with the project's own asc into
// dist/wasm-qr.wasm, bakes its SHA-256 into the wrapper (src/wasm-sha256.ts is
// a placeholder that this build replaces), and builds the worker entry.
// The wasm is compiled while the config loads, before any bundle is written,
// so the wrapper without the hash (the shared build's) is replaced within seconds.
import { createHash } from 'node:crypto';
import path from 'node:path';
import asc from 'assemblyscript/asc';

const WASM_FILE = 'wasm-qr.wasm';
const packageDir = path.dirname(new URL(import.meta.url).pathname);

async function compileAssembly() {
  const outputs = {};
  const errors = [];
  const { error } = await asc.main(
    [path.join(packageDir, 'assembly', 'index.ts'), '--config', path.join(packageDir, 'asconfig.json'), '--outFile', WASM_FILE],
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
const wasmSha256 = createHash('sha256').update(wasm).digest('hex');

function wasmAssetPlugin() {
  const hashModule = path.join(packageDir, 'src', 'wasm-sha256.ts');
  return {
    name: 'wasm-qr-assemblyscript',
    load(id) {
      return id === hashModule ? `export const WASM_SHA256: string = ${JSON.stringify(wasmSha256)};\n` : null;
    },
    generateBundle() {
      this.emitFile({ type: 'asset', fileName: WASM_FILE, source: wasm });
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
