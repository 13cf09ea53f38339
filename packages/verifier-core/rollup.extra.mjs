// verifier-core's extra output: dist/divoc-canon.js, the JSON-LD machinery
// (jsonld.js, rdf-canonize and the shipped contexts) as one self-contained ES
// module. verify() imports it only when it meets a DIVOC pass, under the
// package subpath @pass-check/verifier-core/divoc-canon, so nothing else pays
// for it. esbuild bundles it because both libraries are CommonJS.
import path from 'node:path';
import { build } from 'esbuild';

const DECLARATION = `/** URDNA2015 canonical N-Quads of a JSON-LD document, as DIVOC's signer computed them. */
export declare function canonizeAsDivocSigned(document: object): Promise<string>;
export declare class ContextNotShippedError extends Error {}
`;

export default function verifierCoreBuild({ root }) {
  const dir = path.join(root, 'packages', 'verifier-core');
  const VIRTUAL = '\0divoc-canon';
  return [{
    input: VIRTUAL,
    plugins: [{
      name: 'divoc-canon-bundle',
      resolveId: (id) => (id === VIRTUAL ? VIRTUAL : null),
      async load(id) {
        if (id !== VIRTUAL) return null;
        const result = await build({
          entryPoints: [path.join(dir, 'src/divoc/canonize.ts')],
          bundle: true, write: false, format: 'esm', platform: 'browser', target: 'es2022',
          minify: true, legalComments: 'inline', logLevel: 'warning',
          // rdf-canonize's browser digest reads `self.crypto`; Node 20 has the same WebCrypto as `globalThis.crypto`.
          define: { self: 'globalThis' },
        });
        return result.outputFiles[0].text;
      },
      generateBundle() {
        this.emitFile({ type: 'asset', fileName: 'divoc-canon.d.ts', source: DECLARATION });
      },
    }],
    output: { dir: path.join(dir, 'dist'), format: 'es', entryFileNames: 'divoc-canon.js' },
  }];
}
