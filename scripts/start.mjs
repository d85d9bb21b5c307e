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
const env = {
  ...process.env,
  NEXT_TELEMETRY_DISABLED: '1',
  NODE_ENV: dev ? 'development' : 'production',
  APP_URL: process.env.APP_URL ?? `http://localhost:${port}`,
};
const children = [];

function stopAll(code = 0) {
  for (const c of children) c.kill('SIGTERM');
  process.exit(code);
}
process.on('SIGINT', () => stopAll(0));
process.on('SIGTERM', () => stopAll(0));

function startSimulator() {
  return new Promise((resolve, reject) => {
    const sim = spawn(process.execPath, ['node_modules/tsx/dist/cli.mjs', 'sim/okta/cli.ts', '--port', simPort], {
      env,
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    children.push(sim);
    let out = '';
    sim.stdout.on('data', (chunk) => {
      process.stdout.write(chunk);
      out += chunk;
      const origin = /Okta domain\s*:\s*(\S+)/.exec(out)?.[1];
      const keyFile = /Private key\s*:\s*(\S+)/.exec(out)?.[1];
      if (origin && keyFile)
        resolve({
          origin,
          clientId: /Client ID\s*:\s*(\S+)/.exec(out)?.[1],
          kid: /Key ID \(kid\)\s*:\s*(\S+)/.exec(out)?.[1],
          keyFile,
        });
    });
    sim.on('exit', (code) =>
      reject(new Error(`the simulator exited (${code}); is port ${simPort} free? Set SIM_PORT or pass --no-sim`)),
    );
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
  const configs = ['package-lock.json', 'next.config.js', 'tailwind.config.ts', 'proxy.ts', 'instrumentation.ts'].map(
    (f) => fs.statSync(f).mtimeMs,
  );
  if (fs.existsSync(buildId) && fs.statSync(buildId).mtimeMs > Math.max(...sources, ...configs)) return;
  console.log('Building the console (first start, or sources changed)…');
  const res = spawnSync(process.execPath, ['node_modules/next/dist/bin/next', 'build'], { env, stdio: 'inherit' });
  if (res.status !== 0) stopAll(res.status ?? 1);
}

let demo;
if (withSim) {
  demo = await startSimulator();
  env.OKTA_ALLOWED_ORIGINS = [env.OKTA_ALLOWED_ORIGINS, demo.origin].filter(Boolean).join(',');
}
// The server prints the first-run link after the simulator's block has scrolled away: say the demo org's
// values again right under it, with the choice to make in the wizard's key step.
const demoRecap = () =>
  `Demo org for Integrations → Connect an Okta org:\n` +
  `  Okta domain : ${demo.origin}\n  Client ID   : ${demo.clientId}\n  Key ID (kid): ${demo.kid}\n  Private key : ${demo.keyFile}\n` +
  `  In step 3 (Client authentication) choose "Okta generates it"; in step 5 (Connection details) paste these values and the key file's contents.\n`;
const migrate = spawnSync(process.execPath, ['node_modules/tsx/dist/cli.mjs', 'db/migrate-cli.ts'], {
  env,
  stdio: 'inherit',
});
if (migrate.status !== 0) stopAll(migrate.status ?? 1);
if (!dev) buildIfStale();
const next = spawn(process.execPath, ['node_modules/next/dist/bin/next', dev ? 'dev' : 'start', '-p', port], {
  env,
  stdio: ['inherit', 'pipe', 'inherit'],
});
children.push(next);
let pending = '';
next.stdout.on('data', (chunk) => {
  process.stdout.write(chunk);
  if (!demo) return;
  pending += chunk;
  const match = /First run:[^\n]*\n\s*\S+\n/.exec(pending);
  if (match) {
    process.stdout.write(`\n${demoRecap()}\n`);
    pending = pending.slice(match.index + match[0].length);
  } else if (pending.length > 4096) pending = pending.slice(-1024);
});
console.log(
  `\nConsole: ${env.APP_URL}${withSim ? '  (paste the demo org values above into Integrations → Connect an Okta org)' : ''}\n`,
);
next.on('exit', (code) => stopAll(code ?? 0));
