// URDNA2015 canonical N-Quads of a DIVOC credential and of its proof options,
// with jsonld.js (expansion and RDF conversion, safe mode) and rdf-canonize.
// This module is the heavy part of DIVOC support: it is bundled on its own
// (dist/divoc-canon.js) and loaded only when a DIVOC pass is verified.
//
// The document loader serves only the contexts shipped in contexts.ts: a
// credential naming any other context fails here, and nothing is ever fetched.
//
// DIVOC's quirk, IRIs containing spaces: DIVOC's signer used jsonld 2.0.2,
// which took any "scheme:…" string as an absolute IRI, spaces included (e.g.
// credentialSubject.id "did:Aadhaar Card:…"), kept it in the RDF and wrote it
// unescaped in the N-Quads. Current jsonld drops such triples (they are not
// valid IRIs), so the signed text cannot be rebuilt and authentic
// certificates fail. To verify them as they were signed, every string of the
// credential that starts with a scheme and contains whitespace is swapped for
// a unique placeholder IRI before jsonld runs, and swapped back in the RDF
// dataset before canonicalisation. rdf-canonize 3 writes IRIs unescaped, as
// the 1.x release DIVOC's jsonld used did, so the canonical text (and the
// blank-node hashes computed from it) is the one DIVOC signed. A string used
// as a literal gets its own value back, so only IRIs change treatment.
import jsonld from 'jsonld';
import rdfCanonize from 'rdf-canonize';
import { DIVOC_CONTEXTS } from './contexts.js';

/** Context URLs that serve another shipped document: DIVOC's development namespace is its v1 vaccination context (as in DIVOC's tests). */
const CONTEXT_ALIASES: Readonly<Record<string, string>> = {
  'https://divoc.dev/credentials/vaccination/v1': 'https://cowin.gov.in/credentials/vaccination/v1',
};

export class ContextNotShippedError extends Error {
  override name = 'ContextNotShippedError';
}

async function documentLoader(url: string): Promise<{ contextUrl: null; documentUrl: string; document: object }> {
  const document = DIVOC_CONTEXTS[CONTEXT_ALIASES[url] ?? url];
  if (!document) throw new ContextNotShippedError(`JSON-LD context not shipped with pass-check: ${url.slice(0, 200)}`);
  // A fresh copy: jsonld must not be able to alter the shipped document between calls.
  return { contextUrl: null, documentUrl: url, document: structuredClone(document) };
}

const SCHEME_WITH_SPACE = /^[A-Za-z][A-Za-z0-9+.-]*:.*\s/s;

interface Term { termType: string; value: string }
interface Quad { subject: Term; predicate: Term; object: Term; graph: Term }

/** Canonical N-Quads of a JSON-LD document, as DIVOC's signer computed them (see the top of this file). */
export async function canonizeAsDivocSigned(document: object): Promise<string> {
  const placeholders = new Map<string, string>();
  const nonce = Array.from(crypto.getRandomValues(new Uint8Array(12)), (b) => b.toString(16).padStart(2, '0')).join('');
  const swap = (value: unknown): unknown => {
    if (typeof value === 'string') {
      if (!SCHEME_WITH_SPACE.test(value)) return value;
      const placeholder = `urn:pass-check-space-iri:${nonce}:${placeholders.size}`;
      placeholders.set(placeholder, value);
      return placeholder;
    }
    if (Array.isArray(value)) return value.map(swap);
    if (value && typeof value === 'object') {
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, k === '@context' ? v : swap(v)]));
    }
    return value;
  };
  const dataset = (await jsonld.toRDF(swap(document), { documentLoader, safe: true })) as Quad[];
  for (const quad of dataset) {
    for (const term of [quad.subject, quad.predicate, quad.object, quad.graph]) {
      const original = placeholders.get(term.value);
      if (original !== undefined) term.value = original;
    }
  }
  return rdfCanonize.canonize(dataset, { algorithm: 'URDNA2015' });
}
