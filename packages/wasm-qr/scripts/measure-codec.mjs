// Codec figures for the README: .wasm size, encode and grid-decode time per
// version (median of repeated runs). Needs a build: npm run build -- --environment PKG:wasm-qr
// Run: node packages/wasm-qr/scripts/measure-codec.mjs
import fs from 'node:fs';
import { createQrDecoder, createQrEncoder, defaultWasmUrl, WASM_SHA256 } from '@pass-check/wasm-qr';

const median = (values) => values.sort((a, b) => a - b)[values.length >> 1];
const encoder = await createQrEncoder();
const decoder = await createQrDecoder();
console.log(`wasm: ${fs.statSync(defaultWasmUrl()).size} bytes, sha256 ${WASM_SHA256}`);
for (const [label, text, ecLevel] of [
  ['DCC (alphanumeric), Q', `HC1:${'6BF+70790T9WJWG.FKY*4GO0.O1CV2 O5 N2FBB'.repeat(14)}`, 'Q'],
  ['SHC (byte + numeric), L', `shc:/${'5676290952432060346029243740446031222959'.repeat(30)}`, 'L'],
  ['2953 bytes, L (version 40)', 'x'.repeat(2953), 'L'],
]) {
  const encodeTimes = [];
  const decodeTimes = [];
  let matrix;
  for (let i = 0; i < 41; i++) {
    let start = performance.now();
    matrix = encoder.encode(text, { ecLevel });
    encodeTimes.push(performance.now() - start);
    start = performance.now();
    decoder.decodeModules(matrix);
    decodeTimes.push(performance.now() - start);
  }
  console.log(`${label}: version ${matrix.version}, encode ${median(encodeTimes).toFixed(2)} ms, decode grid ${median(decodeTimes).toFixed(2)} ms (median of 41)`);
}
