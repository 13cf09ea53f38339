// gate-sync's extra output: dist/browser.js, one ES module with the NATS client
// inside. The @nats-io packages ship CommonJS, which a browser cannot import
// without a bundler (an import map over node_modules, as in the demo, would fail),
// so esbuild bundles them here. Node keeps dist/index.js with them as imports.
import path from 'node:path';
import { build } from 'esbuild';

const VIRTUAL = '\0gate-sync-browser';

export default function gateSyncBuild({ root }) {
  const dir = path.join(root, 'packages', 'gate-sync');
  return [{
    input: VIRTUAL,
    // Node's transport is loaded only for nats:// URLs, which a browser never uses.
    external: ['@nats-io/transport-node'],
    plugins: [{
      name: 'esbuild-browser-bundle',
      resolveId: (id) => (id === VIRTUAL ? VIRTUAL : null),
      async load(id) {
        if (id !== VIRTUAL) return null;
        const result = await build({
          entryPoints: [path.join(dir, 'src/index.ts')],
          bundle: true, write: false, format: 'esm', platform: 'browser', target: 'es2022',
          external: ['@nats-io/transport-node'], legalComments: 'inline', logLevel: 'silent',
        });
        return result.outputFiles[0].text;
      },
    }],
    output: { file: path.join(dir, 'dist', 'browser.js'), format: 'es' },
  }];
}
