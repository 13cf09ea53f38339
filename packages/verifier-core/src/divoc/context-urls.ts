// The JSON-LD contexts a DIVOC certificate may name: those contexts.ts ships
// (kept apart from the documents so that the main bundle does not carry them),
// and DIVOC's development namespace, which canonize.ts serves as the v1
// vaccination context.
export const DIVOC_CONTEXT_URLS: ReadonlySet<string> = new Set([
  'https://www.w3.org/2018/credentials/v1',
  'https://w3id.org/security/v1',
  'https://w3id.org/security/v2',
  'https://cowin.gov.in/credentials/vaccination/v1',
  'https://cowin.gov.in/credentials/vaccination/v2',
  'https://divoc.dev/credentials/vaccination/v1',
]);
