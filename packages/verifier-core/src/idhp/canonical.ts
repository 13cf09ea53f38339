// The text IBM Digital Health Pass signs: the credential as JSON with every
// object's keys sorted (by UTF-16 code units, as JavaScript sorts) and no
// whitespace. Arrays keep their order.

/** Deepest nesting a credential may have; real ones go 4 levels deep. */
export const MAX_CREDENTIAL_DEPTH = 32;
/** Most values (objects, arrays, scalars) a credential may hold. */
export const MAX_CREDENTIAL_NODES = 10_000;

/** Canonical JSON of `value`, or undefined when it is nested too deep or too large to be a credential. */
export function canonicalJson(value: unknown): string | undefined {
  const budget = { nodes: MAX_CREDENTIAL_NODES };
  return write(value, 0, budget);
}

function write(value: unknown, depth: number, budget: { nodes: number }): string | undefined {
  if (--budget.nodes < 0 || depth > MAX_CREDENTIAL_DEPTH) return undefined;
  if (Array.isArray(value)) {
    const parts: string[] = [];
    for (const item of value) {
      const text = write(item, depth + 1, budget);
      if (text === undefined) return undefined;
      parts.push(text);
    }
    return `[${parts.join(',')}]`;
  }
  if (typeof value === 'object' && value !== null) {
    const record = value as Record<string, unknown>;
    const parts: string[] = [];
    for (const key of Object.keys(record).sort()) {
      if (record[key] === undefined) continue; // as JSON.stringify: such a key is not in the text that is sent
      const text = write(record[key], depth + 1, budget);
      if (text === undefined) return undefined;
      parts.push(`${JSON.stringify(key)}:${text}`);
    }
    return `{${parts.join(',')}}`;
  }
  // Parsed JSON holds only strings, finite numbers, booleans and null here.
  return JSON.stringify(value) ?? 'null';
}
