// The plain build must run where WebAssembly SIMD does not (Safari before
// 16.4), and Node 20 cannot switch SIMD off to show it. So the modules are
// validated by binaryen (the compiler asc itself runs on) with every feature
// but SIMD: wasm-qr.wasm must pass; wasm-qr-simd.wasm, the control, must fail.
import { it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { defaultSimdWasmUrl, defaultWasmUrl } from '@pass-check/wasm-qr';

// In a child process: binaryen prints every validation error of the SIMD build.
const validateWithoutSimd = (url) => spawnSync(process.execPath, ['--input-type=module', '-e', `
  import fs from 'node:fs';
  import binaryen from 'binaryen';
  const module = binaryen.readBinary(fs.readFileSync(new URL(${JSON.stringify(url.href)})));
  module.setFeatures(binaryen.Features.All & ~binaryen.Features.SIMD128);
  const valid = module.validate();
  process.stderr.write('verdict:' + (valid ? 'valid' : 'invalid'));
`], { cwd: import.meta.dirname, stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' }).stderr.match(/verdict:(\w+)/)?.[1];

it('wasm-qr.wasm holds no SIMD instruction or type; wasm-qr-simd.wasm does', { timeout: 60_000 }, () => {
  assert.equal(validateWithoutSimd(defaultWasmUrl()), 'valid');
  assert.equal(validateWithoutSimd(defaultSimdWasmUrl()), 'invalid');
});
