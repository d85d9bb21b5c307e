// Whether .next holds a build newer than every source and config: `npm start` builds first when it does not, and
// the benchmarks that need a warm start skip themselves.
import fs from 'node:fs';
import path from 'node:path';

function newestMtime(dir) {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
    const p = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(p) : fs.statSync(p).mtimeMs);
  }
  return newest;
}

/** @param {string} root the checkout @returns {boolean} */
export function buildIsFresh(root) {
  const buildId = path.join(root, '.next/BUILD_ID');
  if (!fs.existsSync(buildId)) return false;
  const sources = ['app', 'components', 'lib', 'db'].map((d) => newestMtime(path.join(root, d)));
  const configs = ['package-lock.json', 'next.config.js', 'tailwind.config.ts', 'proxy.ts', 'instrumentation.ts'].map(
    (f) => fs.statSync(path.join(root, f)).mtimeMs,
  );
  return fs.statSync(buildId).mtimeMs > Math.max(...sources, ...configs);
}
