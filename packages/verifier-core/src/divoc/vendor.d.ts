// The little of jsonld.js and rdf-canonize that canonize.ts uses (neither ships types).
declare module 'jsonld' {
  const jsonld: {
    toRDF(input: unknown, options: { documentLoader: (url: string) => Promise<object>; safe?: boolean }): Promise<unknown>;
  };
  export default jsonld;
}
declare module 'rdf-canonize' {
  const rdfCanonize: { canonize(dataset: unknown, options: { algorithm: 'URDNA2015' }): Promise<string> };
  export default rdfCanonize;
}
