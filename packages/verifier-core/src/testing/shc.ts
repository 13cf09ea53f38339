// SMART Health Card test kit: filled in below as issue #2 lands.
// Re-exported for the project's own tests (internal helpers are not part of the main entry).
export { inflateRaw, inflateZlib } from '../internal/inflate.js';
