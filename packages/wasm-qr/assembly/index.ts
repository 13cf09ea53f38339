// The wasm module's exports: the image pipeline (decode.ts), the encoder
// (encode.ts) and a grid-level entry used by the codec tests.
export * from './decode';
export * from './encode';
export * from './codec/grid-exports';
export * from './codec/rs-exports';

/** 1 in the SIMD build (wasm-qr-simd.wasm), 0 in the one that runs everywhere. */
export function simdBuild(): i32 {
  return ASC_FEATURE_SIMD ? 1 : 0;
}
