// Fetching trust sources: a concurrency limit, a timeout per attempt, retries
// with exponential backoff, a response size cap, and redirects followed by hand
// so every hop is checked: https only (http only to a loopback host, for tests).
// Every failure is a SourceError with a stable code; nothing here throws anything else.

export class SourceError extends Error {
  name = 'SourceError';
  /**
   * @param {string} code FETCH_TIMEOUT, FETCH_HTTP, FETCH_TOO_LARGE, FETCH_REDIRECT, FETCH_URL, FETCH_NETWORK,
   *   BAD_JSON, BAD_FORMAT, BAD_SIGNATURE, NO_KEYS, READ_FILE
   */
  constructor(code, message) {
    super(message);
    this.code = code;
  }
}

export const FETCH_DEFAULTS = Object.freeze({
  concurrency: 8,
  timeoutMs: 10_000,
  retries: 2,
  backoffMs: 300,
  maxBytes: 8 * 1024 * 1024,
  maxRedirects: 5,
});

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]', '::1']);

/** Whether pass-check may fetch this URL: https, or http to this machine (tests). */
export function allowedUrl(text) {
  let url;
  try { url = new URL(text); } catch { return undefined; }
  if (url.username || url.password) return undefined;
  if (url.protocol === 'https:') return url;
  if (url.protocol === 'http:' && LOOPBACK.has(url.hostname)) return url;
  return undefined;
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** A counting semaphore. */
function limiter(max) {
  let active = 0;
  const waiting = [];
  return async (task) => {
    if (active >= max) await new Promise((resolve) => waiting.push(resolve));
    active++;
    try { return await task(); } finally {
      active--;
      waiting.shift()?.();
    }
  };
}

/** Reads a body up to `maxBytes`; past that the response is abandoned. */
async function readCapped(response, maxBytes, controller) {
  const declared = Number(response.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > maxBytes) {
    controller.abort();
    throw new SourceError('FETCH_TOO_LARGE', `response is ${declared} bytes, over the ${maxBytes}-byte cap`);
  }
  const chunks = [];
  let total = 0;
  if (!response.body) return new Uint8Array(0);
  for await (const chunk of response.body) {
    total += chunk.byteLength;
    if (total > maxBytes) {
      controller.abort();
      throw new SourceError('FETCH_TOO_LARGE', `response passed the ${maxBytes}-byte cap`);
    }
    chunks.push(chunk);
  }
  const out = new Uint8Array(total);
  let offset = 0;
  for (const c of chunks) { out.set(c, offset); offset += c.byteLength; }
  return out;
}

/**
 * @param {Partial<typeof FETCH_DEFAULTS> & { fetch?: typeof fetch, onAttempt?: (url: string) => void }} options
 */
export function createFetcher(options = {}) {
  const o = { ...FETCH_DEFAULTS, ...Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined)) };
  const fetchImpl = options.fetch ?? globalThis.fetch;
  const limit = limiter(o.concurrency);

  /** One attempt, following redirects by hand. */
  async function attempt(start) {
    let url = start;
    for (let hop = 0; hop <= o.maxRedirects; hop++) {
      const controller = new AbortController();
      const timer = setTimeout(() => controller.abort(new SourceError('FETCH_TIMEOUT', `no complete answer within ${o.timeoutMs} ms`)), o.timeoutMs);
      try {
        let response;
        try {
          response = await fetchImpl(url.href, { redirect: 'manual', signal: controller.signal, headers: { accept: 'application/json, */*' } });
        } catch (e) {
          if (controller.signal.aborted) throw controller.signal.reason;
          throw new SourceError('FETCH_NETWORK', `cannot reach ${url.host}: ${e?.cause?.code ?? e?.message ?? e}`);
        }
        if (response.status >= 300 && response.status < 400 && response.headers.get('location')) {
          await response.body?.cancel().catch(() => {});
          const next = allowedUrl(new URL(response.headers.get('location'), url).href);
          if (!next) throw new SourceError('FETCH_REDIRECT', `redirect to ${response.headers.get('location')} refused: redirects stay on https`);
          url = next;
          continue;
        }
        if (!response.ok) {
          await response.body?.cancel().catch(() => {});
          throw new SourceError('FETCH_HTTP', `HTTP ${response.status}`);
        }
        try {
          return await readCapped(response, o.maxBytes, controller);
        } catch (e) {
          if (e instanceof SourceError) throw e;
          if (controller.signal.aborted) throw controller.signal.reason;
          throw new SourceError('FETCH_NETWORK', `connection broke: ${e?.message ?? e}`);
        }
      } finally {
        clearTimeout(timer);
      }
    }
    throw new SourceError('FETCH_REDIRECT', `more than ${o.maxRedirects} redirects`);
  }

  const retryable = (e) => e.code === 'FETCH_TIMEOUT' || e.code === 'FETCH_NETWORK' || (e.code === 'FETCH_HTTP' && /HTTP (5\d\d|429)/.test(e.message));

  return {
    options: o,
    /** The bytes at `text` (a URL); throws SourceError. */
    async get(text) {
      const url = allowedUrl(text);
      if (!url) throw new SourceError('FETCH_URL', `refused URL ${String(text).slice(0, 200)}: https only (http only for loopback)`);
      return limit(async () => {
        for (let i = 0; ; i++) {
          try {
            options.onAttempt?.(url.href);
            return await attempt(url);
          } catch (e) {
            const error = e instanceof SourceError ? e : new SourceError('FETCH_NETWORK', String(e?.message ?? e));
            if (i >= o.retries || !retryable(error)) throw error;
            await sleep(o.backoffMs * 2 ** i);
          }
        }
      });
    },
    /** JSON at a URL; throws SourceError. */
    async getJson(text) {
      return parseJsonBytes(await this.get(text), text);
    },
  };
}

export function parseJsonBytes(bytes, where) {
  let text;
  try { text = new TextDecoder('utf-8', { fatal: true }).decode(bytes); } catch {
    throw new SourceError('BAD_JSON', `${where}: not UTF-8`);
  }
  try { return JSON.parse(text); } catch {
    throw new SourceError('BAD_JSON', `${where}: not JSON`);
  }
}
