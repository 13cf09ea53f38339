// Serving files from a folder, for the two loopback servers of the project (the
// demo, `tools/demo-server.mjs`, and the Storybook smoke test's,
// `stories/tools/static-server.mjs`): the content types they answer with, and a
// read that never leaves its folder.
import fs from 'node:fs/promises';
import path from 'node:path';

const contentTypes = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
};

/** The Content-Type for a file name, by its extension. */
export const contentTypeOf = (file) => contentTypes[path.extname(file)] ?? 'application/octet-stream';

/** `{ file, body }` of `relative` under `root`, or undefined when it is not a file there (or would leave `root`). */
export async function readIfInside(root, relative) {
  const file = path.resolve(root, relative);
  if (file !== root && !file.startsWith(root + path.sep)) return undefined;
  try {
    const stat = await fs.stat(file);
    return stat.isFile() ? { file, body: await fs.readFile(file) } : undefined;
  } catch {
    return undefined;
  }
}
