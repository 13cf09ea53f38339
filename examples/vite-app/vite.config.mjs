// The example app's Vite config: the example data (trust bundle, passes) is served
// as static files. Nothing is needed for pass-check itself except keeping Vite's
// dev pre-bundling away from the two packages that load a worker and a .wasm by URL.
import path from 'node:path';
import { defineConfig } from 'vite';

export default defineConfig({
  root: import.meta.dirname,
  publicDir: path.join(import.meta.dirname, '..', 'data'),
  optimizeDeps: { exclude: ['@pass-check/elements', '@pass-check/wasm-qr'] },
  server: { host: '127.0.0.1', port: 5173 },
  build: { outDir: 'dist', emptyOutDir: true, target: 'es2022' },
  logLevel: 'warn',
});
