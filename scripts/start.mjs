// `npm start`: the demo org of the Okta simulator (unless --no-sim), then the console on SQLite by
// default: migrations, a production build when the sources are newer than the last one, `next start`.
// `npm run dev` (--dev): the same simulator and migrations, then `next dev` with hot reload, no build.
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { buildIsFresh } from './lib/build-state.mjs';

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
// Sign-in with Okta through the demo org, unless sign-in with a real Okta org is configured: the simulator registers
// the console's sign-in app with this run's secret and this console's URL (sim/okta/demo.ts DEMO_SIGN_IN).
const demoSignIn = withSim && !process.env.OKTA_SIGNIN_ISSUER;
const signInSecret = randomBytes(30).toString('base64url');

function stopAll(code = 0) {
  for (const c of children) c.kill('SIGTERM');
  process.exit(code);
}
process.on('SIGINT', () => stopAll(0));
process.on('SIGTERM', () => stopAll(0));

function startSimulator() {
  return new Promise((resolve, reject) => {
    const args = ['node_modules/tsx/dist/cli.mjs', 'sim/okta/cli.ts', '--port', simPort, '--console-url', env.APP_URL];
    const sim = spawn(process.execPath, args, {
      env: demoSignIn ? { ...env, SIM_SIGNIN_CLIENT_SECRET: signInSecret } : env,
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    children.push(sim);
    let out = '';
    sim.stdout.on('data', (chunk) => {
      process.stdout.write(chunk);
      out += chunk;
      const origin = /Okta domain\s*:\s*(\S+)/.exec(out)?.[1];
      const keyFile = /Private key\s*:\s*(\S+)/.exec(out)?.[1];
      if (origin && keyFile && /Control\s*:/.test(out))
        resolve({
          origin,
          clientId: /Client ID\s*:\s*(\S+)/.exec(out)?.[1],
          kid: /Key ID \(kid\)\s*:\s*(\S+)/.exec(out)?.[1],
          keyFile,
          signInClientId: /Sign-in app\s*:\s*client ID (\S+?),/.exec(out)?.[1],
        });
    });
    sim.on('exit', (code) =>
      reject(new Error(`the simulator exited (${code}); is port ${simPort} free? Set SIM_PORT or pass --no-sim`)),
    );
  });
}

function buildIfStale() {
  if (buildIsFresh('.')) return;
  console.log('Building the console (first start, or sources changed)…');
  const res = spawnSync(process.execPath, ['node_modules/next/dist/bin/next', 'build'], { env, stdio: 'inherit' });
  if (res.status !== 0) stopAll(res.status ?? 1);
}

let demo;
if (withSim) {
  demo = await startSimulator();
  env.OKTA_ALLOWED_ORIGINS = [env.OKTA_ALLOWED_ORIGINS, demo.origin].filter(Boolean).join(',');
  if (demoSignIn && demo.signInClientId)
    Object.assign(env, {
      OKTA_SIGNIN_ISSUER: demo.origin,
      OKTA_SIGNIN_CLIENT_ID: demo.signInClientId,
      OKTA_SIGNIN_CLIENT_SECRET: signInSecret,
      OKTA_SIGNIN_ROLE_GROUPS: 'admin:Console Admins;operator:Access Ops;viewer:Console Viewers',
      OKTA_SIGNIN_LABEL: 'Sign in with Okta (demo org)',
    });
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
if (demoSignIn)
  console.log(
    `"Sign in with Okta (demo org)" on the sign-in page: Casey Admin (Console Admins → admin), Olive Operator\n` +
      `(Access Ops → operator), Vic Viewer (Console Viewers → viewer); Nora Nogroup is refused (no console group).\n`,
  );
next.on('exit', (code) => stopAll(code ?? 0));
