// Placeholder for type checking and editors: the build (rollup.extra.mjs)
// replaces this module with the SHA-256s (hex) of the dist/wasm-qr.wasm and
// dist/wasm-qr-simd.wasm it emits.
export const WASM_SHA256: string = '';
export const WASM_SIMD_SHA256: string = '';
