// Placeholder for type checking and editors: the build (rollup.extra.mjs)
// replaces this module with the SHA-256 (hex) of the dist/wasm-qr.wasm it emits.
export const WASM_SHA256: string = '';
