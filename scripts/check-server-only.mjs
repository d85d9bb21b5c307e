// Proves the server-only guard: a copy of the repo with one client component importing @/lib/okta must
// fail `next build` with the server-only error. Runs in a temporary folder; the repo is not touched.
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const root = process.cwd();
/** --control builds the same copy without the probe, to show the copy itself builds (run by hand). */
const control = process.argv.includes('--control');
// Inside the repo, so Turbopack's root (set below) covers both the copy and the real node_modules.
fs.mkdirSync(path.join(root, '.probe'), { recursive: true });
const tmp = fs.mkdtempSync(path.join(root, '.probe', 'guard-'));
try {
  const tracked = execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], { encoding: 'utf8' }).split('\0').filter(Boolean);
  for (const f of tracked) {
    if (!/^(app|components|lib|db)\/|^[^/]+\.(js|mjs|ts|json)$/.test(f) || f.includes('.test.') || !fs.existsSync(f)) continue;
    fs.mkdirSync(path.join(tmp, path.dirname(f)), { recursive: true });
    fs.copyFileSync(f, path.join(tmp, f));
  }
  fs.symlinkSync(path.join(root, 'node_modules'), path.join(tmp, 'node_modules'));
  fs.appendFileSync(path.join(tmp, 'next.config.js'), `\nnextConfig.turbopack = { root: ${JSON.stringify(root)} };\n`);
  if (!control) fs.mkdirSync(path.join(tmp, 'app/leak-probe'), { recursive: true });
  if (!control) fs.writeFileSync(
    path.join(tmp, 'app/leak-probe/page.tsx'),
    "'use client';\nimport { parsePrivateKey } from '@/lib/okta';\nexport default function Page() {\n  return <pre>{String(parsePrivateKey(''))}</pre>;\n}\n",
  );
  const res = spawnSync(process.execPath, ['node_modules/next/dist/bin/next', 'build'], {
    cwd: tmp,
    encoding: 'utf8',
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1' },
  });
  const out = `${res.stdout}\n${res.stderr}`;
  if (process.env.DEBUG_CHECK) console.log(out);
  if (control) {
    console.log(res.status === 0 ? 'control: the copy builds without the probe' : `control FAILED:\n${out.slice(-3000)}`);
    process.exit(res.status === 0 ? 0 : 1);
  }
  if (res.status !== 0 && /(depends on|needs) "server-only"/.test(out) && out.includes('leak-probe')) {
    console.log(`ok: next build refuses a client component that imports @/lib/okta:\n${out.split("\n").filter((l) => /server-only/.test(l)).slice(0, 4).join("\n")}`);
    process.exit(0);
  }
  console.error(res.status === 0 ? 'FAIL: the build succeeded although a client component imports @/lib/okta' : `FAIL: the build failed for another reason:\n${out.slice(-3000)}`);
  process.exit(1);
} finally {
  fs.rmSync(tmp, { recursive: true, force: true });
}
