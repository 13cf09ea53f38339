// Test kit for IBM Digital Health Pass credentials (filled in below as the format lands).

// Signature encoding helpers, exported so tests (and other formats' test kits)
// can produce DER or raw ECDSA signatures on demand.
export { derToRawEcdsa, rawToDerEcdsa } from '../internal/ecdsa.js';
