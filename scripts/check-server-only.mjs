// Proves the server-only guard: a copy of the repo with one client component importing @/lib/okta must
// fail `next build` with the server-only error. `--control` builds the same copy without that component,
// to show the copy itself builds (run it by hand). The copy lives in .probe/ and is removed afterwards.
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const root = process.cwd();
const control = process.argv.includes('--control');
const PROBE = "'use client';\nimport { parsePrivateKey } from '@/lib/okta';\nexport default function Page() {\n  return <pre>{String(parsePrivateKey(''))}</pre>;\n}\n";

function copyRepo(dest) {
  const files = execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], { encoding: 'utf8' }).split('\0');
  for (const f of files) {
    if (!/^(app|components|lib|db)\/|^[^/]+\.(js|mjs|ts|json)$/.test(f) || f.includes('.test.') || !fs.existsSync(f)) continue;
    fs.mkdirSync(path.join(dest, path.dirname(f)), { recursive: true });
    fs.copyFileSync(f, path.join(dest, f));
  }
  fs.symlinkSync(path.join(root, 'node_modules'), path.join(dest, 'node_modules'));
  // Turbopack only compiles inside its root; the repo root covers the copy and the real node_modules.
  fs.appendFileSync(path.join(dest, 'next.config.js'), `\nnextConfig.turbopack = { root: ${JSON.stringify(root)} };\n`);
}

function build(dest) {
  const res = spawnSync(process.execPath, ['node_modules/next/dist/bin/next', 'build'], { cwd: dest, encoding: 'utf8', env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1' } });
  return { status: res.status, out: `${res.stdout}\n${res.stderr}` };
}

function verdict({ status, out }) {
  if (control) return status === 0 ? [0, 'control: the copy builds without the probe'] : [1, `control FAILED:\n${out.slice(-3000)}`];
  if (status !== 0 && /(depends on|needs) "server-only"/.test(out) && out.includes('leak-probe'))
    return [0, `ok: next build refuses a client component that imports @/lib/okta:\n${out.split('\n').filter((l) => l.includes('server-only')).slice(0, 2).join('\n')}`];
  return [1, status === 0 ? 'FAIL: the build succeeded although a client component imports @/lib/okta' : `FAIL: the build failed for another reason:\n${out.slice(-3000)}`];
}

fs.mkdirSync(path.join(root, '.probe'), { recursive: true });
const dest = fs.mkdtempSync(path.join(root, '.probe', 'guard-'));
let code = 1;
try {
  copyRepo(dest);
  if (!control) {
    fs.mkdirSync(path.join(dest, 'app/leak-probe'), { recursive: true });
    fs.writeFileSync(path.join(dest, 'app/leak-probe/page.tsx'), PROBE);
  }
  const result = build(dest);
  if (process.env.DEBUG_CHECK) console.log(result.out);
  const [c, message] = verdict(result);
  code = c;
  (c === 0 ? console.log : console.error)(message);
} finally {
  fs.rmSync(dest, { recursive: true, force: true });
}
process.exitCode = code;
