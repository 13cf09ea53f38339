// wasm-qr's extra build: compiles assembly/ with the project's own asc into
// dist/wasm-qr.wasm, bakes its SHA-256 into the wrapper (src/wasm-sha256.ts is
// a placeholder that this build replaces), and adds the worker entry.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import asc from 'assemblyscript/asc';

const WASM_FILE = 'wasm-qr.wasm';

function assemblyScriptPlugin(packageDir) {
  const configFile = path.join(packageDir, 'asconfig.json');
  const hashModule = path.join(packageDir, 'src', 'wasm-sha256.ts');
  let wasm = null;
  return {
    name: 'wasm-qr-assemblyscript',
    async buildStart() {
      const outputs = {};
      const errors = [];
      const { error } = await asc.main(
        [path.join(packageDir, 'assembly', 'index.ts'), '--config', configFile, '--outFile', WASM_FILE],
        {
          writeFile: (name, contents) => { outputs[path.basename(name)] = contents; },
          stdout: { write: () => true },
          stderr: { write: (text) => { errors.push(String(text)); return true; } },
        },
      );
      if (error) this.error(`asc failed: ${error.message}\n${errors.join('')}`);
      wasm = outputs[WASM_FILE];
      if (!wasm) this.error('asc produced no wasm');
      for (const file of fs.readdirSync(path.join(packageDir, 'assembly'), { recursive: true })) {
        if (String(file).endsWith('.ts')) this.addWatchFile(path.join(packageDir, 'assembly', String(file)));
      }
    },
    load(id) {
      if (id !== hashModule) return null;
      const sha256 = createHash('sha256').update(wasm).digest('hex');
      return `export const WASM_SHA256: string = ${JSON.stringify(sha256)};\n`;
    },
    generateBundle() {
      this.emitFile({ type: 'asset', fileName: WASM_FILE, source: wasm });
    },
  };
}

export default function wasmQrBuild({ root, packageBuild }) {
  const packageDir = path.join(root, 'packages', 'wasm-qr');
  // Two builds, so that neither entry shares a chunk: each file's
  // import.meta.url must be dist/ itself for './wasm-qr.wasm' to resolve.
  const [index, indexDeclarations] = packageBuild('wasm-qr', { index: 'src/index.ts' });
  const [worker] = packageBuild('wasm-qr', { worker: 'src/worker.ts' });
  index.plugins.unshift(assemblyScriptPlugin(packageDir));
  return [index, indexDeclarations, worker];
}
