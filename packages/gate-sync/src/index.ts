// @pass-check/gate-sync: one venue's shared memory of admitted passes.
export { GateSyncStatusEvent, LateDuplicateEvent, MAX_PASS_ID_LENGTH } from './gate-sync.js';
export type { ClaimResult, GateSync, GateSyncStatus } from './gate-sync.js';
export { createNatsGateSync, NatsGateSync, DEFAULT_BUCKET } from './nats-gate-sync.js';
export type { NatsGateSyncOptions } from './nats-gate-sync.js';
