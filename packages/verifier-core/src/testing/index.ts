// @pass-check/verifier-core/testing: makes issuers, keys and signed passes for
// tests and demos, so nobody needs outside data. Never use its keys in production.
export const TESTING_ONLY = true;
