// RFC 8785 JSON Canonicalization Scheme (JCS), for values that came from
// JSON.parse: object keys sorted by UTF-16 code units, no whitespace, strings
// and numbers written as ECMAScript's JSON.stringify writes them (which is
// what RFC 8785 §3.2.2 specifies). Bounded in depth and size. The library's one
// canonical JSON writer: ICAO VDS-NC seals sign this form of `data`, and IBM
// Digital Health Pass signs its credentials in it (sorted keys, no whitespace).

/** Deepest nesting accepted; real seals go 6 levels deep. */
export const MAX_JCS_DEPTH = 32;
/** Most values (objects, arrays, scalars) accepted. */
export const MAX_JCS_NODES = 10_000;

/** A lone surrogate cannot be written as I-JSON (RFC 8785 §3.2.2.2 requires valid Unicode). */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** The canonical text, or undefined for values JCS cannot write (too deep, too big, non-finite, lone surrogates). */
export function canonicalizeJcs(value: unknown): string | undefined {
  const budget = { nodes: MAX_JCS_NODES };
  return write(value, 0, budget);
}

function writeString(text: string): string | undefined {
  return LONE_SURROGATE.test(text) ? undefined : JSON.stringify(text);
}

function write(value: unknown, depth: number, budget: { nodes: number }): string | undefined {
  if (--budget.nodes < 0 || depth > MAX_JCS_DEPTH) return undefined;
  if (value === null || typeof value === 'boolean') return String(value);
  if (typeof value === 'number') return Number.isFinite(value) ? JSON.stringify(value) : undefined;
  if (typeof value === 'string') return writeString(value);
  if (Array.isArray(value)) {
    const parts: string[] = [];
    for (const item of value) {
      const text = write(item, depth + 1, budget);
      if (text === undefined) return undefined;
      parts.push(text);
    }
    return `[${parts.join(',')}]`;
  }
  if (typeof value === 'object') {
    const record = value as Record<string, unknown>;
    const parts: string[] = [];
    // Array.prototype.sort compares UTF-16 code units, the order RFC 8785 §3.2.3 asks for.
    for (const key of Object.keys(record).sort()) {
      if (record[key] === undefined) continue; // as JSON.stringify: not in the text (JSON.parse never makes one)
      const name = writeString(key);
      const text = write(record[key], depth + 1, budget);
      if (name === undefined || text === undefined) return undefined;
      parts.push(`${name}:${text}`);
    }
    return `{${parts.join(',')}}`;
  }
  return undefined;
}
