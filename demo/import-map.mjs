// The import map the demo pages use to load the built packages and their
// dependencies straight from node_modules: what an integrator's bundler would
// resolve, done by the browser instead, with no CDN.
import fs from 'node:fs';
import path from 'node:path';

const conditions = ['browser', 'import', 'module', 'default'];

/** The file an `exports` entry points to in a browser, or undefined (e.g. a node-only or types-only entry). */
function pickTarget(target) {
  if (typeof target === 'string') return target.endsWith('.d.ts') ? undefined : target;
  if (Array.isArray(target)) {
    for (const candidate of target) {
      const picked = pickTarget(candidate);
      if (picked) return picked;
    }
    return undefined;
  }
  if (target && typeof target === 'object') {
    for (const condition of conditions) {
      if (condition in target) {
        const picked = pickTarget(target[condition]);
        if (picked) return picked;
      }
    }
  }
  return undefined;
}

function readManifest(dir) {
  try {
    return JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8'));
  } catch {
    return undefined;
  }
}

/**
 * Maps every package reachable from `rootPackages` through `dependencies`:
 * each exported subpath explicitly, plus a `name/` prefix for packages (like
 * lit) whose subpaths are plain files. Returns { imports, packageDirs } where
 * packageDirs are the folders the server may serve.
 */
export function buildImportMap(repoRoot, rootPackages) {
  const imports = {};
  const packageDirs = new Map();
  const queue = [...rootPackages];
  while (queue.length > 0) {
    const name = queue.shift();
    if (packageDirs.has(name)) continue;
    const dir = path.join(repoRoot, 'node_modules', name);
    const manifest = readManifest(dir);
    if (!manifest) continue;
    packageDirs.set(name, dir);
    const base = `/node_modules/${name}/`;
    const exportsField = manifest.exports;
    if (exportsField && (typeof exportsField === 'string' || Object.keys(exportsField).some((key) => !key.startsWith('.')))) {
      const target = pickTarget(exportsField);
      if (target) imports[name] = base + target.replace(/^\.\//, '');
    } else if (exportsField) {
      for (const [subpath, target] of Object.entries(exportsField)) {
        if (subpath.includes('*')) continue;
        const file = pickTarget(target);
        if (!file) continue;
        imports[subpath === '.' ? name : name + subpath.slice(1)] = base + file.replace(/^\.\//, '');
      }
    } else {
      imports[name] = base + (manifest.module ?? manifest.main ?? 'index.js').replace(/^\.\//, '');
    }
    imports[`${name}/`] ??= base;
    queue.push(...Object.keys(manifest.dependencies ?? {}));
  }
  return { imports, packageDirs };
}
