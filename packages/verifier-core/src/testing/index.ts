// @pass-check/verifier-core/testing: makes issuers, keys and signed passes for
// tests and demos, so nobody needs outside data. Never use its keys in production.
export * from './shc.js';
export * from './dcc.js';
export * from './idhp.js';
export * from './vdsnc.js';
export * from './divoc.js';
