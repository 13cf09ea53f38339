// GateSync on NATS JetStream key-value. Each admitted pass is one key (its
// passId) holding which gate admitted it and when; the bucket's TTL is the
// duplicate window. A claim is an atomic create-if-absent, so of two gates
// claiming the same pass at once exactly one is first. "First" means this claim's
// own create succeeded: every claim carries a nonce stored in the record, and only
// a record with that nonce is ever taken as ours (a retry whose first write landed).
// A record naming this gate is not enough: two scans in flight on one device, or
// two devices given the same gate name, would both be "first". On one device,
// claims of the same pass are also decided one after the other.
//
// Offline is normal: with the server out of reach, a gate answers from its own
// memory, queues its claims (bounded) and says so in `gate-sync-status`; on
// reconnection it publishes them in order and reports every pass that another
// gate had admitted meanwhile as a `gate-sync-late-duplicate`.
import { wsconnect, type ConnectionOptions, type NatsConnection } from '@nats-io/nats-core';
import { jetstream } from '@nats-io/jetstream';
import { Kvm, type KV } from '@nats-io/kv';
import {
  checkPassId, GateSyncStatusEvent, LateDuplicateEvent,
  type ClaimResult, type GateSync, type GateSyncStatus,
} from './gate-sync.js';

export const DEFAULT_BUCKET = 'pass-check-seen';
/** Six hours: a pass admitted once is not welcome again during the same event. */
const DEFAULT_WINDOW_SECONDS = 6 * 3600;
const DEFAULT_CLAIM_TIMEOUT_MS = 1000;
const DEFAULT_CONNECT_TIMEOUT_MS = 5000;
const DEFAULT_MAX_QUEUE = 20_000;
/** Passes remembered on the device: a whole stadium's worth. */
const MAX_LOCAL_ENTRIES = 200_000;
const RETRY_MS = 1000;
const RETRY_PAUSE_MS = 100;
const JETSTREAM_TIMEOUT_MS = 2000;
const MAX_GATE_NAME = 64;
const MAX_VALUE_BYTES = 512;
const MAX_NONCE = 64;
/** JetStream's "wrong last sequence": the key exists, another claim came first. */
const WRONG_LAST_SEQUENCE = [10071, 10164];

export interface NatsGateSyncOptions {
  /** nats:// (Node) or ws:// / wss:// (browser and Node) URLs of the venue's server or cluster. */
  servers: string | string[];
  /** This gate's name, shown to staff at other gates ("Already admitted at gate N"). */
  gate: string;
  /** JetStream key-value bucket, default 'pass-check-seen'. */
  bucket?: string;
  /** Seconds a claim is remembered: the bucket's TTL. Default 6 hours. */
  window?: number;
  user?: string;
  pass?: string;
  token?: string;
  /** Reply subjects of this gate ('_INBOX_gate-1'), so a gate's credentials need not see other gates' replies. */
  inboxPrefix?: string;
  /** Replicas when the bucket is created (3 on a three-node cluster). Default 1. */
  replicas?: number;
  /** A claim taking longer than this is answered from local memory and queued. Default 1000 ms. */
  claimTimeout?: number;
  /** How long to wait for the first connection before starting offline. Default 5000 ms. */
  connectTimeout?: number;
  /** Claims held while offline; beyond this the oldest is dropped and reported. Default 20,000. */
  maxQueue?: number;
  /** The clock, for tests. */
  now?: () => number;
}

interface Claim { gate: string; at: number; nonce?: string }
interface Queued { passId: string; key: string; at: number; nonce: string }
type Remote = { first: true } | { first: false; gate: string; at: number; mine: boolean };

/** Connects and sets the bucket up; starts offline (and keeps trying) when the server cannot be reached in time. */
export async function createNatsGateSync(options: NatsGateSyncOptions): Promise<NatsGateSync> {
  const sync = new NatsGateSync(options);
  await sync.started;
  return sync;
}

export class NatsGateSync extends EventTarget implements GateSync {
  readonly gate: string;
  readonly bucket: string;
  /** Milliseconds a claim is remembered (the bucket's TTL once known). */
  windowMs: number;
  /** Resolves once connected and set up, or once the connect timeout has passed (offline). */
  readonly started: Promise<void>;

  private nc: NatsConnection | undefined;
  private kv: KV | undefined;
  private connected = false;
  /** Connected, but the last request failed or timed out: treated as offline until the queue drains. */
  private degraded = false;
  private closed = false;
  private readonly queue: Queued[] = [];
  private readonly local = new Map<string, Claim>();
  /** Claims of one key being decided on this device: the next waits for the previous. */
  private readonly deciding = new Map<string, Promise<unknown>>();
  /** This device (random) and a counter: each claim's nonce, unique across devices and claims. */
  private readonly device = randomId();
  private claims = 0;
  private dropped = 0;
  private disconnectedAt = 0;
  private readonly waitingForConnection = new Set<() => void>();
  private flushing: Promise<void> | undefined;
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly claimTimeoutMs: number;
  private readonly maxQueue: number;
  private readonly now: () => number;

  constructor(private readonly options: NatsGateSyncOptions) {
    super();
    if (typeof options?.gate !== 'string' || !options.gate || options.gate.length > MAX_GATE_NAME) {
      throw new TypeError(`gate must be a non-empty name of at most ${MAX_GATE_NAME} characters`);
    }
    this.gate = options.gate;
    this.bucket = options.bucket ?? DEFAULT_BUCKET;
    if (!/^[A-Za-z0-9_-]{1,64}$/.test(this.bucket)) throw new TypeError('bucket must be letters, digits, - or _');
    const window = options.window ?? DEFAULT_WINDOW_SECONDS;
    if (!Number.isFinite(window) || window <= 0) throw new TypeError('window must be a positive number of seconds');
    this.windowMs = Math.round(window * 1000);
    this.claimTimeoutMs = options.claimTimeout ?? DEFAULT_CLAIM_TIMEOUT_MS;
    this.maxQueue = Math.max(1, options.maxQueue ?? DEFAULT_MAX_QUEUE);
    this.now = options.now ?? (() => Date.now());
    this.started = this.start();
  }

  /** True when claims are being decided by the venue's shared memory right now. */
  get online(): boolean {
    return this.connected && !this.degraded && !this.closed;
  }

  /** The name of the NATS server this gate is connected to (for staff diagnostics), if any. */
  get serverName(): string | undefined {
    return this.connected ? this.nc?.info?.server_name : undefined;
  }

  get status(): GateSyncStatus {
    return { online: this.online, pending: this.queue.length, dropped: this.dropped };
  }

  async claim(passId: string): Promise<ClaimResult> {
    checkPassId(passId);
    if (this.closed) throw new Error('gate sync is closed');
    const key = await keyFor(passId);
    // Two scans of one pass in flight here: the second is decided after the first, from memory.
    const previous = this.deciding.get(key);
    const decided = previous ? previous.then(() => this.decide(passId, key)) : this.decide(passId, key);
    const settled = decided.then(() => {}, () => {});
    this.deciding.set(key, settled);
    void settled.then(() => { if (this.deciding.get(key) === settled) this.deciding.delete(key); });
    return decided;
  }

  private async decide(passId: string, key: string): Promise<ClaimResult> {
    if (this.closed) throw new Error('gate sync is closed');
    const at = this.now();
    this.claims += 1;
    const nonce = `${this.device}.${this.claims.toString(36)}`;
    const known = this.remembered(key, at);
    if (known) return { first: false, gate: known.gate, at: new Date(known.at) };
    // Just disconnected: a cluster's client moves to another node in well under a second, so
    // wait (within the claim timeout) rather than decide alone at once.
    if (!this.connected && !this.degraded && this.kv && this.now() - this.disconnectedAt < this.claimTimeoutMs) {
      await this.reconnected(this.claimTimeoutMs - (this.now() - this.disconnectedAt));
    }
    if (this.online && this.queue.length === 0) {
      try {
        const answer = await this.claimWithin(key, at, nonce);
        if (answer.first) {
          this.remember(key, { gate: this.gate, at });
          return { first: true };
        }
        this.remember(key, { gate: answer.gate, at: answer.at });
        // Our own earlier request (this claim's nonce), delivered late after a timeout, is still ours: first.
        if (answer.mine) return { first: true };
        return { first: false, gate: answer.gate, at: new Date(answer.at) };
      } catch {
        this.degraded = true;
        this.scheduleRetry();
      }
    }
    // Offline: this gate's own memory decides, and the claim waits to be published.
    this.remember(key, { gate: this.gate, at });
    // The same nonce: if the timed-out request landed after all, publishing finds it ours.
    this.queue.push({ passId, key, at, nonce });
    if (this.queue.length > this.maxQueue) {
      this.queue.shift();
      this.dropped += 1;
    }
    this.emitStatus();
    if (this.connected) void this.flush();
    return { first: true };
  }

  async close(): Promise<void> {
    if (this.closed) return;
    // One last bounded try to publish what is queued.
    if (this.connected && this.queue.length) await this.withTimeout(this.flush(), this.claimTimeoutMs * 3).catch(() => {});
    this.closed = true;
    clearTimeout(this.retryTimer);
    await this.nc?.close().catch(() => {});
    this.emitStatus();
  }

  private async start(): Promise<void> {
    const servers = Array.isArray(this.options.servers) ? this.options.servers : [this.options.servers];
    if (!servers.length || servers.some((s) => typeof s !== 'string')) throw new TypeError('servers must be one or more URLs');
    const viaWebSocket = servers.filter((s) => /^wss?:\/\//i.test(s)).length;
    if (viaWebSocket && viaWebSocket !== servers.length) throw new TypeError('servers must be all ws(s):// or all nats:// URLs');
    if (viaWebSocket && typeof globalThis.WebSocket !== 'function') throw new TypeError('ws:// and wss:// need a WebSocket (browsers, Node 22+): use nats:// here');
    const connectionOptions: ConnectionOptions = {
      servers,
      name: `pass-check gate ${this.gate}`,
      waitOnFirstConnect: true,
      maxReconnectAttempts: -1,
      reconnectTimeWait: 250,
      reconnectJitter: 100,
      pingInterval: 5000,
      maxPingOut: 2,
      ...(this.options.user !== undefined ? { user: this.options.user, pass: this.options.pass } : {}),
      ...(this.options.token !== undefined ? { token: this.options.token } : {}),
      ...(this.options.inboxPrefix !== undefined ? { inboxPrefix: this.options.inboxPrefix } : {}),
    };
    let waited = false;
    const connecting = (async () => {
      const nc = viaWebSocket ? await wsconnect(connectionOptions) : await (await import('@nats-io/transport-node')).connect(connectionOptions);
      this.nc = nc;
      // Before the connect timeout a setup failure is the caller's; after it (started offline), keep trying.
      for (;;) {
        if (this.closed) {
          await nc.close();
          return;
        }
        try {
          this.kv = await this.openBucket(nc);
          break;
        } catch (e) {
          if (!waited) {
            await nc.close().catch(() => {});
            throw e;
          }
          await new Promise((resolve) => setTimeout(resolve, RETRY_MS));
        }
      }
      this.connected = true;
      void this.watch(nc);
      this.emitStatus();
      if (this.queue.length) void this.flush();
    })();
    const timeoutMs = this.options.connectTimeout ?? DEFAULT_CONNECT_TIMEOUT_MS;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timedOut = new Promise<'timeout'>((resolve) => { timer = setTimeout(() => resolve('timeout'), timeoutMs); });
    // A setup failure (bad credentials, no JetStream) is the caller's to see; an unreachable server is not.
    const outcome = await Promise.race([connecting, timedOut]).finally(() => clearTimeout(timer));
    if (outcome === 'timeout') {
      waited = true;
      connecting.catch(() => {});
      this.emitStatus();
    }
  }

  private async openBucket(nc: NatsConnection): Promise<KV> {
    // Short: a claim past its own timeout is retried (claimWithin); setup past it is retried by the caller or in the background.
    const kvm = new Kvm(jetstream(nc, { timeout: JETSTREAM_TIMEOUT_MS }));
    try {
      return await kvm.create(this.bucket, { ttl: this.windowMs, history: 1, replicas: this.options.replicas ?? 1 });
    } catch (createError) {
      // Made already by the venue (maybe with another window), or this gate may not create it: use it as it is.
      const kv = await kvm.open(this.bucket).catch(() => { throw createError; });
      const ttl = (await kv.status()).ttl;
      if (ttl > 0) this.windowMs = ttl;
      return kv;
    }
  }

  private async watch(nc: NatsConnection): Promise<void> {
    try {
      for await (const s of nc.status()) {
        if (s.type === 'disconnect') {
          this.connected = false;
          this.disconnectedAt = this.now();
          this.emitStatus();
        } else if (s.type === 'reconnect') {
          this.connected = true;
          for (const wake of this.waitingForConnection) wake();
          if (this.queue.length) void this.flush();
          else this.degraded = false;
          this.emitStatus();
        }
      }
    } catch {
      // The connection closed: nothing more to watch.
    }
    this.connected = false;
  }

  /** Publishes queued claims in order; stops at the first failure and tries again later. */
  private flush(): Promise<void> {
    this.flushing ??= (async () => {
      try {
        while (this.queue.length && this.connected && !this.closed) {
          const item = this.queue[0];
          let answer: Remote;
          try {
            answer = await this.claimWithin(item.key, item.at, item.nonce);
          } catch {
            this.degraded = true;
            this.scheduleRetry();
            return;
          }
          this.queue.shift();
          if (!answer.first && !answer.mine) {
            this.remember(item.key, { gate: answer.gate, at: answer.at });
            this.dispatchEvent(new LateDuplicateEvent({ passId: item.passId, gate: answer.gate, at: new Date(answer.at), admittedHereAt: new Date(item.at) }));
          }
        }
        if (!this.queue.length && this.connected) this.degraded = false;
      } finally {
        this.flushing = undefined;
        this.emitStatus();
      }
    })();
    return this.flushing;
  }

  /** Resolves when the connection is back, or after `ms`. */
  private reconnected(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.waitingForConnection.delete(done);
        resolve();
      };
      const timer = setTimeout(done, Math.max(0, ms));
      this.waitingForConnection.add(done);
    });
  }

  private scheduleRetry(): void {
    if (this.retryTimer !== undefined || this.closed) return;
    this.retryTimer = setTimeout(() => {
      this.retryTimer = undefined;
      if (this.closed) return;
      if (this.queue.length) {
        if (this.connected) void this.flush();
        else this.scheduleRetry();
      } else if (this.connected) {
        this.degraded = false;
        this.emitStatus();
      }
    }, RETRY_MS);
  }

  /**
   * claimRemote, tried again within the claim timeout: a cluster moving its leader, or the
   * client moving to another node, is a pause of a second or two, not a reason to go offline.
   * Repeating is safe: our own earlier write, if it landed, carries this claim's nonce.
   */
  private async claimWithin(key: string, at: number, nonce: string): Promise<Remote> {
    const deadline = Date.now() + this.claimTimeoutMs;
    for (;;) {
      try {
        return await this.withTimeout(this.claimRemote(key, at, nonce), Math.max(1, deadline - Date.now()));
      } catch (e) {
        if (this.closed || Date.now() + RETRY_PAUSE_MS >= deadline) throw e;
        await new Promise((resolve) => setTimeout(resolve, RETRY_PAUSE_MS));
      }
    }
  }

  /** Create-if-absent; when the key exists, who holds it. Bounded: a key expiring meanwhile is retried twice. */
  private async claimRemote(key: string, at: number, nonce: string): Promise<Remote> {
    const kv = this.kv;
    if (!kv) throw new Error('not connected');
    const value = JSON.stringify({ g: this.gate, t: at, n: nonce });
    // kv.create() would read the key again after a refusal; put() with an expected revision is the same
    // atomic write, and one round trip less for a pass already admitted.
    let expected = 0;
    for (let attempt = 0; attempt < 3; attempt += 1) {
      try {
        await kv.put(key, value, { previousSeq: expected });
        return { first: true };
      } catch (e) {
        if (!isWrongLastSequence(e)) throw e;
      }
      const entry = await kv.get(key);
      if (!entry) {
        expected = 0;
        continue;
      }
      // Deleted or purged by the venue: free again, at the revision of that mark.
      if (entry.operation !== 'PUT') {
        expected = entry.revision;
        continue;
      }
      const holder = parseClaim(entry.value);
      // Unreadable: someone wrote there, so the pass is taken (fail closed).
      if (!holder) return { first: false, gate: '?', at: entry.created.getTime(), mine: false };
      // Ours only if it carries this very claim's nonce; a record without one (or another's) is someone else's.
      return { first: false, gate: holder.gate, at: holder.at, mine: holder.nonce === nonce };
    }
    throw new Error('claim kept changing');
  }

  private withTimeout<T>(work: Promise<T>, ms = this.claimTimeoutMs): Promise<T> {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<never>((_, reject) => { timer = setTimeout(() => reject(new Error('timed out')), ms); });
    work.catch(() => {});
    return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
  }

  private remembered(key: string, now: number): Claim | undefined {
    const claim = this.local.get(key);
    if (!claim) return undefined;
    if (now - claim.at < this.windowMs) return claim;
    this.local.delete(key);
    return undefined;
  }

  private remember(key: string, claim: Claim): void {
    this.local.delete(key);
    this.local.set(key, claim);
    // Oldest first out: insertion order is (nearly) time order.
    while (this.local.size > MAX_LOCAL_ENTRIES) this.local.delete(this.local.keys().next().value as string);
  }

  private emitStatus(): void {
    this.dispatchEvent(new GateSyncStatusEvent(this.status));
  }
}

function isWrongLastSequence(e: unknown): boolean {
  const error = e as { code?: unknown; api_error?: { err_code?: unknown }; message?: unknown };
  return WRONG_LAST_SEQUENCE.includes(error?.code as number) || WRONG_LAST_SEQUENCE.includes(error?.api_error?.err_code as number)
    || (typeof error?.message === 'string' && error.message.includes('wrong last sequence'));
}

function parseClaim(bytes: Uint8Array): Claim | undefined {
  if (bytes.length > MAX_VALUE_BYTES) return undefined;
  try {
    const value = JSON.parse(new TextDecoder().decode(bytes)) as { g?: unknown; t?: unknown; n?: unknown };
    if (typeof value?.g !== 'string' || !value.g || value.g.length > MAX_GATE_NAME) return undefined;
    if (typeof value.t !== 'number' || !Number.isFinite(value.t)) return undefined;
    const nonce = typeof value.n === 'string' && value.n.length <= MAX_NONCE ? value.n : undefined;
    return { gate: value.g, at: value.t, nonce };
  } catch {
    return undefined;
  }
}

/** 16 random hex digits (64 bits): this device's part of every claim nonce. */
function randomId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(8));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/** A passId as a key: base64url ids as they are; anything else by its SHA-256 (a '=' prefix keeps the two apart). */
async function keyFor(passId: string): Promise<string> {
  if (/^[A-Za-z0-9_-]{1,128}$/.test(passId)) return passId;
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(passId)));
  return `=${Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join('')}`;
}
