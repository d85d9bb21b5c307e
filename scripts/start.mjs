// `npm start`: the demo org of the Okta simulator (unless --no-sim), then the console on SQLite by
// default: migrations, a production build when the sources are newer than the last one, `next start`.
// `npm run dev` (--dev): the same simulator and migrations, then `next dev` with hot reload, no build.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const port = process.env.PORT ?? '3000';
const simPort = process.env.SIM_PORT ?? '7070';
const withSim = !process.argv.includes('--no-sim');
const dev = process.argv.includes('--dev');
const env = { ...process.env, NEXT_TELEMETRY_DISABLED: '1', NODE_ENV: dev ? 'development' : 'production', APP_URL: process.env.APP_URL ?? `http://localhost:${port}` };
const children = [];

function stopAll(code = 0) {
  for (const c of children) c.kill('SIGTERM');
  process.exit(code);
}
process.on('SIGINT', () => stopAll(0));
process.on('SIGTERM', () => stopAll(0));

function startSimulator() {
  return new Promise((resolve, reject) => {
    const sim = spawn(process.execPath, ['node_modules/tsx/dist/cli.mjs', 'sim/okta/cli.ts', '--port', simPort], { env, stdio: ['ignore', 'pipe', 'inherit'] });
    children.push(sim);
    let out = '';
    sim.stdout.on('data', (chunk) => {
      process.stdout.write(chunk);
      out += chunk;
      const origin = /Okta domain\s*:\s*(\S+)/.exec(out)?.[1];
      if (origin && /Private key/.test(out)) resolve(origin);
    });
    sim.on('exit', (code) => reject(new Error(`the simulator exited (${code}); is port ${simPort} free? Set SIM_PORT or pass --no-sim`)));
  });
}

function newestMtime(dir) {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
    const p = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(p) : fs.statSync(p).mtimeMs);
  }
  return newest;
}

function buildIfStale() {
  const buildId = '.next/BUILD_ID';
  const sources = ['app', 'components', 'lib', 'db'].map(newestMtime);
  const configs = ['package-lock.json', 'next.config.js', 'tailwind.config.ts', 'proxy.ts', 'instrumentation.ts'].map((f) => fs.statSync(f).mtimeMs);
  if (fs.existsSync(buildId) && fs.statSync(buildId).mtimeMs > Math.max(...sources, ...configs)) return;
  console.log('Building the console (first start, or sources changed)…');
  const res = spawnSync(process.execPath, ['node_modules/next/dist/bin/next', 'build'], { env, stdio: 'inherit' });
  if (res.status !== 0) stopAll(res.status ?? 1);
}

if (withSim) {
  const origin = await startSimulator();
  env.OKTA_ALLOWED_ORIGINS = [env.OKTA_ALLOWED_ORIGINS, origin].filter(Boolean).join(',');
}
const migrate = spawnSync(process.execPath, ['node_modules/tsx/dist/cli.mjs', 'db/migrate-cli.ts'], { env, stdio: 'inherit' });
if (migrate.status !== 0) stopAll(migrate.status ?? 1);
if (!dev) buildIfStale();
const next = spawn(process.execPath, ['node_modules/next/dist/bin/next', dev ? 'dev' : 'start', '-p', port], { env, stdio: 'inherit' });
children.push(next);
console.log(`\nConsole: ${env.APP_URL}${withSim ? '  (paste the demo org values above into Integrations → Connect an Okta org)' : ''}\n`);
next.on('exit', (code) => stopAll(code ?? 0));
