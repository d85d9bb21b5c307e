// Proves the server-only guard: `next build` refuses a client component that imports @/lib/okta, with the
// server-only error. It builds a small copy, not the whole console a second time: the repo's own next.config.js,
// tsconfig.json, package.json, lib/, db/ and components/ (tests left out), and an app/ of a bare root layout plus
// the probe page, so the build compiles only what the probe reaches and stops at that compile error (tens of
// seconds instead of a second full production build). `--control` builds the same copy with a *server* page
// that imports @/lib/okta instead, to show the copy itself builds (run it by hand). The copy lives in .probe/
// and is removed afterwards.
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const root = process.cwd();
const control = process.argv.includes('--control');
const LAYOUT =
  'export default function RootLayout({ children }: { children: React.ReactNode }) {\n  return (\n    <html lang="en">\n      <body>{children}</body>\n    </html>\n  );\n}\n';
const PROBE =
  "'use client';\nimport { parsePrivateKey } from '@/lib/okta';\nexport default function Page() {\n  return <pre>{String(parsePrivateKey(''))}</pre>;\n}\n";
// The control: the same import on the server side, where it belongs, must build.
const SERVER_PAGE =
  "import { parsePrivateKey } from '@/lib/okta';\nexport const dynamic = 'force-dynamic';\nexport default function Page() {\n  return <pre>{String(parsePrivateKey('').ok)}</pre>;\n}\n";

function copyRepo(dest) {
  const files = execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], {
    encoding: 'utf8',
  }).split('\0');
  for (const f of files) {
    // Only the modules a page can import, and the configuration; the console's own app/ is not built again.
    if (
      !/^(components|lib|db)\/|^(next\.config\.js|tsconfig\.json|package\.json)$/.test(f) ||
      f.includes('.test.') ||
      !fs.existsSync(f)
    )
      continue;
    fs.mkdirSync(path.join(dest, path.dirname(f)), { recursive: true });
    fs.copyFileSync(f, path.join(dest, f));
  }
  fs.symlinkSync(path.join(root, 'node_modules'), path.join(dest, 'node_modules'));
  // Turbopack only compiles inside its root; the repo root covers the copy and the real node_modules.
  fs.appendFileSync(path.join(dest, 'next.config.js'), `\nnextConfig.turbopack = { root: ${JSON.stringify(root)} };\n`);
  fs.mkdirSync(path.join(dest, 'app/leak-probe'), { recursive: true });
  fs.writeFileSync(path.join(dest, 'app/layout.tsx'), LAYOUT);
  // Without its own, Next takes the repo's instrumentation.ts (start-up, the bulk worker) into the build.
  fs.writeFileSync(path.join(dest, 'instrumentation.ts'), 'export function register(): void {}\n');
  fs.writeFileSync(path.join(dest, 'app/leak-probe/page.tsx'), control ? SERVER_PAGE : PROBE);
}

function build(dest) {
  const res = spawnSync(process.execPath, ['node_modules/next/dist/bin/next', 'build'], {
    cwd: dest,
    encoding: 'utf8',
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1' },
  });
  return { status: res.status, out: `${res.stdout}\n${res.stderr}` };
}

function verdict({ status, out }) {
  if (control)
    return status === 0
      ? [0, 'control: the copy builds with a server page importing @/lib/okta']
      : [1, `control FAILED:\n${out.slice(-3000)}`];
  if (status !== 0 && /(depends on|needs) "server-only"/.test(out) && out.includes('leak-probe'))
    return [
      0,
      `ok: next build refuses a client component that imports @/lib/okta:\n${out
        .split('\n')
        .filter((l) => l.includes('server-only') && l.includes('Client Component'))
        .slice(0, 1)
        .join('\n')}`,
    ];
  return [
    1,
    status === 0
      ? 'FAIL: the build succeeded although a client component imports @/lib/okta'
      : `FAIL: the build failed for another reason:\n${out.slice(-3000)}`,
  ];
}

fs.mkdirSync(path.join(root, '.probe'), { recursive: true });
const dest = fs.mkdtempSync(path.join(root, '.probe', 'guard-'));
let code = 1;
try {
  copyRepo(dest);
  // By hand: STRIP_SERVER_ONLY=1 removes `import 'server-only'` from the copy's lib/okta, and the guard must fail.
  if (process.env.STRIP_SERVER_ONLY) {
    for (const f of fs.readdirSync(path.join(dest, 'lib/okta'))) {
      const p = path.join(dest, 'lib/okta', f);
      if (f.endsWith('.ts')) fs.writeFileSync(p, fs.readFileSync(p, 'utf8').replace(/^import 'server-only';\n/m, ''));
    }
  }
  const started = Date.now();
  const result = build(dest);
  if (process.env.DEBUG_CHECK) console.log(result.out);
  const [c, message] = verdict(result);
  code = c;
  (c === 0 ? console.log : console.error)(
    `${message}\n(build of the probe copy: ${Math.round((Date.now() - started) / 1000)} s)`,
  );
} finally {
  fs.rmSync(dest, { recursive: true, force: true });
}
process.exitCode = code;
