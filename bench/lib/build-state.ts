import fs from 'node:fs';
import path from 'node:path';

// The same test scripts/start.mjs makes: it builds when any source or config is newer than .next/BUILD_ID.
function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
    const p = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(p) : fs.statSync(p).mtimeMs);
  }
  return newest;
}

export function buildIsFresh(root: string): boolean {
  const buildId = path.join(root, '.next/BUILD_ID');
  if (!fs.existsSync(buildId)) return false;
  const sources = ['app', 'components', 'lib', 'db'].map((d) => newestMtime(path.join(root, d)));
  const configs = ['package-lock.json', 'next.config.js', 'tailwind.config.ts', 'proxy.ts', 'instrumentation.ts'].map(
    (f) => fs.statSync(path.join(root, f)).mtimeMs,
  );
  return fs.statSync(buildId).mtimeMs > Math.max(...sources, ...configs);
}
