// The wasm module's exports: the image pipeline (decode.ts), the encoder
// (encode.ts) and a grid-level entry used by the codec tests.
export * from './decode';
export * from './encode';
export * from './codec/grid-exports';
export * from './codec/rs-exports';
