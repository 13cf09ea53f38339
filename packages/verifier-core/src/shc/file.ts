import { VerifierError } from '../errors.js';
import { isObject, parseJson } from '../internal/bytes.js';

/** The first JWS of a `.smart-health-card` file (`{"verifiableCredential": [jws, …]}`); nothing may surround the JSON. */
export function firstJwsOfFile(body: string): string {
  if (!body.startsWith('{') || !body.endsWith('}')) throw new VerifierError('MALFORMED', 'characters around the file JSON');
  const file = parseJson(body);
  if (!isObject(file)) throw new VerifierError('MALFORMED', 'not JSON');
  const list = file.verifiableCredential;
  if (!Array.isArray(list) || list.length === 0 || typeof list[0] !== 'string') {
    throw new VerifierError('SCHEMA', 'verifiableCredential must be a non-empty array of JWS');
  }
  return list[0];
}
