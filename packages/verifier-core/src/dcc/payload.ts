// A DCC's health certificate (claim -260, key 1) as the JSON its business rules read.
import { CborTag, type CborMap, type CborValue } from '../internal/cbor.js';

/** Tag 0 (date-time text) and tag 1 (epoch seconds) become their RFC 3339 text, as in the DCC's JSON schema. */
function jsonOf(value: CborValue): unknown {
  if (value instanceof Map) return objectOf(value);
  if (Array.isArray(value)) return value.map(jsonOf);
  if (value instanceof CborTag) {
    if (value.tag === 0) return value.value;
    if (value.tag === 1 && typeof value.value === 'number') return new Date(value.value * 1000).toISOString();
    return null;
  }
  return value;
}

function objectOf(map: CborMap): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  // schema.ts admits only text keys and no '__proto__' key in a DCC, so these are plain fields.
  map.forEach((v, k) => { if (typeof k === 'string') out[k] = jsonOf(v); });
  return out;
}

/** The document readDccDocument accepted, as plain JSON. */
export function dccPayloadJson(hcert: CborMap): Record<string, unknown> {
  return objectOf(hcert);
}
